import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { at, tableEn, tableZh } from "../sum/support";
import { STANDARD_TABLES } from "./all-tables";

const NO_DATA = /无.{0,12}数据|没有.{0,12}数据|无此项/;

export const structureEmptyNote: Rule = tableLocal({
  id: "structure/empty-note",
  severity: "error",
  title: { zh: "空表须注明无数据", en: "Empty tables carry a no-data note" },
  doc: "没有任何数字的表须在表下注明“本表无数据”；有数字的表不得带这样的说明。",
  reads: ["*"],
  check(ctx, report) {
    for (const t of ctx.recognition.tables) {
      if (!STANDARD_TABLES.includes(t.id)) continue;
      const note = t.notes.find((n) => NO_DATA.test(n.text));
      if (t.empty && !note) {
        report(
          at(t, t.title.cell, `${tableZh(t.id)}没有数据，但表下缺少“注：本表无数据”的说明`, `${tableEn(t.id)} has no figures but no note saying “本表无数据” (no data)`),
        );
      } else if (!t.empty && note) {
        report(at(t, note.cell, `${tableZh(t.id)}有数据，却注明“${note.text}”`, `${tableEn(t.id)} has figures but a note says “${note.text}” (no data)`));
      }
    }
  },
});
