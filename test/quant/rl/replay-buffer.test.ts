import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { ReplayBuffer, replayBufferBytes, type ReplayBufferOptions, type StepBatch } from '../../../src/quant/rl/replay-buffer.js';

/**
 * A fake stream of N envs with 2-value observations that name their step and env:
 * obs(t, e) = [100 t + e, -1]; an ended episode's final observation is [100 t + e, 7].
 * `ends(t, e)` says whether transition (t, e) ends its episode ('done', 'truncated' or null).
 */
function feed(buffer: ReplayBuffer, N: number, steps: number, ends: (t: number, e: number) => 'done' | 'truncated' | null, from = 0): void {
  const obs = (t: number) => Float32Array.from({ length: 2 * N }, (_, i) => (i % 2 === 0 ? 100 * t + i / 2 : -1));
  for (let t = from; t < from + steps; t++) {
    const b: StepBatch = {
      observations: obs(t),
      nextObservations: obs(t + 1),
      actions: Int32Array.from({ length: N }, (_, e) => 100 * t + e),
      rewards: Float32Array.from({ length: N }, (_, e) => t + e / 10),
      dones: Uint8Array.from({ length: N }, (_, e) => (ends(t, e) === 'done' ? 1 : 0)),
      truncated: Uint8Array.from({ length: N }, (_, e) => (ends(t, e) === 'truncated' ? 1 : 0)),
      finalObservations: Float32Array.from({ length: 2 * N }, (_, i) => (i % 2 === 0 ? 100 * t + (i - 0) / 2 : 7)),
    };
    buffer.addBatch(b);
  }
}

const options = (extra: Partial<ReplayBufferOptions> = {}): ReplayBufferOptions => ({ envCount: 2, observationSize: 2, actionCount: 3, capacity: 6, ...extra });

/** Every transition the buffer can return, as "t.e" ids read back from the actions. */
function sampledIds(buffer: ReplayBuffer, draws = 400, seed = 1): Set<string> {
  const batch = buffer.createBatch(draws);
  buffer.sample(batch, new RandomStream(seed));
  return new Set(Array.from(batch.actions, (a) => `${Math.floor(a / 100)}.${a % 100}`));
}

describe('ReplayBuffer', () => {
  it('overwrites the oldest step once the ring is full', () => {
    const buffer = new ReplayBuffer(options());
    feed(buffer, 2, 2, () => null);
    expect(buffer.size).toBe(4);
    expect(sampledIds(buffer)).toEqual(new Set(['0.0', '0.1', '1.0', '1.1']));
    feed(buffer, 2, 3, () => null, 2);
    expect(buffer.capacity).toBe(6);
    expect(buffer.size).toBe(6);
    expect(sampledIds(buffer)).toEqual(new Set(['2.0', '2.1', '3.0', '3.1', '4.0', '4.1']));
  });

  it('returns with each transition its own observation, reward and the next observation of its env', () => {
    const buffer = new ReplayBuffer(options({ capacity: 8 }));
    feed(buffer, 2, 7, () => null);
    const batch = buffer.createBatch(64);
    buffer.sample(batch, new RandomStream(3));
    for (let j = 0; j < batch.size; j++) {
      const [t, e] = [Math.floor(batch.actions[j]! / 100), batch.actions[j]! % 100];
      expect([batch.observations[2 * j], batch.nextObservations[2 * j], batch.nextObservations[2 * j + 1]]).toEqual([100 * t + e, 100 * (t + 1) + e, -1]);
      expect(batch.rewards[j]).toBeCloseTo(t + e / 10, 6);
      expect(batch.dones[j]).toBe(0);
      expect(batch.weights[j]).toBe(1);
    }
  });

  it('gives an ended transition its final observation, not the next episode\'s first, and marks only terminals done', () => {
    const ends = (t: number, e: number) => (e === 0 && t % 3 === 2 ? 'done' : e === 1 && t % 2 === 1 ? 'truncated' : null);
    const buffer = new ReplayBuffer(options({ capacity: 12, finalCapacity: 12 }));
    feed(buffer, 2, 9, ends);
    const batch = buffer.createBatch(200);
    buffer.sample(batch, new RandomStream(4));
    const seen = new Set<string>();
    for (let j = 0; j < batch.size; j++) {
      const [t, e] = [Math.floor(batch.actions[j]! / 100), batch.actions[j]! % 100];
      const end = ends(t, e);
      seen.add(end ?? 'none');
      expect(batch.nextObservations[2 * j + 1]).toBe(end ? 7 : -1);
      expect(batch.nextObservations[2 * j]).toBe(end ? 100 * t + e : 100 * (t + 1) + e);
      expect(batch.dones[j]).toBe(end === 'done' ? 1 : 0);
    }
    expect(seen).toEqual(new Set(['done', 'truncated', 'none']));
  });

  it('drops the oldest steps, rather than return a lost final observation, when more episodes end than finalCapacity holds', () => {
    const buffer = new ReplayBuffer(options({ capacity: 20, finalCapacity: 4 }));
    // Every transition ends: only the last 4 final rows exist, i.e. the last 2 steps.
    feed(buffer, 2, 6, () => 'truncated');
    expect(buffer.size).toBe(4);
    expect(sampledIds(buffer)).toEqual(new Set(['4.0', '4.1', '5.0', '5.1']));
    const batch = buffer.createBatch(50);
    buffer.sample(batch, new RandomStream(9));
    for (let j = 0; j < batch.size; j++) expect(batch.nextObservations[2 * j]).toBe(batch.observations[2 * j]);
  });

  it('samples the same transitions for the same seed and others for another seed', () => {
    const buffer = new ReplayBuffer(options({ capacity: 40 }));
    feed(buffer, 2, 20, () => null);
    const draw = (seed: number) => {
      const batch = buffer.createBatch(16);
      buffer.sample(batch, new RandomStream(seed));
      return Array.from(batch.indices);
    };
    expect(draw(11)).toEqual(draw(11));
    expect(draw(12)).not.toEqual(draw(11));
  });

  it('restores into a fresh buffer that samples and continues exactly as the original', () => {
    const opts = options({ capacity: 10, prioritized: { alpha: 0.6, epsilon: 1e-6 }, finalCapacity: 4 });
    const a = new ReplayBuffer(opts);
    feed(a, 2, 7, (t, e) => (t % 3 === e ? 'done' : null));
    const b = new ReplayBuffer(opts);
    b.restore(structuredClone(a.state()));
    for (const buffer of [a, b]) {
      buffer.updatePriorities(Int32Array.of(0, 3, 5), Float32Array.of(2, -0.5, 9));
      feed(buffer, 2, 2, () => null, 7);
    }
    const [x, y] = [a.createBatch(32), b.createBatch(32)];
    a.sample(x, new RandomStream(8), 0.5);
    b.sample(y, new RandomStream(8), 0.5);
    expect(y).toEqual(x);
    expect(() => new ReplayBuffer(options({ capacity: 12 })).restore(a.state())).toThrow(/other options/);
  });

  it('keeps next-state action masks, all allowed after an episode end', () => {
    const buffer = new ReplayBuffer(options({ capacity: 8, masks: true, finalCapacity: 8 }));
    const mask = (t: number) => Uint8Array.from({ length: 6 }, (_, i) => (i % 3 === t % 3 ? 0 : 1));
    for (let t = 0; t < 4; t++) {
      const obs = (k: number) => Float32Array.of(k, 0, k, 1);
      buffer.addBatch({
        observations: obs(t), nextObservations: obs(t + 1), actions: Int32Array.of(t, t), rewards: new Float32Array(2),
        dones: Uint8Array.of(0, t === 1 ? 1 : 0), truncated: new Uint8Array(2), finalObservations: new Float32Array(4),
        masks: mask(t), nextMasks: mask(t + 1),
      });
    }
    const batch = buffer.createBatch(64);
    buffer.sample(batch, new RandomStream(2));
    for (let j = 0; j < batch.size; j++) {
      const [t, e] = [batch.actions[j]!, batch.indices[j]! % 2];
      const expected = t === 1 && e === 1 ? [1, 1, 1] : Array.from(mask(t + 1).subarray(0, 3));
      expect(Array.from(batch.nextMasks!.subarray(3 * j, 3 * j + 3))).toEqual(expected);
    }
  });

  it('keeps the interrupted transitions\' own next observations when an env restarts its stream', () => {
    const buffer = new ReplayBuffer(options({ capacity: 8, finalCapacity: 4 }));
    feed(buffer, 2, 3, () => null);
    // Step 3 arrives with the observations of step 10 (a rebuilt env): transitions of step 2
    // must still lead to step 3's observations, and step 3's own start from step 10's.
    feed(buffer, 2, 1, () => null, 10);
    const batch = buffer.createBatch(200);
    buffer.sample(batch, new RandomStream(5));
    for (let j = 0; j < batch.size; j++) {
      const [t, e] = [Math.floor(batch.actions[j]! / 100), batch.actions[j]! % 100];
      expect([batch.observations[2 * j], batch.nextObservations[2 * j], batch.nextObservations[2 * j + 1]]).toEqual([100 * t + e, 100 * (t + 1) + e, -1]);
    }
    expect(sampledIds(buffer)).toEqual(new Set(['0.0', '0.1', '1.0', '1.1', '2.0', '2.1', '10.0', '10.1']));
  });

  it('states its memory footprint and refuses one above the limit, naming what to lower', () => {
    const trading = { envCount: 8, observationSize: 1175, actionCount: 3, capacity: 100_000 };
    const bytes = replayBufferBytes(trading);
    // Stored once: 100k x 1175 floats = 470 MB, plus 1/16 of that for final observations.
    expect(bytes).toBeGreaterThan(470e6);
    expect(bytes).toBeLessThan(470e6 * (1 + 1 / 16) + 5e6);
    expect(() => new ReplayBuffer({ ...trading, maxBytes: 400e6 })).toThrow(/MB needed.*observationSize 1175.*lower capacity or raise maxBytes/);
  });
});

describe('ReplayBuffer with n-step returns', () => {
  /** Per sampled step t (env 0): [summed reward, horizon, next observation, its marker, done]. */
  function windows(buffer: ReplayBuffer): Map<number, number[]> {
    const batch = buffer.createBatch(300);
    buffer.sample(batch, new RandomStream(7));
    const out = new Map<number, number[]>();
    for (let j = 0; j < batch.size; j++) {
      out.set(Math.floor(batch.actions[j]! / 100), [batch.rewards[j]!, batch.horizons[j]!, batch.nextObservations[2 * j]!, batch.nextObservations[2 * j + 1]!, batch.dones[j]!]);
    }
    return new Map([...out].sort((a, b) => a[0] - b[0]));
  }

  it('sums up to n discounted rewards, stopping after a truncation (bootstrap from its final observation) or a terminal (no bootstrap)', () => {
    const buffer = new ReplayBuffer({ envCount: 1, observationSize: 2, actionCount: 3, capacity: 10, finalCapacity: 10, nStep: { steps: 3, gamma: 0.5 } });
    // Rewards r_t = t; step 2 is cut by a time limit, step 4 is terminal; steps 0..6 stored.
    feed(buffer, 1, 7, (t) => (t === 2 ? 'truncated' : t === 4 ? 'done' : null));
    expect(windows(buffer)).toEqual(new Map([
      [0, [0 + 0.5 * 1 + 0.25 * 2, 3, 200, 7, 0]], // the window ends at the truncation, its final observation next
      [1, [1 + 0.5 * 2, 2, 200, 7, 0]],
      [2, [2, 1, 200, 7, 0]],
      [3, [3 + 0.5 * 4, 2, 400, 7, 1]], // ends at the terminal: done, the next episode's rewards left out
      [4, [4, 1, 400, 7, 1]],
      [5, [5 + 0.5 * 6, 2, 700, -1, 0]], // only steps 5 and 6 exist yet
      [6, [6, 1, 700, -1, 0]],
    ]));
    feed(buffer, 1, 1, () => null, 7);
    expect(windows(buffer).get(5)).toEqual([5 + 0.5 * 6 + 0.25 * 7, 3, 800, -1, 0]);
  });

  it('gives one-step transitions (horizon 1, the plain reward) when n is 1', () => {
    const buffer = new ReplayBuffer({ envCount: 1, observationSize: 2, actionCount: 3, capacity: 10, nStep: { steps: 1, gamma: 0.5 } });
    feed(buffer, 1, 5, () => null);
    for (const [t, [reward, horizon, next]] of windows(buffer)) expect([reward, horizon, next]).toEqual([t, 1, 100 * (t + 1)]);
  });

  it('keeps each env\'s window to its own rewards, across the ring\'s wrap-around', () => {
    const buffer = new ReplayBuffer(options({ capacity: 8, nStep: { steps: 2, gamma: 0.5 } }));
    feed(buffer, 2, 9, () => null);
    const batch = buffer.createBatch(200);
    buffer.sample(batch, new RandomStream(2));
    for (let j = 0; j < batch.size; j++) {
      const [t, e] = [Math.floor(batch.actions[j]! / 100), batch.actions[j]! % 100];
      const m = t === 8 ? 1 : 2;
      expect(batch.horizons[j]).toBe(m);
      expect(batch.rewards[j]).toBeCloseTo(m === 1 ? t + e / 10 : t + e / 10 + 0.5 * (t + 1 + e / 10), 5);
      expect(batch.nextObservations[2 * j]).toBe(100 * (t + m) + e);
    }
  });

  it('refuses n below 1 or gamma outside [0, 1]', () => {
    expect(() => new ReplayBuffer(options({ nStep: { steps: 0, gamma: 0.9 } }))).toThrow(/nStep needs steps an integer >= 1/);
    expect(() => new ReplayBuffer(options({ nStep: { steps: 3, gamma: 1.5 } }))).toThrow(/gamma in \[0, 1\]/);
  });
});

describe('ReplayBuffer with prioritized replay', () => {
  it('weighs samples by (p_min / p_i)^beta with p = (|delta| + eps)^alpha, the hand values of (N P(i))^-beta / max w', () => {
    const buffer = new ReplayBuffer(options({ capacity: 4, prioritized: { alpha: 0.5, epsilon: 0 + 1e-9 } }));
    feed(buffer, 2, 2, () => null);
    // Priorities^alpha: |delta| 1, 4, 9, 16 -> 1, 2, 3, 4; P = 0.1, 0.2, 0.3, 0.4; N = 4.
    buffer.updatePriorities(Int32Array.of(0, 1, 2, 3), Float32Array.of(1, -4, 9, 16));
    const batch = buffer.createBatch(200);
    buffer.sample(batch, new RandomStream(6), 0.4);
    const handWeight = (P: number) => (4 * P) ** -0.4 / (4 * 0.1) ** -0.4;
    const seen = new Set<number>();
    for (let j = 0; j < batch.size; j++) {
      const slot = batch.indices[j]!;
      seen.add(slot);
      expect(batch.weights[j]).toBeCloseTo(handWeight((slot + 1) / 10), 5);
    }
    expect(seen.size).toBe(4);
  });

  it('samples slots in proportion to their priorities by stratified segments', () => {
    const buffer = new ReplayBuffer(options({ capacity: 4, prioritized: { alpha: 1, epsilon: 1e-9 } }));
    feed(buffer, 2, 2, () => null);
    buffer.updatePriorities(Int32Array.of(0, 1, 2, 3), Float32Array.of(1, 0, 3, 4));
    const batch = buffer.createBatch(8);
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < 500; k++) {
      buffer.sample(batch, new RandomStream(1, k));
      for (const slot of batch.indices) counts[slot]! += 1;
    }
    // Stratified: with total 8 and 8 segments, each batch holds exactly the expected counts.
    expect(counts).toEqual([500, 0, 1500, 2000]);
  });

  it('gives new transitions the largest priority seen so far', () => {
    const buffer = new ReplayBuffer(options({ capacity: 6, prioritized: { alpha: 1, epsilon: 1e-9 } }));
    feed(buffer, 2, 1, () => null);
    buffer.updatePriorities(Int32Array.of(0, 1), Float32Array.of(5, 0.5));
    feed(buffer, 2, 1, () => null, 1);
    const batch = buffer.createBatch(1000);
    buffer.sample(batch, new RandomStream(3), 1);
    const counts = [0, 0, 0, 0];
    for (const slot of batch.indices) counts[slot]! += 1;
    const total = 5 + 0.5 + 5 + 5;
    counts.forEach((c, slot) => expect(c / 1000).toBeCloseTo([5, 0.5, 5, 5][slot]! / total, 1));
  });
});
