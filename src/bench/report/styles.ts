// The report's inline stylesheet: system fonts only (no downloads), readable on screen and in print.

export const STYLES = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #666; --line: #ddd; --bad: #b00020; --good: #1b7f3b; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0 auto; padding: 24px; max-width: 1440px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); } h3 { font-size: 15px; margin: 16px 0 6px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
ul.features { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 0; }
li.feature { border: 1px solid var(--line); border-radius: 4px; padding: 1px 8px; font-size: 13px; }
li.feature.on { color: var(--good); } li.feature.off { color: var(--muted); }
figure.chart { margin: 16px 0; } figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
figure.chart svg { width: 100%; height: auto; max-width: 960px; display: block; font: 11px system-ui, sans-serif; }
svg .plot { fill: none; stroke: #999; } svg .grid { stroke: #eee; } svg .axis text { fill: #444; } svg .label { fill: #222; font-size: 12px; }
svg .group { font-weight: 600; } svg .value { fill: #333; } svg text.tick { fill: #444; } svg .bar { fill-opacity: 0.85; }
svg .point text { fill: #333; } svg rect.bar:not([fill]) { fill: #1f77b4; }
ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 12px; padding: 0; margin: 4px 0; font-size: 12px; }
figure.chart ul.legend svg { width: 18px; height: 10px; display: inline-block; vertical-align: middle; margin-right: 4px; }
.caption { color: var(--muted); font-size: 12px; margin: 4px 0; }
table.results { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
table.results th, table.results td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
table.results tr.group th { background: #f4f4f6; }
table.results td.metrics { font-size: 12px; } table.results span.metric { display: block; white-space: nowrap; }
table.results td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.results tr.baseline td:first-child { font-weight: 600; }
table.results tr.failed td.error { color: var(--bad); }
table.results tr.skipped td.skipped { color: var(--muted); font-style: italic; }
table.results td.slower { color: var(--bad); } table.results td.faster { color: var(--good); }
ul.notes { margin: 2px 0 0; padding-left: 16px; color: var(--muted); font-size: 12px; }
details > summary { cursor: pointer; font-weight: 600; margin: 8px 0; }
`;
