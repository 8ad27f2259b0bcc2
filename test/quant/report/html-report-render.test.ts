import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../../src/quant/report/html-report.js';
import { findChromium, renderInChromium } from '../../helpers/headless-chromium.js';
import { FIXTURE_SVG_COUNT, reportFixture } from './report-fixture.js';

const chromium = findChromium();
if (!chromium) console.warn('chromium not found: skipping the browser render test');

describe('the HTML report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tradelab-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!chromium)('renders every chart with no console error into a non-trivial screenshot', () => {
    const html = join(dir, 'report.html');
    writeFileSync(html, renderHtmlReport(reportFixture()));
    const render = renderInChromium(html, dir, { chromium });
    expect(render.exitCodes, render.stderr).toEqual([0, 0]);
    // the report runs no script, so any console message at all is a fault
    expect(render.consoleMessages).toEqual([]);
    // the DOM after parsing: every chart survived as an SVG element, the text as text
    expect(render.dom.match(/<svg/g)).toHaveLength(FIXTURE_SVG_COUNT);
    expect(render.dom).toContain('lstm beats buy-and-hold on the test segment');
    expect(render.screenshotBytes).toBeGreaterThan(10_000);
  });
});
