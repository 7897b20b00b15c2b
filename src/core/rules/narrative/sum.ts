import Decimal from "decimal.js";
import { Interval } from "../../money/interval";
import type { Rule, RuleReport } from "../types";
import type { List, Mention } from "./extract";
import { NARRATIVE_READS, analyse, at, flagged, mentionInterval, mentionQuote, related, statedInterval, type NarrativeAnalysis } from "./analysis";
import { contradicted } from "./contradiction";
import { shareVerdicts } from "./percent";

const HUNDRED = Interval.exact(100);

/** Complete lists must add up (intervals meet); a list ending in 等 must not exceed its total. */
function consistent(total: Interval, parts: Interval, partial: boolean): boolean {
  return partial ? parts.lo.lte(total.hi) : parts.intersects(total);
}

function shownSum(parts: Interval): string {
  return parts.mid.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

function shownValue(a: NarrativeAnalysis, m: Mention): string {
  const c = a.checks[m.id];
  return c.status === "ok" && c.figure && m.kind === "amount" ? c.figure.value.toFixed(c.figure.decimals) : m.figure.text;
}

function checkList(a: NarrativeAnalysis, l: List, skip: Set<number>, shareOk: (id: number) => boolean, report: (f: RuleReport) => void): void {
  const items = l.items.map((id) => a.doc.mentions[id]);
  const where = at(a, l.sentence, l.openerStart);
  const tail = l.partial ? "（列举未尽，分项之和不应超过总数）" : "";
  const tailEn = l.partial ? " (a partial list must not exceed the total)" : "";

  for (const kind of ["amount", "count"] as const) {
    const headId = kind === "amount" ? l.head : l.headCount;
    const parts = items.filter((m) => m.kind === kind);
    if (headId === null || parts.length < 2) continue;
    const head = a.doc.mentions[headId];
    if ([head, ...parts].some((m) => flagged(a, m.id) || skip.has(m.id))) continue;
    const total = mentionInterval(a, head.id);
    const sum = Interval.sum(parts.map((m) => mentionInterval(a, m.id)));
    if (consistent(total, sum, l.partial)) continue;
    const unit = kind === "count" ? "个" : "万元";
    const terms = parts.map((m) => shownValue(a, m)).join("+");
    const expected = kind === "count" ? sum.mid.toFixed(0) : shownSum(sum);
    const q = mentionQuote(a, head);
    report({
      ...where,
      related: related(...[head, ...parts].map((m) => a.checks[m.id].figure)),
      message: `说明中“${q}”与其后所列分项之和不符：${terms}=${expected}${unit}${tail}。`,
      messageEn: `“${q}” does not equal the parts listed after it: ${terms} = ${expected} ${unit}${tailEn}.`,
      expected,
      actual: shownValue(a, head),
    });
  }

  const withShares = items.filter((m) => m.kind === "amount" && m.share);
  if (withShares.length < 2 || withShares.length !== items.filter((m) => m.kind === "amount").length) return;
  if (withShares.some((m) => !shareOk(m.id) || flagged(a, m.id))) return;
  const pct = Interval.sum(withShares.map((m) => statedInterval(m.share!.figure.value, m.share!.figure.decimals)));
  if (consistent(HUNDRED, pct, l.partial)) return;
  const terms = withShares.map((m) => `${m.share!.figure.text}%`).join("+");
  const sum = pct.mid.toFixed(Math.max(...withShares.map((m) => m.share!.figure.decimals)));
  report({
    ...where,
    message: `说明中各项占比之和不为100%：${terms}=${sum}%${tail}。`,
    messageEn: `The listed shares do not add up to 100%: ${terms} = ${sum}%${tailEn}.`,
    expected: "100%",
    actual: `${sum}%`,
  });
}

export const sumRule: Rule = {
  id: "narrative/sum",
  severity: "warning",
  title: { zh: "说明中的分项之和与总数不符", en: "Parts stated in the text do not add up" },
  doc:
    "“总额2.30万元。其中：货物0.80万元、工程0万元、服务1.50万元”须 2.30 = 0.80 + 0 + 1.50（尾差区间内）；所列占比之和须为100%。" +
    " A total followed by 其中/主要包括 and its parts must add up within rounding; listed shares must add up to 100%.",
  reads: NARRATIVE_READS,
  check(ctx, report) {
    const a = analyse(ctx);
    const skip = contradicted(a);
    const shares = shareVerdicts(a);
    const shareOk = (id: number) => shares.get(id)?.ok ?? true;
    for (const l of a.doc.lists) checkList(a, l, skip, shareOk, report);
  },
};
