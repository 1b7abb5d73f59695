"""The report's style sheet, inlined in the page: system fonts only; a phone layout (tables become cards,
the partner map scrolls inside its frame) and a print layout (A4, compact, colours kept)."""

from partnercheck.report.formats.partner_map import narrowest_widths

#: The partner map is drawn at its own size and shrinks to the page only while its names stay readable.
MAP_WIDTHS = "".join(f"svg.partner-map.cols-{n} {{ min-width: {px}px; }}\n" for n, px in narrowest_widths().items())

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --good: #2f855a; --fair: #b7791f; --poor: #c53030; --accent: #2b6cb0; --paper: #ffffff; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; color: var(--ink); background: var(--paper);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .88em; }
pre { white-space: pre-wrap; background: #f5f7fa; border: 1px solid var(--line); border-radius: 4px; padding: .4rem .6rem; margin: .25rem 0 0; }
article.charter + article.charter { margin-top: 3rem; border-top: 4px solid var(--line); padding-top: 1.5rem; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem 1rem; margin: 0 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.verdict { border-radius: 6px; padding: .5rem 1rem .75rem; border: 2px solid; }
.verdict h2 { border: 0; margin: .25rem 0; font-size: 1rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.verdict.ready { border-color: var(--good); background: #f0fff4; }
.verdict.blocked { border-color: var(--poor); background: #fff5f5; }
.verdict .label { font-size: 1.35rem; font-weight: 700; margin: 0; }
.verdict.ready .label { color: var(--good); }
.verdict.blocked .label { color: var(--poor); }
.verdict .score { margin: .25rem 0 0; color: var(--muted); }
.verdict .number { font-size: 2rem; font-weight: 700; color: var(--ink); }
.verdict .out-of { font-weight: 700; margin-right: .4rem; color: var(--ink); }
.verdict h3 { margin: .75rem 0 .25rem; }
ol.actions { margin: 0; padding-left: 1.4rem; }
ol.actions li { margin: .2rem 0; }
ol.actions .do { font-weight: 600; }
ol.actions .places, .more, .waived-count { color: var(--muted); }
.more, .waived-count { margin: .3rem 0 0; }
figure.map { margin: .5rem 0 1rem; }
figure.map .scroll { overflow-x: auto; max-width: 100%; }
svg.partner-map { display: block; max-width: 100%; height: auto; }
svg.partner-map text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg.partner-map text.column { font-weight: 700; fill: var(--muted); }
svg.partner-map .node rect { fill: #f5f7fa; stroke: #9aa5b1; stroke-width: 1; }
svg.partner-map .node.body rect { fill: #ebf4ff; stroke: var(--accent); }
svg.partner-map .node.objective rect { fill: #fffaf0; stroke: var(--fair); }
svg.partner-map .node.beneficiary rect { fill: #f0fff4; stroke: var(--good); }
svg.partner-map .node.pilot rect { fill: #2c5282; stroke: #1a365d; stroke-width: 2; }
svg.partner-map .node.pilot text { fill: #ffffff; font-weight: 700; }
svg.partner-map .node.inactive rect { stroke-dasharray: 4 3; fill: #ffffff; }
svg.partner-map .node.inactive text { fill: var(--muted); font-style: italic; }
svg.partner-map .edge { fill: none; }
svg.partner-map .edge.member { stroke: #90a4c0; stroke-width: 1; stroke-opacity: .55; }
svg.partner-map .edge.accountable { stroke: #9c4221; stroke-width: 2.5; }
svg.partner-map .edge.contributes { stroke: #dd6b20; stroke-width: 1; stroke-dasharray: 4 3; stroke-opacity: .7; }
svg.partner-map .edge.seat { stroke: var(--good); stroke-width: 1.5; }
svg.partner-map .edge.represents { stroke: var(--good); stroke-width: 1.5; stroke-dasharray: 2 3; }
figcaption.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; color: var(--muted); margin-top: .35rem; }
.key::before { content: ""; display: inline-block; width: 1.6rem; height: 0; margin-right: .35rem; vertical-align: middle; border-top: 2px solid; }
.key.pilot::before { height: .8rem; width: .8rem; background: #2c5282; border: 0; }
.key.accountable::before { border-top: 3px solid #9c4221; }
.key.contributes::before { border-top: 2px dashed #dd6b20; }
.key.member::before { border-top: 1px solid #90a4c0; }
.key.seat::before { border-top: 2px solid var(--good); }
.key.represents::before { border-top: 2px dotted var(--good); }
.key.inactive::before { height: .8rem; width: .8rem; border: 1px dashed #9aa5b1; }
.pair { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
svg.chart { display: block; max-width: 100%; height: auto; margin: .5rem 0 1rem; }
svg.chart text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg.chart text.na { fill: var(--muted); font-style: italic; }
svg.chart text.value { font-weight: 700; }
svg.chart .track { fill: #edf2f7; }
svg.chart .bar.good { fill: var(--good); }
svg.chart .bar.fair { fill: var(--fair); }
svg.chart .bar.poor { fill: var(--poor); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .3rem .5rem; }
thead th { background: #f5f7fa; border-bottom: 2px solid var(--line); }
table.scores { width: auto; }
tr.signed-yes td:last-child { color: var(--good); font-weight: 700; }
tr.signed-no td:last-child { color: var(--poor); font-weight: 700; }
.none, .note, .name { color: var(--muted); }
.signed-summary { font-weight: 600; margin: .25rem 0; }
div.rule { border-left: 4px solid var(--line); padding: .35rem .75rem; margin: 0 0 .75rem; background: #fafbfc; }
div.rule.error { border-left-color: var(--poor); }
div.rule.warning { border-left-color: var(--fair); }
div.rule.info { border-left-color: var(--accent); }
div.rule p { margin: .15rem 0; }
div.rule .head { font-weight: 600; }
div.rule .sev { text-transform: uppercase; font-size: .75rem; font-weight: 700; letter-spacing: .03em; margin-right: .3rem; }
div.rule.error .sev { color: var(--poor); }
div.rule.warning .sev { color: var(--fair); }
div.rule.info .sev { color: var(--accent); }
div.rule .why { color: var(--muted); font-size: .92rem; }
ul.places { margin: .25rem 0; padding-left: 1.2rem; }
ul.places .where { font-weight: 600; }
p.where-all { margin: .2rem 0; }
p.where-all .where { font-weight: 400; }
ul.places .where::after { content: " :"; }
:lang(en) ul.places .where::after { content: ":"; }
.clear { color: var(--good); font-weight: 600; }
section.appendix table { font-size: .82rem; }
.scroll { overflow-x: auto; max-width: 100%; }
p.versions, span.date { color: var(--muted); }
span.date { margin-right: .4rem; white-space: nowrap; }
ul.terms, ul.moved, ul.partner-dates, ul.amendments { margin: .25rem 0 .75rem; padding-left: 1.2rem; }
ul.terms .mark { display: inline-block; width: 1ch; font-weight: 700; }
ul.moved .where { font-weight: 600; }
ul.moved .where::after { content: " :"; }
:lang(en) ul.moved .where::after { content: ":"; }
table.deltas { width: auto; }
table.deltas td { text-align: right; }
figure.history-chart { margin: .5rem 0 1rem; }
svg.history-chart { display: block; max-width: 100%; min-width: 30rem; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
table.over-time { width: auto; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media (max-width: 40rem) {
  body { padding: .75rem; font-size: 15px; }
  h1 { font-size: 1.35rem; }
  table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; width: 100%; }
  table.cards thead { display: none; }
  table.cards tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .6rem; padding: .25rem .5rem; }
  table.cards th, table.cards td { border: 0; padding: .15rem 0; }
  table.cards td[data-label]::before { content: attr(data-label) " · "; color: var(--muted); font-size: .85em; }
  .pair { display: block; }
  table.scores { width: 100%; }
}
@page { size: A4; margin: 12mm 12mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.35; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h1 { font-size: 15pt; }
  h2 { font-size: 12pt; margin: 1rem 0 .4rem; break-after: avoid; }
  h3 { font-size: 10pt; margin: .6rem 0 .3rem; break-after: avoid; }
  figure.map .scroll { overflow: visible; }
  svg.partner-map, svg.history-chart { min-width: 0 !important; }
  .scroll { overflow: visible; }
  table { font-size: 8pt; margin: .3rem 0 .6rem; }
  th, td { padding: .15rem .35rem; }
  div.rule { padding: .2rem .5rem; margin: 0 0 .4rem; }
  div.rule .why { font-size: 7.5pt; }
  ul.places { margin: .1rem 0; }
  .pair { flex-wrap: nowrap; gap: 0 1rem; }
  pre { padding: .2rem .4rem; font-size: 7.5pt; }
  li, tr, pre, .verdict, svg.chart, figure.map, figure.history-chart, table.deltas { break-inside: avoid; }
  div.rule .head, div.rule .why, div.hint strong { break-after: avoid; }
  svg.chart { max-width: 55%; margin: 0; }
  article.charter + article.charter { break-before: page; border-top: none; }
  footer { margin-top: 1rem; }
}
""" + MAP_WIDTHS
