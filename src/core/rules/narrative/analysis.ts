import Decimal from "decimal.js";
import { Interval } from "../../money/interval";
import type { RecognisedTable, RecognitionResult } from "../../recognise/model";
import type { RuleContext, RuleReport } from "../types";
import { extractNarrative, narrativeOf, originOf, quote, type Mention, type NarrativeDoc } from "./extract";
import { glossaryEntry, Resolver, similarity, type TableFigure } from "./resolve";
import { DEFAULT_SECTION_TABLES, EMPTY_STATEMENTS, GLOSSARY, NAMED_ROW_TABLES, NAME_GROUPS, SECTION_TABLES } from "./targets";
import type { RuleMeta } from "../types";
import type { TableId } from "../../recognise/model";

/**
 * What the narrative rules share: the statements read from the text and, for each amount or count,
 * the table figure it is about. Built once per recognition, so that seven rules read the text once
 * and agree on which statement is whose mistake (one mistake, one finding).
 */

export type MentionStatus =
  /** agrees with the table at the stated precision */
  | "ok"
  /** names a table figure and states another */
  | "mismatch"
  /** states the figure of a row but calls it by a wrong name (一般公共预算支出434.67 → 一般公共服务支出) */
  | "misnamed"
  /** not about any figure the tables show (政府采购, 其他运转类项目) */
  | "unresolved";

export interface MentionCheck {
  status: MentionStatus;
  figure: TableFigure | null;
  suggestion?: TableFigure;
}

export interface NarrativeAnalysis {
  doc: NarrativeDoc;
  resolver: Resolver;
  checks: MentionCheck[];
  /** Per-rule memo, for verdicts one rule computes and another defers to. */
  memo: Map<string, unknown>;
}

/**
 * What every narrative rule reads: the text and each table the glossary can point at. They share
 * one analysis (a wrong figure silences the sums built on it), so an edit to any of these tables
 * re-runs them all.
 */
export const NARRATIVE_READS: RuleMeta["reads"] = (() => {
  const ids = new Set<TableId>([...DEFAULT_SECTION_TABLES, ...NAMED_ROW_TABLES]);
  for (const e of GLOSSARY) for (const r of [...(e.amount ?? []), ...(e.count ?? [])]) ids.add(r.table);
  for (const s of SECTION_TABLES) s.tables.forEach((t) => ids.add(t));
  for (const g of NAME_GROUPS) ids.add(g.table);
  for (const e of EMPTY_STATEMENTS) e.tables.forEach((t) => ids.add(typeof t === "string" ? t : t.table));
  return ["narrative", ...Array.from(ids).sort()];
})();

/** A name that close (LCS over length) to a row holding the stated figure is taken as that row misnamed. */
const MISNAMED_SIMILARITY = 0.6;

interface CacheEntry {
  tables: RecognisedTable[];
  narrative: RecognitionResult["narrative"];
  analysis: NarrativeAnalysis;
}
const cache = new WeakMap<RecognitionResult, CacheEntry>();

/** Still valid when the recognition object was patched in place (a live re-check swaps tables). */
function fresh(hit: CacheEntry, rec: RecognitionResult): boolean {
  return (
    hit.narrative === rec.narrative &&
    hit.tables.length === rec.tables.length &&
    hit.tables.every((t, i) => t === rec.tables[i])
  );
}

export function analyse(ctx: RuleContext): NarrativeAnalysis {
  const rec = ctx.recognition;
  const hit = cache.get(rec);
  if (hit && fresh(hit, rec)) return hit.analysis;
  const doc = rec.narrative ? narrativeOf(rec.narrative, rec.unitName) : extractNarrative([], { unitName: rec.unitName });
  const resolver = new Resolver(ctx);
  const analysis: NarrativeAnalysis = { doc, resolver, checks: doc.mentions.map((m) => check(resolver, doc, m)), memo: new Map() };
  cache.set(rec, { tables: rec.tables.slice(), narrative: rec.narrative, analysis });
  return analysis;
}

export function memo<T>(a: NarrativeAnalysis, key: string, make: () => T): T {
  if (!a.memo.has(key)) a.memo.set(key, make());
  return a.memo.get(key) as T;
}

function check(resolver: Resolver, doc: NarrativeDoc, m: Mention): MentionCheck {
  const section = doc.sentences[m.sentence].section;
  if (m.kind === "count") {
    const f = resolver.count(m.subject);
    if (!f) return { status: "unresolved", figure: null };
    return { status: f.value.eq(m.value) ? "ok" : "mismatch", figure: f };
  }
  const f = resolver.amount(m.subject, section);
  if (f && matchesStated(m, f)) return { status: "ok", figure: f };
  // A part of the figure (涉及项目预算资金 ≤ 项目支出): less is right, only more is wrong.
  if (f && m.value.lt(f.value) && glossaryEntry(m.subject)?.op === "atMost") return { status: "ok", figure: f };
  if (!m.value.isZero()) {
    let best: TableFigure | undefined;
    let bestSim = MISNAMED_SIMILARITY;
    for (const c of resolver.near(section, m.value)) {
      if (c.label === m.subject || !matchesStated(m, c)) continue;
      // "信息化建设项目100万元" is the row 信息化建设 in other words, not under a wrong name.
      if (!f && (m.subject.includes(c.label) || c.label.includes(m.subject))) return { status: "ok", figure: c };
      const sim = similarity(m.subject, c.label);
      if (sim > bestSim || (sim === bestSim && !best)) {
        best = c;
        bestSim = sim;
      }
    }
    if (best) return { status: "misnamed", figure: f, suggestion: best };
  }
  return f ? { status: "mismatch", figure: f } : { status: "unresolved", figure: null };
}

/**
 * A stated figure agrees with the table when the table figure, rounded to the stated precision, is
 * the stated figure ("288万元" = 288.00). A stated 0 means nothing at all, so the table must hold zero.
 */
export function matchesStated(m: { value: Decimal; decimals: number }, f: TableFigure): boolean {
  if (m.value.isZero()) return f.interval.contains(0);
  if (m.decimals <= f.decimals) return f.value.toDecimalPlaces(Math.max(0, m.decimals), Decimal.ROUND_HALF_UP).eq(m.value);
  return statedInterval(m.value, m.decimals).intersects(f.interval);
}

/** What a figure in the text stands for: ± half a unit of its last digit; a written 0 is exactly 0. */
export function statedInterval(value: Decimal, decimals: number): Interval {
  return value.isZero() ? Interval.exact(0) : Interval.of(value, decimals);
}

/**
 * The best known interval for what a statement is about: the table figure when the statement names
 * one (so a wrong amount is reported once, by narrative/amount, not again by every share or sum it
 * enters), else the stated figure.
 */
export function mentionInterval(a: NarrativeAnalysis, id: number): Interval {
  const m = a.doc.mentions[id];
  const c = a.checks[id];
  if (c.status === "misnamed" && c.suggestion) return c.suggestion.interval;
  if ((c.status === "ok" || c.status === "mismatch") && c.figure) return c.figure.interval;
  return statedInterval(m.value, m.decimals);
}

/** The statement has its own finding (a wrong amount or name), so totals built on it are not re-reported. */
export function flagged(a: NarrativeAnalysis, id: number): boolean {
  const s = a.checks[id].status;
  return s === "mismatch" || s === "misnamed";
}

/** num ÷ den for a positive denominator; null when the denominator may be zero or negative. */
export function ratio(num: Interval, den: Interval): Interval | null {
  if (den.lo.lte(0)) return null;
  const qs = [num.lo.div(den.lo), num.lo.div(den.hi), num.hi.div(den.lo), num.hi.div(den.hi)];
  return Interval.between(Decimal.min(...qs), Decimal.max(...qs));
}

export function percentOf(i: Interval): Interval {
  return i.times(100);
}

/** "[46.00%, 46.02%]"-style bounds for messages, at `d` decimals (rounded outward). */
export function showInterval(i: Interval, d: number): string {
  const lo = i.lo.toDecimalPlaces(d, Decimal.ROUND_FLOOR).toFixed(d);
  const hi = i.hi.toDecimalPlaces(d, Decimal.ROUND_CEIL).toFixed(d);
  return lo === hi ? lo : `${lo}～${hi}`;
}

/** The statement as written, from its subject to its figure (and its share, "…，占46.01%", if asked). */
export function mentionQuote(a: NarrativeAnalysis, m: Mention, withShare = false): string {
  return quote(a.doc, m.sentence, m.start, withShare ? m.end : m.figure.end);
}

/** Where a finding about the text at (sentence, offset) points: the paragraph's cell. */
export function at(a: NarrativeAnalysis, sentence: number, offset: number): Pick<RuleReport, "table" | "sheet" | "cell"> {
  const o = originOf(a.doc.sentences[sentence], offset);
  return { table: null, sheet: o.sheet, cell: o.cell };
}

export function related(...fs: Array<TableFigure | null | undefined>): string[] {
  const out: string[] = [];
  for (const f of fs) {
    if (!f) continue;
    const r = `${f.sheet}!${f.cell}`;
    if (!out.includes(r)) out.push(r);
  }
  return out;
}
