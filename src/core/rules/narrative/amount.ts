import type { Rule } from "../types";
import { NARRATIVE_READS, analyse, at, mentionQuote, related } from "./analysis";
import { formatFigure } from "./resolve";

/** Every amount or count the text states about a table figure must be that figure. */
export const amountRule: Rule = {
  id: "narrative/amount",
  severity: "warning",
  title: { zh: "说明中的金额与表不符", en: "Amount in the text differs from the table" },
  doc:
    "情况说明中写明科目或口径的金额（如“基本支出245.48万元”“项目3个”）须等于表中对应数字（按文中精度比较，“288万元”=288.00）。" +
    " Each figure the explanatory text states for a named table figure must equal it at the stated precision.",
  reads: NARRATIVE_READS,
  check(ctx, report) {
    const a = analyse(ctx);
    for (const m of a.doc.mentions) {
      const c = a.checks[m.id];
      if (c.status !== "mismatch" || !c.figure) continue;
      const f = c.figure;
      const unit = m.kind === "count" ? "个" : "万元";
      const expected = m.kind === "count" ? f.value.toFixed(0) : formatFigure(f);
      const q = mentionQuote(a, m);
      report({
        ...at(a, m.sentence, m.figure.start),
        related: related(f),
        message: `说明中“${q}”与${f.where.zh}（${expected}${unit}）不一致。`,
        messageEn: `The text “${q}” states ${m.figure.text}${m.figure.unit} but ${f.where.en} shows ${expected} ${unit}.`,
        expected,
        actual: m.figure.unit === "元" || m.figure.unit === "亿元" ? `${m.figure.text}${m.figure.unit}` : m.figure.text,
      });
    }
  },
};
