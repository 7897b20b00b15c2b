import Decimal from "decimal.js";
import { Interval } from "../../money/interval";
import type { Rule } from "../types";
import type { Growth } from "./extract";
import { quote } from "./extract";
import { NARRATIVE_READS, analyse, at, flagged, mentionInterval, related, showInterval, statedInterval, type NarrativeAnalysis } from "./analysis";
import { formatFigure } from "./resolve";

/**
 * The rate implied by "this year C, up Δ on last year": Δ ÷ (C − Δ) (or Δ ÷ (C + Δ) for a fall).
 * It rises with Δ and falls with C, so over the two intervals its bounds are at opposite corners:
 * tighter than naive interval division, which would count Δ's rounding twice.
 */
export function impliedRate(current: Interval, delta: Interval, direction: 1 | -1): Interval | null {
  const lowBase = current.hi.minus(delta.lo.times(direction));
  const highBase = current.lo.minus(delta.hi.times(direction));
  if (lowBase.lte(0) || highBase.lte(0)) return null;
  return Interval.between(delta.lo.div(lowBase).times(100), delta.hi.div(highBase).times(100));
}

interface Candidate {
  id: number;
  current: Interval;
}

/** What grew: the head of the list the growth sits in (the total), or the amount just before it. */
function candidatesOf(a: NarrativeAnalysis, g: Growth): Candidate[] {
  if (g.after === null) return [];
  const before = a.doc.mentions[g.after];
  if (before.kind !== "amount") return [];
  const ids: number[] = [];
  const list = a.doc.lists.find((l) => l.items.includes(before.id) && l.head !== null);
  if (list) ids.push(list.head!);
  ids.push(before.id);
  return ids.map((id) => ({ id, current: mentionInterval(a, id) }));
}

export const growthRule: Rule = {
  id: "narrative/growth",
  severity: "warning",
  title: { zh: "增减额与增减幅度不一致", en: "Change and growth rate disagree" },
  doc:
    "“比上年增加18.25万元，增长3.54%”：上年数=533.48−18.25=515.23，18.25÷515.23=3.54%，按尾差区间核对增减额与增长率是否自洽。" +
    " Checks that a stated change and its rate agree, with interval arithmetic.",
  reads: NARRATIVE_READS,
  check(ctx, report) {
    const a = analyse(ctx);
    for (const g of a.doc.growths) {
      if (!g.delta || !g.rate || g.deltaValue === null) continue;
      const q = quote(a.doc, g.sentence, g.start, g.end);
      const where = at(a, g.sentence, g.rate.start);
      if (g.rateDirection !== null && g.rateDirection !== g.direction) {
        report({
          ...where,
          message: `说明中“${q}”的增减方向前后矛盾。`,
          messageEn: `“${q}” says both up and down.`,
          actual: q,
        });
        continue;
      }
      // A growth on a figure with its own finding is not reported again.
      const cands = candidatesOf(a, g).filter((c) => !flagged(a, c.id));
      if (!cands.length) continue;
      const delta = statedInterval(g.deltaValue, g.deltaDecimals);
      const stated = statedInterval(g.rate.value, g.rate.decimals);
      const rates = cands.map((c) => impliedRate(c.current, delta, g.direction));
      if (rates.some((r) => r !== null && r.intersects(stated))) continue;
      const first = rates.findIndex((r) => r !== null);
      const c = cands[first < 0 ? 0 : first];
      const rate = rates[first < 0 ? 0 : first];
      const m = a.doc.mentions[c.id];
      const check = a.checks[c.id];
      const cur = check.figure && check.status === "ok" ? formatFigure(check.figure) : m.figure.text;
      const baseValue = new Decimal(cur).minus(g.deltaValue.times(g.direction));
      const d = g.rate.decimals;
      const sign = g.direction > 0 ? "−" : "+";
      const computed = rate ? `${showInterval(rate, d + 2)}%` : "无法计算";
      const computedEn = rate ? `${showInterval(rate, d + 2)}%` : "undefined";
      report({
        ...where,
        related: related(check.figure),
        message: `说明中“${q}”前后不一致：上年数=${cur}${sign}${g.delta.text}=${baseValue.toFixed(2)}万元，${g.delta.text}÷${baseValue.toFixed(2)}=${computed}，而文中为${g.rate.text}%。`,
        messageEn: `“${q}” is not self-consistent: last year = ${cur} ${sign} ${g.delta.text} = ${baseValue.toFixed(2)}, and ${g.delta.text} ÷ ${baseValue.toFixed(2)} = ${computedEn}, not ${g.rate.text}%.`,
        expected: rate ? `${rate.mid.toFixed(d)}%` : undefined,
        actual: `${g.rate.text}%`,
      });
    }
  },
};
