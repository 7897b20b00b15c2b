import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { at, tableEn, tableZh } from "../sum/support";
import { STANDARD_TABLES, requiredTables } from "./all-tables";

const NO_DATA = /无.{0,12}数据|没有.{0,12}数据|无此项/;
// Shanghai: "注：本单位无政府性基金预算拨款，故本表为空表", or the table holds one row 无.
const EMPTY_TABLE = /空表/;

export const structureEmptyNote: Rule = tableLocal({
  id: "structure/empty-note",
  severity: "error",
  title: { zh: "空表须注明无数据", en: "Empty tables carry a no-data note" },
  doc:
    "没有任何数字的表须在表下注明“本表无数据”（上海：“故本表为空表”，或表中仅一行“无”）；有数字的表不得带这样的说明。" +
    "山西以外的版式中空表缺少说明为警告（已公开的文件中常见）。",
  reads: ["*"],
  check(ctx, report) {
    const shanxi = (ctx.recognition.layoutSet ?? "shanxi-unit-2026") === "shanxi-unit-2026";
    const tables = shanxi ? STANDARD_TABLES : requiredTables(ctx.recognition.layoutSet);
    for (const t of ctx.recognition.tables) {
      if (!tables.includes(t.id)) continue;
      const note = t.notes.find((n) => NO_DATA.test(n.text) || (!shanxi && EMPTY_TABLE.test(n.text)));
      const noneRow = !shanxi && t.rows.some((r) => r.label === "无" || r.code?.text === "无");
      if (t.empty && !note && !noneRow) {
        report(
          shanxi
            ? at(t, t.title.cell, `${tableZh(t.id)}没有数据，但表下缺少“注：本表无数据”的说明`, `${tableEn(t.id)} has no figures but no note saying “本表无数据” (no data)`)
            : at(t, t.title.cell, `${tableZh(t.id)}没有数据，但表下缺少“注：……故本表为空表”的说明（或表中一行“无”）`, `${tableEn(t.id)} has no figures but no note saying “故本表为空表” (the table is empty), nor a row “无”`, { severity: "warning" }),
        );
      } else if (!t.empty && note) {
        report(at(t, note.cell, `${tableZh(t.id)}有数据，却注明“${note.text}”`, `${tableEn(t.id)} has figures but a note says “${note.text}” (no data)`));
      }
    }
  },
});
