/**
 * Run output for a terminal: finished stages scroll by as plain lines; below them, one
 * live line per running stage with a progress bar, rate-based ETA and the latest message,
 * and, given a `RunEta`, one line with the whole run's ETA from recorded durations.
 */
import type { RunEvent, StageOutcome } from '../../engine/run-events.js';
import { textProblem } from '../render-problems.js';
import { describeOutcome } from './plain-reporter.js';
import type { RunEta } from './plan-estimates.js';
import { formatSeconds } from './status-symbols.js';

interface Running {
  kind: string;
  started: number;
  done: number;
  total?: number;
  message?: string;
}

const BAR = 20;

/** Options of the live view. */
export interface LiveReporterOptions {
  /** Estimates the whole run's remaining time (see `runEta` in plan-estimates.ts). */
  eta?: RunEta;
}

export function liveReporter(stream: NodeJS.WriteStream, options: LiveReporterOptions = {}): (event: RunEvent) => void {
  const running = new Map<string, Running>();
  const finished = new Map<string, StageOutcome>();
  let jobs = 1;
  let drawn = 0;
  let lastDraw = 0;
  let timer: NodeJS.Timeout | undefined;

  const clear = (): void => {
    if (drawn > 0) stream.write(`\x1b[${drawn}A\x1b[0J`);
    drawn = 0;
  };
  const draw = (): void => {
    lastDraw = Date.now();
    clear();
    const width = stream.columns ?? 100;
    for (const [id, r] of running) {
      const elapsed = (Date.now() - r.started) / 1000;
      const fraction = r.total ? Math.min(1, r.done / r.total) : undefined;
      const bar = fraction === undefined ? '' : `[${'█'.repeat(Math.round(fraction * BAR)).padEnd(BAR, '░')}] ${Math.floor(fraction * 100)}% `;
      const eta = fraction && fraction > 0 && fraction < 1 ? ` eta ${formatSeconds((elapsed * (1 - fraction)) / fraction)}` : '';
      const line = `▶ ${id} [${r.kind}] ${bar}${formatSeconds(elapsed)}${eta} ${r.message ?? ''}`;
      stream.write(`${line.slice(0, width - 1)}\n`);
      drawn += 1;
    }
    const total = runRemaining();
    if (total !== undefined) {
      stream.write(`${`run eta ~${formatSeconds(total)}`.slice(0, width - 1)}\n`);
      drawn += 1;
    }
  };
  const runRemaining = (): number | undefined => {
    if (!options.eta || running.size === 0) return undefined;
    const now = Date.now();
    const progress = new Map(
      [...running].map(([id, r]) => [id, { elapsed: (now - r.started) / 1000, ...(r.total ? { fraction: Math.min(1, r.done / r.total) } : {}) }]),
    );
    return options.eta(finished, progress, jobs);
  };
  const above = (text: string): void => {
    clear();
    stream.write(text);
    draw();
  };

  return (event) => {
    switch (event.type) {
      case 'run-started':
        jobs = event.jobs;
        above(`run ${event.pipeline}: ${event.stages.length} stages, ${event.jobs} job${event.jobs === 1 ? '' : 's'}\n`);
        timer = setInterval(draw, 250);
        timer.unref();
        break;
      case 'stage-started':
        running.set(event.id, { kind: event.kind, started: Date.now(), done: 0 });
        draw();
        break;
      case 'stage-progress': {
        const r = running.get(event.id);
        if (r) Object.assign(r, { done: event.done, total: event.total, message: event.message });
        if (Date.now() - lastDraw >= 100) draw();
        break;
      }
      case 'stage-finished':
        running.delete(event.outcome.id);
        finished.set(event.outcome.id, event.outcome);
        above(`${describeOutcome(event.outcome)}\n${event.outcome.error ? textProblem(event.outcome.error) : ''}`);
        break;
      case 'run-finished':
        if (timer) clearInterval(timer);
        clear();
        break;
      default:
        break;
    }
  };
}
