import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { computeGae } from '../../../src/quant/rl/gae.js';

const [STEPS, ENVS, GAMMA, LAMBDA] = [9, 3, 0.9, 0.8];

/** A fixed trajectory with terminals and truncations, in the middle and on the last step. */
function trajectory() {
  const random = new RandomStream(21);
  const draw = (n: number) => Float64Array.from({ length: n }, () => random.nextNormal());
  const dones = new Uint8Array(STEPS * ENVS);
  const truncated = new Uint8Array(STEPS * ENVS);
  for (const [t, e] of [[2, 0], [5, 0], [4, 1], [8, 2]]) dones[t! * ENVS + e!] = 1;
  for (const [t, e] of [[7, 0], [1, 1], [6, 1], [8, 1], [3, 2]]) truncated[t! * ENVS + e!] = 1;
  return { rewards: draw(STEPS * ENVS), values: draw(STEPS * ENVS), finalValues: draw(STEPS * ENVS), nextValues: draw(ENVS), dones, truncated };
}

/**
 * The reference, written another way: per env, split the rollout into episode pieces and
 * sum the discounted TD errors forward, A_t = Σ_k (γλ)^k δ_{t+k} up to the piece's end.
 */
function reference(x: ReturnType<typeof trajectory>): Float64Array {
  const out = new Float64Array(STEPS * ENVS);
  for (let e = 0; e < ENVS; e++) {
    const at = (t: number) => t * ENVS + e;
    const delta: number[] = [];
    const ends: boolean[] = [];
    for (let t = 0; t < STEPS; t++) {
      const terminal = x.dones[at(t)] === 1;
      const cut = x.truncated[at(t)] === 1;
      const bootstrap = terminal ? 0 : cut ? x.finalValues[at(t)]! : t + 1 < STEPS ? x.values[at(t + 1)]! : x.nextValues[e]!;
      delta.push(x.rewards[at(t)]! + GAMMA * bootstrap - x.values[at(t)]!);
      ends.push(terminal || cut);
    }
    for (let t = 0; t < STEPS; t++) {
      let sum = 0;
      for (let k = t; k < STEPS; k++) {
        sum += (GAMMA * LAMBDA) ** (k - t) * delta[k]!;
        if (ends[k]) break;
      }
      out[at(t)] = sum;
    }
  }
  return out;
}

function run(x: ReturnType<typeof trajectory>, lambda = LAMBDA) {
  const advantages = new Float64Array(STEPS * ENVS);
  const returns = new Float64Array(STEPS * ENVS);
  computeGae({ steps: STEPS, envs: ENVS, ...x, gamma: GAMMA, lambda, advantages, returns });
  return { advantages, returns };
}

describe('computeGae', () => {
  it('matches a forward-sum reference on a trajectory with terminals and truncations', () => {
    const x = trajectory();
    const { advantages, returns } = run(x);
    const expected = reference(x);
    for (let i = 0; i < STEPS * ENVS; i++) {
      expect(Math.abs(advantages[i]! - expected[i]!)).toBeLessThan(1e-12);
      expect(Math.abs(returns[i]! - (expected[i]! + x.values[i]!))).toBeLessThan(1e-12);
    }
  });

  it('bootstraps a truncated step from its final value and a terminal step from nothing', () => {
    const x = trajectory();
    const { advantages } = run(x);
    // Env 1 is truncated at t = 1 and env 0 ends in a terminal at t = 2: one-step errors.
    expect(advantages[1 * ENVS + 1]).toBeCloseTo(x.rewards[1 * ENVS + 1]! + GAMMA * x.finalValues[1 * ENVS + 1]! - x.values[1 * ENVS + 1]!, 12);
    expect(advantages[2 * ENVS + 0]).toBeCloseTo(x.rewards[2 * ENVS + 0]! - x.values[2 * ENVS + 0]!, 12);
    // Final values are read only where a row was truncated.
    const changed = { ...x, finalValues: x.finalValues.map((v, i) => (x.truncated[i] ? v : v + 100)) };
    expect(run(changed).advantages).toEqual(advantages);
  });

  it('gives Monte-Carlo returns at λ = 1 with V = 0 and no bootstrap', () => {
    const x = { ...trajectory(), values: new Float64Array(STEPS * ENVS), finalValues: new Float64Array(STEPS * ENVS), nextValues: new Float64Array(ENVS) };
    const { returns } = run(x, 1);
    // Env 2 ends at t = 3 (truncated); its step-0 return is the discounted sum of rewards 0..3.
    const expected = [0, 1, 2, 3].reduce((s, t) => s + GAMMA ** t * x.rewards[t * ENVS + 2]!, 0);
    expect(returns[2]).toBeCloseTo(expected, 12);
  });

  it('rejects arrays shorter than the rollout', () => {
    const x = trajectory();
    expect(() => computeGae({ steps: STEPS, envs: ENVS, ...x, rewards: new Float64Array(3), gamma: GAMMA, lambda: LAMBDA, advantages: new Float64Array(STEPS * ENVS), returns: new Float64Array(STEPS * ENVS) })).toThrow(/rewards/);
  });
});
