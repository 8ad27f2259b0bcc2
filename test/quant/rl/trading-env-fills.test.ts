import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/quant/rl/env-actions.js';
import type { EnvConfig } from '../../../src/quant/rl/env-config.js';
import { createEnvMarket, type EnvMarket } from '../../../src/quant/rl/env-market.js';
import { TradingEnv } from '../../../src/quant/rl/trading-env.js';

/** One ticker, every row in train, one constant feature: an evaluation over 'train' runs rows 0 .. n-1 once. */
function oneTicker(close: readonly number[], open: readonly number[] = close): EnvMarket {
  const n = close.length;
  return createEnvMarket({
    tickerStart: Int32Array.of(0, n),
    dates: Int32Array.from({ length: n }, (_, t) => 10_957 + t),
    open: Float64Array.from(open),
    close: Float64Array.from(close),
    features: new Float32Array(n),
    featureCount: 1,
    segment: new Int8Array(n),
  });
}

function envOn(market: EnvMarket, config: Partial<EnvConfig> = {}): TradingEnv {
  return TradingEnv.evaluation({ market, segment: 'train', config: { lookback: 1, ...config } });
}

/** Steps env 0 through `actions` (one per step until the episode ends); returns equity after each step. */
function run(env: TradingEnv, actions: readonly number[], each?: () => void): number[] {
  const equity: number[] = [];
  const one = new Int32Array(1);
  for (const action of actions) {
    if (env.active[0] === 0) break;
    one[0] = action;
    env.step(one);
    equity.push(env.trace.equity[0]!);
    each?.();
  }
  return equity;
}

const price = fc.double({ min: 0.01, max: 10_000, noNaN: true });
const bps = fc.double({ min: 0, max: 200, noNaN: true });
/** A price path of 2..40 bars with some opens missing, and one action per step. */
const path = fc.integer({ min: 2, max: 40 }).chain((n) =>
  fc.record({
    close: fc.array(price, { minLength: n, maxLength: n }),
    open: fc.array(fc.oneof(price, price, fc.constant(NaN)), { minLength: n, maxLength: n }),
    actions: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: n - 1, maxLength: n - 1 }),
  }),
);
const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('TradingEnv fills and accounting', () => {
  it('leaves equity exactly at the initial cash, and every reward exactly 0, when it always holds', () => {
    fc.assert(
      fc.property(path, bps, bps, ({ close, open }, commissionBps, slippageBps) => {
        const env = envOn(oneTicker(close, open), { commissionBps, slippageBps, initialCash: 12_345.678 });
        const equity = run(env, close.slice(1).map(() => ACTION.hold), () => expect(env.rewards[0]).toBe(0));
        expect(equity.every((e) => e === 12_345.678)).toBe(true);
        expect(env.drainEpisodes()[0]!.equity.every((e) => e === 12_345.678)).toBe(true);
      }),
    );
  });

  it('ends at E0 P_T / (P_fill (1 + s)(1 + c)) after buying 100% at the first step and holding, times (1 - s)(1 - c) when liquidated', () => {
    fc.assert(
      fc.property(path, bps, bps, fc.boolean(), ({ close, open }, commissionBps, slippageBps, liquidateAtEnd) => {
        const env = envOn(oneTicker(close, open), { commissionBps, slippageBps, liquidateAtEnd, initialCash: 1000 });
        const equity = run(env, [ACTION.buy100, ...close.slice(2).map(() => ACTION.hold)]);
        const [c, s] = [commissionBps / 1e4, slippageBps / 1e4];
        const fill = Number.isNaN(open[1]!) ? close[1]! : open[1]!;
        const held = (1000 * close.at(-1)!) / (fill * (1 + s) * (1 + c));
        const expected = liquidateAtEnd ? held * (1 - s) * (1 - c) : held;
        expect(relative(equity.at(-1)!, expected)).toBeLessThan(1e-12);
        const result = env.drainEpisodes()[0]!;
        expect(result.liquidated).toBe(liquidateAtEnd);
        expect(result.stats.trades).toBe(liquidateAtEnd ? 2 : 1);
      }),
    );
  });

  it('never ends with more equity when commission or slippage rises, for a fixed action sequence', () => {
    const more = fc.integer({ min: 0, max: 100 });
    fc.assert(
      fc.property(path, bps, bps, more, more, fc.boolean(), ({ close, open, actions }, c, s, dc, ds, liquidateAtEnd) => {
        const final = (commissionBps: number, slippageBps: number): number =>
          run(envOn(oneTicker(close, open), { commissionBps, slippageBps, liquidateAtEnd }), actions).at(-1)!;
        expect(final(c + dc, s + ds)).toBeLessThanOrEqual(final(c, s) * (1 + 1e-12));
      }),
    );
  });

  it('never lets cash or shares go negative, and keeps equity = cash + shares x close', () => {
    fc.assert(
      fc.property(path, bps, bps, ({ close, open, actions }, commissionBps, slippageBps) => {
        const env = envOn(oneTicker(close, open), { commissionBps, slippageBps });
        const p = env.portfolio;
        run(env, actions, () => {
          expect(p.cash[0]).toBeGreaterThanOrEqual(0);
          expect(p.shares[0]).toBeGreaterThanOrEqual(0);
          const marked = p.cash[0]! + p.shares[0]! * close[env.row[0]!]!;
          expect(relative(env.trace.equity[0]!, marked)).toBeLessThan(1e-12);
        });
      }),
    );
  });

  it('spends exactly the fraction of cash a buy names, costs included', () => {
    fc.assert(
      fc.property(path, bps, bps, fc.integer({ min: 1, max: 4 }), ({ close, open, actions }, commissionBps, slippageBps, buy) => {
        const market = oneTicker(close, open);
        const env = envOn(market, { commissionBps, slippageBps });
        const p = env.portfolio;
        run(env, actions.slice(0, -1));
        const [cash, next] = [p.cash[0]!, env.row[0]! + 1];
        run(env, [buy]);
        if (cash === 0) return;
        const fraction = [0, 0.25, 0.5, 0.75, 1][buy]!;
        const fill = Number.isNaN(open[next]!) ? close[next]! : open[next]!;
        const outlay = p.lastShares[0]! * fill * (1 + slippageBps / 1e4) * (1 + commissionBps / 1e4);
        expect(relative(outlay, fraction * cash)).toBeLessThan(1e-12);
        expect(relative(cash - p.cash[0]!, fraction * cash)).toBeLessThan(1e-15);
        if (buy === ACTION.buy50) expect(p.cash[0]).toBe(cash / 2);
        if (buy === ACTION.buy100) expect(p.cash[0]).toBe(0);
      }),
    );
  });

  it('fills at the next bar open: changing bar t + 1 open changes the fill, changing bar t open does not', () => {
    const close = [100, 101, 102, 103];
    const shares = (open: number[]): number => {
      const env = envOn(oneTicker(close, open));
      run(env, [ACTION.hold, ACTION.buy100]);
      return env.portfolio.shares[0]!;
    };
    const base = shares([100, 101, 102, 103]);
    expect(shares([100, 150, 102, 103])).toBe(base);
    expect(shares([100, 101, 90, 103])).not.toBe(base);
    expect(shares([100, 101, 90, 103])).toBeGreaterThan(base);
  });

  it('fills at the next bar close when its open is missing, and flags and counts it', () => {
    const env = envOn(oneTicker([100, 101, 102, 103], [100, 101, NaN, NaN]), { commissionBps: 0, slippageBps: 0 });
    run(env, [ACTION.hold], () => expect(env.trace.fallback[0]).toBe(0));
    run(env, [ACTION.buy100], () => expect(env.trace.fallback[0]).toBe(1));
    expect(env.portfolio.shares[0]).toBe(100_000 / 102);
    run(env, [ACTION.hold], () => expect(env.trace.fallback[0]).toBe(0));
    expect(env.drainEpisodes()[0]!.fallbackFills).toBe(1);
  });

  it('counts infeasible actions and leaves the account untouched by them', () => {
    const env = envOn(oneTicker([100, 101, 102, 103, 104, 105]));
    const p = env.portfolio;
    run(env, [ACTION.sell100], () => expect(env.trace.outcome[0]).toBe(-1));
    expect([p.cash[0], p.shares[0], p.infeasible[0]]).toEqual([100_000, 0, 1]);
    run(env, [ACTION.buy100, ACTION.buy25]);
    expect(p.infeasible[0]).toBe(2);
    expect(p.cash[0]).toBe(0);
    run(env, [ACTION.sell50, ACTION.sell100]);
    expect(p.shares[0]).toBe(0);
    expect(p.infeasible[0]).toBe(2);
    const result = env.drainEpisodes()[0]!;
    expect(result.infeasibleActions).toBe(2);
    expect(result.stats).toMatchObject({ trades: 3, roundTrips: 1 });
  });

  it('masks buys without cash and sells without shares', () => {
    const env = envOn(oneTicker([100, 101, 102, 103, 104]));
    const mask = new Uint8Array(9);
    const masked = (): number[] => {
      env.actionMask(mask);
      return [...mask];
    };
    expect(masked()).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0]);
    run(env, [ACTION.buy100]);
    expect(masked()).toEqual([1, 0, 0, 0, 0, 1, 1, 1, 1]);
    run(env, [ACTION.sell50]);
    expect(masked()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    run(env, [ACTION.hold, ACTION.hold]);
    expect(env.active[0]).toBe(0);
    expect(masked()).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('agrees with the mask: every masked-out action is infeasible and every allowed one is not', () => {
    fc.assert(
      fc.property(path, ({ close, open, actions }) => {
        const env = envOn(oneTicker(close, open));
        const mask = new Uint8Array(9);
        for (const action of actions) {
          env.actionMask(mask);
          run(env, [action]);
          expect(env.trace.outcome[0] === -1).toBe(mask[action] === 0);
        }
      }),
    );
  });

  it('rejects an action outside 0..8', () => {
    const env = envOn(oneTicker([100, 101, 102]));
    expect(() => env.step(Int32Array.of(9))).toThrow(/actions are integers 0..8/);
    expect(() => env.step([1.5])).toThrow(/env 0 got action 1.5/);
  });
});
