import type { TableId } from "../../recognise/model";
import type { Rule } from "../types";
import { STANDARD_NAMES, tableEn, tableZh } from "../sum/support";

export const STANDARD_TABLES: TableId[] = ["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10", "T11", "T12", "T13"];

export const structureAllTables: Rule = {
  id: "structure/all-tables",
  severity: "error",
  title: { zh: "十三张表齐全", en: "All 13 tables present" },
  doc: "单位预算公开须包含表一至表十三；没有数据的表也要保留并注明“本表无数据”。缺少哪张表就报哪张；有工作表无法读取时不报（先修复该表）。",
  reads: ["*"],
  figures: false,
  check(ctx, report) {
    // A sheet that could not be read is reported as such (recognition problem "unreadable-sheet"):
    // the tables on it are unknown, not missing.
    if (ctx.recognition.problems.some((p) => p.kind === "unreadable-sheet")) return;
    for (const id of STANDARD_TABLES) {
      if (ctx.table(id)) continue;
      report({
        table: id,
        sheet: null,
        cell: null,
        message: `缺少${tableZh(id)}《${STANDARD_NAMES[id]}》；没有数据的表也须公开并注明“本表无数据”`,
        messageEn: `${tableEn(id)} (${STANDARD_NAMES[id]}) is missing; a table without data must still be published with a note saying so`,
      });
    }
  },
};
