import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { at, qualify } from "../sum/support";
import { FORM_IDS, formsOf, projectName } from "./support";
import { formTexts, sameWork, stated } from "./text-figures";
import { partsOffFunds, singleSlip } from "./text-parts";

export const performanceTextCost: Rule = tableLocal({
  id: "performance/text-cost",
  severity: "warning",
  title: { zh: "项目文字中的金额超过成本指标", en: "An amount in a project text exceeds its cost target" },
  doc:
    "项目概况等文字为某项工作写明的金额（如“（2）项目评审（150万元）”）不应超过同名成本指标的上限（“项目评审服务成本 ≤145万元”）。" +
    " An amount a project text states for a piece of work must not exceed the cap of the cost indicator for the same work.",
  reads: FORM_IDS,
  check(ctx, report) {
    for (const t of formsOf(ctx)) {
      if (!t.form) continue;
      const ft = formTexts(t);
      if (!ft.caps.length) continue;
      const name = projectName(t.form);
      for (const text of ft.texts) {
        // A part whose slip text-parts already reports (as the one wrong part, or within parts that miss the funds) is not said twice.
        const slip = singleSlip(ft, text);
        const off = partsOffFunds(ft, text);
        const named = [
          ...text.parts.filter((p) => p.amount && p !== slip && !off).map((p) => ({ m: p.amount!, name: p.name, quote: p.quote })),
          ...text.amounts.filter((m) => !text.parts.some((p) => p.amount === m)).map((m) => ({ m, name: m.subject, quote: text.quoteOf(m) })),
        ];
        for (const { m, name: work, quote } of named) {
          const over = ft.caps.filter((c) => sameWork(c, work) && stated(m).lo.gt(c.wan));
          if (!over.length) continue;
          // The same cap in both blocks (实施期 and 年度) is one slip: say it once, point at both.
          const cap = over[0];
          const target = cap.indicator.target!;
          report(
            at(
              t,
              text.cell,
              `项目“${name}”${text.key}“${quote}”超过成本指标“${cap.indicator.name.text}”${target.text}`,
              `Project “${name}”, ${text.key}: “${quote}” exceeds the cost target “${cap.indicator.name.text}” ${target.text}.`,
              { related: over.map((c) => qualify(t.sheet, c.indicator.target!.cell)), expected: `≤${cap.wan.toString()}`, actual: m.value.toString() },
            ),
          );
        }
      }
    }
  },
});
