import Decimal from "decimal.js";
import { kindOfTable } from "../layouts/registry";
import type { TableKind } from "../layouts/types";
import type { NarrativeParagraph, RecognisedTable, RecognitionResult, TableId, TableRow } from "../recognise/model";
import type { Finding } from "../report/finding";
import { makeRuleContext, runRules } from "../rules/engine";
import { narrativeRules } from "../rules/narrative";
import { NAME_GROUPS } from "../rules/narrative/targets";
import type { WorkbookSnapshot } from "../workbook/snapshot";
import { shareText } from "./share";

/**
 * A draft of the figures paragraphs of 第三部分 情况说明, made from the recognised tables: totals,
 * income by source, basic versus project expenditure, 财政拨款 and 一般公共预算 spending by class,
 * 一般公共预算 basic expenditure (人员经费/公用经费), “三公”经费 and 机关运行经费. Every figure it states
 * carries the table and cell it was read from.
 *
 * Tables are found by their kind and figures by row and column role (layouts/), not by table id, so
 * any layout set whose tables declare these kinds gets a draft. The words are the region's own
 * (the seed disclosure's for Shanxi, the 编制说明's for Shanghai), chosen so that the narrative rules
 * read every statement back to the same cell: a draft checks clean against its own tables.
 *
 * Money is stated in 万元 with two decimals (a table in 元 is divided by 10000), rounded half up.
 * A share is item ÷ base × 100 computed exactly (decimal.js) and rounded half up to two decimals,
 * each share on its own: the shares of a breakdown then need not add up to 100.00% (33.33% × 3),
 * and are never adjusted to do so, so that each one is its own figure's share. A breakdown whose
 * items do not add up exactly to its head (a rounding tail, a 年终结转) ends in 等.
 *
 * No table of any layout set carries previous-year figures: the draft says nothing about change
 * against the previous year rather than invent it, unless the previous year's workbook is given
 * (`DraftOptions.previous`), when each total both years state gets its change and rate.
 */

export interface DraftSource {
  table: TableId;
  sheet: string;
  cell: string;
}

export interface DraftFigure {
  /** amount (万元); share (% of base); change (万元 against last year) and rate (%), with last year's figure as base. */
  kind: "amount" | "share" | "change" | "rate";
  /** As written in the text: "533.48" (万元) or "46.01" (%). */
  text: string;
  unit: "万元" | "%";
  /** UTF-16 offsets of the number in the paragraph's text. */
  start: number;
  end: number;
  /** The cell it was read from (a share: its numerator's). */
  source: DraftSource;
  /** A share's denominator; for a change or rate, last year's figure (a cell of the previous year's workbook). */
  base?: DraftSource;
}

export interface DraftParagraph {
  /** Stable id: totals, income, expenditure, fiscal, gpb, gpbBasic, sanGong, operatingCost. */
  id: string;
  heading: string;
  text: string;
  figures: DraftFigure[];
}

export interface NarrativeDraft {
  layoutSet: string;
  paragraphs: DraftParagraph[];
}

// ---- wording ---------------------------------------------------------------------------------------

/**
 * A region's words for the statements. Each phrase is one the narrative rules' glossary
 * (rules/narrative/targets.ts) resolves to the figure the draft states, in that region's tables.
 */
interface Wording {
  /** "2026年度晋城…" (Shanxi) or "2026年，上海…" (Shanghai). */
  lead: (year: number | null, unit: string) => string;
  incomeTotal: string;
  expenditureTotal: string;
  /** The 收支总表's income lines, by label, and what the text calls them. */
  incomeLines: Record<string, string>;
  /** Without a 收支总表: the income table's source columns, by role. */
  incomeSources: Record<string, string>;
  /** A fiscal summary's current-year income lines, by label, and the phrases of its totals. */
  fiscal: "shanxi" | "shanghai";
  gpbTotal: string;
  /** Where the text's 一般公共预算 spending total is held: the functional table's 合计, or the 财政拨款 summary's 一般公共预算 column. */
  gpbTotalFrom: "functional" | "fiscal";
  gpbBasic: string;
  /** Where 人员经费/公用经费 are stated: with the 一般公共预算 basic expenditure, or with all basic expenditure. */
  personnelIn: "economic" | "summary";
}

const SHANXI: Wording = {
  lead: (year, unit) => `${year ? `${year}年度` : ""}${unit}`,
  incomeTotal: "预算收入",
  expenditureTotal: "支出预算",
  incomeLines: {
    一般公共预算: "一般公共预算拨款收入",
    政府性基金预算: "政府性基金预算拨款收入",
    国有资本经营预算: "国有资本经营预算拨款收入",
    财政专户管理资金: "财政专户管理资金收入",
    单位资金: "单位资金收入",
  },
  incomeSources: {
    gpb: "一般公共预算拨款收入",
    govFund: "政府性基金预算拨款收入",
    soe: "国有资本经营预算拨款收入",
    specialAccount: "财政专户管理资金收入",
    unitFunds: "单位资金收入",
    carry: "上年结转",
  },
  fiscal: "shanxi",
  gpbTotal: "一般公共预算当年支出",
  gpbTotalFrom: "functional",
  gpbBasic: "一般公共预算安排基本支出",
  personnelIn: "economic",
};

const SHANGHAI: Wording = {
  lead: (year, unit) => `${year ? `${year}年，` : ""}${unit}`,
  incomeTotal: "收入预算",
  expenditureTotal: "支出预算",
  incomeLines: { 财政拨款收入: "财政拨款收入", 事业收入: "事业收入", 事业单位经营收入: "事业单位经营收入", 其他收入: "其他收入" },
  incomeSources: { fiscal: "财政拨款收入", business: "事业收入", operating: "事业单位经营收入", other: "其他收入" },
  fiscal: "shanghai",
  gpbTotal: "一般公共预算拨款支出",
  gpbTotalFrom: "fiscal",
  gpbBasic: "一般公共预算基本支出",
  personnelIn: "summary",
};

function wordingOf(layoutSet: string): Wording {
  return layoutSet.startsWith("shanghai") ? SHANGHAI : SHANXI;
}

/** The 三公 table's items: a line of 表十 by label, or a column of Shanghai's one-row table by role. */
const SANGONG_ITEMS: Array<{ phrase: string; label: string; role: string; sub?: boolean }> = [
  { phrase: "因公出国（境）费", label: "因公出国(境)费", role: "abroad" },
  { phrase: "公务接待费", label: "公务接待费", role: "reception" },
  { phrase: "公务用车购置及运行费", label: "公务用车购置及运行费", role: "vehicle" },
  { phrase: "公务用车购置费", label: "公务用车购置费", role: "vehiclePurchase", sub: true },
  { phrase: "公务用车运行维护费", label: "公务用车运行维护费", role: "vehicleRun", sub: true },
];

// ---- figures ---------------------------------------------------------------------------------------

const TEN_THOUSAND = new Decimal(10000);

/** A figure of a table, in 万元, exact. */
interface Fig {
  wan: Decimal;
  source: DraftSource;
}

function figure(t: RecognisedTable, row: TableRow | undefined, role: string): Fig | null {
  if (!row) return null;
  const a = row.amounts[role];
  let cell = a?.cell;
  if (!cell) {
    // A blank cell is an exact zero; its address is where the column meets the row.
    const col = t.columns.find((c) => c.role === role && (!row.side || !c.side || c.side === row.side));
    if (!col) return null;
    cell = `${col.letter}${row.r + 1}`;
  }
  const v = a ? a.amount.value : new Decimal(0);
  return { wan: t.moneyUnit?.unit === "元" ? v.div(TEN_THOUSAND) : v, source: { table: t.id, sheet: t.sheet, cell } };
}

/** Money as the text states it: 万元, two decimals, half up. */
export function wanText(v: Decimal): string {
  return v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}


/** What a keyed total is called when it did not change against last year. */
const LEVEL_WORDS: Record<string, string> = {
  收入总计: "预算收入总计",
  支出总计: "预算支出总计",
  财政拨款: "财政拨款预算",
  一般公共预算: "一般公共预算支出",
  一般公共预算基本支出: "一般公共预算基本支出",
  三公: "“三公”经费预算",
  机关运行经费: "机关运行经费预算",
};

/** Writes a paragraph piece by piece, recording where each figure lands. */
class Writer {
  text = "";
  figures: DraftFigure[] = [];
  /** Totals equal to last year's. */
  private level: string[] = [];
  constructor(
    /** Last year's figures by key, when a previous year's workbook was given. */
    private readonly previous: Map<string, Fig> | null = null,
    /** This year's keyed figures, collected (for the draft of a previous year). */
    private readonly keyed: Map<string, Fig> | null = null,
  ) {}
  put(s: string): this {
    this.text += s;
    return this;
  }
  /** The paragraph's text, with "…与上年持平。" for the totals that did not change. */
  done(): string {
    return this.level.length ? `${this.text}${this.level.map((k) => LEVEL_WORDS[k] ?? k).join("、")}与上年持平。` : this.text;
  }
  private number(kind: DraftFigure["kind"], t: string, unit: DraftFigure["unit"], source: DraftSource, base?: DraftSource): void {
    this.figures.push({ kind, text: t, unit, start: this.text.length, end: this.text.length + t.length, source, ...(base ? { base } : {}) });
    this.text += `${t}${unit}`;
  }
  /** An amount; with a key, a total that last year's workbook may also state ("，比上年增加18.25万元，增长3.54%"). */
  amount(f: Fig, key?: string): this {
    this.number("amount", wanText(f.wan), "万元", f.source);
    if (key) this.keyed?.set(key, f);
    const before = key ? this.previous?.get(key) : undefined;
    if (before && key) this.change(f, before, key);
    return this;
  }
  /**
   * The change against last year, both figures at two decimals: the difference and its rate over
   * last year's figure, half up. Nothing when last year's figure is zero (no rate) or equal (持平).
   */
  private change(now: Fig, before: Fig, key: string): void {
    const cur = now.wan.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const prev = before.wan.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    if (prev.lte(0)) return;
    const delta = cur.minus(prev);
    if (delta.isZero()) {
      // Said after the paragraph: between a total and its 其中 it would cut the list from its head.
      this.level.push(key);
      return;
    }
    this.text += `，比上年${delta.gt(0) ? "增加" : "减少"}`;
    this.number("change", delta.abs().toFixed(2), "万元", now.source, before.source);
    this.text += delta.gt(0) ? "，增长" : "，下降";
    this.number("rate", shareText(delta.abs(), prev)!, "%", now.source, before.source); // prev > 0 (above)
  }
  /** "，占46.01%" when the base is not zero. */
  share(f: Fig, base: Fig): this {
    const t = shareText(f.wan, base.wan);
    if (t === null) return this;
    this.text += "，占";
    this.number("share", t, "%", f.source, base.source);
    return this;
  }
}

/** Whether the items add up to the head exactly, at the stated precision. */
function complete(head: Fig, items: Fig[]): boolean {
  const sum = items.reduce((s, f) => s.plus(f.wan.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)), new Decimal(0));
  return sum.eq(head.wan.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
}

/** "head X万元，opener：a万元，占p%；b万元，占q%（等）。" */
function breakdown(w: Writer, head: Fig, opener: string, items: Array<{ phrase: string; fig: Fig }>, withShares: boolean, sep: string, key?: string): void {
  w.amount(head, key).put(`，${opener}：`);
  items.forEach((it, i) => {
    if (i) w.put(sep);
    w.put(it.phrase).amount(it.fig);
    if (withShares) w.share(it.fig, head);
  });
  w.put(complete(head, items.map((i) => i.fig)) ? "。" : "等。");
}

// ---- tables ----------------------------------------------------------------------------------------

function byKind(rec: RecognitionResult, ...kinds: TableKind[]): RecognisedTable | undefined {
  for (const k of kinds) {
    const t = rec.tables.find((x) => kindOfTable(x) === k);
    if (t) return t;
  }
  return undefined;
}

function totalRow(t: RecognisedTable, kinds: string[], side?: "income" | "expenditure"): TableRow | undefined {
  return t.rows.find((r) => r.kind === "total" && (!side || r.side === side) && kinds.includes(r.totalKind ?? r.label));
}

function lineRow(t: RecognisedTable, label: string, side?: "income" | "expenditure", group?: string): TableRow | undefined {
  return t.rows.find((r) => r.label === label && (!side || r.side === side) && (group === undefined || r.group === group));
}

/** The 类 rows of a functional table (expenditure side) with a figure other than zero, in table order. */
function classRows(t: RecognisedTable, role: string): Array<{ phrase: string; fig: Fig }> {
  const out: Array<{ phrase: string; fig: Fig }> = [];
  for (const r of t.rows) {
    if (r.kind !== "subject" || r.depth !== 0 || (r.side && r.side !== "expenditure")) continue;
    const f = figure(t, r, role);
    if (f && !f.wan.isZero()) out.push({ phrase: r.label, fig: f });
  }
  return out;
}

function isZero(f: Fig | null): boolean {
  return !f || f.wan.isZero();
}

// ---- paragraphs ------------------------------------------------------------------------------------

interface Ctx {
  rec: RecognitionResult;
  w: Wording;
  lead: string;
  writer: () => Writer;
}

function totals(c: Ctx): DraftParagraph | null {
  const t = byKind(c.rec, "incomeExpenditureSummary");
  if (!t) return null;
  const income = figure(t, totalRow(t, ["收入总计"], "income"), "amount");
  const expenditure = figure(t, totalRow(t, ["支出总计"], "expenditure"), "total");
  if (!income || !expenditure) return null;
  const w = c.writer().put(`${c.lead}预算收入总计`).amount(income, "收入总计");
  const thisYear = figure(t, totalRow(t, ["本年收入合计"], "income"), "amount");
  const carry = figure(t, totalRow(t, ["上年结转"], "income"), "amount");
  if (thisYear && carry) w.put("，其中：本年收入").amount(thisYear).put("，上年结转").amount(carry);
  w.put("；预算支出总计").amount(expenditure, "支出总计");
  const spend = figure(t, totalRow(t, ["本年支出合计"], "expenditure"), "total");
  const carryOut = figure(t, totalRow(t, ["年终结转"], "expenditure"), "total");
  if (spend && carryOut) w.put("，其中：本年支出").amount(spend).put("，年终结转").amount(carryOut);
  w.put("。");
  return { id: "totals", heading: "一、收支预算总体情况", text: w.done(), figures: w.figures };
}

function income(c: Ctx): DraftParagraph | null {
  const summary = byKind(c.rec, "incomeExpenditureSummary");
  const t = byKind(c.rec, "incomeSummary");
  const items: Array<{ phrase: string; fig: Fig }> = [];
  let head: Fig | null = null;
  if (summary) {
    // The summary's income lines and 收入总计: the figures the text is held to (the income table repeats them).
    head = figure(summary, totalRow(summary, ["收入总计"], "income"), "amount");
    for (const [label, phrase] of Object.entries(c.w.incomeLines)) {
      const f = figure(summary, lineRow(summary, label, "income"), "amount");
      if (f) items.push({ phrase, fig: f });
    }
    const carry = figure(summary, totalRow(summary, ["上年结转"], "income"), "amount");
    if (carry) items.push({ phrase: "上年结转", fig: carry });
  } else if (t) {
    const total = t.rows.find((r) => r.kind === "total");
    head = figure(t, total, "total");
    for (const col of t.columns) {
      const phrase = c.w.incomeSources[col.role];
      const f = phrase ? figure(t, total, col.role) : null;
      if (phrase && f) items.push({ phrase, fig: f });
    }
  }
  if (!head || !items.length) return null;
  const w = c.writer().put(`${c.lead}${c.w.incomeTotal}`);
  breakdown(w, head, "其中", items, true, "；");
  return { id: "income", heading: "二、收入预算情况", text: w.done(), figures: w.figures };
}

function expenditure(c: Ctx): DraftParagraph | null {
  const t = byKind(c.rec, "expenditureSummary");
  const total = t?.rows.find((r) => r.kind === "total");
  if (!t || !total) return null;
  const head = figure(t, total, "total");
  const basic = figure(t, total, "basic");
  const project = figure(t, total, "project");
  if (!head || !basic || !project) return null;
  const w = c.writer().put(`${c.lead}${c.w.expenditureTotal}`);
  breakdown(
    w,
    head,
    "其中",
    [
      { phrase: "基本支出", fig: basic },
      { phrase: "项目支出", fig: project },
    ],
    true,
    "；",
  );
  if (c.w.personnelIn === "summary") {
    const s = byKind(c.rec, "incomeExpenditureSummary");
    const row = s && totalRow(s, ["支出总计"], "expenditure");
    const personnel = s ? figure(s, row, "personnel") : null;
    const pub = s ? figure(s, row, "public") : null;
    if (personnel && pub) w.put("基本支出中，人员经费").amount(personnel).put("，公用经费").amount(pub).put("。");
  }
  return { id: "expenditure", heading: "三、支出预算情况", text: w.done(), figures: w.figures };
}

function fiscal(c: Ctx): DraftParagraph | null {
  const t = byKind(c.rec, "fiscalSummary");
  if (!t) return null;
  const spend = figure(t, totalRow(t, ["支出总计"], "expenditure"), "total");
  if (!spend) return null;
  const w = c.writer();
  if (c.w.fiscal === "shanxi") {
    const all = figure(t, totalRow(t, ["收入总计"], "income"), "amount");
    const current = figure(t, totalRow(t, ["本年收入合计"], "income"), "amount");
    const carry = figure(t, totalRow(t, ["上年财政拨款结转"], "income"), "amount");
    if (!all) return null;
    w.put(`${c.lead}财政拨款收支总预算`).amount(all, "财政拨款");
    if (current && carry) w.put("，其中：当年拨款收入").amount(current).put("，上年结转收入").amount(carry);
    w.put("。");
    w.put("财政拨款支出");
  } else {
    w.put(`${c.lead}财政拨款支出预算`);
    const row = totalRow(t, ["支出总计"], "expenditure");
    const parts = [
      { phrase: "一般公共预算拨款支出预算", fig: figure(t, row, "gpb") },
      { phrase: "政府性基金拨款支出预算", fig: figure(t, row, "govFund") },
      { phrase: "国有资本经营预算拨款支出预算", fig: figure(t, row, "soe") },
    ].filter((x): x is { phrase: string; fig: Fig } => x.fig !== null);
    if (parts.length) breakdown(w, spend, "其中", parts, true, "；", "财政拨款");
    else w.amount(spend, "财政拨款").put("。");
    w.put("财政拨款支出");
  }
  const classes = classRows(t, "total");
  if (classes.length) breakdown(w, spend, "主要用于", classes, true, "；");
  else w.amount(spend).put("。");
  return { id: "fiscal", heading: "四、财政拨款收支预算情况", text: w.done(), figures: w.figures };
}

function gpb(c: Ctx): DraftParagraph | null {
  const t = byKind(c.rec, "gpbFunctional");
  const total = t?.rows.find((r) => r.kind === "total");
  if (!t || !total) return null;
  const f = c.w.gpbTotalFrom === "fiscal" ? byKind(c.rec, "fiscalSummary") : undefined;
  const head = (f && figure(f, totalRow(f, ["支出总计"], "expenditure"), "gpb")) ?? figure(t, total, "total");
  if (!head) return null;
  const w = c.writer().put(`${c.lead}${c.w.gpbTotal}`);
  const classes = classRows(t, "total");
  if (classes.length) breakdown(w, head, "主要用于以下方面", classes, true, "；", "一般公共预算");
  else w.amount(head, "一般公共预算").put("。");
  return { id: "gpb", heading: "五、一般公共预算支出情况", text: w.done(), figures: w.figures };
}

/** Names of the 表六 items of the given classes with a figure in `role`; "等" when other rows hold some too. */
function itemNames(t: RecognisedTable, classes: string[], role: string): { names: string[]; more: boolean } {
  const names: string[] = [];
  let more = false;
  let cls = "";
  for (const r of t.rows) {
    if (r.kind !== "subject") continue;
    if (r.depth === 0) cls = r.label;
    const f = r.amounts[role];
    if (!f || f.amount.value.isZero()) continue;
    if (r.depth === 0) continue;
    if (classes.includes(cls)) names.push(r.label);
    else more = true;
  }
  // A class with a figure but no items listed under it (its items left out of the table).
  for (const r of t.rows) {
    if (r.kind === "subject" && r.depth === 0 && !classes.includes(r.label) && r.amounts[role] && !r.amounts[role].amount.value.isZero()) more = true;
  }
  return { names, more };
}

function gpbBasic(c: Ctx): DraftParagraph | null {
  const t = byKind(c.rec, "gpbBasicEconomic");
  const total = t?.rows.find((r) => r.kind === "total");
  if (!t || !total) return null;
  const head = figure(t, total, "total");
  if (!head) return null;
  const w = c.writer().put(`${c.lead}${c.w.gpbBasic}`).amount(head, "一般公共预算基本支出");
  const personnel = figure(t, total, "personnel");
  const pub = figure(t, total, "public");
  if (c.w.personnelIn === "economic" && personnel && pub) {
    w.put("，其中：");
    const parts: Array<{ phrase: string; fig: Fig }> = [
      { phrase: "人员经费", fig: personnel },
      { phrase: "公用经费", fig: pub },
    ];
    parts.forEach((p, i) => {
      if (i) w.put("；");
      w.put(p.phrase).amount(p.fig);
      const group = NAME_GROUPS.find((g) => g.phrase === p.phrase);
      const { names, more } = group ? itemNames(t, group.classes, p.phrase === "人员经费" ? "personnel" : "public") : { names: [], more: false };
      if (names.length) w.put(`，主要包括：${names.join("、")}${more ? "等" : ""}`);
    });
  }
  w.put("。");
  return { id: "gpbBasic", heading: "六、一般公共预算基本支出情况", text: w.done(), figures: w.figures };
}

function sanGong(c: Ctx): DraftParagraph | null {
  const t = byKind(c.rec, "sanGong", "sanGongAndOperating");
  if (!t) return null;
  const lines = kindOfTable(t) === "sanGong";
  const one = lines ? undefined : t.rows.find((r) => r.kind === "line");
  const item = (it: (typeof SANGONG_ITEMS)[number]) => (lines ? figure(t, lineRow(t, it.label), "total") : figure(t, one, it.role));
  const total = lines ? figure(t, totalRow(t, ["合计"]), "total") : figure(t, one, "total");
  const w = c.writer();
  // "本单位无…" only of a table of its own: Shanghai's also holds 机关运行经费, so its zeros are stated as figures.
  if (lines && isZero(total) && SANGONG_ITEMS.every((it) => isZero(item(it)))) {
    w.put("本单位无“三公”经费预算。");
  } else if (total) {
    w.put(`${c.lead}“三公”经费预算`);
    const main = SANGONG_ITEMS.filter((it) => !it.sub).map((it) => ({ phrase: it.phrase, fig: item(it) })).filter((x): x is { phrase: string; fig: Fig } => x.fig !== null);
    if (main.length) breakdown(w, total, "其中", main, false, "，", "三公");
    else w.amount(total, "三公").put("。");
    const sub = SANGONG_ITEMS.filter((it) => it.sub).map((it) => ({ phrase: it.phrase, fig: item(it) })).filter((x): x is { phrase: string; fig: Fig } => x.fig !== null);
    if (sub.length) {
      w.put("公务用车购置及运行费中，");
      sub.forEach((s, i) => w.put(i ? "，" : "").put(s.phrase).amount(s.fig));
      w.put("。");
    }
  } else return null;
  return { id: "sanGong", heading: "七、“三公”经费预算情况", text: w.done(), figures: w.figures };
}

function operatingCost(c: Ctx): DraftParagraph | null {
  const t = byKind(c.rec, "operatingCost", "sanGongAndOperating");
  if (!t) return null;
  const f = kindOfTable(t) === "operatingCost" ? figure(t, totalRow(t, ["部门合计", "合计", "单位合计"]), "total") : figure(t, t.rows.find((r) => r.kind === "line"), "operatingCost");
  const w = c.writer();
  if (isZero(f)) {
    // Said only of a table that holds nothing at all (a zero in a table with other figures is stated as 0.00).
    if (!t.empty && f) w.put(`${c.lead}机关运行经费预算`).amount(f, "机关运行经费").put("。");
    else w.put("本单位无机关运行经费。");
  } else w.put(`${c.lead}机关运行经费预算`).amount(f!, "机关运行经费").put("。");
  return { id: "operatingCost", heading: "八、机关运行经费预算情况", text: w.done(), figures: w.figures };
}

export interface DraftOptions {
  /**
   * The previous year's workbook, recognised: each total the draft states that it states too gets
   * its change ("，比上年增加18.25万元，增长3.54%"). Without it the draft says nothing about change.
   */
  previous?: RecognitionResult;
}

const PARAGRAPHS = [totals, income, expenditure, fiscal, gpb, gpbBasic, sanGong, operatingCost];

function paragraphsOf(rec: RecognitionResult, previous: Map<string, Fig> | null, keyed: Map<string, Fig> | null): DraftParagraph[] {
  const unit = rec.unitName?.trim() || "本单位";
  const w = wordingOf(rec.layoutSet);
  const c: Ctx = { rec, w, lead: w.lead(rec.year, unit), writer: () => new Writer(previous, keyed) };
  return PARAGRAPHS.map((f) => f(c)).filter((p): p is DraftParagraph => p !== null);
}

/** The draft of the figures paragraphs, from the recognised tables (and last year's, when given). Pure. */
export function buildNarrativeDraft(rec: RecognitionResult, opts: DraftOptions = {}): NarrativeDraft {
  let previous: Map<string, Fig> | null = null;
  if (opts.previous) {
    previous = new Map();
    paragraphsOf(opts.previous, null, previous);
  }
  return { layoutSet: rec.layoutSet, paragraphs: paragraphsOf(rec, previous, null) };
}

/** The draft as 情况说明 paragraphs (a heading, then its text), as a workbook would hold it. */
export function draftAsNarrative(draft: NarrativeDraft, sheet = "情况说明"): NarrativeParagraph[] {
  const out: NarrativeParagraph[] = [];
  for (const p of draft.paragraphs) {
    out.push({ sheet, cell: `A${out.length + 1}`, text: p.heading });
    out.push({ sheet, cell: `A${out.length + 1}`, text: p.text });
  }
  return out;
}

/** The draft as plain text: headings and paragraphs, one a line (what 复制 copies). */
export function draftText(draft: NarrativeDraft): string {
  return draft.paragraphs.map((p) => `${p.heading}\n${p.text}`).join("\n");
}

/**
 * What the narrative rules say of the workbook with its 情况说明 replaced by the draft. A draft checks
 * clean when this holds only narrative/coverage's count line, with every figure checked.
 */
export function checkDraft(rec: RecognitionResult, workbook: WorkbookSnapshot, draft: NarrativeDraft): Finding[] {
  const withDraft: RecognitionResult = { ...rec, narrative: draftAsNarrative(draft) };
  return runRules(makeRuleContext(withDraft, workbook), narrativeRules).findings;
}

/** The findings of `checkDraft` that say something is wrong or unchecked (all but a complete coverage count). */
export function draftProblems(findings: Finding[]): Finding[] {
  return findings.filter((f) => !(f.ruleId === "narrative/coverage" && f.expected !== undefined && f.expected === f.actual));
}
