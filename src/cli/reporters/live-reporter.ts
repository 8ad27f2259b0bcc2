/**
 * Run output for a terminal: finished stages scroll by as plain lines; below them, one
 * live line per running stage with a progress bar, rate-based ETA and the latest message.
 */
import type { RunEvent } from '../../engine/run-events.js';
import { textProblem } from '../render-problems.js';
import { describeOutcome } from './plain-reporter.js';
import { formatSeconds } from './status-symbols.js';

interface Running {
  kind: string;
  started: number;
  done: number;
  total?: number;
  message?: string;
}

const BAR = 20;

export function liveReporter(stream: NodeJS.WriteStream): (event: RunEvent) => void {
  const running = new Map<string, Running>();
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
  };
  const above = (text: string): void => {
    clear();
    stream.write(text);
    draw();
  };

  return (event) => {
    switch (event.type) {
      case 'run-started':
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
