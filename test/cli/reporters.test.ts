import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StageOutcome } from '../../src/engine/run-events.js';
import { liveReporter } from '../../src/cli/reporters/live-reporter.js';
import { plainReporter } from '../../src/cli/reporters/plain-reporter.js';

function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = { columns: 120, write: (chunk: string) => ((out += chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => out };
}

const done: StageOutcome = { id: 'train', kind: 'test-map', status: 'succeeded', seconds: 12.5, reason: 'not in the cache' };

describe('run reporters', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('draws a live line per running stage with a bar, percentage and ETA, then the finished line', () => {
    const term = fakeTerminal();
    const report = liveReporter(term.stream);
    report({ type: 'run-started', pipeline: 'p', stages: [{ id: 'train', kind: 'test-map' }], jobs: 2 });
    report({ type: 'stage-started', id: 'train', kind: 'test-map', key: 'k'.repeat(64) });
    vi.advanceTimersByTime(5000);
    report({ type: 'stage-progress', id: 'train', done: 5, total: 20, message: 'epoch 5/20 loss 0.69' });
    vi.advanceTimersByTime(5000);
    report({ type: 'stage-progress', id: 'train', done: 10, total: 20, message: 'epoch 10/20 loss 0.52' });
    report({ type: 'stage-finished', outcome: done });
    report({ type: 'run-finished', result: { runId: 'r', pipeline: 'p', status: 'succeeded', stages: [done], executed: 1, filesHashed: 0, dryRun: false } });
    const text = term.text();
    expect(text).toContain('▶ train [test-map] [█████░░░░░░░░░░░░░░░] 25% 5.0s eta 15.0s epoch 5/20 loss 0.69');
    expect(text).toContain('▶ train [test-map] [██████████░░░░░░░░░░] 50% 10.0s eta 10.0s epoch 10/20 loss 0.52');
    expect(text).toContain('✓ train [test-map] succeeded in 12.5s (not in the cache)');
    expect(text).toContain('\x1b[1A\x1b[0J');
  });

  it('prints plain lines without cursor movement for logs and CI', () => {
    let out = '';
    const report = plainReporter((t) => (out += t));
    report({ type: 'stage-started', id: 'train', kind: 'test-map', key: 'abcdef0123456789'.repeat(4) });
    report({ type: 'stage-progress', id: 'train', done: 1, total: 4, message: 'epoch 1/4' });
    report({ type: 'stage-finished', outcome: done });
    expect(out).toBe('▶ train [test-map] started (key abcdef012345)\n  train: 25% epoch 1/4\n✓ train [test-map] succeeded in 12.5s (not in the cache)\n');
    expect(out).not.toContain('\x1b');
  });
});
