"""The report's style sheet, inlined in the page: system fonts only, and a print layout."""

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --good: #2f855a; --fair: #b7791f; --poor: #c53030; --paper: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: var(--ink); background: var(--paper);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
pre { white-space: pre-wrap; background: #f5f7fa; border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; margin: .25rem 0 0; }
article.charter + article.charter { margin-top: 3rem; border-top: 4px solid var(--line); padding-top: 1.5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.verdict { border-radius: 6px; padding: .75rem 1rem; border: 2px solid; }
.verdict.ready { border-color: var(--good); background: #f0fff4; }
.verdict.blocked { border-color: var(--poor); background: #fff5f5; }
.verdict .label { font-size: 1.3rem; font-weight: 700; margin: 0; }
.verdict.ready .label { color: var(--good); }
.verdict.blocked .label { color: var(--poor); }
.verdict .score { margin: .25rem 0 0; color: var(--muted); }
.verdict .number { font-size: 2rem; font-weight: 700; color: var(--ink); }
.verdict .out-of { font-weight: 700; margin-right: .4rem; color: var(--ink); }
.verdict ul.blocking { margin: .5rem 0 0; padding-left: 1.25rem; }
.pair { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
svg.chart { display: block; max-width: 100%; height: auto; margin: .5rem 0 1rem; }
svg.chart text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg.chart text.na { fill: var(--muted); font-style: italic; }
svg.chart text.value { font-weight: 700; }
svg.chart .track { fill: #edf2f7; }
svg.chart .bar.good { fill: var(--good); }
svg.chart .bar.fair { fill: var(--fair); }
svg.chart .bar.poor { fill: var(--poor); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .93rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .35rem .5rem; }
thead th { background: #f5f7fa; border-bottom: 2px solid var(--line); }
td ul { margin: 0; padding-left: 1rem; }
table.scores { width: auto; }
.id { color: var(--muted); font-weight: 400; font-size: .85em; }
.status { color: var(--fair); font-weight: 400; font-size: .85em; }
tr.inactive { color: var(--muted); }
.none { color: var(--muted); }
ol.finding-list { list-style: none; padding: 0; margin: 0; }
li.finding { border-left: 4px solid var(--line); padding: .4rem .75rem; margin: 0 0 .75rem; background: #fafbfc; }
li.finding.error { border-left-color: var(--poor); }
li.finding.warning { border-left-color: var(--fair); }
li.finding.info { border-left-color: #3182ce; }
li.finding p { margin: .2rem 0; }
li.finding .sev { text-transform: uppercase; font-size: .75rem; font-weight: 700; letter-spacing: .03em; }
li.finding.error .sev { color: var(--poor); }
li.finding.warning .sev { color: var(--fair); }
li.finding.info .sev { color: #2b6cb0; }
li.finding .name, li.finding .where { color: var(--muted); }
li.finding .message { font-weight: 600; }
.clear { color: var(--good); font-weight: 600; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  li.finding, tr, .verdict, svg.chart { break-inside: avoid; }
  article.charter + article.charter { break-before: page; border-top: none; }
  pre { white-space: pre-wrap; }
}
"""
