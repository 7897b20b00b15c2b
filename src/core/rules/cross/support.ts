import { rowInColumn } from "../../report/words";
import type { Amount } from "../../money/amount";
import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import type { RuleReport } from "../types";
import { at, cellOf, fmtAmount, fmtAmountEn, roleEn, roleZh, rowName, tableEn, tableZh } from "../sum/support";

/** Wording shared by the cross-table rules. */

export function isBlank(a: Amount | undefined): boolean {
  return !a || a.value.isZero();
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
