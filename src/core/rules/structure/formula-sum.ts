import type { RecognisedTable, TableRow } from "../../recognise/model";
import { tableLocal } from "../engine";
import type { Rule, RuleReport } from "../types";
import { childSums, columnSumsFor, summarySums, totalRowSums, vehicleSums } from "../sum/relations";
import { at, cellOf, roleZh, rowName } from "../sum/support";
import { summedCells } from "./formula";

interface Expected {
  /** Cells the formula should add (blank ones may be left out). */
  cells: string[];
  /** Those holding a figure: leaving one out changes the sum. */
  filled: Set<string>;
}

export const structureFormulaSum: Rule = tableLocal({
  id: "structure/formula-sum",
  severity: "warning",
  title: { zh: "求和公式范围", en: "Range of a SUM formula" },
  doc:
    "合计或上级科目单元格是求和公式时（SUM(C7:C9)、SUM(C7,C9)、C7+C8 等），公式须恰好加总应加的单元格：漏掉有数的下级，" +
    "或多加了上级、合计等其他数字，都会在数据变动后出错。无法解析的公式不作判断。",
  reads: ["*"],
  check(ctx, report) {
    for (const t of ctx.recognition.tables) {
      if (t.id === "PT") continue;
      if (!t.rows.some(hasFormula)) continue;
      checkTable(t, expectedSums(ctx, t), report);
    }
  },
  // A table without formulas has nothing to report, and a typed figure without a formula keeps it so:
  // the table is scanned once, then only the edited row is looked at. Any formula: `check` runs.
  recheckFigure(_ctx, { table, row }) {
    if (table.id === "PT") return [];
    if (hasFormula(row) || (formulaFree.get(table) !== table.rows && table.rows.some(hasFormula))) {
      formulaFree.delete(table);
      return null;
    }
    formulaFree.set(table, table.rows);
    return [];
  },
});

function hasFormula(r: TableRow): boolean {
  for (const k in r.amounts) if (r.amounts[k].formula) return true;
  return false;
}

/** Tables found without a formula (as their rows were then), for the live re-check. */
const formulaFree = new WeakMap<RecognisedTable, TableRow[]>();

function expectedSums(ctx: Parameters<Rule["check"]>[0], t: RecognisedTable): Map<string, Expected[]> {
  const out = new Map<string, Expected[]>();
  const add = (parentCell: string, parts: Array<[TableRow, string]>) => {
    const cells: string[] = [];
    const filled = new Set<string>();
    parts.forEach(([r, role]) => {
      const c = cellOf(t, r, role);
      cells.push(c);
      if (r.amounts[role]) filled.add(c);
    });
    const list = out.get(parentCell);
    if (list) list.push({ cells, filled });
    else out.set(parentCell, [{ cells, filled }]);
  };
  const vertical = [...childSums(ctx, t), ...totalRowSums(ctx, t), ...summarySums(ctx, t), ...vehicleSums(t)];
  for (const s of vertical) {
    for (const role of s.roles) {
      const p = s.parent.amounts[role];
      if (!p?.formula) continue;
      add(p.cell, s.children.map((c): [TableRow, string] => [c, role]));
    }
  }
  for (const row of t.rows) {
    for (const def of columnSumsFor(t, row)) {
      const p = row.amounts[def.total];
      if (!p?.formula) continue;
      const parts = def.parts.filter((role) => t.columns.some((c) => c.role === role));
      add(p.cell, parts.map((role): [TableRow, string] => [row, role]));
    }
  }
  return out;
}

function checkTable(t: RecognisedTable, expected: Map<string, Expected[]>, report: (f: RuleReport) => void): void {
  const figures = new Map<string, string>(); // cell → description, for naming extra cells
  for (const r of t.rows) for (const role in r.amounts) figures.set(r.amounts[role].cell, `${rowName(r)} ${roleZh(t, role)}`);
  const box = t.box;
  for (const r of t.rows) {
    for (const role in r.amounts) {
      const a = r.amounts[role];
      if (!a.formula) continue;
      const wants = expected.get(a.cell);
      if (!wants) continue;
      const refs = summedCells(a.formula, box);
      if (!refs) continue;
      let best: { missing: string[]; extra: string[] } | null = null;
      for (const w of wants) {
        const all = new Set(w.cells);
        const missing = [...w.filled].filter((c) => !refs.has(c));
        const extra = [...refs].filter((c) => !all.has(c) && figures.has(c));
        if (missing.length === 0 && extra.length === 0) {
          best = null;
          break;
        }
        if (!best || missing.length + extra.length < best.missing.length + best.extra.length) best = { missing, extra };
      }
      if (best) report(finding(t, a.cell, a.formula, best.missing, best.extra, figures));
    }
  }
}

function list(cells: string[], figures: Map<string, string>): string {
  const shown = cells.slice(0, 5).map((c) => (figures.has(c) ? `${c}（${figures.get(c)}）` : c));
  return cells.length > 5 ? `${shown.join("、")} 等 ${cells.length} 格` : shown.join("、");
}

function finding(t: RecognisedTable, cell: string, formula: string, missing: string[], extra: string[], figures: Map<string, string>): RuleReport {
  const zh: string[] = [];
  const en: string[] = [];
  if (missing.length) {
    zh.push(`未计入 ${list(missing, figures)}`);
    en.push(`leaves out ${missing.join(", ")}`);
  }
  if (extra.length) {
    zh.push(`多计入 ${list(extra, figures)}`);
    en.push(`also adds ${extra.join(", ")}`);
  }
  return at(t, cell, `公式 =${formula} ${zh.join("，")}`, `The formula =${formula} ${en.join(" and ")}`, { related: [...missing, ...extra] });
}
