/** One symbol per stage status, shared by the plain and the live reporter. */
import type { StageStatus } from '../../engine/run-events.js';

export const SYMBOL: Record<StageStatus, string> = {
  pending: '·',
  running: '▶',
  cached: '=',
  succeeded: '✓',
  failed: '✗',
  skipped: '-',
  cancelled: '⊘',
};

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${String(Math.round(seconds - m * 60)).padStart(2, '0')}s`;
}
