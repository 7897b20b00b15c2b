import type { Amount } from "../../money/amount";
import { checkSum, sumVerdict } from "../../money/interval";
import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import { tableLocal } from "../engine";
import type { Rule, RuleReport } from "../types";
import { COLUMN_SUM_TABLES, columnSumsOf, type ColumnSum } from "./relations";
import { cellOf, roleEn, roleZh, rowName, sumFinding } from "./support";

const TABLES: TableId[] = [...COLUMN_SUM_TABLES];

export const sumColumns: Rule = tableLocal({
  id: "sum/columns",
  severity: "error",
  title: { zh: "合计列等于各分列之和", en: "Total column equals the sum of its parts" },
  doc:
    "每一行的合计列等于各组成列之和：表二、表十二为五类资金来源，表三、五、八、九为基本支出加项目支出，表六为人员经费加公用经费，" +
    "表四、十、十一、十三为三类财政拨款，表一为当年预算安排加上年结转安排。尾差提示，超出允许范围报错。",
  reads: TABLES,
  check(ctx, report) {
    for (const id of TABLES) {
      for (const t of ctx.tablesOf(id)) checkTable(t, t.rows, columnSumsOf(t) ?? [], report);
    }
  },
  // Row-local: a typed figure changes only its own row's sums.
  recheckFigure(_ctx, { table, row }, report) {
    const defs = columnSumsOf(table);
    if (!defs) return [];
    checkTable(table, [row], defs, report);
    return defs.filter((d) => d.side === "any" || d.side === row.side).map((d) => cellOf(table, row, d.total));
  },
});

function checkTable(t: RecognisedTable, rows: readonly TableRow[], defs: ColumnSum[], report: (f: RuleReport) => void): void {
  for (const def of defs) {
    const n = def.parts.length;
    // one array a definition, filled in place for each row (emptying it with length = 0 freed its store, and each row's pushes allocated one again)
    const parts: Array<Amount | undefined> = new Array<Amount | undefined>(n).fill(undefined);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (def.side !== "any" && def.side !== row.side) continue;
      const amounts = row.amounts;
      const total = amounts[def.total]?.amount;
      let any = total !== undefined;
      for (let i = 0; i < n; i++) {
        const a = amounts[def.parts[i]]?.amount;
        if (a) any = true;
        parts[i] = a;
      }
      if (!any || sumVerdict(total, parts) === "exact") continue;
      report(finding(t, row, def, total, parts));
    }
  }
}

function finding(t: RecognisedTable, row: TableRow, def: ColumnSum, total: Amount | undefined, parts: Array<Amount | undefined>): RuleReport {
  return sumFinding(
    {
      table: t,
      cell: cellOf(t, row, def.total),
      related: def.parts.filter((p) => t.columns.some((c) => c.role === p)).map((p) => cellOf(t, row, p)),
      where: rowName(row),
      column: { zh: roleZh(t, def.total), en: roleEn(def.total) },
    },
    checkSum(total, parts),
    { zh: `${def.parts.map((p) => roleZh(t, p)).join("、")}之和`, en: `the sum of ${def.parts.map(roleEn).join(", ")}` },
  );
}
