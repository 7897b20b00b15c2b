import type { Rule } from "../types";
import type { Mention } from "./extract";
import { isGenericSubject } from "./extract";
import { NARRATIVE_READS, analyse, at, memo, mentionQuote, statedInterval, type NarrativeAnalysis } from "./analysis";

export interface Contradiction {
  /** The statement taken to be wrong. */
  suspect: Mention;
  /** A statement of the same thing with another figure. */
  other: Mention;
}

function agree(x: Mention, y: Mention): boolean {
  return statedInterval(x.value, x.decimals).intersects(statedInterval(y.value, y.decimals));
}

/** The list holding `m` as an item does not add up with the stated figures. */
function inBrokenList(a: NarrativeAnalysis, m: Mention): boolean {
  const l = a.doc.lists.find((x) => x.items.includes(m.id));
  if (!l) return false;
  const head = l.head !== null && m.kind === "amount" ? a.doc.mentions[l.head] : l.headCount !== null && m.kind === "count" ? a.doc.mentions[l.headCount] : null;
  if (!head) return false;
  const items = l.items.map((id) => a.doc.mentions[id]).filter((x) => x.kind === m.kind);
  let lo = statedInterval(items[0].value, items[0].decimals);
  for (const x of items.slice(1)) lo = lo.plus(statedInterval(x.value, x.decimals));
  return !lo.intersects(statedInterval(head.value, head.decimals));
}

/**
 * Statements of the same thing with different figures ("其他运转类项目3个，涉及金额0万元" and, a
 * sentence later, "其他运转类项目3个，涉及项目金额288.00万元"). Only statements no table figure
 * backs: where a table does, narrative/amount is the referee. The figure most statements agree on
 * wins; on a tie, the statement whose list does not add up is the suspect, else the later one.
 */
export function contradictions(a: NarrativeAnalysis): Contradiction[] {
  return memo(a, "contradictions", () => {
    const groups = new Map<string, Mention[]>();
    for (const m of a.doc.mentions) {
      if (a.checks[m.id].status !== "unresolved" || isGenericSubject(m.subject)) continue;
      const key = `${m.kind}|${m.subject}`;
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    const out: Contradiction[] = [];
    for (const ms of groups.values()) {
      const clusters: Mention[][] = [];
      for (const m of ms) {
        const c = clusters.find((cl) => agree(cl[0], m));
        if (c) c.push(m);
        else clusters.push([m]);
      }
      if (clusters.length < 2) continue;
      clusters.sort((x, y) => y.length - x.length);
      let keep = clusters[0];
      if (clusters[1].length === keep.length) {
        const brokenFirst = keep.some((m) => inBrokenList(a, m));
        const brokenSecond = clusters[1].some((m) => inBrokenList(a, m));
        const laterSecond = clusters[1][0].id > keep[0].id;
        if (brokenFirst && !brokenSecond) keep = clusters[1];
        else if (brokenFirst === brokenSecond && !laterSecond) keep = clusters[1];
      }
      for (const cl of clusters) {
        if (cl === keep) continue;
        for (const m of cl) out.push({ suspect: m, other: keep[0] });
      }
    }
    return out;
  });
}

/** Mentions on either side of a contradiction: sums built on them are not reported again. */
export function contradicted(a: NarrativeAnalysis): Set<number> {
  const s = new Set<number>();
  for (const c of contradictions(a)) {
    s.add(c.suspect.id);
    s.add(c.other.id);
  }
  return s;
}

/** The whole statement: a count with its amount ("其他运转类项目3个，涉及金额0万元"). */
function statement(a: NarrativeAnalysis, m: Mention): string {
  const whole = m.countOf !== undefined ? { ...m, start: a.doc.mentions[m.countOf].start } : m;
  return mentionQuote(a, whole);
}

export const contradictionRule: Rule = {
  id: "narrative/contradiction",
  severity: "warning",
  title: { zh: "说明前后表述矛盾", en: "The text contradicts itself" },
  doc:
    "同一事项在说明中出现多次而数字不同（如“其他运转类项目3个，涉及金额0万元”与“涉及项目金额288.00万元”）。" +
    " The same item stated twice with different figures.",
  reads: NARRATIVE_READS,
  check(ctx, report) {
    const a = analyse(ctx);
    for (const c of contradictions(a)) {
      const q = statement(a, c.suspect);
      const o = statement(a, c.other);
      const earlier = c.other.id < c.suspect.id;
      const unit = c.suspect.kind === "count" ? "个" : c.suspect.figure.unit;
      report({
        ...at(a, c.suspect.sentence, c.suspect.figure.start),
        message: `说明前后表述不一致：“${q}”，而${earlier ? "前文" : "后文"}为“${o}”（${c.suspect.subject}：${c.suspect.figure.text}${unit} 与 ${c.other.figure.text}${unit}）。`,
        messageEn: `The text contradicts itself: “${q}”, whereas ${earlier ? "earlier" : "later"} it says “${o}” (${c.suspect.subject}: ${c.suspect.figure.text} vs ${c.other.figure.text} ${unit}).`,
        expected: c.other.figure.text,
        actual: c.suspect.figure.text,
      });
    }
  },
};
