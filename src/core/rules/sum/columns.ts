import type { Amount } from "../../money/amount";
import type { TableId } from "../../recognise/model";
import type { Rule } from "../types";
import { COLUMN_SUMS, columnSumsFor } from "./relations";
import { cellOf, reportSum, roleEn, roleZh, rowName } from "./support";

const TABLES = Object.keys(COLUMN_SUMS) as TableId[];

export const sumColumns: Rule = {
  id: "sum/columns",
  severity: "error",
  title: { zh: "合计列等于各分列之和", en: "Total column equals the sum of its parts" },
  doc:
    "每一行的合计列等于各组成列之和：表二、表十二为五类资金来源，表三、五、八、九为基本支出加项目支出，表六为人员经费加公用经费，" +
    "表四、十、十一、十三为三类财政拨款，表一为当年预算安排加上年结转安排。尾差提示，超出允许范围报错。",
  reads: TABLES,
  check(ctx, report) {
    const parts: Array<Amount | undefined> = [];
    for (const id of TABLES) {
      for (const t of ctx.tablesOf(id)) {
        for (const row of t.rows) {
          for (const def of columnSumsFor(t, row)) {
            const total = row.amounts[def.total]?.amount;
            parts.length = 0;
            let any = total !== undefined;
            for (const p of def.parts) {
              const a = row.amounts[p]?.amount;
              if (a) any = true;
              parts.push(a);
            }
            if (!any) continue;
            reportSum(
              report,
              () => ({
                table: t,
                cell: cellOf(t, row, def.total),
                related: def.parts.filter((p) => t.columns.some((c) => c.role === p)).map((p) => cellOf(t, row, p)),
                where: rowName(row),
                column: { zh: roleZh(t, def.total), en: roleEn(def.total) },
              }),
              total,
              parts,
              {
                zh: `${def.parts.map((p) => roleZh(t, p)).join("、")}之和`,
                en: `the sum of ${def.parts.map(roleEn).join(", ")}`,
              },
            );
          }
        }
      }
    }
  },
};
