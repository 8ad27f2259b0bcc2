/**
 * The training env with a log of every action it was given, so a resumed run can rebuild it
 * exactly: the trainers' state leaves the env out, and the env is a pure function of its
 * seed and the actions stepped (the episode draws, portfolios and reward state all follow
 * from them). On resume a fresh env of the same seed replays the logged actions, with no
 * network involved, and ends in the state the killed run's env was in at the checkpoint.
 * Finished episodes are drained after each step so their results do not pile up.
 */
import type { TradingEnv } from '../src/quant/rl/trading-env.js';
import type { VectorEnv } from '../src/quant/rl/vector-env.js';

export class ReplayableEnv implements VectorEnv {
  private log = new Uint8Array(1024);
  private logged = 0;

  constructor(readonly env: TradingEnv) {}

  get count(): number {
    return this.env.count;
  }
  get observationSize(): number {
    return this.env.observationSize;
  }
  get actionCount(): number {
    return this.env.actionCount;
  }
  get rewards(): Float32Array {
    return this.env.rewards;
  }
  get dones(): Uint8Array {
    return this.env.dones;
  }
  get truncated(): Uint8Array {
    return this.env.truncated;
  }
  get finalObservations(): Float32Array {
    return this.env.finalObservations;
  }

  observe(into: Float32Array): void {
    this.env.observe(into);
  }

  actionMask(into: Uint8Array): void {
    this.env.actionMask(into);
  }

  step(actions: Int32Array): void {
    this.env.step(actions);
    this.env.drainEpisodes();
    if (this.logged + actions.length > this.log.length) {
      const grown = new Uint8Array(Math.max(2 * this.log.length, this.logged + actions.length));
      grown.set(this.log.subarray(0, this.logged));
      this.log = grown;
    }
    this.log.set(actions, this.logged);
    this.logged += actions.length;
  }

  /** Every action stepped so far, step after step (count per step). */
  actions(): Uint8Array {
    return this.log.slice(0, this.logged);
  }

  /** Steps a fresh env (same market, seed and config as the logged one) through `actions`. */
  replay(actions: Uint8Array): void {
    if (this.logged !== 0) throw new Error('replay: this env has stepped already');
    const step = new Int32Array(this.count);
    for (let at = 0; at < actions.length; at += this.count) {
      step.set(actions.subarray(at, at + this.count));
      this.step(step);
    }
  }
}
