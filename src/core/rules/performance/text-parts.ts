import { signed } from "../../report/words";
import { Interval } from "../../money/interval";
import { tableLocal } from "../engine";
import type { Rule, RuleReport } from "../types";
import { at, qualify } from "../sum/support";
import { FORM_IDS, formsOf, projectName } from "./support";
import { formTexts, fundsMatching, sameWork, stated, sumText, wanText, type FormText, type FormTexts, type TextPart } from "./text-figures";

/** The amounts under a part that do not make up the part (a complete list must meet it; a partial one not exceed it). */
export function partItemsDisagree(p: TextPart): boolean {
  if (!p.amount || p.items.length === 0) return false;
  if (p.items.length === 1 && p.partial) return false;
  const sum = Interval.sum(p.items.map(stated));
  const part = stated(p.amount);
  return p.partial ? sum.lo.gt(part.hi) : !sum.intersects(part);
}

/** The part a text's slip is in, when correcting it to its items makes the parts add up to the funds. */
export function singleSlip(ft: FormTexts, text: FormText): TextPart | null {
  const parts = text.parts;
  if (parts.length < 2 || parts.some((p) => !p.amount)) return null;
  const wrong = parts.filter(partItemsDisagree);
  if (wrong.length !== 1) return null;
  const fixed = Interval.sum(parts.map((p) => (p === wrong[0] ? Interval.sum(p.items.map(stated)) : stated(p.amount!))));
  return fundsMatching(ft, fixed) ? wrong[0] : null;
}

/** The numbered parts all have amounts and do not add up to the funds (nor does one slip explain it). */
export function partsOffFunds(ft: FormTexts, text: FormText): boolean {
  const parts = text.parts;
  if (parts.length < 2 || !ft.funds.length || parts.some((p) => !p.amount)) return false;
  return !fundsMatching(ft, Interval.sum(parts.map((p) => stated(p.amount!)))) && !singleSlip(ft, text);
}

function costNote(ft: FormTexts, p: TextPart): { zh: string; en: string; target: string; cells: string[] } {
  const cap = ft.caps.find((c) => sameWork(c, p.name));
  if (!cap) return { zh: "", en: "", target: "", cells: [] };
  const t = cap.indicator.target!;
  return {
    target: `“${cap.indicator.name.text}” ${t.text}`,
    zh: `；成本指标“${cap.indicator.name.text}”${t.text}`,
    en: `; the cost target “${cap.indicator.name.text}” is ${t.text}`,
    cells: [qualify(ft.table.sheet, t.cell)],
  };
}

export const performanceTextParts: Rule = tableLocal({
  id: "performance/text-parts",
  severity: "warning",
  title: { zh: "项目文字中的分项与资金不符", en: "Parts stated in a project text do not add up" },
  doc:
    "绩效目标表的项目概况等文字中，编号列出的各部分（（1）…（25万元）（2）…）之和须等于项目资金总额（实施期或年度），" +
    "每部分之下所列金额之和须等于该部分，“合计/共计”须等于资金总额。只有一处写错时只报那一处。" +
    " In a performance form's texts, enumerated parts must add up to the project's funds, the amounts listed under a part to the part, and a stated total to the funds.",
  reads: FORM_IDS,
  check(ctx, report) {
    for (const t of formsOf(ctx)) {
      if (!t.form) continue;
      const ft = formTexts(t);
      const name = projectName(t.form);
      const fundCells = ft.funds.flatMap((f) => f.cells.map((c) => qualify(t.sheet, c.cell)));
      const fund = ft.funds[ft.funds.length - 1];
      for (const text of ft.texts) {
        const findings: RuleReport[] = [];
        const put = (zh: string, en: string, extra: Partial<RuleReport>) => findings.push(at(t, text.cell, `项目“${name}”${text.key}${zh}`, `Project “${name}”, ${text.key}: ${en}`, extra));
        const slip = singleSlip(ft, text);
        if (slip) {
          const items = sumText(slip.items);
          const parts = sumText(text.parts.map((p) => p.amount!));
          const fixed = parts.value.minus(slip.amount!.value).plus(items.value);
          const f = fundsMatching(ft, Interval.exact(fixed))!;
          const cost = costNote(ft, slip);
          put(
            `写“${slip.quote}”，其下所列 ${items.terms}=${items.sum} 万元；按 ${items.sum} 万元计，各部分合计 ${wanText(fixed)} 万元，正是${f.label.zh}${cost.zh}`,
            `“${slip.quote}”, but the amounts listed under it make ${items.terms} = ${items.sum} 万元; with ${items.sum}, the parts add up to ${wanText(fixed)} 万元, the ${f.label.en}${cost.en}.`,
            { related: [...fundCells, ...cost.cells], expected: items.sum, actual: slip.amount!.figure.text },
          );
        } else {
          const parts = text.parts;
          if (fund && partsOffFunds(ft, text)) {
            const s = sumText(parts.map((p) => p.amount!));
            const dp = Math.max(0, ...parts.map((p) => p.amount!.decimals));
            // A part above its own cost target is the likely slip: name it in the same finding.
            const over = parts.filter((p) => ft.caps.some((c) => sameWork(c, p.name) && stated(p.amount!).lo.gt(c.wan))).map((p) => ({ p, cost: costNote(ft, p) }));
            const zhOver = over.map((o) => `；“${o.p.quote}”超过${o.cost.zh.replace(/^；/, "")}`).join("");
            const enOver = over.map((o) => `; “${o.p.quote}” is above the cost target ${o.cost.target}`).join("");
            put(
              `各部分合计 ${s.terms}=${s.sum} 万元，${fund.label.zh} ${wanText(fund.wan)} 万元，差 ${signed(s.value.minus(fund.wan), dp)} 万元${zhOver}`,
              `the numbered parts add up to ${s.terms} = ${s.sum} 万元, but the ${fund.label.en} are ${wanText(fund.wan)} 万元 (difference ${signed(s.value.minus(fund.wan), dp)})${enOver}.`,
              { related: [...fundCells, ...over.flatMap((o) => o.cost.cells)], expected: wanText(fund.wan), actual: s.sum, difference: s.value.minus(fund.wan).toString() },
            );
          }
          for (const p of parts) {
            if (!partItemsDisagree(p)) continue;
            const items = sumText(p.items);
            const dp = Math.max(0, p.amount!.decimals, ...p.items.map((m) => m.decimals));
            const diff = p.amount!.value.minus(items.value);
            const cost = costNote(ft, p);
            const tail = p.partial ? { zh: "（列举未尽，之和不应超过该部分）", en: " (a partial list must not exceed the part)" } : { zh: "", en: "" };
            put(
              `“${p.quote}”：其下所列 ${items.terms}=${items.sum} 万元，差 ${signed(diff, dp)} 万元${tail.zh}${cost.zh}`,
              `“${p.quote}”: the amounts listed under it make ${items.terms} = ${items.sum} 万元, difference ${signed(diff, dp)}${tail.en}${cost.en}.`,
              { related: cost.cells, expected: items.sum, actual: p.amount!.figure.text, difference: diff.toString() },
            );
          }
        }
        for (const m of text.totals) {
          if (!fund) break;
          if (fundsMatching(ft, stated(m))) continue;
          const q = text.quoteOf(m);
          put(
            `“${q}”，${fund.label.zh} ${wanText(fund.wan)} 万元`,
            `“${q}” but the ${fund.label.en} are ${wanText(fund.wan)} 万元.`,
            { related: fundCells, expected: wanText(fund.wan), actual: m.value.toString() },
          );
        }
        findings.forEach((f) => report(f));
      }
    }
  },
});
