/**
 * Renders a 项目支出绩效目标表 the way the seed lays it out: a label/value grid with merges, funding
 * in 元, then the indicator grid with the 实施期 block on the left (一级/二级/三级/指标值) and the
 * 年度 block on the right (二级/三级/指标值; its 一级 is the row's).
 *
 * Columns: A 绩效指标 | B 一级 | C 二级 | D 三级 | E 指标值 | F 二级 | G 三级 | H 指标值.
 */
import { addr, Block, CellSpec, merge, newBlock, put } from "./grid";
import type { FundingData, IndicatorData, PerformanceData } from "./data";
import { TEXT_KEYS } from "./data";
import type { IndicatorMap, PerformanceMap, SampleTableKey } from "./map";

export interface RelPerformance {
  key: SampleTableKey;
  title: string;
  projectName: string;
  /** field → [r, c] in the block. */
  cells: Record<string, [number, number]>;
  indicators: Array<Omit<IndicatorMap, "level1Cell" | "level2Cell" | "nameCell" | "targetCell"> & { at: Record<"level1" | "level2" | "name" | "target", [number, number]> }>;
}

const WIDTH = 8;
const FUNDING_LINES: Array<[keyof Omit<FundingData, "label">, string]> = [
  ["total", ""],
  ["central", "其中:中央财政资金"],
  ["provincial", "省级财政资金"],
  ["local", "市县(区)财政资金"],
  ["self", "单位自筹"],
  ["other", "其他资金"],
];

function yuan(text: string): CellSpec {
  // "1,800,000" as typed in the seed; the workbook holds the number and shows it with #,##0.
  return text === "" ? { v: null, kind: "yuan" } : { v: Number(text.replace(/,/g, "")), kind: "yuan" };
}

/** Writes a value across [c0, c1] of row r with borders on every covered cell. */
function span(b: Block, r0: number, c0: number, r1: number, c1: number, cell: CellSpec): void {
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) put(b, r, c, r === r0 && c === c0 ? cell : { v: null, kind: cell.kind });
  merge(b, r0, c0, r1, c1);
}

function textHeight(text: string, charsPerLine: number): number {
  return Math.max(20, Math.ceil(text.length / charsPerLine) * 14 + 6);
}

export function renderPerformance(p: PerformanceData, key: SampleTableKey): { block: Block; rel: RelPerformance } {
  const b = newBlock(WIDTH);
  b.colWidths = [8, 14, 14, 30, 18, 14, 30, 18];
  const cells: Record<string, [number, number]> = {};
  let r = 0;
  span(b, r, 0, r, WIDTH - 1, { v: p.title, kind: "title" });
  b.rowHeights.set(r, 30);
  r++;
  span(b, r, 0, r, WIDTH - 1, { v: p.yearLine, kind: "subtitle" });
  r++;

  span(b, r, 0, r, 1, { v: "项目名称", kind: "label" });
  span(b, r, 2, r, 7, { v: p.projectName, kind: "textWrap" });
  cells.projectName = [r++, 2];
  span(b, r, 0, r, 1, { v: "主管部门及代码", kind: "label" });
  span(b, r, 2, r, 3, { v: p.department, kind: "textWrap" });
  put(b, r, 4, { v: "实施单位", kind: "label" });
  span(b, r, 5, r, 7, { v: p.implementer || null, kind: "textWrap" });
  cells.department = [r, 2];
  cells.implementer = [r++, 5];
  span(b, r, 0, r, 1, { v: "项目属性", kind: "label" });
  span(b, r, 2, r, 3, { v: p.attribute, kind: "textWrap" });
  put(b, r, 4, { v: p.periodLabel, kind: "label" });
  span(b, r, 5, r, 7, { v: p.period, kind: "textWrap" });
  cells.attribute = [r, 2];
  cells.period = [r++, 5];

  const f0 = r;
  span(b, f0, 0, f0 + FUNDING_LINES.length - 1, 0, { v: "项目资金(元)", kind: "label" });
  for (const [field, label] of FUNDING_LINES) {
    put(b, r, 1, { v: field === "total" ? p.funding.implementation.label : label, kind: "label" });
    span(b, r, 2, r, 3, yuan(p.funding.implementation[field]));
    put(b, r, 4, { v: field === "total" ? p.funding.annual.label : label, kind: "label" });
    span(b, r, 5, r, 7, yuan(p.funding.annual[field]));
    cells[`implementation.${field}`] = [r, 2];
    cells[`annual.${field}`] = [r++, 5];
  }

  for (const key2 of TEXT_KEYS) {
    const text = p.texts[key2] ?? "";
    span(b, r, 0, r, 1, { v: p.labels?.[key2] ?? key2, kind: "label" });
    span(b, r, 2, r, 7, { v: text, kind: "textWrap" });
    b.rowHeights.set(r, textHeight(text, 60));
    cells[`text.${key2}`] = [r++, 2];
  }

  span(b, r, 0, r, 1, { v: null, kind: "label" });
  span(b, r, 2, r, 4, { v: "实施期目标", kind: "label" });
  span(b, r, 5, r, 7, { v: "年度目标", kind: "label" });
  r++;
  span(b, r, 0, r, 1, { v: "总体目标", kind: "label" });
  span(b, r, 2, r, 4, { v: p.goals.implementation, kind: "textWrap" });
  span(b, r, 5, r, 7, { v: p.goals.annual, kind: "textWrap" });
  b.rowHeights.set(r, textHeight(p.goals.implementation, 30));
  cells["goal.implementation"] = [r, 2];
  cells["goal.annual"] = [r++, 5];

  const indicators: RelPerformance["indicators"] = [];
  const i0 = r;
  const level1s = [...new Set([...p.indicators.implementation, ...p.indicators.annual].map((x) => x.level1))];
  for (const level1 of level1s) {
    const left = p.indicators.implementation.filter((x) => x.level1 === level1);
    const right = p.indicators.annual.filter((x) => x.level1 === level1);
    const n = Math.max(left.length, right.length);
    span(b, r, 1, r + n - 1, 1, { v: level1, kind: "label" });
    placeSide(b, left, r, n, 2, "实施期", level1, indicators);
    placeSide(b, right, r, n, 5, "年度", level1, indicators);
    r += n;
  }
  if (r > i0) span(b, i0, 0, r - 1, 0, { v: "绩效指标", kind: "label" });
  return { block: b, rel: { key, title: p.title, projectName: p.projectName, cells, indicators } };
}

/** One block of indicators: 二级 merged over its run of rows, then 三级 and 指标值. */
function placeSide(b: Block, list: IndicatorData[], r0: number, n: number, c: number, block: "实施期" | "年度", level1: string, out: RelPerformance["indicators"]): void {
  let i = 0;
  while (i < n) {
    if (i >= list.length) {
      for (let cc = c; cc < c + 3; cc++) put(b, r0 + i, cc, { v: null, kind: "textWrap" });
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < list.length && list[j + 1].level2 === list[i].level2) j++;
    span(b, r0 + i, c, r0 + j, c, { v: list[i].level2, kind: "label" });
    for (let k = i; k <= j; k++) {
      const x = list[k];
      put(b, r0 + k, c + 1, { v: x.name || null, kind: "textWrap" });
      put(b, r0 + k, c + 2, { v: x.target || null, kind: "textWrap" });
      out.push({
        block, level1, level2: x.level2, name: x.name, target: x.target,
        at: { level1: [r0, 1], level2: [r0 + i, c], name: [r0 + k, c + 1], target: [r0 + k, c + 2] },
      });
    }
    i = j + 1;
  }
}

export function placePerformanceMap(rel: RelPerformance, block: Block, sheet: string, r0: number, c0: number): PerformanceMap {
  const A = ([r, c]: [number, number]) => addr(r0 + r, c0 + c);
  const cells: Record<string, string> = {};
  for (const [k, v] of Object.entries(rel.cells)) cells[k] = A(v);
  return {
    key: rel.key,
    sheet,
    title: rel.title,
    titleCell: A([0, 0]),
    yearCell: A([1, 0]),
    range: `${A([0, 0])}:${A([block.height - 1, block.width - 1])}`,
    projectName: rel.projectName,
    cells,
    indicators: rel.indicators.map(({ at, ...x }) => ({
      ...x,
      level1Cell: A(at.level1),
      level2Cell: A(at.level2),
      nameCell: A(at.name),
      targetCell: A(at.target),
    })),
  };
}
