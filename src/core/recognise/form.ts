import { parseAmountCell } from "../money/amount";
import type { AmountCell, PerformanceForm, PerformanceIndicator, ProjectFunding, TextCell } from "./model";
import { normaliseLabel } from "./normalise";
import type { SheetView } from "./sheet-view";
import { presentColumns } from "../workbook/snapshot";

/**
 * Reads a 项目支出绩效目标表 (performance target form). The form is a grid of labels and values
 * whose columns shift from one unit's template to another, so it is read by labels, not positions.
 */

const FUNDING_LABELS: Array<[keyof ProjectFunding, RegExp]> = [
  ["total", /^(实施期)?(资金)?(实施)?(资金)?总额|^年度资金总额|资金总额$/],
  ["central", /中央财政资金$/],
  ["provincial", /省级财政资金$/],
  // Shanghai's forms say 财政资金 alone: the city's or district's money, as 市县 is elsewhere.
  ["local", /市县(\(区\))?财政资金$|市级财政资金$|县级财政资金$|^财政资金$/],
  ["self", /单位自筹$/],
  ["other", /其他资金$/],
];

const TEXT_LABELS: Array<[string, RegExp]> = [
  ["项目概况", /^项目概况$/],
  ["立项依据", /^立项依据$/],
  ["项目设立必要性", /^项目(设)?立必要性$/],
  ["保证项目实施的制度、措施", /^保证项目实施的制度/],
  ["项目实施计划", /^项目实施计划$/],
];

const LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标", "效益目标"];
const LEVEL2 = ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标"];

// (callbacks take the label pairs as e[0], e[1]: a destructured [k, re] walks an array iterator in unoptimised code)
function clean(s: string): string {
  return normaliseLabel(s).replace(/[:：]$/, "").replace(/^其中[:：]?/, "");
}

export function readPerformanceForm(view: SheetView, r0: number, r1: number): { form: PerformanceForm; c0: number; c1: number; empty: boolean } {
  const form: PerformanceForm = {
    projectName: null,
    department: null,
    implementer: null,
    attribute: null,
    period: null,
    implementationFunding: {},
    annualFunding: {},
    texts: {},
    indicators: [],
  };
  let c0 = Infinity;
  let c1 = 0;
  let indicatorsFrom = -1;
  let annualCol = -1;
  for (let r = r0; r <= r1; r++) {
    const row = view.row(r);
    if (!row) continue;
    const cells: Array<{ c: number; text: string; label: string }> = [];
    const columns = presentColumns(row);
    if (indicatorsFrom >= 0) {
      // the indicator grid (readIndicators reads it): only the form's columns are wanted here
      for (let j = 0; j < columns.length; j++) {
        const c = columns[j];
        if (!view.text(r, c).trim()) continue;
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      }
      continue;
    }
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j];
      const t = view.text(r, c).trim();
      if (!t) continue;
      cells.push({ c, text: t, label: clean(t) });
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
    }
    if (cells.length === 0) continue;
    for (let i = 0; i < cells.length; i++) {
      const { label } = cells[i];
      const next = cells[i + 1];
      const value = (): TextCell | null => (next ? { text: next.text, cell: view.address(r, next.c) } : null);
      if (label === "项目名称" && !form.projectName) form.projectName = value();
      else if (label === "主管部门及代码") form.department = value();
      else if (label === "实施单位") form.implementer = next && next.c > cells[i].c ? value() : null;
      else if (label === "项目属性") form.attribute = value();
      else if (/^项目(日)?期$/.test(label)) form.period = value() ?? textBelow(view, r, cells[i].c);
      else if (label === "年度目标" || label === "年度") annualCol = cells[i].c;
      else if (label === "绩效指标") indicatorsFrom = r;
      else if (label === "总体目标") {
        const rest = cells.slice(i + 1);
        if (rest[0]) form.texts["总体目标(实施期)"] = { text: rest[0].text, cell: view.address(r, rest[0].c) };
        if (rest[1]) form.texts["总体目标(年度)"] = { text: rest[1].text, cell: view.address(r, rest[1].c) };
        break;
      } else {
        const tl = TEXT_LABELS.find((e) => e[1].test(label));
        if (tl && next) {
          form.texts[tl[0]] = value()!;
          break;
        }
        const fl = FUNDING_LABELS.find((e) => e[1].test(label));
        if (fl) {
          const annual = /年度/.test(label) || (form.implementationFunding[fl[0]] !== undefined && i > 0 && cells.slice(0, i).some((x) => FUNDING_LABELS.some((e) => e[0] === fl[0] && e[1].test(x.label))));
          const target = annual ? form.annualFunding : form.implementationFunding;
          if (next && !FUNDING_LABELS.some((e) => e[1].test(next.label))) {
            const p = parseAmountCell(view.cell(r, next.c));
            if (p.kind === "amount" && target[fl[0]] === undefined) {
              const ac: AmountCell = { amount: p.amount, cell: view.address(r, next.c) };
              target[fl[0]] = ac;
            }
          }
        }
      }
    }
  }
  if (indicatorsFrom >= 0) form.indicators = readIndicators(view, indicatorsFrom, r1, annualCol);
  const empty = !form.projectName && form.indicators.length === 0;
  return { form, c0: Number.isFinite(c0) ? c0 : 0, c1, empty };
}

function textBelow(view: SheetView, r: number, c: number): TextCell | null {
  for (let rr = r + 1; rr <= r + 2; rr++) {
    const row = view.row(rr);
    if (!row) continue;
    for (let cc = c; cc < row.length; cc++) {
      const t = view.text(rr, cc).trim();
      if (t) return { text: t, cell: view.address(rr, cc) };
    }
  }
  return null;
}

/**
 * The indicator grid: 一级 and 二级 labels (often merged down), then name/target pairs. The 年度
 * block sits right of the 实施期 block; a row's cells right of the block boundary belong to it.
 */
function readIndicators(view: SheetView, from: number, to: number, annualCol: number): PerformanceIndicator[] {
  const out: PerformanceIndicator[] = [];
  const level1: Record<string, string> = { 实施期: "", 年度: "" };
  const level2: Record<string, string> = { 实施期: "", 年度: "" };
  for (let r = from; r <= to; r++) {
    const row = view.row(r);
    if (!row) continue;
    const cells: Array<{ c: number; text: string; label: string }> = [];
    for (let c = 0; c < row.length; c++) {
      // Merged 一级/二级 labels are read through the merge, so every row knows its group.
      const t = (view.mergeOrigin(r, c) ? view.label(r, c) : view.text(r, c)).trim();
      if (t) cells.push({ c, text: t, label: clean(t) });
    }
    if (cells.length === 0) continue;
    // The boundary: where the second group of labels starts, else the declared 年度 column.
    let boundary = annualCol;
    // 成本指标 followed by a 二级 label (经济成本指标) is the 一级 there, not a block's first 二级.
    const costAsLevel1 = (i: number) => LEVEL1.includes(cells[i].label) && cells[i + 1] !== undefined && LEVEL2.includes(cells[i + 1].label);
    // the second 二级 label, if any (indexed loops: no iterator objects in unoptimised code)
    let l2seen = 0;
    for (let i = 0; i < cells.length && l2seen < 2; i++) {
      if (LEVEL2.includes(cells[i].label) && !costAsLevel1(i) && ++l2seen === 2) boundary = cells[i].c;
    }
    const blocks: Array<["实施期" | "年度", typeof cells]> = [
      ["实施期", cells.filter((x) => boundary < 0 || x.c < boundary)],
      ["年度", cells.filter((x) => boundary >= 0 && x.c >= boundary)],
    ];
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b][0];
      const list = blocks[b][1];
      const rest: typeof cells = [];
      for (let j = 0; j < list.length; j++) {
        const x = list[j];
        if (x.label === "绩效指标") continue;
        if (LEVEL1.includes(x.label) && rest.length === 0) {
          const nextIsLevel2 = list[j + 1] !== undefined && LEVEL2.includes(list[j + 1].label);
          if (x.label === "成本指标" && level1[block] === "产出指标" && !nextIsLevel2) {
            // 成本指标 is 二级 under 产出指标 in some templates and 一级 in others.
            level2[block] = x.label;
          } else {
            level1[block] = x.label;
          }
          continue;
        }
        if (LEVEL2.includes(x.label) && rest.length === 0) {
          level2[block] = x.label;
          continue;
        }
        rest.push(x);
      }
      if (rest.length === 0) continue;
      const name = rest[0];
      const target = rest[1];
      out.push({
        block,
        level1: level1[block] || (level2[block] === "成本指标" ? "成本指标" : ""),
        level2: level2[block],
        name: { text: name.text, cell: view.address(r, name.c) },
        target: target ? { text: target.text, cell: view.address(r, target.c) } : null,
      });
    }
  }
  return out;
}
