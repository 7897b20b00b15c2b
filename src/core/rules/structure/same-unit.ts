import type { Rule } from "../types";
import { at, tableEn, tableZh } from "../sum/support";
import { majority, normUnit } from "./support";

export const structureSameUnit: Rule = {
  id: "structure/same-unit",
  severity: "error",
  title: { zh: "各表单位名称一致", en: "One unit name across tables" },
  doc: "各表“单位名称：”须为同一单位（忽略空格与全半角括号）；指出与多数表不同的那一格。绩效目标表不在此列。",
  reads: ["*"],
  figures: false,
  check(ctx, report) {
    const tables = ctx.recognition.tables.filter((t) => t.id !== "PT" && t.unitName && normUnit(t.unitName.text) !== "");
    const names = tables.map((t) => normUnit(t.unitName!.text));
    const ref = ctx.recognition.unitName ? normUnit(ctx.recognition.unitName) : majority(names);
    if (!ref) return;
    tables.forEach((t, i) => {
      if (names[i] === ref) return;
      const shown = normUnit(t.unitName!.text);
      report(
        at(t, t.unitName!.cell, `${tableZh(t.id)}单位名称“${shown}”与其他表（${ref}）不一致`, `${tableEn(t.id)} names the unit “${shown}”, the other tables “${ref}”`, {
          expected: ref,
          actual: shown,
        }),
      );
    });
  },
};
