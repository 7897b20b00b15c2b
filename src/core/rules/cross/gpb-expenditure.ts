import { sameFigure } from "../../money/interval";
import type { RecognisedTable, TableRow } from "../../recognise/model";
import type { FigureAt, Rule, RuleContext, RuleReport } from "../types";
import { isTableTotal } from "../sum/relations";
import { cellOf, figure, reportEqual } from "../sum/support";
import { classRows, grandTotal, onlyGpb, reportUnmatched, subjectKey, t04WithoutCarry, totalRow } from "./support";

const ROLES = ["total", "basic", "project"];
const ROLE_SET = new Set(ROLES);

type Report = (f: RuleReport) => void;

function indexRows(rows: TableRow[]): Map<string, number> {
  const m = new Map<string, number>();
  rows.forEach((r, i) => {
    const k = subjectKey(r);
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}

/**
 * 表五's subject rows paired with 表三's: `pairs[i]` is the index in `rows03` of the `i`-th 表五
 * subject row's counterpart, or -1. Depends on codes and names only, never on figures.
 */
interface Pairing {
  rows03: TableRow[];
  rows05: TableRow[];
  pairs: Int32Array;
  matched: Uint8Array;
}

function pairRows(t03: RecognisedTable, t05: RecognisedTable): Pairing {
  const rows03 = t03.rows.filter((r) => r.kind === "subject");
  const rows05 = t05.rows.filter((r) => r.kind === "subject");
  let index03: Map<string, number> | null = null; // built only once the two tables stop running in step
  const pairs = new Int32Array(rows05.length).fill(-1);
  const matched = new Uint8Array(rows03.length);
  let next = 0;
  rows05.forEach((r05, j) => {
    const key = subjectKey(r05);
    let i: number | undefined;
    // 表五 normally lists 表三's rows in the same order: pair by position while the keys agree.
    if (next < rows03.length && subjectKey(rows03[next]) === key) i = next++;
    else {
      index03 ??= indexRows(rows03);
      i = index03.get(key);
    }
    if (i === undefined) return;
    pairs[j] = i;
    matched[i] = 1;
  });
  return { rows03, rows05, pairs, matched };
}

/** The same row of the two tables, figure by figure: reported at 表五's cells. */
function comparePair(report: Report, t05: RecognisedTable, r05: TableRow, t03: RecognisedTable, r03: TableRow): void {
  // Walk the figures present rather than every column: rows are sparse, and equal rows must not allocate.
  const a = r05.amounts;
  const b = r03.amounts;
  for (const role in a) {
    if (ROLE_SET.has(role) && !sameFigure(a[role].amount, b[role]?.amount)) reportEqual(report, figure(t05, r05, role), figure(t03, r03, role));
  }
  for (const role in b) {
    if (!(role in a) && ROLE_SET.has(role) && !sameFigure(undefined, b[role].amount)) reportEqual(report, figure(t05, r05, role), figure(t03, r03, role));
  }
}

function compareTotals(report: Report, t03: RecognisedTable, t05: RecognisedTable): void {
  const tot03 = grandTotal(t03);
  const tot05 = grandTotal(t05);
  if (tot03 && tot05) for (const role of ROLES) reportEqual(report, figure(t05, tot05, role), figure(t03, tot03, role));
}

/** 表四's 一般公共预算 column against 表五 (when 表四 spends no carry-over); reports at 表四's cells, which it returns. */
function checkT04(report: Report, t04: RecognisedTable | undefined, t05: RecognisedTable): FigureAt[] {
  const cells: FigureAt[] = [];
  if (!t04 || !t04WithoutCarry(t04)) return cells;
  const at = (row: TableRow) => cells.push({ table: t04.id, sheet: t04.sheet, cell: cellOf(t04, row, "gpb") });
  const spend = totalRow(t04, "本年支出合计", "expenditure");
  const tot05 = grandTotal(t05);
  if (spend && tot05) {
    reportEqual(report, figure(t04, spend, "gpb"), figure(t05, tot05, "total"));
    at(spend);
  }
  const c05 = classRows(t05);
  for (const [label, r04] of classRows(t04, "expenditure")) {
    const r05 = c05.get(label);
    if (r05) reportEqual(report, figure(t04, r04, "gpb"), figure(t05, r05, "total"));
    else reportUnmatched(report, t04, r04, "gpb", "T05");
    at(r04);
  }
  return cells;
}

// The pairing of the last tables re-checked live: a typed figure changes no code or name.
const pairings = new WeakMap<RecognisedTable, { t03: RecognisedTable; rows03: TableRow[]; rows05: TableRow[]; pairing: Pairing; byRow: Map<TableRow, number> }>();

function pairingOf(t03: RecognisedTable, t05: RecognisedTable) {
  const hit = pairings.get(t05);
  if (hit && hit.t03 === t03 && hit.rows03 === t03.rows && hit.rows05 === t05.rows) return hit;
  const pairing = pairRows(t03, t05);
  const byRow = new Map<TableRow, number>();
  pairing.rows05.forEach((r, j) => byRow.set(r, j));
  pairing.rows03.forEach((r, i) => byRow.set(r, i));
  const entry = { t03, rows03: t03.rows, rows05: t05.rows, pairing, byRow };
  pairings.set(t05, entry);
  return entry;
}

function cellsOfRow(t: RecognisedTable, row: TableRow): FigureAt[] {
  return ROLES.map((role) => ({ table: t.id, sheet: t.sheet, cell: cellOf(t, row, role) }));
}

export const crossGpbExpenditure: Rule = {
  id: "cross/gpb-expenditure",
  severity: "error",
  title: { zh: "一般公共预算支出与表三、表四一致", en: "General public budget expenditure agrees across tables" },
  doc:
    "表五是表三中一般公共预算的部分：全部资金为当年一般公共预算时，表五逐行逐列等于表三。" +
    "表四无上年财政拨款结转时，其一般公共预算列各类及本年支出合计等于表五对应的类及合计。",
  reads: ["T01", "T02", "T03", "T04", "T05"],
  check(ctx, report) {
    const t05 = ctx.table("T05");
    if (!t05) return;
    const t03 = ctx.table("T03");
    if (t03 && onlyGpb(ctx)) {
      compareTotals(report, t03, t05);
      const { rows03, rows05, pairs, matched } = pairRows(t03, t05);
      rows05.forEach((r05, j) => {
        const i = pairs[j];
        if (i < 0) for (const role of ROLES) reportUnmatched(report, t05, r05, role, "T03");
        else comparePair(report, t05, r05, t03, rows03[i]);
      });
      for (let i = 0; i < rows03.length; i++) if (!matched[i]) for (const role of ROLES) reportUnmatched(report, t03, rows03[i], role, "T05");
    }
    checkT04(report, ctx.table("T04"), t05);
  },
  // A figure typed into 表三 or 表五 changes only its row's comparison (表五's row, or 表三's row
  // left without one), the totals' when it is a total, and 表四's when it is a 表五 class or total.
  // 表一, 表二 (which decide whether the rule applies) and 表四 are small: checked again whole.
  recheckFigure(ctx: RuleContext, { table, row }, report) {
    if (table.id !== "T03" && table.id !== "T05") return null;
    const t05 = ctx.table("T05");
    if (!t05) return [];
    const t03 = ctx.table("T03");
    if (table !== t03 && table !== t05) return [];
    const cells: FigureAt[] = [];
    if (t03 && onlyGpb(ctx)) {
      if (isTableTotal(row) && (row === grandTotal(t03) || row === grandTotal(t05))) {
        const tot05 = grandTotal(t05);
        compareTotals(report, t03, t05);
        if (tot05) cells.push(...cellsOfRow(t05, tot05));
      }
      if (row.kind === "subject") {
        const { pairing, byRow } = pairingOf(t03, t05);
        const { rows03, rows05, pairs, matched } = pairing;
        const k = byRow.get(row);
        if (k === undefined) return null; // not a row of the pairing: should not happen
        if (table === t05) {
          const i = pairs[k];
          if (i < 0) for (const role of ROLES) reportUnmatched(report, t05, row, role, "T03");
          else comparePair(report, t05, row, t03, rows03[i]);
          cells.push(...cellsOfRow(t05, row));
        } else if (!matched[k]) {
          for (const role of ROLES) reportUnmatched(report, t03, row, role, "T05");
          cells.push(...cellsOfRow(t03, row));
        } else {
          for (let j = 0; j < pairs.length; j++) {
            if (pairs[j] !== k) continue;
            comparePair(report, t05, rows05[j], t03, row);
            cells.push(...cellsOfRow(t05, rows05[j]));
          }
        }
      }
    }
    if (table === t05 && (isTableTotal(row) || (row.kind === "subject" && row.depth === 0))) cells.push(...checkT04(report, ctx.table("T04"), t05));
    return cells;
  },
};
