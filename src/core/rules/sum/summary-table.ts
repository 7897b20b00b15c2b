import type { TableId } from "../../recognise/model";
import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { summarySums } from "./relations";
import { figure, reportEqual } from "./support";
import { checkVertical } from "./vertical";

const TABLES: TableId[] = ["T01", "T04"];

export const sumSummaryTable: Rule = tableLocal({
  id: "sum/summary-table",
  severity: "error",
  title: { zh: "收支总表的合计与总计", en: "Totals of the summary tables" },
  doc:
    "表一、表四：本年收入合计等于各收入项目之和，本年支出合计等于各类支出之和，收入总计等于本年收入合计加上年结转，" +
    "支出总计等于本年支出合计加年终结转，收入总计与支出总计必须相等；表四上年财政拨款结转等于各来源结转之和。",
  reads: TABLES,
  check(ctx, report) {
    for (const id of TABLES) {
      for (const t of ctx.tablesOf(id)) {
        checkVertical(t, summarySums(ctx, t), report);
        const income = t.rows.find((r) => r.side === "income" && r.kind === "total" && r.totalKind === "收入总计");
        const spend = t.rows.find((r) => r.side === "expenditure" && r.kind === "total" && r.totalKind === "支出总计");
        if (income && spend) reportEqual(report, figure(t, spend, "total"), figure(t, income, "amount"));
      }
    }
  },
});
