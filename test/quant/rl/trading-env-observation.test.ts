import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/quant/rl/env-actions.js';
import type { EnvConfig } from '../../../src/quant/rl/env-config.js';
import { createEnvMarket, type EnvMarket } from '../../../src/quant/rl/env-market.js';
import { PORTFOLIO_FEATURES, PORTFOLIO_STATE as S } from '../../../src/quant/rl/env-observation.js';
import { TradingEnv } from '../../../src/quant/rl/trading-env.js';

const FEATURES = 3;
const ROWS = 12;

/** One ticker of ROWS rows; feature j of row r is 10 r + j, so a value names its row and column. Rows 0..1 are warm-up (-1). */
function market(change?: (m: { open: Float64Array; close: Float64Array; features: Float32Array }) => void): EnvMarket {
  const columns = {
    open: Float64Array.from({ length: ROWS }, (_, r) => 100 + r + 0.5),
    close: Float64Array.from({ length: ROWS }, (_, r) => 100 + r),
    features: Float32Array.from({ length: ROWS * FEATURES }, (_, k) => 10 * Math.floor(k / FEATURES) + (k % FEATURES)),
  };
  change?.(columns);
  return createEnvMarket({
    tickerStart: Int32Array.of(0, ROWS),
    dates: Int32Array.from({ length: ROWS }, (_, r) => 11_000 + r),
    ...columns,
    featureCount: FEATURES,
    segment: Int8Array.from({ length: ROWS }, (_, r) => (r < 2 ? -1 : 0)),
  });
}

function env(m: EnvMarket, config: Partial<EnvConfig> = {}): TradingEnv {
  return TradingEnv.evaluation({ market: m, segment: 'train', config: { lookback: 4, commissionBps: 0, slippageBps: 0, ...config } });
}

function observe(e: TradingEnv): Float32Array {
  const out = new Float32Array(e.count * e.observationSize);
  e.observe(out);
  return out;
}

describe('TradingEnv observations', () => {
  it('shows the last lookback feature rows oldest first, then 15 portfolio-state values', () => {
    const e = env(market());
    expect(e.observationSize).toBe(4 * FEATURES + PORTFOLIO_FEATURES);
    expect(e.startRow[0]).toBe(3);
    const window = [...observe(e).subarray(0, 4 * FEATURES)];
    expect(window).toEqual([0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32]);
    e.step(Int32Array.of(ACTION.hold));
    expect([...observe(e).subarray(0, 4 * FEATURES)]).toEqual([10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42]);
  });

  it("shows only the current row with observation 'last-row'", () => {
    const e = env(market(), { observation: 'last-row' });
    expect(e.observationSize).toBe(FEATURES + PORTFOLIO_FEATURES);
    expect([...observe(e).subarray(0, FEATURES)]).toEqual([30, 31, 32]);
  });

  it('places each portfolio-state value at its documented offset', () => {
    const e = env(market(), { barScale: 4, initialCash: 1000 });
    const at = 4 * FEATURES;
    const start = observe(e).subarray(at);
    expect([start[S.cash], start[S.position], start[S.remaining], start[S.lastAction], start[S.barsInPosition]]).toEqual([1, 0, 1, 0, 0]);
    e.step(Int32Array.of(ACTION.buy100));
    const held = observe(e).subarray(at);
    // Bought 1000 / 104.5 shares at row 4's open, marked at its close 104.
    const value = (1000 / 104.5) * 104;
    expect(held[S.cash]).toBe(0);
    expect(held[S.position]).toBeCloseTo(1, 6);
    expect(held[S.unrealizedPnl]).toBeCloseTo(value / 1000 - 1, 6);
    expect(held[S.drawdown]).toBeCloseTo(1 - value / 1000, 6);
    expect(held[S.maxDrawdown]).toBeCloseTo(1 - value / 1000, 6);
    expect([held[S.barsInPosition], held[S.barsSinceTrade], held[S.lastAction]]).toEqual([0.25, 0, 0.5]);
    expect(held[S.remaining]).toBeCloseTo(7 / 8, 6);
    expect(held[S.dsrA]).toBeCloseTo(0.01 * (value / 1000 - 1), 8);
    e.step(Int32Array.of(ACTION.sell100));
    const sold = observe(e).subarray(at);
    const cash = (1000 / 104.5) * 105.5;
    expect(sold[S.cash]).toBe(1);
    expect(sold[S.realizedPnl]).toBeCloseTo(cash / 1000 - 1, 6);
    expect(sold[S.costPaid]).toBe(0);
    expect([sold[S.barsInPosition], sold[S.lastAction]]).toEqual([0, 1]);
  });

  it('counts commission and slippage paid, as a fraction of the initial cash', () => {
    const e = env(market(), { commissionBps: 10, slippageBps: 20, initialCash: 1000 });
    e.step(Int32Array.of(ACTION.buy100));
    const shares = 1000 / (104.5 * 1.002 * 1.001);
    expect(observe(e)[4 * FEATURES + S.costPaid]).toBeCloseTo((1000 - shares * 104.5) / 1000, 7);
  });

  it('never shows a later row: changing every row after bar t leaves the observations up to t unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 0.5, max: 2, noNaN: true }), (actions, scale) => {
        const t = 3 + actions.length;
        const future = market((m) => {
          for (let r = t + 1; r < ROWS; r++) {
            m.open[r]! *= scale;
            m.close[r]! *= scale;
            for (let j = 0; j < FEATURES; j++) m.features[r * FEATURES + j] = -1;
          }
        });
        const [a, b] = [env(market()), env(future)];
        for (const action of actions) {
          expect(observe(b)).toEqual(observe(a));
          a.step(Int32Array.of(action));
          b.step(Int32Array.of(action));
        }
        expect(a.row[0]).toBe(t);
        expect(observe(b)).toEqual(observe(a));
        expect(b.trace.equity[0]).toBe(a.trace.equity[0]);
      }),
    );
  });

  it('writes the last bar into finalObservations when the episode ends', () => {
    const e = env(market(), { observation: 'last-row' });
    for (let k = 0; k < 7; k++) e.step(Int32Array.of(ACTION.hold));
    expect(e.truncated[0]).toBe(0);
    const before = observe(e);
    e.step(Int32Array.of(ACTION.hold));
    expect([e.dones[0], e.truncated[0], e.active[0]]).toEqual([0, 1, 0]);
    expect([...e.finalObservations.subarray(0, FEATURES)]).toEqual([110, 111, 112]);
    expect(e.finalObservations[FEATURES + S.remaining]).toBe(0);
    expect(before[FEATURES + S.remaining]).toBe(1 / 8);
  });
});
