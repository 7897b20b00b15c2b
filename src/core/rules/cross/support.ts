import { rowInColumn } from "../../report/words";
import type { Amount } from "../../money/amount";
import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import type { RuleContext, RuleReport } from "../types";
import { isTableTotal } from "../sum/relations";
import { at, cellOf, fmtAmount, fmtAmountEn, roleEn, roleZh, rowName, tableEn, tableZh } from "../sum/support";

/** Look-ups shared by the cross-table rules. A missing table or row makes a relation not apply. */

export function isBlank(a: Amount | undefined): boolean {
  return !a || a.value.isZero();
}

export function totalRow(t: RecognisedTable | undefined, kind: string, side?: TableRow["side"]): TableRow | undefined {
  return t?.rows.find((r) => r.kind === "total" && r.totalKind === kind && (side === undefined || r.side === side));
}

/** The table's own 合计 row (表十一 部门合计, 表十二 the unit's row). */
export function grandTotal(t: RecognisedTable | undefined): TableRow | undefined {
  return t?.rows.find(isTableTotal);
}

export function incomeLine(t: RecognisedTable | undefined, label: string, group?: string): TableRow | undefined {
  return t?.rows.find((r) => r.side === "income" && r.kind === "line" && r.label === label && (group === undefined || (r.group ?? "current") === group));
}

/** Top-level subject rows (类) by label. */
export function classRows(t: RecognisedTable, side?: TableRow["side"]): Map<string, TableRow> {
  const m = new Map<string, TableRow>();
  for (const r of t.rows) {
    if (r.kind !== "subject" || r.depth !== 0) continue;
    if (side !== undefined && r.side !== side) continue;
    if (!m.has(r.label)) m.set(r.label, r);
  }
  return m;
}

/** Subject rows keyed by code, or by label when the table has no codes. */
export function subjectRows(t: RecognisedTable): Map<string, TableRow> {
  const m = new Map<string, TableRow>();
  for (const r of t.rows) {
    if (r.kind !== "subject") continue;
    const k = subjectKey(r);
    if (!m.has(k)) m.set(k, r);
  }
  return m;
}

export function subjectKey(r: TableRow): string {
  return r.code?.text || `${r.depth}:${r.label}`;
}

export const SOURCE_LINES: Array<[role: string, label: string]> = [
  ["gpb", "一般公共预算"],
  ["govFund", "政府性基金预算"],
  ["soe", "国有资本经营预算"],
  ["specialAccount", "财政专户管理资金"],
  ["unitFunds", "单位资金"],
];

/** All money is 财政拨款: no 财政专户管理资金 and no 单位资金 in 表一 or 表二. */
export function allFiscal(ctx: RuleContext): boolean {
  const t01 = ctx.table("T01");
  const t02 = ctx.table("T02");
  for (const label of ["财政专户管理资金", "单位资金"]) if (!isBlank(incomeLine(t01, label)?.amounts.amount?.amount)) return false;
  const total02 = grandTotal(t02);
  if (total02) for (const role of ["specialAccount", "unitFunds"]) if (!isBlank(total02.amounts[role]?.amount)) return false;
  return t01 !== undefined || t02 !== undefined;
}

/** All money is 一般公共预算 of the year: no other source and no carry-over in 表一 or 表二. */
export function onlyGpb(ctx: RuleContext): boolean {
  const t01 = ctx.table("T01");
  const t02 = ctx.table("T02");
  for (const [, label] of SOURCE_LINES.slice(1)) if (!isBlank(incomeLine(t01, label)?.amounts.amount?.amount)) return false;
  if (!isBlank(totalRow(t01, "上年结转", "income")?.amounts.amount?.amount)) return false;
  const total02 = grandTotal(t02);
  if (total02) for (const role of ["govFund", "soe", "specialAccount", "unitFunds", "carry"]) if (!isBlank(total02.amounts[role]?.amount)) return false;
  return t01 !== undefined || t02 !== undefined;
}

/** 表四 spends no carried-over money, so its columns are the year's appropriations alone. */
export function t04WithoutCarry(t04: RecognisedTable): boolean {
  const carry = totalRow(t04, "上年财政拨款结转", "income") ?? totalRow(t04, "上年结转", "income");
  if (!isBlank(carry?.amounts.amount?.amount)) return false;
  for (const r of t04.rows) if (r.side === "income" && r.group === "carry" && !isBlank(r.amounts.amount?.amount)) return false;
  return true;
}

/** A row with a figure in one table has no counterpart in the other. Silent for blank figures. */
export function reportUnmatched(report: (f: RuleReport) => void, t: RecognisedTable, row: TableRow, role: string, other: TableId): void {
  const a = row.amounts[role]?.amount;
  if (isBlank(a)) return;
  report(
    at(
      t,
      cellOf(t, row, role),
      `${tableZh(t.id)} ${rowInColumn(rowName(row), roleZh(t, role), "zh")} ${fmtAmount(a)}，${tableZh(other)}中没有对应的行`,
      `${tableEn(t.id)} ${rowInColumn(rowName(row), roleEn(role), "en")} ${fmtAmountEn(a)} has no matching row in ${tableEn(other)}`,
      { actual: fmtAmount(a), expected: "0" },
    ),
  );
}
