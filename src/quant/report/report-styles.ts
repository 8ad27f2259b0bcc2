/**
 * The report's stylesheet, inlined in <style>: system fonts, a readable measure, tables with
 * tabular figures, and the chart text and grid styles the SVG modules rely on (classes
 * `grid`, `ticks`, `legend`, `zero`, `axis-label`, `cell`, `caption`).
 */
export const REPORT_CSS = `
:root { --ink: #1b1f24; --muted: #6a737d; --rule: #e3e6ea; --paper: #fff; --band: #f6f8fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 24px 64px; }
header h1 { font-size: 28px; line-height: 1.2; margin: 0 0 6px; letter-spacing: -0.01em; }
h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 16px; margin: 24px 0 8px; }
.muted, .kind { color: var(--muted); font-weight: normal; }
.meta { color: var(--muted); font-size: 13px; margin: 0; }
.meta code { font-size: 12px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--band); padding: 1px 4px; border-radius: 3px; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 14px 0 0; font-size: 13px; }
nav.toc a { color: #2f6fb0; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 4px 24px; margin: 12px 0 0; font-size: 13px; }
dl.facts div { display: flex; gap: 8px; min-width: 0; }
dl.facts dt { color: var(--muted); white-space: nowrap; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.callout { margin: 24px 0 8px; padding: 16px 20px; border-radius: 8px; border-left: 6px solid #8a96a3; background: #eef1f5; }
.callout h2 { border: 0; margin: 0 0 4px; padding: 0; font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; }
.callout p { margin: 0; font-size: 17px; }
.callout ul { margin: 8px 0 0; padding-left: 20px; }
.callout.best-model { background: #ecf8ef; border-color: #2e9e4f; }
.callout.best-model h2 { color: #1f7a3a; }
.callout.no-model-beats-buy-and-hold, .callout.no-clear-winner { background: #fff6e0; border-color: #e0a100; }
.callout.no-model-beats-buy-and-hold h2, .callout.no-clear-winner h2 { color: #8a6100; }
.callout.insufficient-data { background: #eef1f5; border-color: #8a96a3; }
.callout.insufficient-data h2 { color: #4b5563; }
.table-wrap { overflow-x: auto; margin: 8px 0; }
.table-wrap.compact table { width: auto; min-width: min(100%, 520px); }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--rule); text-align: left; white-space: nowrap; }
thead th { font-weight: 600; border-bottom: 2px solid #cfd4da; vertical-align: bottom; white-space: normal; }
tbody tr:hover { background: var(--band); }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.best { font-weight: 700; }
.swatch { display: inline-block; width: 18px; margin-right: 8px; vertical-align: middle; }
tr.baseline th, tr.baseline td { color: var(--muted); font-style: italic; }
.kind { font-size: 11px; margin-left: 4px; font-style: normal; }
.table-note { color: var(--muted); font-size: 13px; margin: 0 0 4px; }
figure { margin: 8px 0 20px; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }
.panel-title { color: var(--ink); font-size: 13px; font-weight: 600; margin: 0 0 4px; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 8px 24px; }
.multiples.narrow { grid-template-columns: repeat(auto-fill, minmax(280px, max-content)); }
.multiples figure { margin: 0 0 12px; }
svg { display: block; font-family: inherit; }
svg.chart { width: 100%; height: auto; font-size: 12px; }
/* Wide time charts scroll sideways on a phone rather than shrink their text out of reach. */
#equity figure { overflow-x: auto; }
#equity svg.chart { min-width: 600px; }
h3 .muted { white-space: nowrap; }
svg.heatmap, svg.colorbar { max-width: 100%; height: auto; font-size: 12px; }
svg text { fill: #444c56; }
svg .grid line { stroke: #eceef1; }
svg .grid line.zero { stroke: #b9bfc6; }
svg .axis { stroke: #9aa1a9; }
svg .legend text { fill: var(--ink); }
svg .axis-label { fill: var(--muted); font-size: 11px; }
svg .caption { fill: var(--ink); font-size: 12px; font-weight: 600; }
svg text.cell { font-size: 15px; font-weight: 600; }
svg text.cell-sub { font-size: 11px; }
svg text.on-dark { fill: #fff; }
.heat-grid { display: flex; flex-wrap: wrap; gap: 12px 20px; margin: 4px 0 8px; }
ul.notes { padding-left: 20px; }
ul.notes li { margin: 4px 0; }
footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
@media (max-width: 640px) { main { padding: 20px 14px 40px; } header h1 { font-size: 22px; } .callout p { font-size: 15px; } }
@media print { main { max-width: none; } section { break-inside: avoid-page; } }
`;
