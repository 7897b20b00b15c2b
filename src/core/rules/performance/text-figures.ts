import Decimal from "decimal.js";
import { Interval } from "../../money/interval";
import type { AmountCell, PerformanceIndicator, RecognisedTable } from "../../recognise/model";
import { extractNarrative, type Mention, type NarrativeDoc } from "../narrative/extract";
import { statedInterval } from "../narrative/analysis";
import { parseMoneyTarget } from "./support";

/**
 * Reads the figures of a performance form's free texts (项目概况, 立项依据, 项目实施计划 …) with
 * the narrative extractor, and groups them the way project texts are written: enumerated parts
 * "（1）绩效评价（25万元）；…（2）项目评审（145万元）；…", each followed by the amounts it is made of.
 * The rules text-parts and text-cost compare these with the form's funds and cost indicators.
 */

export interface TextPart {
  /** 1, 2, 3 … */
  n: number;
  /** The part's name as written between its number and its amount: "绩效评价". */
  name: string;
  /** The part's own amount: the first figure before the end of its first clause. */
  amount: Mention | null;
  /** Amounts written under the part (not the part's amount, not totals, not sub-items of an item). */
  items: Mention[];
  /** The list ends in 等 or says 其中: the items need not make up the part. */
  partial: boolean;
  /** The part as written, from its number to its amount: "（2）项目评审（15万元）". */
  quote: string;
}

export interface FormText {
  /** 项目概况 … */
  key: string;
  sheet: string;
  cell: string;
  doc: NarrativeDoc;
  parts: TextPart[];
  /** "合计180万元", "共计…": statements of the whole. */
  totals: Mention[];
  /** Every money figure of the text (parts, items, totals and the rest), for the cost check. */
  amounts: Mention[];
  /** The statement as written around a mention: its subject to its figure. */
  quoteOf(m: Mention): string;
}

export interface CostCap {
  indicator: PerformanceIndicator;
  /** The cap in 万元. */
  wan: Decimal;
  /** The indicator's name without 服务成本/成本/费用: what the text calls the same work. */
  key: string;
}

export interface FormTexts {
  table: RecognisedTable;
  texts: FormText[];
  /** The project's funds in 万元: 实施期 and 年度 totals (either may be missing). */
  funds: Array<{ label: { zh: string; en: string }; wan: Decimal; cells: AmountCell[] }>;
  caps: CostCap[];
}

const MARKER = /\((\d{1,2})\)|([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])/g;
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const TITLE_END = /[;,。!?]/;
/** A statement of the whole: "合计180万元", "以上共计…". */
const TOTAL = /(合计|共计|总计|总额)$/;
const COST_SUFFIX = /(服务)?(成本|费用|经费|费)(指标)?$/;

function costKey(name: string): string {
  return name.replace(/[\s“”"]/g, "").replace(COST_SUFFIX, "");
}

/** Whether a part (or statement) names the work a cost indicator caps: "项目评审" ~ "项目评审服务成本". */
export function sameWork(cap: CostCap, name: string): boolean {
  const n = costKey(name.replace(/^[(\d)]+/, "").replace(/[(:]+$/, ""));
  if (cap.key.length < 2 || n.length < 2) return false;
  return n.includes(cap.key) || cap.key.includes(n);
}

function readText(key: string, sheet: string, cell: string, raw: string): FormText {
  const doc = extractNarrative([{ sheet, cell, text: raw }], { bareWan: true });
  const base: number[] = [];
  let joined = "";
  let display = "";
  for (const s of doc.sentences) {
    base.push(joined.length);
    joined += s.text;
    display += s.display;
  }
  const pos = (m: Mention) => base[m.sentence] + m.figure.start;
  const amounts = doc.mentions.filter((m) => m.kind === "amount");
  const quoteOf = (m: Mention) => display.slice(base[m.sentence] + m.start, base[m.sentence] + m.figure.end);

  // Enumerated parts: the first run numbered 1, 2, 3 … (at least two).
  const markers: Array<{ n: number; start: number; end: number }> = [];
  for (const m of joined.matchAll(MARKER)) {
    const n = m[1] ? Number(m[1]) : CIRCLED.indexOf(m[2]) + 1;
    if (n === markers.length + 1) markers.push({ n, start: m.index!, end: m.index! + m[0].length });
  }
  const totals = amounts.filter((m) => TOTAL.test(m.subject));
  // Sub-items of an item ("一是…10万元，其中A 4万元、B 6万元") are not parts of the part again.
  const nested = new Set<number>();
  for (const l of doc.lists) if (l.head !== null) for (const id of l.items) nested.add(id);

  const parts: TextPart[] = [];
  if (markers.length >= 2) {
    markers.forEach((mk, k) => {
      const end = k + 1 < markers.length ? markers[k + 1].start : joined.length;
      let titleEnd = end;
      for (let i = mk.end; i < end; i++) {
        if (TITLE_END.test(joined[i])) {
          titleEnd = i;
          break;
        }
      }
      const inPart = amounts.filter((m) => pos(m) >= mk.end && pos(m) < end);
      const amount = inPart.find((m) => pos(m) < titleEnd) ?? null;
      const afterAmount = amount ? inPart.filter((m) => m !== amount) : [];
      const items = afterAmount.filter((m) => !totals.includes(m) && !(nested.has(m.id) && afterAmount.some((h) => h !== m && doc.lists.some((l) => l.head === h.id && l.items.includes(m.id)))));
      const body = joined.slice(mk.end, end);
      const name = amount ? joined.slice(mk.end, pos(amount)).replace(/[(:为]+$/, "") : joined.slice(mk.end, titleEnd);
      let quoteEnd = amount ? pos(amount) + (amount.figure.end - amount.figure.start) : titleEnd;
      if (joined[quoteEnd] === ")") quoteEnd++;
      parts.push({
        n: mk.n,
        name,
        amount,
        items,
        partial: /其中|等[;,。]|等$/.test(body),
        quote: display.slice(mk.start, quoteEnd),
      });
    });
  }
  return { key, sheet, cell, doc, parts, totals, amounts, quoteOf };
}

const cache = new WeakMap<RecognisedTable, FormTexts>();

/** The texts, funds and cost caps of one performance form (read once per table object). */
export function formTexts(t: RecognisedTable): FormTexts {
  const hit = cache.get(t);
  if (hit) return hit;
  const form = t.form;
  const scale = t.moneyUnit?.unit === "万元" ? new Decimal(1) : new Decimal(10000);
  const funds: FormTexts["funds"] = [];
  const impl = form?.implementationFunding.total;
  const annual = form?.annualFunding.total;
  if (impl && annual && impl.amount.value.eq(annual.amount.value)) {
    // The usual one-year project: one figure, said once.
    funds.push({ label: { zh: "项目资金总额", en: "project funds" }, wan: annual.amount.value.div(scale), cells: [impl, annual] });
  } else {
    if (impl) funds.push({ label: { zh: "实施期资金总额", en: "implementation-period funds" }, wan: impl.amount.value.div(scale), cells: [impl] });
    if (annual) funds.push({ label: { zh: "年度资金总额", en: "annual funds" }, wan: annual.amount.value.div(scale), cells: [annual] });
  }
  const caps: CostCap[] = [];
  for (const ind of form?.indicators ?? []) {
    if (!ind.target || !(ind.level1.includes("成本") || ind.level2.includes("成本"))) continue;
    const mt = parseMoneyTarget(ind.target.text);
    if (!mt || !mt.cap) continue;
    caps.push({ indicator: ind, wan: mt.yuan.div(10000), key: costKey(ind.name.text) });
  }
  const texts = Object.entries(form?.texts ?? {})
    .filter(([, v]) => v.text.trim())
    .map(([k, v]) => readText(k, t.sheet, v.cell, v.text));
  const out = { table: t, texts, funds, caps };
  cache.set(t, out);
  return out;
}

/**
 * What a figure of a project text stands for, in 万元. Whole 万元 are budget amounts as planned
 * ("绩效评价（25万元）" is 25 exactly, so 5+4 cannot pass for 8); a figure with decimals may be
 * rounded (± half its last digit: 33.33 + 33.33 + 33.34 and 33.33 × 3 both make 100).
 */
export function stated(m: Mention): Interval {
  return m.figure.unit === "万元" && m.figure.decimals === 0 ? Interval.exact(m.value) : statedInterval(m.value, m.decimals);
}

/** The funds a stated whole must equal: any of the form's totals (实施期 or 年度) at the stated precision. */
export function fundsMatching(ft: FormTexts, i: Interval): FormTexts["funds"][number] | undefined {
  return ft.funds.find((f) => i.contains(f.wan));
}

/** "55+90=145": the terms as written and their sum at the terms' precision. */
export function sumText(ms: Mention[]): { terms: string; sum: string; value: Decimal } {
  const d = Math.max(0, ...ms.map((m) => m.decimals));
  const value = ms.reduce((s, m) => s.plus(m.value), new Decimal(0));
  return { terms: ms.map((m) => (m.figure.unit === "万元" ? m.figure.text : m.value.toString())).join("+"), sum: value.toFixed(d), value };
}

/** A 万元 figure for messages: 180, 10.3 (no trailing zeros beyond the written ones). */
export function wanText(d: Decimal): string {
  return d.toString();
}
