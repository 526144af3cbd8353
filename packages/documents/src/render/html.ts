// A self-contained HTML view of the report (web preview, publication, and the source of the PDF).
// No Node-only imports here: the web UI may render it in the browser.
import type { EvaluationJson } from '@jixiao/core';
import { annexTitle, scoreLine, form, reportSections, reportTitle, runs, shownGrade, yearText, PROJECT_COLUMNS, type Form } from './layout.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

const br = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');

function para(t: string): string {
  return `<p>${runs(t)
    .map((r) => (r.bold ? `<b>${escapeHtml(r.text)}</b>` : escapeHtml(r.text)))
    .join('')}</p>`;
}

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page annex { size: A4 landscape; margin: 28mm 35mm 26mm 37mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #000; background: #fff;
  font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 16pt; }
.page { max-width: 156mm; margin: 0 auto; }
.annex { page: annex; max-width: 225mm; margin: 0 auto; }
.form { break-before: page; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "宋体", SimSun, "Noto Serif CJK SC", serif; font-weight: normal;
  font-size: 22pt; line-height: 1.45; text-align: center; margin: 0 0 0.5em; }
h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-weight: normal; font-size: 16pt; margin: 0; text-indent: 2em; line-height: 29pt; }
h3 { font-family: "楷体_GB2312", "楷体", KaiTi, "Noto Serif CJK SC", serif; font-weight: normal; font-size: 16pt; margin: 0; text-indent: 2em; line-height: 29pt; }
p { margin: 0; text-indent: 2em; line-height: 29pt; text-align: justify; }
p.meta { text-indent: 0; }
p.center { text-align: center; text-indent: 0; font-family: "楷体_GB2312", "楷体", KaiTi, "Noto Serif CJK SC", serif; }
mark { background: #ff0; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.35; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; word-break: break-all; }
th { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-weight: normal; text-align: center; }
td.c { text-align: center; }
td.n { text-align: center; white-space: nowrap; }
td.cont { border-top: 0; }
td.open { border-bottom: 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tr.long { break-inside: auto; }
table + table { border-top: 0; }
table + table tr:first-child th, table + table tr:first-child td { border-top: 0; }
tfoot td, tr.total td { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; }
@media screen { body { background: #eee; padding: 16px; } .page, .annex { background: #fff; padding: 24px 32px; box-shadow: 0 1px 4px rgba(0,0,0,.2); margin-bottom: 16px; } .form { margin-top: 16px; } }
`;

function colgroup(widths: number[]): string {
  const s = widths.reduce((a, b) => a + b, 0);
  return `<colgroup>${widths.map((w) => `<col style="width:${((w * 100) / s).toFixed(2)}%">`).join('')}</colgroup>`;
}

const PROJECT_GRID = [7, 12, 14, 22, 21, 19, 13, 16, 32];

function topTable(f: Form, withHeader: boolean): string {
  const rows: string[] = [];
  if (withHeader) {
    for (const line of f.header) {
      if (line.length === 1) rows.push(`<tr><td class="c" colspan="3">${escapeHtml(line[0].label)}</td><td colspan="6">${escapeHtml(line[0].value)}</td></tr>`);
      else
        rows.push(
          `<tr><td class="c" colspan="3">${escapeHtml(line[0].label)}</td><td colspan="2">${escapeHtml(line[0].value)}</td>` +
            `<td class="c" colspan="2">${escapeHtml(line[1].label)}</td><td colspan="2">${escapeHtml(line[1].value)}</td></tr>`,
        );
    }
  }
  if (f.budget) {
    rows.push(
      `<tr><td class="c" rowspan="${1 + f.budget.rows.length}">项目资金<br>（万元）</td><td colspan="2"></td>` +
        ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].map((h) => `<td class="c">${h}</td>`).join('') +
        '</tr>',
    );
    for (const b of f.budget.rows) {
      rows.push(
        `<tr><td colspan="2">${escapeHtml(b.label)}</td>` +
          [b.initialBudget, b.adjustedBudget, b.executed, b.weight, b.rate, b.score].map((v) => `<td class="n">${escapeHtml(v)}</td>`).join('') +
          '</tr>',
      );
    }
  }
  if (f.goals) {
    rows.push('<tr><td class="c" rowspan="2">年度总体目标</td><td class="c" colspan="4">预期目标</td><td class="c" colspan="4">实际完成情况</td></tr>');
    rows.push(`<tr><td colspan="4">${br(f.goals.expected)}</td><td colspan="4">${br(f.goals.actual)}</td></tr>`);
  }
  if (!rows.length) return '';
  return `<table class="top">${colgroup(PROJECT_GRID)}<tbody>${rows.join('\n')}</tbody></table>`;
}

function indicatorTable(f: Form, labelColumn: boolean): string {
  // the national form's grid; a province's form with other columns takes the columns' own widths
  const national = f.columns.length === PROJECT_COLUMNS.length && f.columns.every((c, k) => c.key === PROJECT_COLUMNS[k].key);
  const widths = labelColumn && national ? PROJECT_GRID : [...(labelColumn ? [PROJECT_GRID[0]] : []), ...f.columns.map((c) => c.width)];
  const head = `<tr>${labelColumn ? '<th>绩效<br>指标</th>' : ''}${f.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('')}</tr>`;
  // 一级/二级 groups are merged visually (open borders) rather than with rowspan: Chromium cannot
  // break a rowspan group across pages when rows must stay whole
  const n = f.rows.length;
  const groupEnd = (key: 'l1' | 'l2' | 'w', k: number) => {
    let start = k;
    while (start > 0 && f.rows[start].span[key] === 0) start--;
    return start + Math.max(1, f.rows[start].span[key]) - 1;
  };
  const merged = (cls: string, first: boolean, last: boolean, text: string) =>
    `<td class="${[cls, first ? '' : 'cont', last ? '' : 'open'].filter(Boolean).join(' ')}">${text}</td>`;
  const body = f.rows.map((r, k) => {
    const cells = f.columns.map((c) => {
      const key = c.key === 'l1' || c.key === 'l2' ? c.key : c.key === 'weight' || c.key === 'score' ? 'w' : null;
      if (key) {
        const first = r.span[key] > 0;
        return merged(key === 'w' ? 'n' : 'c', first, groupEnd(key, k) === k, first ? escapeHtml(r.cells[c.key]) : '');
      }
      return `<td>${br(r.cells[c.key] ?? '')}</td>`;
    });
    const long = Object.values(r.cells).some((t) => t.length > 400);
    const label = labelColumn ? merged('c', k === 0, k === n - 1, '') : '';
    return `<tr${long ? ' class="long"' : ''} data-indicator="${escapeHtml(r.indicator.id)}">${label}${cells.join('')}</tr>`;
  });
  const wi = f.columns.findIndex((c) => c.key === 'weight');
  const si = f.columns.findIndex((c) => c.key === 'score');
  const lead = labelColumn ? 1 : 0;
  const total =
    `<tr class="total"><td class="c" colspan="${lead + wi}">${labelColumn ? '总分' : '合计'}</td><td class="n">${escapeHtml(f.totals.weight)}</td>` +
    (si > wi + 1 ? `<td colspan="${si - wi - 1}"></td>` : '') +
    `<td class="n">${escapeHtml(f.totals.score)}</td>` +
    (si < f.columns.length - 1 ? `<td colspan="${f.columns.length - 1 - si}"></td>` : '') +
    '</tr>';
  // the national form's label column is one cell beside all rows; its word sits in the thead,
  // which Chromium repeats on every printed page
  return `<table class="indicators">${colgroup(widths)}<thead>${head}</thead><tbody>${body.join('\n')}\n${total}</tbody></table>`;
}

function narrative(ev: EvaluationJson): string {
  return reportSections(ev)
    .map((s) => {
      const h = s.item.depth === 1 ? `<h2>${escapeHtml(s.item.heading)}</h2>` : `<h3>${escapeHtml(s.item.heading)}</h3>`;
      if (s.item.group) return h;
      const body = s.paragraphs.map(para).join('\n');
      return `<section data-section="${escapeHtml(s.item.keys[0] ?? '')}">${h}\n${body}</section>`;
    })
    .join('\n');
}

/** The whole report as one HTML page: styles inline, no scripts, no external resources. */
export function renderHtml(ev: EvaluationJson): string {
  const f = form(ev);
  const title = ev.subject === 'department' ? reportTitle(ev) : `${ev.title}${reportTitle(ev)}`;
  let main: string;
  if (ev.subject === 'department') {
    const annex = annexTitle(ev);
    main =
      `<div class="page"><h1>${escapeHtml(reportTitle(ev))}</h1>\n${narrative(ev)}\n<p>&nbsp;</p><p>附件：${escapeHtml(annex)}</p></div>\n` +
      `<div class="annex form"><p class="meta" style="font-family:'黑体',SimHei,'Noto Sans CJK SC',sans-serif">附件</p><h1>${escapeHtml(annex)}</h1>\n` +
      `${f.budget ? topTable(f, false) : ''}${indicatorTable(f, false)}</div>`;
  } else {
    main =
      `<div class="page"><h1>${escapeHtml(reportTitle(ev))}</h1>\n` +
      (ev.fiscalYear ? `<p class="center">（${escapeHtml(yearText(ev))}）</p>\n` : '') +
      `<p class="meta">项目名称：${escapeHtml(ev.title)}</p>\n<p class="meta">填报单位：${escapeHtml(ev.unit ?? '')}</p>\n` +
      `<p class="meta">${escapeHtml(scoreLine(f.totals.score, shownGrade(ev)))}</p>\n` +
      `${narrative(ev)}\n` +
      `<div class="form"><h1>${escapeHtml(f.title)}</h1>` +
      (ev.fiscalYear ? `<p class="center">（${escapeHtml(yearText(ev))}）</p>` : '') +
      `${topTable(f, true)}${indicatorTable(f, true)}</div></div>`;
  }
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${main}
</body>
</html>
`;
}
