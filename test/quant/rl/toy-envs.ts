/**
 * Small VectorEnv implementations for the RL tests, each with a known optimal policy:
 * 1. ContextualBandit: one-step episodes; the one-hot observation names the arm that pays
 *    1 (or, with `noise`, every arm pays 0 or 1 at random); with `temptingMaskedArm`, an
 *    extra arm pays 5 but is always masked out;
 * 2. ChainWalk: a corridor; moving right from the left end to the right end pays 1 and
 *    ends the episode (other steps cost `stepCost`), and a time limit truncates slow episodes;
 * 3. EndlessStream: one action, never terminal, truncated every `timeLimit` steps; an
 *    episode starts in state A (reward 0) and stays in state B (reward 1 per step) after,
 *    and no observation carries the clock. The true values are V(B) = 1 / (1 - γ) and
 *    V(A) = γ V(B); treating a truncation as a terminal, or bootstrapping from the next
 *    episode's first observation, pulls V(B) below that.
 */
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import type { VectorEnv } from '../../../src/quant/rl/vector-env.js';

/** The buffers every toy env fills the same way. */
abstract class ToyEnv implements VectorEnv {
  readonly rewards: Float32Array;
  readonly dones: Uint8Array;
  readonly truncated: Uint8Array;
  readonly finalObservations: Float32Array;

  constructor(readonly count: number, readonly observationSize: number, readonly actionCount: number) {
    this.rewards = new Float32Array(count);
    this.dones = new Uint8Array(count);
    this.truncated = new Uint8Array(count);
    this.finalObservations = new Float32Array(count * observationSize);
  }

  observe(into: Float32Array): void {
    into.fill(0);
    for (let e = 0; e < this.count; e++) this.writeObservation(e, into.subarray(e * this.observationSize, (e + 1) * this.observationSize));
  }

  abstract step(actions: Int32Array): void;
  protected abstract writeObservation(env: number, into: Float32Array): void;

  /** Records row `e`'s final observation before the subclass resets it. */
  protected keepFinal(e: number): void {
    const row = this.finalObservations.subarray(e * this.observationSize, (e + 1) * this.observationSize);
    row.fill(0);
    this.writeObservation(e, row);
  }
}

export class ContextualBandit extends ToyEnv {
  /** How often each env took the masked arm (must stay 0). */
  maskedPicks = 0;
  private readonly context: Int32Array;
  private readonly random: RandomStream;

  constructor(count: number, private readonly contexts: number, seed: number, private readonly options: { noise?: boolean; temptingMaskedArm?: boolean } = {}) {
    super(count, contexts, contexts + (options.temptingMaskedArm ? 1 : 0));
    this.random = new RandomStream(seed, 1);
    this.context = Int32Array.from({ length: count }, () => this.draw());
    if (options.temptingMaskedArm) this.actionMask = (into: Uint8Array) => {
      for (let e = 0; e < count; e++) for (let a = 0; a < this.actionCount; a++) into[e * this.actionCount + a] = a < contexts ? 1 : 0;
    };
  }

  actionMask?: (into: Uint8Array) => void;

  step(actions: Int32Array): void {
    for (let e = 0; e < this.count; e++) {
      const a = actions[e]!;
      if (a === this.contexts) this.maskedPicks += 1;
      this.rewards[e] = a === this.contexts ? 5 : this.options.noise ? (this.random.nextFloat() < 0.5 ? 1 : 0) : a === this.context[e] ? 1 : 0;
      this.dones[e] = 1;
      this.keepFinal(e);
      this.context[e] = this.draw();
    }
  }

  protected writeObservation(e: number, into: Float32Array): void {
    into[this.context[e]!] = 1;
  }

  private draw(): number {
    return Math.floor(this.random.nextFloat() * this.contexts);
  }
}

export class ChainWalk extends ToyEnv {
  private readonly position: Int32Array;
  private readonly clock: Int32Array;

  /** `length` cells, actions 0 = left, 1 = right; the goal is cell length - 1; `stepCost` is paid on every other step. */
  constructor(count: number, private readonly length: number, private readonly timeLimit: number, private readonly stepCost = 0) {
    super(count, length, 2);
    this.position = new Int32Array(count);
    this.clock = new Int32Array(count);
  }

  step(actions: Int32Array): void {
    for (let e = 0; e < this.count; e++) {
      this.position[e] = Math.max(0, this.position[e]! + (actions[e] === 1 ? 1 : -1));
      this.clock[e] = this.clock[e]! + 1;
      const goal = this.position[e] === this.length - 1;
      this.rewards[e] = goal ? 1 : -this.stepCost;
      this.dones[e] = goal ? 1 : 0;
      this.truncated[e] = !goal && this.clock[e]! >= this.timeLimit ? 1 : 0;
      if (!goal && !this.truncated[e]) continue;
      this.keepFinal(e);
      this.position[e] = 0;
      this.clock[e] = 0;
    }
  }

  protected writeObservation(e: number, into: Float32Array): void {
    into[this.position[e]!] = 1;
  }
}

export class EndlessStream extends ToyEnv {
  private readonly clock: Int32Array;

  constructor(count: number, private readonly timeLimit: number) {
    super(count, 2, 1);
    // Staggered clocks, so the envs truncate on different steps.
    this.clock = Int32Array.from({ length: count }, (_, e) => e % timeLimit);
  }

  step(): void {
    for (let e = 0; e < this.count; e++) {
      this.rewards[e] = this.clock[e] === 0 ? 0 : 1;
      this.clock[e] = this.clock[e]! + 1;
      this.truncated[e] = this.clock[e]! >= this.timeLimit ? 1 : 0;
      if (this.truncated[e]) {
        this.keepFinal(e);
        this.clock[e] = 0;
      }
    }
  }

  protected writeObservation(e: number, into: Float32Array): void {
    into[this.clock[e] === 0 ? 0 : 1] = 1;
  }
}
