import { layoutOfKey } from "../../layouts/registry";
import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { at, tableEn, tableZh } from "../sum/support";

export const structureMoneyUnit: Rule = tableLocal({
  id: "structure/money-unit",
  severity: "error",
  title: { zh: "金额单位", en: "Money unit" },
  doc: "各表须标明版式规定的金额单位：山西表一至表十三为“单位：万元”，上海各表为“单位：元”（“三公”经费表为万元）；项目支出绩效目标表的项目资金以元计。单位写错会使跨表核对差一万倍。",
  reads: ["*"],
  figures: false,
  check(ctx, report) {
    for (const t of ctx.recognition.tables) {
      const want = t.id === "PT" ? "元" : (layoutOfKey(t.layoutId, t.id)?.moneyUnit ?? "万元");
      if (t.form && t.id !== "PT") continue; // another set's form: its funds are read as written
      const name = t.id === "PT" ? `绩效目标表（${t.form?.projectName?.text ?? ""}）` : tableZh(t.id);
      if (!t.moneyUnit) {
        if (t.id === "PT") continue; // the form may state 元 only in its funding label
        report(at(t, t.title.cell, `${name}没有标明金额单位（应为“单位：${want}”）`, `${tableEn(t.id)} does not state its money unit (should be ${want})`, { expected: want }));
      } else if (t.moneyUnit.unit !== want) {
        report(
          at(t, t.moneyUnit.cell, `${name}金额单位为${t.moneyUnit.unit}，应为${want}`, `${tableEn(t.id)} is in ${t.moneyUnit.unit}, should be ${want}`, {
            expected: want,
            actual: t.moneyUnit.unit,
          }),
        );
      }
    }
  },
});
