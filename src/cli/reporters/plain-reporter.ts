/** Run output for logs and CI: one line per stage event, no cursor movement. */
import type { RunEvent, StageOutcome } from '../../engine/run-events.js';
import { textProblem } from '../render-problems.js';
import { SYMBOL, formatSeconds } from './status-symbols.js';

export function describeOutcome(o: StageOutcome): string {
  const time = o.status === 'succeeded' || o.status === 'failed' ? ` in ${formatSeconds(o.seconds)}` : '';
  const reason = o.reason && o.status !== 'failed' ? ` (${o.reason})` : '';
  return `${SYMBOL[o.status]} ${o.id} [${o.kind}] ${o.status}${time}${reason}`;
}

export function plainReporter(write: (text: string) => void): (event: RunEvent) => void {
  const lastProgress = new Map<string, number>();
  return (event) => {
    switch (event.type) {
      case 'run-started':
        write(`run ${event.pipeline}: ${event.stages.length} stages, ${event.jobs} job${event.jobs === 1 ? '' : 's'}\n`);
        break;
      case 'stage-started':
        write(`▶ ${event.id} [${event.kind}] started (key ${event.key.slice(0, 12)})\n`);
        break;
      case 'stage-progress': {
        const now = Date.now();
        if (now - (lastProgress.get(event.id) ?? 0) < 5000) break;
        lastProgress.set(event.id, now);
        const pct = event.total ? ` ${Math.floor((100 * event.done) / event.total)}%` : '';
        write(`  ${event.id}:${pct} ${event.message ?? ''}\n`);
        break;
      }
      case 'stage-finished':
        write(`${describeOutcome(event.outcome)}\n`);
        if (event.outcome.error) write(textProblem(event.outcome.error));
        break;
      default:
        break;
    }
  };
}
