import type { Interval } from "../../money/interval";
import type { Rule } from "../types";
import type { Mention } from "./extract";
import { NARRATIVE_READS, analyse, at, flagged, memo, mentionInterval, mentionQuote, percentOf, ratio, related, showInterval, statedInterval, type NarrativeAnalysis } from "./analysis";
import { formatFigure, type TableFigure } from "./resolve";

export interface ShareVerdict {
  mention: Mention;
  /** num ÷ den × 100 over the intervals the two figures stand for. */
  computed: Interval;
  ok: boolean;
  num: { interval: Interval; figure: TableFigure | null };
  den: { interval: Interval; figure: TableFigure | null; mention: Mention | null };
}

/**
 * Recomputes every "占Y%": the numerator is the amount it follows, the base is named ("占…项目支出总额的100%")
 * or else the head of the list the amount is an item of ("支出预算533.48万元，其中：基本支出245.48万元，占46.01%").
 * A stated share is consistent iff its own interval [Y − ½ulp, Y + ½ulp] meets the computed one.
 */
export function shareVerdicts(a: NarrativeAnalysis): Map<number, ShareVerdict> {
  return memo(a, "shares", () => {
    const out = new Map<number, ShareVerdict>();
    for (const m of a.doc.mentions) {
      if (!m.share || m.kind !== "amount") continue;
      const den = base(a, m);
      if (!den) continue;
      const computed = ratio(mentionInterval(a, m.id), den.interval);
      if (!computed) continue;
      const pct = percentOf(computed);
      const stated = statedInterval(m.share.figure.value, m.share.figure.decimals);
      out.set(m.id, {
        mention: m,
        computed: pct,
        ok: pct.intersects(stated),
        num: { interval: mentionInterval(a, m.id), figure: figureFor(a, m.id) },
        den,
      });
    }
    return out;
  });
}

function figureFor(a: NarrativeAnalysis, id: number): TableFigure | null {
  const c = a.checks[id];
  return c.status === "misnamed" ? c.suggestion ?? null : c.status === "ok" || c.status === "mismatch" ? c.figure : null;
}

function base(a: NarrativeAnalysis, m: Mention): ShareVerdict["den"] | null {
  if (m.share!.denominator) {
    const f = a.resolver.amount(m.share!.denominator, a.doc.sentences[m.sentence].section);
    return f ? { interval: f.interval, figure: f, mention: null } : null;
  }
  const list = a.doc.lists.find((l) => l.items.includes(m.id) && l.head !== null);
  if (!list) return null;
  const head = a.doc.mentions[list.head!];
  return { interval: mentionInterval(a, head.id), figure: figureFor(a, head.id), mention: head };
}

function shown(i: Interval, f: TableFigure | null, m: Mention | null): string {
  if (f) return formatFigure(f);
  if (m) return m.figure.text;
  return i.mid.toString();
}

export const percentRule: Rule = {
  id: "narrative/percent",
  severity: "warning",
  title: { zh: "说明中的占比与金额不符", en: "Share in the text does not match the amounts" },
  doc:
    "按两数的尾差区间重算“占X%”：245.48÷533.48 落在[46.0130%, 46.0167%]，与“46.01%”的区间[46.005, 46.015]相交即为一致。" +
    " Recomputes each stated share from the two figures with interval arithmetic.",
  reads: NARRATIVE_READS,
  check(ctx, report) {
    const a = analyse(ctx);
    for (const v of shareVerdicts(a).values()) {
      if (v.ok || flagged(a, v.mention.id) || (v.den.mention && flagged(a, v.den.mention.id))) continue;
      const m = v.mention;
      const share = m.share!.figure;
      const d = share.decimals;
      const q = mentionQuote(a, m, true);
      const num = shown(v.num.interval, v.num.figure, m);
      const den = shown(v.den.interval, v.den.figure, v.den.mention);
      const expected = v.computed.mid.toFixed(d);
      report({
        ...at(a, m.sentence, share.start),
        related: related(v.num.figure, v.den.figure),
        message: `说明中“${q}”的占比与金额不符：${num}÷${den}=${showInterval(v.computed, d + 2)}%，应为${expected}%。`,
        messageEn: `The share in “${q}” does not match the amounts: ${num} ÷ ${den} = ${showInterval(v.computed, d + 2)}%, i.e. ${expected}%, not ${share.text}%.`,
        expected: `${expected}%`,
        actual: `${share.text}%`,
      });
    }
  },
};
