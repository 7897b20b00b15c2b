import { rowInColumn, signed } from "../../report/words";
import Decimal from "decimal.js";
import type { Amount } from "../../money/amount";
import { checkSum, sameFigure, sumVerdict, type SumCheck } from "../../money/interval";
import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import type { RuleReport } from "../types";
import { tableLayoutOf } from "../../layouts/registry";

/** Shared wording and cell bookkeeping of the sum, cross-table, structure and performance rules. */

const TABLE_ZH: Partial<Record<TableId, string>> = {
  T01: "表一", T02: "表二", T03: "表三", T04: "表四", T05: "表五", T06: "表六", T07: "表七",
  T08: "表八", T09: "表九", T10: "表十", T11: "表十一", T12: "表十二", T13: "表十三", PT: "绩效目标表",
};

export const STANDARD_NAMES: Partial<Record<TableId, string>> = {
  T01: "预算收支总表", T02: "预算收入总表", T03: "预算支出总表", T04: "财政拨款收支总表",
  T05: "一般公共预算支出预算表", T06: "一般公共预算安排基本支出分经济科目表", T07: "政府性基金预算收入表",
  T08: "政府性基金预算支出表", T09: "国有资本经营预算收支预算表", T10: "财政拨款安排“三公”经费支出预算表",
  T11: "财政拨款安排机关运行经费预算表", T12: "项目支出预算表（本年预算）", T13: "项目支出预算表（上年结转）",
  PT: "项目支出绩效目标表",
};

/** 表一 (Shanxi), 表1 (another set: its own numbering, from its layout). */
export function tableZh(id: TableId): string {
  return TABLE_ZH[id] ?? tableLayoutOf(id)?.number ?? id;
}

export function tableEn(id: TableId): string {
  if (id === "PT" || id === "SHPT") return "Performance target table";
  const n = /\d+$/.exec(id);
  return n ? `Table ${Number(n[0])}` : id;
}

/** The standard name of a table id (Shanxi's fixed names, else its layout's). */
export function standardNameOf(id: TableId): string {
  return STANDARD_NAMES[id] ?? tableLayoutOf(id)?.standardName ?? id;
}

const ROLE_NAMES: Record<string, [string, string]> = {
  total: ["合计", "total"],
  amount: ["金额", "amount"],
  gpb: ["一般公共预算", "general public budget"],
  govFund: ["政府性基金", "government fund"],
  soe: ["国有资本经营预算", "state capital budget"],
  specialAccount: ["财政专户管理资金", "special account funds"],
  unitFunds: ["单位资金", "unit funds"],
  carry: ["上年结转", "carry-over"],
  current: ["当年预算安排", "current-year budget"],
  basic: ["基本支出", "basic expenditure"],
  project: ["项目支出", "project expenditure"],
  personnel: ["人员经费", "personnel funds"],
  public: ["公用经费", "public funds"],
  fiscal: ["财政拨款收入", "fiscal appropriation"],
  business: ["事业收入", "business income"],
  operating: ["事业单位经营收入", "operating income"],
  other: ["其他收入", "other income"],
  abroad: ["因公出国(境)费", "official travel abroad"],
  reception: ["公务接待费", "official reception"],
  vehicle: ["公务用车购置及运行费", "official vehicles"],
  vehiclePurchase: ["公务用车购置费", "vehicle purchase"],
  vehicleRun: ["公务用车运行费", "vehicle operation"],
  operatingCost: ["机关运行经费", "office operating expenses"],
};

export function roleZh(t: RecognisedTable, role: string): string {
  if (role === "total" && t.id === "T04") return "小计";
  if (role === "total" && t.id === "T01") return t.year ? `${t.year}年合计` : "合计";
  if (role === "carry" && t.id === "T01") return "上年结转安排";
  return ROLE_NAMES[role]?.[0] ?? role;
}

export function roleEn(role: string): string {
  return ROLE_NAMES[role]?.[1] ?? role;
}

/** "21011 行政事业单位医疗", or the label of a row without a code. */
export function rowName(row: TableRow): string {
  const name = row.label || row.name.text;
  return row.code ? `${row.code.text} ${name}` : name;
}

/** "Sheet!A1" for a cell of another sheet (findings point across tables). */
export function qualify(sheet: string, cell: string): string {
  return `${sheet}!${cell}`;
}

const ZERO = new Decimal(0);

export function fmt(d: Decimal, decimals: number): string {
  return d.toFixed(decimals);
}

export function fmtAmount(a: Amount | undefined): string {
  return a ? a.value.toFixed(a.decimals) : "空";
}

export function fmtAmountEn(a: Amount | undefined): string {
  return a ? a.value.toFixed(a.decimals) : "blank";
}

/** The table's amount columns on a side (columns without a side belong to every side). */
export function rolesOf(t: RecognisedTable, side: TableRow["side"]): string[] {
  const out: string[] = [];
  for (const c of t.columns) {
    if (side === undefined || c.side === undefined || c.side === side) {
      if (!out.includes(c.role)) out.push(c.role);
    }
  }
  return out;
}

/** Letter of the column holding `role` on a side, to point at a blank cell. */
export function columnLetter(t: RecognisedTable, role: string, side: TableRow["side"]): string | undefined {
  let fallback: string | undefined;
  for (const c of t.columns) {
    if (c.role !== role) continue;
    if (c.side === side) return c.letter;
    fallback ??= c.letter;
  }
  return fallback;
}

/** The address of the figure of `row` in column `role`, blank or not (falls back to the name cell). */
export function cellOf(t: RecognisedTable, row: TableRow, role: string): string {
  const a = row.amounts[role];
  if (a) return a.cell;
  const letter = columnLetter(t, role, row.side);
  return letter ? `${letter}${row.r + 1}` : row.name.cell;
}

export function amountOf(row: TableRow | undefined, role: string): Amount | undefined {
  return row?.amounts[role]?.amount;
}

/** Distinct sides of a table's rows, in the order they appear. */
export function sidesOf(t: RecognisedTable): Array<TableRow["side"]> {
  const out: Array<TableRow["side"]> = [];
  let last: TableRow["side"] | null = null;
  for (const r of t.rows) {
    if (r.side === last) continue;
    last = r.side;
    if (!out.includes(r.side)) out.push(r.side);
  }
  return out;
}

export interface SumWording {
  /** What the children are called: 下级之和 / sum of children. */
  zh: string;
  en: string;
}

export interface SumSubject {
  table: RecognisedTable;
  /** Where the finding points: the parent figure's cell. */
  cell: string;
  /** Cells of the children, blank ones included (on the same sheet). */
  related: string[];
  /** Row and column description, e.g. "21011 行政事业单位医疗" (names are data: the same in both languages) and "合计". */
  where: string | { zh: string; en: string };
  column: { zh: string; en: string };
  /** How to show a figure; by default with its decimals (1,800,000 元 figures want thousands separators). */
  format?: (d: Decimal, decimals: number) => string;
}

/**
 * Checks parent = Σ children and reports nothing when exact, an info (尾差) within tolerance and an
 * error beyond. Returns the verdict so callers can count.
 */
export function reportSum(
  report: (f: RuleReport) => void,
  subject: SumSubject | (() => SumSubject),
  parent: Amount | undefined,
  children: ReadonlyArray<Amount | undefined>,
  wording: SumWording,
): "exact" | "tail" | "error" {
  const verdict = sumVerdict(parent, children);
  if (verdict === "exact") return verdict;
  const s = typeof subject === "function" ? subject() : subject;
  const r = checkSum(parent, children);
  report(sumFinding(s, r, wording));
  return verdict;
}

export function sumFinding(s: SumSubject, r: SumCheck, w: SumWording): RuleReport {
  const d = r.decimals;
  const show = s.format ?? fmt;
  const actual = show(r.actual, d);
  const expected = show(r.expected, d);
  const diff = r.difference.isNegative() ? `−${show(r.difference.abs(), d)}` : show(r.difference, d);
  const tol = r.tolerance.toString();
  const tail = r.consistent;
  const whereZh = typeof s.where === "string" ? s.where : s.where.zh;
  const whereEn = typeof s.where === "string" ? s.where : s.where.en;
  // "合计：合计 …" says a word twice; the row's name is enough when it is the column's.
  const colZh = whereZh === s.column.zh || whereZh.endsWith(` ${s.column.zh}`) ? "" : `${s.column.zh} `;
  const colEn = whereEn.toLowerCase() === s.column.en.toLowerCase() ? "" : `${s.column.en} `;
  return {
    severity: tail ? "info" : "error",
    table: s.table.id,
    tableLabel: tableLabel(s.table),
    sheet: s.table.sheet,
    cell: s.cell,
    related: s.related,
    message: tail
      ? `${whereZh}：${colZh}${actual}，${w.zh} ${expected}，差 ${diff}，在允许尾差 ±${tol} 内`
      : `${whereZh}：${colZh}${actual}，${w.zh} ${expected}，差 ${diff}（允许尾差 ±${tol}）`,
    messageEn: tail
      ? `${whereEn}: ${colEn}${actual}, ${w.en} ${expected}, difference ${diff}, within the allowed rounding of ±${tol}`
      : `${whereEn}: ${colEn}${actual}, ${w.en} ${expected}, difference ${diff} (allowed rounding ±${tol})`,
    expected: fmt(r.expected, d),
    actual: fmt(r.actual, d),
    difference: fmt(r.difference, d),
    tolerance: tol,
  };
}

/** For performance forms (of any set: PT, SHPT), the project name tells them apart in a report. */
export function tableLabel(t: RecognisedTable): string | undefined {
  return t.form ? t.form.projectName?.text : undefined;
}

/** Findings about one cell of a table, with the fields every finding carries. */
export function at(
  t: RecognisedTable,
  cell: string | null,
  message: string,
  messageEn: string,
  extra: Partial<RuleReport> = {},
): RuleReport {
  const f: RuleReport = { table: t.id, sheet: t.sheet, cell, message, messageEn, ...extra };
  const label = tableLabel(t);
  if (label !== undefined) f.tableLabel = label;
  return f;
}

/** One figure of a table: a row's figure in a column, named for messages only when reported. */
export interface FigureRef {
  table: RecognisedTable;
  row: TableRow;
  role: string;
  name?: { zh: string; en: string };
}

export function figure(t: RecognisedTable, row: TableRow, role: string, name?: { zh: string; en: string }): FigureRef {
  return { table: t, row, role, name };
}

/** "表一 本年支出合计（2026年合计）" and its English form. */
function describe(f: FigureRef): { zh: string; en: string } {
  const plain = f.row.kind === "total" && f.row.totalKind ? f.row.totalKind : rowName(f.row);
  const n = f.name ?? { zh: plain, en: plain };
  return { zh: `${tableZh(f.table.id)} ${rowInColumn(n.zh, roleZh(f.table, f.role), "zh")}`, en: `${tableEn(f.table.id)} ${rowInColumn(n.en, roleEn(f.role), "en")}` };
}

/**
 * The same figure shown twice must be equal to the cent (blank = 0). Reports at `a` with both cells
 * in `related`; `b` is the reference. Returns true when they agree.
 */
export function reportEqual(report: (f: RuleReport) => void, a: FigureRef, b: FigureRef): boolean {
  const fa = a.row.amounts[a.role]?.amount;
  const fb = b.row.amounts[b.role]?.amount;
  if (sameFigure(fa, fb)) return true;
  const d = Math.max(fa?.decimals ?? 0, fb?.decimals ?? 0);
  const va = fa ? fa.value : ZERO;
  const vb = fb ? fb.value : ZERO;
  const diff = va.minus(vb);
  const na = describe(a);
  const nb = describe(b);
  const ca = cellOf(a.table, a.row, a.role);
  const cb = cellOf(b.table, b.row, b.role);
  report(
    at(
      a.table,
      ca,
      `${na.zh} ${fmtAmount(fa)}，${nb.zh} ${fmtAmount(fb)}，差 ${signed(diff, d)}`,
      `${na.en} ${fmtAmountEn(fa)}, ${nb.en} ${fmtAmountEn(fb)}, difference ${signed(diff, d)}`,
      {
        related: [qualify(a.table.sheet, ca), qualify(b.table.sheet, cb)],
        expected: vb.toFixed(d),
        actual: va.toFixed(d),
        difference: diff.toFixed(d),
      },
    ),
  );
  return false;
}
