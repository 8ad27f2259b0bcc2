/**
 * Renders an HTML file in headless Chromium for tests (production code never needs a browser):
 * 1. `findChromium` looks for a Chromium or Chrome binary on PATH;
 * 2. `renderInChromium` takes a full-page screenshot and dumps the DOM after layout, each in
 *    its own browser run with a throwaway profile, and collects the console messages Chromium
 *    logs to stderr (`--log-level=0` makes it log console.log and console.error, not only
 *    uncaught exceptions).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The first Chromium-like binary on PATH, or undefined. */
export function findChromium(): string | undefined {
  for (const name of NAMES) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (path) return path;
    } catch {
      // not on PATH: try the next name
    }
  }
  return undefined;
}

/** What a render produced. */
export interface ChromiumRender {
  /** Exit codes of the screenshot and the DOM-dump runs. */
  exitCodes: [number | null, number | null];
  /** The screenshot path and its size in bytes (0 when missing). */
  screenshot: string;
  screenshotBytes: number;
  /** The serialized DOM after parsing and layout. */
  dom: string;
  /**
   * Every console message the page logged. Chromium's log line does not carry the console
   * level (console.log and console.error both read `INFO:CONSOLE`), so a page that must run
   * no script is best checked for no message at all.
   */
  consoleMessages: string[];
  /** The messages that name an error or an uncaught exception. */
  consoleErrors: string[];
  /** Both runs' stderr, for failure messages. */
  stderr: string;
}

/** Options for `renderInChromium`. */
export interface RenderOptions {
  /** Binary to run (default: `findChromium()`). */
  chromium?: string;
  /** Window size for the screenshot (default 1280 x 2400). */
  width?: number;
  height?: number;
  /** Screenshot file name inside `outDir` (default report.png). */
  screenshotName?: string;
  /** Per-run time limit in ms (default 60 s). */
  timeoutMs?: number;
}

/** Screenshots `htmlPath` into `outDir` and dumps its DOM. */
export function renderInChromium(htmlPath: string, outDir: string, options: RenderOptions = {}): ChromiumRender {
  const binary = options.chromium ?? findChromium();
  if (!binary) throw new Error('no chromium binary on PATH');
  const screenshot = join(outDir, options.screenshotName ?? 'report.png');
  const url = pathToFileURL(htmlPath).href;
  const size = `--window-size=${options.width ?? 1280},${options.height ?? 2400}`;
  const shot = runChromium(binary, [`--screenshot=${screenshot}`, size, '--hide-scrollbars', url], options.timeoutMs);
  const dump = runChromium(binary, ['--dump-dom', size, url], options.timeoutMs);
  const stderr = `${shot.stderr}\n${dump.stderr}`;
  const consoleMessages = stderr.split('\n').filter((line) => /:CONSOLE[:(]/.test(line));
  let screenshotBytes = 0;
  try {
    screenshotBytes = statSync(screenshot).size;
  } catch {
    // no screenshot: reported as 0 bytes
  }
  return {
    exitCodes: [shot.status, dump.status],
    screenshot,
    screenshotBytes,
    dom: dump.stdout,
    consoleMessages,
    consoleErrors: consoleMessages.filter((line) => /ERROR|Uncaught/i.test(line)),
    stderr,
  };
}

/** One headless run with a fresh profile directory, removed afterwards. */
function runChromium(binary: string, args: string[], timeoutMs = 60_000): { status: number | null; stdout: string; stderr: string } {
  const profile = mkdtempSync(join(tmpdir(), 'tradelab-chromium-'));
  try {
    const result = spawnSync(binary, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--enable-logging=stderr', '--v=0', '--log-level=0', `--user-data-dir=${profile}`, ...args,
    ], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
