// Rows of an indicator table → the indicator tree (pre-order), the stated total, and problems.
import type { Indicator, Problem, SourceRef } from '@jixiao/core';
import { D } from '@jixiao/core';
import { ocrNumber } from './clean.ts';
import { levelWord, type Layout } from './columns.ts';
import { firstNonSpace, isEmpty, leadChars, oneLine, plainNumber, sentenceLike, value } from './normalize.ts';

export interface Row {
  cells: string[];
  /** rows covered by each cell (from merged cells of the grid), 1 when not merged */
  spans: number[];
  /** true where the grid position is covered by a merge from above (treated as blank) */
  covered: boolean[];
  source: SourceRef;
  /** recognition notes made while rebuilding the row (e.g. numbers that ran together) */
  notes?: string[];
}

export interface IndicatorResult {
  indicators: Indicator[];
  statedTotal: string | null;
  /** 总分 row's weight cell (normally 100) */
  statedWeightTotal: string | null;
  /** grade written in the table (总分 row or a 评价等级 row) */
  statedGrade: string | null;
  problems: Problem[];
}

export const TOTAL_WORDS =
  /^(总分|合计|总计|总得分|综合得分|自评总分|自评总得分|得分合计|分值合计|合计得分|总分值|自评得分|评价总分|综合评分|总评分|合计分|得分总计|自评得分合计|最终得分|总体得分|综合评分结果)([（(].{0,10}[)）])?[:：]?$/;
/** 二级 names of the national forms → the 一级 they belong to, for tables whose 一级 column was lost. */
const LEVEL2_PARENT: [RegExp, string][] = [
  [/^(数量|质量|时效|成本|经济成本|社会成本|生态环境成本)指标$/, '产出指标'],
  [/^(经济效益|社会效益|生态效益|环境效益|可持续影响|可持续发展)指标$/, '效益指标'],
  [/^(服务对象满意度|社会公众满意度|满意度)指标$/, '满意度指标'],
];
const EXECUTION_NAME = /^(预算执行率|预算执行情况|资金执行率|预算资金执行率|预算执行)$/;
/** Names that are only ever 一级 on the national and local forms. */
const LEVEL1_ONLY = /^(决策|过程|产出|效益|投入|效果|项目决策|项目过程|项目产出|项目效益|部门决策|部门管理|部门绩效)(指标)?$/;
const BONUS = /加减分|加分项|减分项|扣分项/;
const SUBTOTAL = /^(小计|分项合计)$/;
export const GRADE_LABEL = /^(评价等级|绩效等级|自评等级|等级|评价等次|等次)[:：]?/;
const ROW_WORD_LEADS = leadChars(TOTAL_WORDS, GRADE_LABEL, SUBTOTAL);
const UNWRAP_LEADS = new Set([...leadChars(TOTAL_WORDS), '其'.charCodeAt(0)]);
const GRADE_WORD = /^(优秀|良好|合格|不合格|优|良|中|差|一般)$/;

/** A grade word in a cell of the row ("等级 | 优", "总分 | 100 | 95 | 优秀"). */
function gradeIn(cells: string[]): string | null {
  for (const c of cells) {
    const t = oneLine(c).replace(/^(评价等级|绩效等级|自评等级|等级|评价等次|等次)[:：]?/, '').replace(/[“”"「」]/g, '');
    if (GRADE_WORD.test(t)) return t;
  }
  return null;
}

interface Node extends Indicator {
  children: Node[];
  weightFromName?: string | null;
  /** level of the name column the node was read from */
  colLevel: number;
  /** rows the weight cell of its row covers (merged cell) */
  spanOfWeight?: number;
}

const CODE_NUMERALS = new Set('一二三四五六七八九十');

/** "A部门决策（15分）" → code A, name 部门决策, weight 15; "决策 (12)" → weight 12. */
export function splitName(raw: string): { name: string; code: string | null; weight: string | null; cap: string | null } {
  let name = oneLine(raw);
  let code: string | null = null;
  // "A41预算编制", "1.1 项目立项", "一、决策" (most names start with none of these characters)
  const c0 = name.charCodeAt(0);
  const cm = !((c0 >= 0x41 && c0 <= 0x5a) || (c0 >= 0x30 && c0 <= 0x39) || CODE_NUMERALS.has(name[0]))
    ? null
    : (/^([A-Z]\d{0,3})()(?=[\u4e00-\u9fff“"「])/.exec(name) ??
      /^(\d{1,2}(?:[.．]\d{1,2})*)(?:[、.．]|\s)\s*(?=[\u4e00-\u9fff“"「])/.exec(name) ??
      /^([一二三四五六七八九十]{1,3})、\s*/.exec(name));
  if (cm) {
    code = cm[1];
    name = name.slice(cm[0].length);
  }
  let weight: string | null = null;
  let cap: string | null = null;
  // only a name ending in a bracket can carry one (most do not: no scan for the opening bracket)
  const end = name.charCodeAt(name.length - 1);
  const wm = end === 0x29 || end === 0xff09 ? /[（(]\s*(≤|<=|不超过)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分?\s*[)）]$/.exec(name) : null;
  if (wm) {
    if (wm[1]) cap = wm[2];
    else weight = wm[2];
    name = name.slice(0, wm.index).trim();
  }
  return { name, code, weight, cap };
}

export function buildIndicators(layout: Layout, rows: Row[], file?: string): IndicatorResult {
  const problems: Problem[] = [];
  const roots: Node[] = [];
  const levels = layout.names.map((n) => n.level);
  const maxLevel = Math.max(...levels);
  /** current node at each level (index = level) */
  const cur: (Node | null)[] = new Array(maxLevel + 1).fill(null);
  let last: Node | null = null;
  let statedTotal: string | null = null;
  let statedWeightTotal: string | null = null;
  let statedGrade: string | null = null;

  // columns whose cells some field takes; the others are kept in notes, never dropped
  const used = new Set(layout.columns.filter((c) => c.role !== 'label').map((c) => c.index));

  for (const raw of unwrap(layout, rows)) {
    let r = raw;
    const first = r.cells.find((c) => !isEmpty(c)) ?? '';
    // most rows start with a name none of the words below start with
    const firstKey = ROW_WORD_LEADS.has(firstNonSpace(first)) ? oneLine(first).replace(/\s/g, '') : '';
    if (TOTAL_WORDS.test(firstKey)) {
      const t = totalOf(layout, r);
      statedTotal = t.score;
      statedWeightTotal = t.weight;
      statedGrade = gradeIn(r.cells) ?? statedGrade;
      continue;
    }
    if (GRADE_LABEL.test(firstKey)) {
      statedGrade = gradeIn(r.cells) ?? statedGrade;
      continue;
    }
    if (SUBTOTAL.test(firstKey)) {
      problems.push({ ...problem('小计行不作为指标，未计入', r, file), severity: 'info' });
      continue;
    }
    const notes: string[] = [];
    const shifted = realign(layout, r);
    if (shifted) {
      r = shifted;
      notes.push('本行在原文中错位，已按分值、得分列对齐');
    }
    // names written on this row, by level
    const written = new Map<number, string>();
    for (const n of layout.names) {
      const t = cellAt(r, n.index);
      if (!isEmpty(t)) written.set(n.level, t);
    }
    // 权重 is sometimes written as a percentage of the total: "10%"
    const wcell = ocrNumber(cellAt(r, layout.weight));
    const weight = plainNumber(wcell) ?? (wcell.indexOf('%') >= 0 || wcell.indexOf('％') >= 0 ? plainNumber(wcell.replace(/[%％]\s*$/, '')) : null);
    let score = plainNumber(ocrNumber(cellAt(r, layout.score)));
    let target = value(cellAt(r, layout.target));
    const actual = value(cellAt(r, layout.actual));
    const unitOfMeasure = layout.unitOfMeasure != null ? value(cellAt(r, layout.unitOfMeasure)) : null;
    // 指标性质 | 指标值 | 度量单位 in three columns: "≥" + "300" + "人次"
    if (layout.operator != null && target != null) target = withOperator(target, value(cellAt(r, layout.operator)), unitOfMeasure);
    if (layout.coefficient != null) {
      const k = plainNumber(cellAt(r, layout.coefficient));
      if (k != null && score == null && weight != null) {
        score = D(weight).times(k).toString();
        notes.push(`得分由分值 ${weight} × 得分系数 ${k} 计算`);
      } else if (k != null) notes.push(`得分系数 ${k}`);
    }
    if (layout.rawScore != null) {
      const raw = plainNumber(cellAt(r, layout.rawScore));
      if (raw != null) notes.push(`百分制得分 ${raw}，按权重折算`);
    }
    if (layout.core != null && /^(是|√|★)$/.test(value(cellAt(r, layout.core)) ?? '')) notes.push('核心指标');
    // the columns some provinces add (provinces.md §6, §7): kept on the row for the ruleset to use
    const extra: Partial<Indicator> = {};
    if (layout.adjustedTarget != null) {
      const v = value(cellAt(r, layout.adjustedTarget));
      if (v != null) extra.adjustedTarget = layout.operator != null ? withOperator(v, value(cellAt(r, layout.operator)), unitOfMeasure) : v;
    }
    if (layout.coefficient != null) {
      const v = value(cellAt(r, layout.coefficient));
      if (v != null && /\d/.test(v)) extra.coefficient = v;
    }
    if (layout.core != null) {
      const v = value(cellAt(r, layout.core));
      if (v != null) extra.core = /^(是|√|★)$/.test(v) ? true : /^(否|×)$/.test(v) ? false : null;
    }
    if (layout.reviewScore != null) {
      const v = plainNumber(ocrNumber(cellAt(r, layout.reviewScore)));
      if (v != null) extra.reviewScore = v;
    }
    if (r.notes) notes.push(...r.notes);
    const rest = {
      description: value(cellAt(r, layout.description)),
      rule: value(cellAt(r, layout.rule)),
      basis: value(cellAt(r, layout.basis)),
      deviation: value(cellAt(r, layout.deviation)),
    };
    const hasValues = weight != null || score != null || target != null || actual != null;
    const hasText = rest.description != null || rest.rule != null || rest.basis != null || rest.deviation != null;
    if (!written.size && !hasValues && !hasText) continue;

    // a row with only rule/description text continues the row before it across a page break
    if (!written.size && !hasValues && last) {
      for (const k of Object.keys(rest) as (keyof typeof rest)[]) {
        const v = rest[k];
        if (v) last[k] = last[k] ? `${last[k]}${v}` : v;
      }
      last.notes = [...(last.notes ?? []), '含跨页续行'];
      continue;
    }
    if (!written.size && !last) {
      problems.push(problem('无法归属的行：没有指标名称，前面也没有可继承的指标', r, file));
      continue;
    }

    // a 一级-only name sitting in a deeper column starts a new 一级 (the 一级 cell was left blank)
    const firstLevel = minKey(written);
    if (written.size && firstLevel > levels[0]) {
      const t = written.get(firstLevel)!;
      const top = cur[levels[0]];
      const tn = top ? splitName(t).name : '';
      if (top && LEVEL1_ONLY.test(tn) && tn !== top.name) {
        const moved = new Map<number, string>();
        let lv = levels[0];
        for (const l of [...written.keys()].sort((a, b) => a - b)) moved.set(lv++, written.get(l)!);
        written.clear();
        for (const [k, v] of moved) written.set(k, v);
        notes.push('一级指标名称写在了二级指标列，已按一级指标处理');
      }
    }

    // the deepest written name is a sentence and target/actual are sentences too: the row
    // describes the node above it (a 二级 item filled in with prose) rather than naming a 三级
    let description = rest.description;
    // (target and actual first: they are rarely both sentences, and the name is folded only then)
    if (written.size >= 2 && target && actual && (sentenceLike(target) || target.length > 15) && (sentenceLike(actual) || actual.length > 15)) {
      const deepest = maxKey(written);
      const t = oneLine(written.get(deepest));
      if (sentenceLike(t)) {
        written.delete(deepest);
        description = description ? `${t}\n${description}` : value(t);
        notes.push('三级指标栏填写的是说明文字，已作为上级指标的说明');
      }
    }

    const leafLevel = written.size ? maxKey(written) : last!.colLevel;
    // walk levels down to the leaf: inherit, continue, or create
    let parent: Node | null = null;
    let leaf: Node | null = null;
    for (const level of levels) {
      if (level > leafLevel) break;
      const t = written.get(level);
      const isLeaf = level === leafLevel;
      if (t == null && !isLeaf) {
        const c = cur[level];
        if (c && (parent == null || c.parentId === parent.id)) {
          parent = c;
          continue;
        }
        // a blank name with nothing above to inherit: skip the level
        continue;
      }
      const sp = t != null ? splitName(t) : { name: last!.name, code: last!.code ?? null, weight: null, cap: null };
      const existing = cur[level];
      const sameAsCurrent =
        !isLeaf && existing && existing.name === sp.name && (existing.parentId ?? null) === (parent?.id ?? null);
      if (sameAsCurrent) {
        parent = existing;
        continue;
      }
      const node = newNode(sp, level, parent, roots, r);
      if (t == null) node.notes = ['名称空白，沿用上一行的指标名称'];
      if (sp.cap) node.notes = [...(node.notes ?? []), `加减分上限 ${sp.cap} 分`];
      // (every BONUS word has 分)
      if ((sp.name.indexOf('分') >= 0 && BONUS.test(sp.name)) || (parent && parent.kind === 'bonus')) node.kind = 'bonus';
      // in the 名称|分值 layout each level has its own weight column
      const lw = layout.levelWeights.get(level);
      if (lw != null && !isLeaf) node.weight = plainNumber(cellAt(r, lw));
      cur[level] = node;
      for (let l = level + 1; l < cur.length; l++) cur[l] = null;
      parent = node;
      if (isLeaf) leaf = node;
    }
    if (!leaf) {
      problems.push(problem('无法归属的行：指标层级不完整', r, file));
      continue;
    }
    leaf.weight = weight ?? leaf.weight;
    leaf.statedScore = score;
    leaf.target = target;
    leaf.actual = actual;
    leaf.description = description;
    leaf.rule = rest.rule;
    leaf.basis = rest.basis;
    leaf.deviation = rest.deviation;
    if (layout.actual == null && rest.basis) leaf.actual = firstClause(rest.basis);
    if (layout.unitOfMeasure != null) leaf.unitOfMeasure = unitOfMeasure;
    Object.assign(leaf, extra);
    if (weight == null && score == null && /^其中/.test(leaf.name)) notes.push('其中项，是上一行的组成部分，不单独计分');
    if (layout.valueType != null) {
      const v = value(cellAt(r, layout.valueType));
      leaf.valueType = v === '定量' ? 'quantitative' : v === '定性' ? 'qualitative' : null;
    }
    if (layout.direction != null) {
      const v = value(cellAt(r, layout.direction));
      leaf.direction = v === '正向' ? 'positive' : v === '反向' ? 'reverse' : null;
    }
    leaf.spanOfWeight = layout.weight != null ? (r.spans[layout.weight] ?? 1) : 1;
    // cells no column takes (an unknown header word, a 备注, or past the header's last column)
    for (let ci = 0; ci < r.cells.length; ci++) {
      if (r.covered[ci] || isEmpty(r.cells[ci]) || used.has(ci)) continue;
      const word = layout.headers?.[ci] ?? '';
      if (word === '序号' || word === '编号' || /^(绩效指标|评价指标|指标)$/.test(word)) continue;
      notes.push(`${word ? `${word}：` : `第${ci + 1}列（表头之外）：`}${oneLine(r.cells[ci])}`);
    }
    if (notes.length) leaf.notes = [...(leaf.notes ?? []), ...notes];
    last = leaf;
  }

  attributeGroupWeights(roots);
  inferLevel1(roots);
  for (const n of allNodes(roots)) if (EXECUTION_NAME.test(n.name) && n.weight != null && n.level === 1) n.kind = 'execution';
  const indicators: Indicator[] = [];
  emit(roots, '', null, [], indicators);
  return { indicators, statedTotal, statedWeightTotal, statedGrade, problems };
}

// fields every node has, first in its order (newNode and inferLevel1 write them first)
const FIXED = new Set(['id', 'parentId', 'level', 'path', 'name', 'code', 'target', 'actual', 'weight', 'statedScore', 'source']);
const WORKING = new Set(['children', 'weightFromName', 'spanOfWeight', 'colLevel']);

/** 指标性质 | 指标值 | 度量单位 in three columns joined: "≥" + "300" + "人次" → "≥300人次". */
function withOperator(target: string, op: string | null, unit: string | null): string {
  let t = target;
  if (op && /^(≥|≤|>|<|=|＞|＜|≧|≦)$/.test(op) && !/^[≥≤><=]/.test(t)) t = op + t;
  if (unit && /\d$/.test(t)) t += unit;
  return t;
}

/** The tree in pre-order as indicators: each node's own fields in their order, without the working ones. */
function emit(nodes: Node[], prefix: string, parentId: string | null, path: string[], into: Indicator[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const id = prefix ? `${prefix}.${i + 1}` : String(i + 1);
    const p = path.slice();
    p.push(n.name);
    // the fixed fields as a literal (one shape), the few others added after in the node's order;
    // empty notes are left out rather than deleted after (a delete makes the object a slow one)
    const out: Record<string, unknown> = {
      id,
      parentId,
      level: n.level,
      path: p,
      name: n.name,
      code: n.code,
      target: n.target,
      actual: n.actual,
      weight: n.weight,
      statedScore: n.statedScore,
      source: n.source,
    };
    // (the fixed fields are a node's first keys: newNode and inferLevel1 create nodes with them first)
    const keys = Object.keys(n);
    const from = keys[0] === 'id' && keys[FIXED.size - 1] === 'source' ? FIXED.size : 0;
    for (let j = from; j < keys.length; j++) {
      const k = keys[j];
      if (!(from === 0 && FIXED.has(k)) && !WORKING.has(k) && (k !== 'notes' || n.notes?.length)) out[k] = n[k as keyof Node];
    }
    into.push(out as unknown as Indicator);
    emit(n.children, id, id, p, into);
  }
}

/**
 * Text laid out from a PDF breaks long cells into extra rows: "A部门决策" / "（15分）",
 * "资助孵化海创数" / "量". A row without weight and score whose text only continues cells of the
 * row above (a bracket or punctuation, fragments of at most two characters, or the rest of that
 * row's target/actual) is joined to it. Rows with text only in caption columns carry nothing.
 */
/**
 * An upper name wrapped over rows of its own that no merge holds together ("产出" / "指标" / "(50分)",
 * "效益指" / "标(30分)"): the pieces go back into the first row's cell when together they make a name
 * of the forms' vocabulary and the later piece alone is none.
 */
function joinWrappedNames(layout: Layout, rows: Row[]): Row[] {
  const deepest = Math.max(...layout.names.map((n) => n.level));
  const upper = layout.names.filter((n) => n.level < deepest).map((n) => n.index);
  if (!upper.length) return rows;
  let out = rows;
  const piece = (r: Row, col: number) => (r.covered[col] || isEmpty(r.cells[col]) ? '' : oneLine(r.cells[col]).replace(/\s/g, ''));
  for (const col of upper) {
    for (let k = 0; k < out.length; k++) {
      const head = piece(out[k], col);
      if (!head) continue;
      // the longest run of pieces below (a label written one character per row: 产 / 出 / 指 / 标)
      let m = k + 1;
      while (m < out.length && m < k + 8 && piece(out[m], col) && !levelWord(piece(out[m], col))) m++;
      let end = -1;
      for (let e = m; e > k + 1; e--) {
        if (levelWord(head + out.slice(k + 1, e).map((r) => piece(r, col)).join(''))) {
          end = e;
          break;
        }
      }
      if (end < 0) continue;
      const joined = head + out.slice(k + 1, end).map((r) => piece(r, col)).join('');
      if (out === rows) out = rows.slice();
      out[k] = { ...out[k], cells: out[k].cells.map((c, i) => (i === col ? joined : c)) };
      for (let j = k + 1; j < end; j++) out[j] = { ...out[j], cells: out[j].cells.map((c, i) => (i === col ? '' : c)) };
      k = end - 1;
    }
  }
  return out;
}

function unwrap(layout: Layout, rawRows: Row[]): Row[] {
  const rows = joinWrappedNames(layout, rawRows);
  const data = new Set(layout.columns.filter((c) => c.role !== 'label').map((c) => c.index));
  const names = new Set(layout.names.map((n) => n.index));
  const out: Row[] = [];
  // (the tests of a row are module functions taking the layout: tsx names every closure it makes, per call)
  const valuedRows = rows.filter((r) => namedRow(layout, r) && valuedRow(layout, r));
  const weightedTable = valuedRows.length >= 3 && valuedRows.filter((r) => scoredRow(layout, r)).length >= valuedRows.length * 0.75;
  // the leaf column of the row above, for bareRow()
  let leafCol: number | undefined;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const filled = filledOf(r);
    if (filled.length && filled.every((i) => !data.has(i)) && out.length) continue;
    const prev = out[out.length - 1];
    // only tested for a total word or 其中: a text starting otherwise need not be folded
    const firstText = filled.length && UNWRAP_LEADS.has(firstNonSpace(r.cells[filled[0]])) ? oneLine(r.cells[filled[0]]) : '';
    // spreadsheet text with the values before their row label: numbers on one row, the name on the next
    const nx = rows[k + 1];
    if (!namedRow(layout, r) && scoredRow(layout, r) && nx && namedRow(layout, nx) && !scoredRow(layout, nx) && !TOTAL_WORDS.test(firstText)) {
      const nFilled = filledOf(nx);
      if (nFilled.every((i) => isEmpty(r.cells[i]))) {
        const cells = r.cells.slice();
        for (const i of nFilled) cells[i] = nx.cells[i];
        out.push({ ...r, cells, notes: [...(r.notes ?? []), '数值写在指标名称之前一行，已合并为一行'] });
        k++;
        continue;
      }
    }
    // PDF text of a label wrapped over lines with the numbers on a later line: the row above holds
    // only the start of the label (no values at all), this one the rest of it and the values
    if (prev && weightedTable && scoredRow(layout, r) && !/^其中/.test(firstText)) {
      leafCol = lastNamedCol(layout, prev);
      // the name columns this row writes in: how many, and the first
      let rCount = 0;
      let rFirst = -1;
      for (const n of layout.names)
        if (!isEmpty(r.cells[n.index]) && !r.covered[n.index] && rCount++ === 0) rFirst = n.index;
      // the bare rows above (at most a few), each holding only a piece of the label
      let from = out.length;
      while (from > 0 && out.length - from < 4 && bareRow(layout, names, leafCol, out[from - 1])) from--;
      // (the cheap conditions first: most rows have no bare row above)
      const pieces = from < out.length && leafCol != null && rCount === 1 && rFirst === leafCol && from >= 1 ? out.slice(from) : [];
      const onlyLeaf = pieces.length > 0 && pieces.slice(1).every((x) => layout.names.every((n) => n.index === leafCol || isEmpty(x.cells[n.index])));
      if (onlyLeaf && scoredRow(layout, out[from - 1])) {
        const cells = r.cells.slice();
        for (let i = 0; i < cells.length; i++) {
          const above = pieces.map((x) => x.cells[i] ?? '').filter((c) => !isEmpty(c));
          if (i === leafCol) cells[i] = [...above, r.cells[i]].join('');
          else if (above.length && isEmpty(cells[i])) cells[i] = above[0];
        }
        const head = pieces[0];
        out.splice(from, pieces.length, { ...head, cells, covered: head.covered.map((c, i) => c && r.covered[i]), spans: r.spans });
        continue;
      }
    }
    // a name wrapped into a row of its own: every other cell of the row above (figures and texts) is merged
    // over exactly the two rows, and this one writes only the rest of the name (a group's weight merged
    // over sibling rows leaves their other cells apart)
    const w = layout.weight ?? layout.score;
    if (
      prev && filled.length === 1 && names.has(filled[0]) && w != null && !prev.covered[w] && prev.spans[w] === 2 &&
      layout.columns.every((c) => c.role === 'label' || c.role === 'name' || c.index >= r.cells.length || (r.covered[c.index] && prev.spans[c.index] === 2)) &&
      !isEmpty(prev.cells[filled[0]]) && !/^其中/.test(firstText)
    ) {
      const cells = prev.cells.slice();
      cells[filled[0]] = oneLine(prev.cells[filled[0]]) + oneLine(r.cells[filled[0]]);
      out[out.length - 1] = { ...prev, cells };
      continue;
    }
    if (prev && filled.length && !scoredRow(layout, r) && !TOTAL_WORDS.test(firstText) && !/^其中/.test(firstText)) {
      const continues = filled.every((i) => !isEmpty(prev.cells[i]));
      const texts = filled.map((i) => oneLine(r.cells[i]));
      const punct = texts.some((t) => /^[（(）)、，。；：%]/.test(t));
      const short = filled.every((i) => !names.has(i) || oneLine(r.cells[i]).length <= 2) && texts.every((t) => t.length <= 2);
      const prevScored = scoredRow(layout, prev);
      const rest = prevScored && filled.some((i) => i === layout.target || i === layout.actual);
      // a label wrapped over several lines in a table whose rows are weighted one by one
      const prevLeafCol = lastNamedCol(layout, prev);
      // …unless it is rather the start of the next row's label: that row has its values and the rest
      // of the label, and this piece is longer than the label above (which then did not wrap) or
      // ends mid-phrase
      const leafText = prevLeafCol != null ? oneLine(r.cells[prevLeafCol]) : '';
      let m = k + 1;
      while (m < rows.length && m < k + 4 && !scoredRow(layout, rows[m]) && namedRow(layout, rows[m]) && !valuedRow(layout, rows[m]) && layout.names.every((n) => n.index === prevLeafCol || isEmpty(rows[m].cells[n.index]))) m++;
      const nextRow = rows[m];
      const nextTakes =
        !!nextRow && scoredRow(layout, nextRow) && layout.names.every((n) => (n.index === prevLeafCol ? !isEmpty(nextRow.cells[n.index]) : isEmpty(nextRow.cells[n.index])));
      const headOfNext = nextTakes && (/[，、（(]$/.test(leafText) || leafText.length > oneLine(rows[k - 1]?.cells[prevLeafCol ?? -1]).length);
      const wrapped =
        !headOfNext &&
        weightedTable &&
        prevScored &&
        filled.some((i) => i === prevLeafCol) &&
        filled.every((i) => i === prevLeafCol || i === layout.target || i === layout.actual) &&
        !texts.some((t) => LEVEL1_ONLY.test(t) || LEVEL2_PARENT.some(([re]) => re.test(t)));
      if (continues && (punct || short || rest || wrapped)) {
        const cells = prev.cells.slice();
        for (const i of filled) cells[i] = `${prev.cells[i]}${r.cells[i]}`;
        out[out.length - 1] = { ...prev, cells };
        continue;
      }
    }
    out.push(r);
  }
  return out;
}

/** Text of a row's cell in column i ('' when there is no such column or a merge covers it). */
function cellAt(r: Row, i: number | null): string {
  return i == null || r.covered[i] ? '' : (r.cells[i] ?? '');
}

function numberIn(r: Row, i: number | null): boolean {
  return i != null && plainNumber(ocrNumber(r.cells[i] ?? '')) != null;
}

/** A row with a number in its weight or score column. */
function scoredRow(layout: Layout, r: Row): boolean {
  return numberIn(r, layout.weight) || numberIn(r, layout.score);
}

/** A row with a name that no merge covers. */
function namedRow(layout: Layout, r: Row): boolean {
  for (const n of layout.names) if (!isEmpty(r.cells[n.index]) && !r.covered[n.index]) return true;
  return false;
}

// most named rows carry their own weight or score: a row without any is a wrapped label, not an
// unweighted item (tables weighted only at upper levels, like seed 002, are not)
function valuedRow(layout: Layout, r: Row): boolean {
  const t = layout.target;
  const a = layout.actual;
  return (t != null && !isEmpty(r.cells[t]) && !r.covered[t]) || (a != null && !isEmpty(r.cells[a]) && !r.covered[a]);
}

/** The deepest name column with text in row r. */
function lastNamedCol(layout: Layout, r: Row): number | undefined {
  for (let k = layout.names.length - 1; k >= 0; k--) if (!isEmpty(r.cells[layout.names[k].index])) return layout.names[k].index;
  return undefined;
}

/** A row holding only a piece of a label in its name columns (no values, no notes). */
function bareRow(layout: Layout, names: Set<number>, leafCol: number | undefined, x: Row): boolean {
  // its filled cells (filledOf) are all name cells, and there is one at least
  let filled = 0;
  for (let i = 0; i < x.cells.length; i++)
    if (!isEmpty(x.cells[i]) && !x.covered[i]) {
      if (!names.has(i)) return false;
      filled++;
    }
  if (!(filled > 0 && !scoredRow(layout, x) && !x.notes?.length)) return false;
  const t = leafCol != null ? oneLine(x.cells[leafCol]) : '';
  return !!t && !LEVEL1_ONLY.test(t) && !LEVEL2_PARENT.some(([re]) => re.test(t)) && !/^其中/.test(t);
}

/** Indices of the cells with text that no merge covers. */
function filledOf(r: Row): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.cells.length; i++) if (!isEmpty(r.cells[i]) && !r.covered[i]) out.push(i);
  return out;
}

function minKey(m: Map<number, unknown>): number {
  let v = Infinity;
  for (const k of m.keys()) if (k < v) v = k;
  return v;
}

function maxKey(m: Map<number, unknown>): number {
  let v = -Infinity;
  for (const k of m.keys()) if (k > v) v = k;
  return v;
}

let seq = 0;
function newNode(
  sp: { name: string; code: string | null; weight: string | null },
  level: number,
  parent: Node | null,
  roots: Node[],
  r: Row,
): Node {
  const node: Node = {
    id: `n${++seq}`,
    parentId: parent?.id ?? null,
    level: parent ? parent.level + 1 : 1,
    path: [],
    name: sp.name,
    code: sp.code,
    target: null,
    actual: null,
    weight: sp.weight,
    statedScore: null,
    source: r.source,
    children: [],
    weightFromName: sp.weight,
    colLevel: level,
  };
  if (parent) parent.children.push(node);
  else roots.push(node);
  return node;
}

/**
 * A weight and score written once on the first row of a group, with every other row of the
 * group blank, belong to the group (a merged cell): 002 "A部门决策（15分）… 15分 12分".
 * Taken only when the cell is merged in the source or the group's name states the same weight.
 */
function attributeGroupWeights(nodes: Node[]): void {
  for (const n of nodes) {
    if (n.children.length) {
      const leaves = leavesOf(n);
      const weighted = leaves.filter((l) => l.weight != null || l.statedScore != null);
      // the other rows must be real (unweighted) items, not empty placeholder rows
      const othersReal = leaves.slice(1).some((l) => l.description || l.rule || l.target || l.actual || l.basis);
      if (leaves.length >= 2 && weighted.length === 1 && weighted[0] === leaves[0]) {
        const w = weighted[0];
        const merged = (w.spanOfWeight ?? 1) >= leaves.length;
        const named = n.weightFromName != null && w.weight === n.weightFromName && othersReal;
        // a merged cell over the rows of a single child group belongs to that group, the deepest
        // node covering exactly those rows
        if (merged && !named && n.children.length === 1 && n.children[0].children.length) {
          attributeGroupWeights(n.children);
          continue;
        }
        if (merged || named) {
          n.weight = w.weight;
          n.statedScore = w.statedScore;
          w.weight = null;
          w.statedScore = null;
          n.notes = [...(n.notes ?? []), '分值、得分写在本组第一行（合并单元格），归入本级指标'];
          continue;
        }
      }
      attributeGroupWeights(n.children);
    }
  }
}

function allNodes(nodes: Node[], out: Node[] = []): Node[] {
  for (const n of nodes) {
    out.push(n);
    allNodes(n.children, out);
  }
  return out;
}

/**
 * A table whose 一级 column was lost (or left blank) starts its tree at 二级 names: 数量指标,
 * 社会效益指标 … Those roots are put under the 一级 they always belong to (产出/效益/满意度指标).
 */
function inferLevel1(roots: Node[]): void {
  const parentOf = (n: Node) => LEVEL2_PARENT.find(([re]) => re.test(n.name))?.[1] ?? null;
  // 满意度指标 is a 一级 name too: taken as a lost 二级 only when other 一级 names were lost as well
  // and its children are not 二级 names themselves
  const wrapped = roots.filter((n) => parentOf(n) && n.name !== '满意度指标');
  const targets = wrapped.length ? roots.filter((n) => parentOf(n) && (n.name !== '满意度指标' || n.children.every((c) => !parentOf(c)))) : [];
  if (!targets.length) return;
  const out: Node[] = [];
  for (const n of roots) {
    const p = targets.includes(n) ? parentOf(n) : null;
    if (!p) {
      out.push(n);
      continue;
    }
    let parent = out[out.length - 1];
    if (!parent || parent.name !== p) {
      parent = {
        id: `n${++seq}`,
        parentId: null,
        level: 1,
        path: [],
        name: p,
        code: null,
        target: null,
        actual: null,
        weight: null,
        statedScore: null,
        source: n.source,
        children: [],
        colLevel: n.colLevel - 1,
        notes: [`一级指标名称缺失，按二级指标“${n.name}”推断为${p}`],
      };
      out.push(parent);
    }
    n.parentId = parent.id;
    parent.children.push(n);
    const deepen = (x: Node) => {
      x.level++;
      x.children.forEach(deepen);
    };
    deepen(n);
  }
  roots.splice(0, roots.length, ...out);
}

function leavesOf(n: Node, out: Node[] = []): Node[] {
  if (!n.children.length) out.push(n);
  else for (const c of n.children) leavesOf(c, out);
  return out;
}

/**
 * Rows of flattened PDF text lose their empty leading cells: "成本指标\t是否超出预算\t否\t否\t5\t5\t\t".
 * When the weight and score sit one column early with the score column empty and the first name
 * cell is not a 一级 name, shift the row right and put its names in the deepest name columns.
 */
function realign(layout: Layout, r: Row): Row | null {
  const w = layout.weight;
  const s = layout.score;
  if (w == null || s == null || s !== w + 1) return null;
  const firstName = layout.names[0].index;
  const c = r.cells;
  // the cheap tests first: most rows have their score
  if (!isEmpty(c[s]) || plainNumber(c[w]) == null || plainNumber(c[w - 1]) == null) return null;
  if (isEmpty(c[firstName]) || LEVEL1_ONLY.test(splitName(c[firstName]).name)) return null;
  if (c.slice(s).some((x) => !isEmpty(x))) return null;
  const cells = ['', ...c];
  const nameIdx = layout.names.map((n) => n.index);
  const names = nameIdx.map((i) => cells[i]).filter((x) => !isEmpty(x));
  nameIdx.forEach((i, k) => {
    cells[i] = names[k - (nameIdx.length - names.length)] ?? '';
  });
  return { ...r, cells, spans: [1, ...r.spans], covered: [false, ...r.covered] };
}

function totalOf(layout: Layout, r: Row): { score: string | null; weight: string | null } {
  const nums = r.cells.map((c) => plainNumber(ocrNumber(c)) ?? plainNumber((c ?? '').replace(/[%％]\s*$/, '')));
  const score = layout.score != null ? nums[layout.score] : null;
  const weight = layout.weight != null ? nums[layout.weight] : null;
  if (score != null) return { score, weight };
  // a 总分 row laid out narrower than the table: "总分 | 100 | 85"
  const present = nums.filter((n): n is string => n != null);
  if (present.length >= 2) return { score: present[present.length - 1], weight: present[0] };
  return { score: null, weight: present[0] ?? null };
}

/** "健全。制定 2024 年度工作计划…" → "健全" (the 业绩值 before the 评分过程). */
function firstClause(s: string): string {
  const m = /^([^。；;\n]{1,30})[。；;\n]/.exec(s);
  return m ? m[1].trim() : s;
}

function problem(message: string, r: Row, file?: string): Problem {
  return {
    message,
    severity: 'warning',
    source: { ...r.source, file },
    text: r.cells.filter((c) => !isEmpty(c)).join(' | ').slice(0, 200),
  };
}

