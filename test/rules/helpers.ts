import Decimal from "decimal.js";
import type { Amount } from "../../src/core/money/amount";
import type {
  AmountCell,
  BadAmountCell,
  PerformanceForm,
  ProjectFunding,
  RecognisedTable,
  RecognitionResult,
  SubjectLevel,
  TableColumn,
  TableId,
  TableRow,
} from "../../src/core/recognise/model";
import type { Finding, Report } from "../../src/core/report/finding";
import { makeRuleContext, runRules } from "../../src/core/rules/engine";
import type { Rule } from "../../src/core/rules/types";
import { colLetters } from "../../src/core/workbook/snapshot";
import type { WorkbookSnapshot } from "../../src/core/workbook/snapshot";

/**
 * Terse builders for hand-made recognised tables.
 *
 * A row is [head, ...figures] where head says what the row is:
 *   "=合计"            total row, totalKind 合计
 *   "201 一般公共服务支出" subject row with a code (level from its length)
 *   "+工资福利支出"       subject row without a code; one more "+" per level (++ 款, +++ 项)
 *   "-公务接待费"         fixed line; "--公务用车购置费" a line one level down
 *   "*财政项目评审费"     project row
 * and each figure, aligned with the table's columns (of the row's side), is
 *   "" or undefined   blank
 *   "12.68"           a number shown with its own decimals
 *   "12.68|12.6849"   shown | stored (more decimals stored than shown)
 *   "'12.68"          a figure typed as text
 *   "12.68=SUM(C6:C7)" a figure with its formula
 *   "#REF!"           an Excel error;  "!abc" a text that is not a figure
 */
export type Fig = string | undefined;
export type RowSpec = [string, ...Fig[]] | { head: string; figs: Fig[]; side?: "income" | "expenditure"; group?: string; name2?: string; r?: number };

export interface TableSpec {
  /** Column roles; "income:amount" puts a column on a side. */
  cols: string[];
  rows: RowSpec[];
  sheet?: string;
  title?: string;
  year?: number | null;
  unit?: string | null;
  moneyUnit?: "万元" | "元" | null;
  notes?: string[];
  /** First data row (0-based sheet row). */
  r0?: number;
  empty?: boolean;
  form?: PerformanceForm;
}

const NAMES: Partial<Record<TableId, string>> = {
  T01: "预算收支总表", T02: "预算收入总表", T03: "预算支出总表", T04: "财政拨款收支总表",
  T05: "一般公共预算支出预算表", T06: "一般公共预算安排基本支出分经济科目表", T07: "政府性基金预算收入表",
  T08: "政府性基金预算支出表", T09: "国有资本经营预算收支预算表", T10: "财政拨款安排“三公”经费支出预算表",
  T11: "财政拨款安排机关运行经费预算表", T12: "项目支出预算表（本年预算）", T13: "项目支出预算表（上年结转）",
  PT: "项目支出绩效目标表",
};

export const UNIT = "晋城经济技术开发区财政管理运营部";

export function amount(spec: string): Amount {
  const [shown, stored] = spec.split("|");
  const text = shown.startsWith("'");
  const s = text ? shown.slice(1) : shown;
  const dot = s.indexOf(".");
  const decimals = dot < 0 ? 0 : s.length - dot - 1;
  const value = new Decimal(s.replace(/,/g, ""));
  return { value, decimals, raw: stored ? new Decimal(stored) : value, fromText: text };
}

const LEVELS: SubjectLevel[] = ["类", "款", "项"];

function parseHead(head: string): Pick<TableRow, "kind" | "label" | "depth" | "level" | "totalKind"> & { code?: string; name: string } {
  if (head.startsWith("=")) {
    const k = head.slice(1);
    return { kind: "total", label: k, depth: 0, totalKind: k, name: k };
  }
  const m = /^(\d{3,})\s+(.*)$/.exec(head);
  if (m) {
    const depth = m[1].length <= 3 ? 0 : m[1].length <= 5 ? 1 : 2;
    return { kind: "subject", code: m[1], name: m[2], label: m[2], depth, level: LEVELS[depth] };
  }
  const plus = /^(\++)(.*)$/.exec(head);
  if (plus) {
    const depth = plus[1].length - 1;
    return { kind: "subject", name: plus[2], label: plus[2], depth, level: LEVELS[depth] };
  }
  const dash = /^(-+)(.*)$/.exec(head);
  if (dash) return { kind: "line", name: dash[2], label: dash[2], depth: dash[1].length - 1 };
  if (head.startsWith("*")) return { kind: "project", name: head.slice(1), label: head.slice(1), depth: 1 };
  return { kind: "line", name: head, label: head, depth: 0 };
}

export function table(id: TableId, spec: TableSpec): RecognisedTable {
  const sheet = spec.sheet ?? `${id}`;
  const r0 = spec.r0 ?? 5;
  const columns: TableColumn[] = spec.cols.map((c, i) => {
    const [side, role] = c.includes(":") ? (c.split(":") as ["income" | "expenditure", string]) : [undefined, c];
    const col = i + 2;
    return { role, header: [role], c: col, letter: colLetters(col), side };
  });
  let nextR = r0;
  const rows: TableRow[] = spec.rows.map((rs) => {
    const o = Array.isArray(rs) ? { head: rs[0], figs: rs.slice(1) as Fig[] } : rs;
    const side = Array.isArray(rs) ? undefined : rs.side;
    const r = !Array.isArray(rs) && rs.r !== undefined ? rs.r : nextR;
    nextR = Math.max(nextR, r + 1);
    const h = parseHead(o.head);
    const cols = columns.filter((c) => (side ? c.side === side : true));
    const amounts: Record<string, AmountCell> = {};
    const bad: BadAmountCell[] = [];
    o.figs.forEach((f, i) => {
      if (f === undefined || f === "") return;
      const col = cols[i];
      if (!col) throw new Error(`figure ${f} beyond the columns of ${id}`);
      const cell = `${col.letter}${r + 1}`;
      if (f.startsWith("#")) bad.push({ cell, text: f, kind: "error" });
      else if (f.startsWith("!")) bad.push({ cell, text: f.slice(1), kind: "invalid" });
      else {
        const [fig, formula] = f.split("=");
        amounts[col.role] = formula ? { amount: amount(fig), cell, formula } : { amount: amount(fig), cell };
      }
    });
    const row: TableRow = {
      kind: h.kind,
      side,
      name: { text: h.name, cell: `B${r + 1}` },
      label: h.label,
      depth: h.depth,
      indent: 0,
      amounts,
      r,
    };
    if (h.code) row.code = { text: h.code, cell: `A${r + 1}` };
    if (h.level) row.level = h.level;
    if (h.totalKind) row.totalKind = h.totalKind;
    if (!Array.isArray(rs) && rs.group) row.group = rs.group;
    if (!Array.isArray(rs) && rs.name2) row.name2 = { text: rs.name2, cell: `C${r + 1}` };
    if (bad.length) row.bad = bad;
    return row;
  });
  const year = spec.year === undefined ? 2026 : spec.year;
  const standardName = NAMES[id] ?? id;
  const title = spec.title ?? `${year ?? ""}年${standardName}`;
  const empty = spec.empty ?? (id !== "PT" && rows.every((r) => Object.keys(r.amounts).length === 0));
  const lastR = nextR + (spec.notes?.length ?? 0);
  const mu = spec.moneyUnit === undefined ? (id === "PT" ? "元" : "万元") : spec.moneyUnit;
  return {
    id,
    layoutId: `test/${id}`,
    standardName,
    title: { text: title, cell: "A1" },
    year,
    unitName: spec.unit === null ? null : { text: spec.unit ?? UNIT, cell: "A2" },
    moneyUnit: mu ? { unit: mu, cell: "A3" } : null,
    sheet,
    range: `A1:${colLetters(columns.length + 1)}${lastR}`,
    columns,
    rows,
    empty,
    notes: (spec.notes ?? []).map((n, i) => ({ text: n, cell: `A${nextR + 1 + i}` })),
    form: spec.form,
    box: { r0: 0, c0: 0, r1: lastR - 1, c1: columns.length + 1 },
  };
}

export function recognition(tables: RecognisedTable[], extra: Partial<RecognitionResult> = {}): RecognitionResult {
  return { workbook: "test.xlsx", layoutSet: "shanxi-unit-2026", year: 2026, unitName: UNIT, tables, narrative: [], problems: [], ...extra };
}

export const EMPTY_WORKBOOK: WorkbookSnapshot = { name: "test.xlsx", sheets: [] };

export function run(rule: Rule | Rule[], tables: RecognisedTable[], workbook: WorkbookSnapshot = EMPTY_WORKBOOK): Report {
  const ctx = makeRuleContext(recognition(tables), workbook);
  return runRules(ctx, Array.isArray(rule) ? rule : [rule]);
}

/** Findings reduced to what a case asserts: severity and cell, sorted. */
export function brief(fs: Finding[]): string[] {
  return fs.map((f) => `${f.severity} ${f.table ?? "-"}!${f.cell ?? "-"}`);
}

/** Funding block of a performance form from figures in 元: [total, central, provincial, local, self, other]. */
export function funding(figs: Fig[], col: string, r0: number): ProjectFunding {
  const keys: Array<keyof ProjectFunding> = ["total", "central", "provincial", "local", "self", "other"];
  const f: ProjectFunding = {};
  keys.forEach((k, i) => {
    const v = figs[i];
    if (v !== undefined && v !== "") f[k] = { amount: amount(v), cell: `${col}${r0 + i + 1}` };
  });
  return f;
}

/** Sets (or with "" clears) the figure of `row` in column `role`, at the column's cell. */
export function setFig(t: RecognisedTable, row: TableRow, role: string, fig: string): void {
  const col = t.columns.find((c) => c.role === role && (c.side === undefined || c.side === row.side));
  if (!col) throw new Error(`no column ${role} in ${t.id}`);
  const cell = row.amounts[role]?.cell ?? `${col.letter}${row.r + 1}`;
  if (fig === "") delete row.amounts[role];
  else row.amounts[role] = { amount: amount(fig), cell };
  t.empty = false;
}

/**
 * How the findings of `rule` change when `mutate` edits the tables: "severity table!cell" for each
 * new finding, "-severity table!cell" for each one that went away.
 */
export function newFindings(rule: Rule | Rule[], base: () => RecognisedTable[], mutate: (ts: RecognisedTable[]) => void): string[] {
  const before = brief(run(rule, base()).findings);
  const ts = base();
  mutate(ts);
  const after = brief(run(rule, ts).findings);
  const added = after.filter((b) => !before.includes(b));
  const gone = before.filter((b) => !after.includes(b)).map((b) => `-${b}`);
  return added.concat(gone);
}
