/**
 * Adam with gradient clipping by global norm, state kept by weight name so a checkpoint
 * restores it exactly (tfjs's own optimizer keys its state by generated variable names,
 * which differ from one process to the next):
 * 1. the global norm of all gradients, then every gradient scaled by min(1, clip / norm);
 * 2. m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, w -= lr m^ / (sqrt(v^) + eps) with the
 *    bias-corrected m^, v^ (Kingma & Ba, with eps outside the root, as Keras and PyTorch);
 * 3. on the wasm backend with kernels/adam-kernel.ts registered, both steps run as one
 *    kernel per weight (float64 arithmetic per element); elsewhere as tfjs ops.
 */
import type * as tf from '@tensorflow/tfjs';
import { adamKernelAvailable, adamUpdate, globalNormFromHeap } from './kernels/adam-kernel.js';

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export interface AdamState {
  step: number;
  m: Map<string, Float32Array>;
  v: Map<string, Float32Array>;
}

export class Adam {
  step = 0;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(
    private readonly tfjs: typeof tf,
    private readonly weights: ReadonlyMap<string, tf.Variable>,
    options: AdamOptions = {},
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    for (const [name, w] of weights) {
      this.m.set(name, tfjs.variable(tfjs.zerosLike(w), false));
      this.v.set(name, tfjs.variable(tfjs.zerosLike(w), false));
    }
  }

  /** Applies one update; returns the global gradient norm before clipping. */
  apply(grads: ReadonlyMap<string, tf.Tensor>, learningRate: number, clipNorm: number | null): number {
    const fused = adamKernelAvailable();
    const norm = fused ? globalNormFromHeap(grads.values()) : this.globalNorm(grads);
    if (!Number.isFinite(norm)) return norm;
    const scale = clipNorm !== null && norm > clipNorm ? clipNorm / norm : 1;
    this.step += 1;
    const correction1 = 1 - this.beta1 ** this.step;
    const correction2 = 1 - this.beta2 ** this.step;
    if (fused) {
      const attrs = { scale, learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, correction1, correction2 };
      for (const [name, w] of this.weights) {
        const g = grads.get(name);
        if (!g) continue;
        const [m, v] = [this.m.get(name)!, this.v.get(name)!];
        const updated = adamUpdate(w, g, m, v, attrs);
        [w, m, v].forEach((variable, i) => variable.assign(updated[i]!));
        this.tfjs.dispose(updated);
      }
      return norm;
    }
    const t = this.tfjs;
    t.tidy(() => {
      for (const [name, w] of this.weights) {
        const g = grads.get(name);
        if (!g) continue;
        const scaled = scale === 1 ? g : t.mul(g, scale);
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        m.assign(t.add(t.mul(m, this.beta1), t.mul(scaled, 1 - this.beta1)));
        v.assign(t.add(t.mul(v, this.beta2), t.mul(t.square(scaled), 1 - this.beta2)));
        const update = t.div(t.mul(m, learningRate / correction1), t.add(t.sqrt(t.div(v, correction2)), this.epsilon));
        w.assign(t.sub(w, update));
      }
    });
    return norm;
  }

  private globalNorm(grads: ReadonlyMap<string, tf.Tensor>): number {
    const t = this.tfjs;
    const total = t.tidy(() => t.sqrt(t.addN([...grads.values()].map((g) => t.sum(t.square(g))))));
    const norm = total.dataSync()[0]!;
    total.dispose();
    return norm;
  }

  state(): AdamState {
    const read = (vars: Map<string, tf.Variable>) => new Map([...vars].map(([name, v]) => [name, v.dataSync() as Float32Array]));
    return { step: this.step, m: read(this.m), v: read(this.v) };
  }

  load(state: AdamState): void {
    this.step = state.step;
    for (const [name, values] of state.m) this.m.get(name)?.assign(this.tfjs.tensor(values, this.m.get(name)!.shape));
    for (const [name, values] of state.v) this.v.get(name)?.assign(this.tfjs.tensor(values, this.v.get(name)!.shape));
  }

  dispose(): void {
    for (const v of [...this.m.values(), ...this.v.values()]) v.dispose();
  }
}
