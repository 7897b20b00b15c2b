import { layoutSetById } from "../../layouts/registry";
import type { TableId } from "../../recognise/model";
import type { Rule } from "../types";
import { standardNameOf, tableEn, tableZh } from "../sum/support";

export const STANDARD_TABLES: TableId[] = ["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10", "T11", "T12", "T13"];

/** The tables a disclosure of the recognised layout set must hold (Shanxi: 表一…表十三; Shanghai: 表1…表9). */
export function requiredTables(layoutSet: string | undefined): TableId[] {
  const set = layoutSet ? layoutSetById(layoutSet) : undefined;
  if (!set || set.id === "shanxi-unit-2026") return STANDARD_TABLES;
  return set.tables.filter((t) => !t.optional && t.rowModel !== "form").map((t) => t.id);
}

export const structureAllTables: Rule = {
  id: "structure/all-tables",
  severity: "error",
  title: { zh: "各表齐全", en: "All tables of the layout present" },
  doc:
    "公开须包含所识别版式的全部报表（山西单位预算：表一至表十三；上海单位/部门预算：表1至表9）；没有数据的表也要保留并注明“本表无数据”（上海：“故本表为空表”）。" +
    "缺少哪张表就报哪张；另一版式才有的表不算缺失；有工作表无法读取时不报（先修复该表）。",
  reads: ["*"],
  figures: false,
  check(ctx, report) {
    // A sheet that could not be read is reported as such (recognition problem "unreadable-sheet"):
    // the tables on it are unknown, not missing.
    if (ctx.recognition.problems.some((p) => p.kind === "unreadable-sheet")) return;
    for (const id of requiredTables(ctx.recognition.layoutSet)) {
      if (ctx.table(id)) continue;
      const name = standardNameOf(id);
      report({
        table: id,
        sheet: null,
        cell: null,
        message: `缺少${tableZh(id)}《${name}》；没有数据的表也须公开并注明“本表无数据”`,
        messageEn: `${tableEn(id)} (${name}) is missing; a table without data must still be published with a note saying so`,
      });
    }
  },
};
