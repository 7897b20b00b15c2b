import Decimal from "decimal.js";

/**
 * Reads the 情况说明 text into statements the narrative rules can check: amounts and counts with
 * the subject they are said of, shares (占46.01%), growth (比上年增加18.25万元，增长3.54%), lists
 * (预算收入533.48万元，其中：…), name lists (人员经费…主要包括：基本工资、…) and statements that
 * something does not exist (本单位无“三公”经费预算).
 *
 * It knows Chinese budget prose, not the tables: resolving a subject to a cell is resolve.ts's job.
 */

export interface SourceParagraph {
  sheet: string;
  cell: string;
  text: string;
}

export type FigureUnit = "亿元" | "万元" | "元" | "%" | "个";

export interface Figure {
  /** The number as written, without unit or thousands separators: "288", "46.01". */
  text: string;
  value: Decimal;
  decimals: number;
  unit: FigureUnit;
  /** Offsets of number and unit in the sentence. */
  start: number;
  end: number;
}

export interface Sentence {
  index: number;
  /** Normalised: half-width digits, brackets and punctuation (，→, ：→: ；→;), no white space. */
  text: string;
  /** The same characters as written (full-width kept), offset for offset, for quoting. */
  display: string;
  /** The top-level heading (一、… 十二、) the sentence falls under, normalised; "" before any. */
  section: string;
  /** Changes at every heading, so a list never takes its head from across a heading. */
  group: number;
  /** The paragraph each stretch of the sentence came from. */
  origins: Array<{ offset: number; sheet: string; cell: string }>;
}

export interface Mention {
  id: number;
  kind: "amount" | "count";
  sentence: number;
  /** What the figure is said of, prefixes (year, unit name, 其中) removed: "基本支出". */
  subject: string;
  figure: Figure;
  /** Money in 万元 (元 and 亿元 converted, decimals adjusted), or the count. */
  value: Decimal;
  decimals: number;
  /** Where the statement starts (its subject) and ends (its figure, or the share after it). */
  start: number;
  end: number;
  share?: Share;
  /** For "…项目3个，涉及金额0万元": the amount takes the count's subject; they point at each other. */
  countOf?: number;
  amountOf?: number;
}

export interface Share {
  figure: Figure;
  /** "占部门(单位)项目支出总额的100%" names its base; "占46.01%" does not (the list head is). */
  denominator: string | null;
}

export interface Growth {
  sentence: number;
  /** +1 for 增加/增长, −1 for 减少/下降. */
  direction: 1 | -1;
  delta: Figure | null;
  deltaValue: Decimal | null;
  deltaDecimals: number;
  rate: Figure | null;
  rateDirection: 1 | -1 | null;
  start: number;
  end: number;
  /** The last mention before it in the sentence: what grew (or an item of the list whose head grew). */
  after: number | null;
}

export interface List {
  sentence: number;
  opener: string;
  openerStart: number;
  /** The total the items make up: a mention id, or null ("支出包括：…"). */
  head: number | null;
  /** For "二级项目3个，共计金额288.00万元。其中：…", the count the item counts make up. */
  headCount: number | null;
  items: number[];
  /** Ends with 等: the items need not make up the whole. */
  partial: boolean;
  end: number;
}

export interface NameList {
  sentence: number;
  head: number | null;
  names: Array<{ name: string; start: number; end: number }>;
  start: number;
  end: number;
}

export interface Negation {
  sentence: number;
  /** What is said not to exist, quotes removed: "三公经费预算". */
  phrase: string;
  start: number;
  end: number;
}

export interface NarrativeDoc {
  sentences: Sentence[];
  mentions: Mention[];
  growths: Growth[];
  lists: List[];
  nameLists: NameList[];
  negations: Negation[];
}

export interface ExtractOptions {
  /** The unit's name, stripped from the front of subjects. */
  unitName?: string | null;
  /**
   * Reads a bare 万 before a delimiter as 万元 ("预计评审费55万;"): project texts of the
   * performance forms write money that way; the 情况说明 does not, so it stays off there.
   */
  bareWan?: boolean;
}

// ---- normalisation -------------------------------------------------------------------------------

/** White space as JavaScript's \s knows it (with the ideographic and no-break spaces), by code unit. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A Latin letter (NaN, for no character, is not). */
function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The half-width form of a full-width character (and ﹪ → %), or -1 when it has none. */
function halfWidthCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  return c === 0xfe6a ? 0x25 : -1;
}

/**
 * One line of text as two strings of equal length: normalised for matching, and as written for
 * quoting. White space goes (text exported from Word breaks lines inside words: "一\n般公共服务支出"),
 * except between two Latin letters. Runs of characters that stay as they are go into both strings
 * as slices (this runs over every line of the narrative, at start-up mostly uncompiled).
 */
export function normaliseLine(raw: string): { text: string; display: string } {
  const s = raw.replace(/<\/?[a-z]+>/gi, "").replace(/^#+\s*/, "");
  let text = "";
  let display = "";
  const n = s.length;
  let run = 0; // the characters from here to i are kept as they are
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const half = pair ? -1 : halfWidthCode(c);
    if (!pair && half < 0 && !isSpace(c)) {
      i++;
      continue;
    }
    if (run < i) {
      const kept = s.slice(run, i);
      text += kept;
      display += kept;
    }
    if (pair) {
      // Characters outside the BMP would break the offset-for-offset pairing; they carry no figures.
      i += 2;
    } else if (half >= 0) {
      text += String.fromCharCode(half);
      display += s[i];
      i++;
    } else {
      let j = i + 1;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (isAsciiLetter(text.charCodeAt(text.length - 1)) && isAsciiLetter(s.charCodeAt(j))) {
        text += " ";
        display += " ";
      }
      i = j;
    }
    run = i;
  }
  if (run < n) {
    const kept = run === 0 ? s : s.slice(run);
    text += kept;
    display += kept;
  }
  return { text, display };
}

/** Normalises a name or subject for comparison: no white space or quotes, half-width brackets. */
export function normaliseName(s: string): string {
  return normaliseLine(s).text.replace(/[“”‘’"'「」『』]/g, "");
}

// ---- paragraphs → sentences ------------------------------------------------------------------------

const TOP_HEADING = /^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)/;
const SUB_HEADING = /^(\([一二三四五六七八九十]+\)|\d+[、.](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])/;
const TERMINAL = /[。!?]$/;
const HAS_FIGURE = /\d(万元|元|%|个)/;

function isHeading(text: string): boolean {
  if (!TOP_HEADING.test(text) && !SUB_HEADING.test(text)) return false;
  return text.length <= 40 && !HAS_FIGURE.test(text) && !/[。;!?]$/.test(text);
}

interface Block {
  text: string;
  display: string;
  section: string;
  group: number;
  origins: Sentence["origins"];
}

/**
 * Joins the lines of a paragraph that runs on (a line not ending in 。 continues on the next, as in
 * "支出包括：一" / "般公共服务支出…") and cuts at headings.
 */
function blocks(paragraphs: SourceParagraph[]): Block[] {
  const out: Block[] = [];
  let section = "";
  let group = 0;
  let cur: Block | null = null;
  for (const p of paragraphs) {
    for (const rawLine of p.text.split(/\r\n|\r|\n/)) {
      const { text, display } = normaliseLine(rawLine);
      if (!text) continue;
      if (isHeading(text)) {
        cur = null;
        group++;
        if (TOP_HEADING.test(text)) section = text;
        continue;
      }
      if (!cur || TERMINAL.test(cur.text)) {
        cur = { text: "", display: "", section, group, origins: [] };
        out.push(cur);
      }
      cur.origins.push({ offset: cur.text.length, sheet: p.sheet, cell: p.cell });
      cur.text += text;
      cur.display += display;
    }
  }
  return out;
}

function splitSentences(bs: Block[]): Sentence[] {
  const out: Sentence[] = [];
  for (const b of bs) {
    let start = 0;
    const ends: number[] = [];
    // 。 ! ? by code unit (testing b.text[i] made a string of each character)
    for (let i = 0; i < b.text.length; i++) {
      const c = b.text.charCodeAt(i);
      if (c === 0x3002 || c === 0x21 || c === 0x3f) ends.push(i + 1);
    }
    if (ends[ends.length - 1] !== b.text.length) ends.push(b.text.length);
    for (const end of ends) {
      if (end <= start) continue;
      const origins = b.origins
        .filter((o, k) => o.offset < end && (k + 1 >= b.origins.length || b.origins[k + 1].offset > start))
        .map((o) => ({ ...o, offset: Math.max(0, o.offset - start) }));
      out.push({
        index: out.length,
        text: b.text.slice(start, end),
        display: b.display.slice(start, end),
        section: b.section,
        group: b.group,
        origins,
      });
      start = end;
    }
  }
  return out;
}

/** The paragraph a sentence offset came from. */
export function originOf(s: Sentence, offset: number): { sheet: string; cell: string } {
  let o = s.origins[0];
  for (const x of s.origins) if (x.offset <= offset) o = x;
  return { sheet: o.sheet, cell: o.cell };
}

// ---- figures ------------------------------------------------------------------------------------------

const FIGURE = /(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(亿元|万元|元|%|个)(?!月)/g;
const FIGURE_BARE_WAN = /(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(亿元|万元|元|%|个|万(?=[,;:、。!?)]|$))(?!月)/g;
const DELIMITER = /[,;:、。!?]/;
/** "价值50万元(原值)以上的设备": a threshold, not a figure of the budget. */
const THRESHOLD_AFTER = /^(\([^)]{0,8}\))?(及以上|以上|以下|以内|左右|及以下)/;
const CHANGE = /(增加|减少|增长|下降|上升|降低|提高|减)了?$/;
const COMPARED = /(比|较|同比|相比)/;
const UP = /增加|增长|上升|提高/;
const OPENER = /(其中|主要包括|具体包括|主要用于以下方面|主要用于|包括|分别为|分别是)(:)?/g;
const LEADING = [/^(其中|主要包括|具体包括|主要用于以下方面|主要用于|包括|分别为|分别是|主要有|含)/, /^\d{4}年度?/, /^(本单位|本部门|我单位|我部门)/];
/** What follows a count to give its money: "3个，涉及项目金额288.00万元". */
const CONTINUATION = /^(共计|合计|总计|涉及|共|计)?(项目)?(金额|资金)?$/;
const NEGATION = /(无|没有|未安排|未编列|未编制|不涉及)(?:安排|编制|列支|使用)?([^,;:。!?]{1,24})/g;

/** A subject that names nothing by itself ("涉及金额", "共计"): not a key for comparing statements. */
export function isGenericSubject(subject: string): boolean {
  return subject.length < 2 || CONTINUATION.test(subject);
}

function parseFigure(m: RegExpExecArray): Figure {
  const intPart = m[1].replace(/,/g, "");
  const frac = m[2] ?? "";
  const text = frac ? `${intPart}.${frac}` : intPart;
  const unit = (m[3] === "万" ? "万元" : m[3]) as FigureUnit;
  return { text, value: new Decimal(text), decimals: frac.length, unit, start: m.index, end: m.index + m[0].length };
}

/** Money in 万元, with decimals scaled to match. */
function inWan(f: Figure): { value: Decimal; decimals: number } {
  if (f.unit === "元") return { value: f.value.div(10000), decimals: f.decimals + 4 };
  if (f.unit === "亿元") return { value: f.value.times(10000), decimals: f.decimals - 4 };
  return { value: f.value, decimals: f.decimals };
}

function direction(word: string): 1 | -1 {
  return UP.test(word) ? 1 : -1;
}

/** Strips what is not the subject from the front: 其中, the year, the unit's name. Returns chars removed. */
function stripSubject(before: string, unitName: string | null): { subject: string; removed: number } {
  let s = before;
  let removed = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of LEADING) {
      const m = re.exec(s);
      if (m) {
        s = s.slice(m[0].length);
        removed += m[0].length;
        changed = true;
      }
    }
    if (unitName && s.startsWith(unitName)) {
      s = s.slice(unitName.length);
      removed += unitName.length;
      changed = true;
    }
  }
  const trail = /(为|达|约|是)$/.exec(s);
  if (trail) s = s.slice(0, -trail[0].length);
  return { subject: s, removed };
}

interface Ctx {
  doc: NarrativeDoc;
  unitName: string | null;
  figure: RegExp;
}

function extractSentence(c: Ctx, s: Sentence): void {
  const { doc } = c;
  const text = s.text;
  const mine: Mention[] = [];
  const figureEnds: number[] = [];
  let prevEnd = 0;
  let prevKind: "count" | "other" | null = null;
  let lastGrowth: Growth | null = null;

  for (const m of text.matchAll(c.figure)) {
    const f = parseFigure(m as RegExpExecArray);
    let clauseStart = prevEnd;
    for (let i = f.start - 1; i >= prevEnd; i--) {
      if (DELIMITER.test(text[i])) {
        clauseStart = i + 1;
        break;
      }
    }
    const before = text.slice(clauseStart, f.start);
    const after = text.slice(f.end, f.end + 12);
    prevEnd = f.end;
    if (THRESHOLD_AFTER.test(after)) {
      prevKind = "other";
      continue;
    }
    figureEnds.push(f.end);

    if (f.unit === "%") {
      const change = CHANGE.exec(before);
      if (change) {
        if (lastGrowth && lastGrowth.rate === null && prevKind === "other" && lastGrowth.end === lastFigureEndBefore(figureEnds, f.start)) {
          lastGrowth.rate = f;
          lastGrowth.rateDirection = direction(change[1]);
          lastGrowth.end = f.end;
        } else {
          lastGrowth = growthOf(s, mine, clauseStart, f.end, null, f, direction(change[1]));
          doc.growths.push(lastGrowth);
        }
      } else {
        const at = before.lastIndexOf("占");
        const owner = mine[mine.length - 1];
        if (at >= 0 && owner && !owner.share) {
          // 占46.01% / 占比46.01% / 占…项目支出总额的100% / 所占比重为3%
          const named = before.slice(at + 1).replace(/^(比重|比例|比)/, "").replace(/(的|为|的比重为|的比例为)$/, "");
          const denominator = normaliseName(named);
          owner.share = { figure: f, denominator: denominator || null };
          owner.end = Math.max(owner.end, f.end);
        }
      }
      prevKind = "other";
      continue;
    }

    const change = CHANGE.exec(before);
    if (change && COMPARED.test(before)) {
      if (f.unit !== "个") {
        lastGrowth = growthOf(s, mine, clauseStart + before.search(COMPARED), f.end, f, null, direction(change[1]));
        doc.growths.push(lastGrowth);
      }
      prevKind = "other";
      continue;
    }

    const { subject: rawSubject, removed } = stripSubject(before, c.unitName);
    const subject = normaliseName(rawSubject);
    const wan = f.unit === "个" ? { value: f.value, decimals: f.decimals } : inWan(f);
    const mention: Mention = {
      id: doc.mentions.length,
      kind: f.unit === "个" ? "count" : "amount",
      sentence: s.index,
      subject,
      figure: f,
      value: wan.value,
      decimals: wan.decimals,
      start: clauseStart + removed,
      end: f.end,
    };
    const prevMention = mine[mine.length - 1];
    if (mention.kind === "amount" && prevKind === "count" && prevMention?.kind === "count" && CONTINUATION.test(subject)) {
      mention.subject = prevMention.subject;
      mention.countOf = prevMention.id;
      mention.start = prevMention.start;
      prevMention.amountOf = mention.id;
    }
    doc.mentions.push(mention);
    mine.push(mention);
    prevKind = mention.kind === "count" ? "count" : "other";
  }

  buildLists(c, s, mine);

  for (const m of text.matchAll(NEGATION)) {
    doc.negations.push({ sentence: s.index, phrase: normaliseName(m[2]), start: m.index!, end: m.index! + m[0].length });
  }
}

function lastFigureEndBefore(ends: number[], pos: number): number {
  let e = -1;
  for (const x of ends) if (x < pos) e = x;
  return e;
}

function growthOf(s: Sentence, mine: Mention[], start: number, end: number, delta: Figure | null, rate: Figure | null, dir: 1 | -1): Growth {
  const wan = delta ? inWan(delta) : null;
  return {
    sentence: s.index,
    direction: dir,
    delta,
    deltaValue: wan ? wan.value : null,
    deltaDecimals: wan ? wan.decimals : 0,
    rate,
    rateDirection: rate ? dir : null,
    start,
    end,
    after: mine.length ? mine[mine.length - 1].id : null,
  };
}

// ---- lists ---------------------------------------------------------------------------------------------

function onlyDelimiters(s: string): boolean {
  return /^[,;:、]*$/.test(s);
}

/**
 * Groups the mentions of a sentence under the list openers (其中, 主要包括 …). A mention followed by
 * an opener is that list's head; an opener at the start of a sentence takes the head of the sentence
 * before ("总额2.30万元。其中：…"). An opener followed by names only starts a name list.
 */
function buildLists(c: Ctx, s: Sentence, mine: Mention[]): void {
  const { doc } = c;
  const text = s.text;
  const openers = Array.from(text.matchAll(OPENER)).map((m) => ({ word: m[1], start: m.index!, end: m.index! + m[0].length }));
  const sentenceLists: List[] = [];
  let current: List | null = null;
  let k = 0; // next mention to place
  const growthEnds = doc.growths.filter((g) => g.sentence === s.index).map((g) => g.end);

  for (const op of openers) {
    while (k < mine.length && mine[k].figure.start < op.start) {
      if (current) current.items.push(mine[k].id);
      k++;
    }
    const regionEnd = firstIndex(text, /[;。!?]/, op.end);
    const region = text.slice(op.end, regionEnd);
    const head = headBefore(c, s, mine, op.start, growthEnds);

    if (!HAS_FIGURE.test(region)) {
      doc.nameLists.push({ sentence: s.index, head: head?.id ?? null, names: splitNames(text, op.end, regionEnd), start: op.start, end: regionEnd });
      continue;
    }
    if (current && head) current.items = current.items.filter((id) => id !== head.id);
    if (current) current.end = head ? head.start : op.start;
    const headCount = head ? (head.kind === "count" ? head.id : head.countOf ?? null) : null;
    current = {
      sentence: s.index,
      opener: op.word,
      openerStart: op.start,
      head: head && head.kind === "amount" ? head.id : null,
      headCount,
      items: [],
      partial: false,
      end: text.length,
    };
    sentenceLists.push(current);
    doc.lists.push(current);
  }
  for (; k < mine.length; k++) if (current) current.items.push(mine[k].id);

  for (const l of sentenceLists) {
    const last = l.items.length ? doc.mentions[l.items[l.items.length - 1]] : null;
    if (!last) continue;
    let tailEnd = Math.min(l.end, firstIndex(text, /[;。!?]/, last.end));
    const sub = doc.nameLists.find((n) => n.sentence === s.index && n.head === last.id);
    if (sub) tailEnd = Math.min(tailEnd, sub.start);
    l.partial = text.slice(last.end, tailEnd).includes("等");
  }
}

function firstIndex(text: string, re: RegExp, from: number): number {
  for (let i = from; i < text.length; i++) if (re.test(text[i])) return i;
  return text.length;
}

function headBefore(c: Ctx, s: Sentence, mine: Mention[], pos: number, growthEnds: number[]): Mention | null {
  const earlier = mine.filter((m) => m.figure.start < pos);
  if (earlier.length) {
    const lastEnd = Math.max(...earlier.map((m) => m.end), ...growthEnds.filter((e) => e <= pos));
    return onlyDelimiters(s.text.slice(lastEnd, pos)) ? earlier[earlier.length - 1] : null;
  }
  if (!onlyDelimiters(s.text.slice(0, pos))) return null;
  // "…总额2.30万元。其中：" — the head is in the sentence before (same block of text).
  const prev = c.doc.sentences[s.index - 1];
  if (!prev || prev.group !== s.group) return null;
  const prevLists = c.doc.lists.filter((l) => l.sentence === prev.index && l.head !== null);
  if (prevLists.length) return c.doc.mentions[prevLists[0].head!];
  const prevMentions = c.doc.mentions.filter((m) => m.sentence === prev.index);
  return prevMentions.length ? prevMentions[prevMentions.length - 1] : null;
}

function splitNames(text: string, from: number, to: number): NameList["names"] {
  const out: NameList["names"] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || /[、,]/.test(text[i])) {
      let name = text.slice(start, i);
      const lead = /^[:]*/.exec(name)![0].length;
      name = name.slice(lead).replace(/等$/, "");
      if (name) out.push({ name: normaliseName(name), start: start + lead, end: start + lead + name.length });
      start = i + 1;
    }
  }
  return out;
}

// ---- entry point -----------------------------------------------------------------------------------------

const docs = new WeakMap<SourceParagraph[], { unitName: string | null; doc: NarrativeDoc }>();

/**
 * `extractNarrative(paragraphs, { unitName })`, once per list of paragraphs: the narrative rules and
 * a package's stated figures read the same statements (a batch's JSON package read every sample's
 * text twice, ~300 KB allocated a file). The document is shared: read only.
 */
export function narrativeOf(paragraphs: SourceParagraph[], unitName: string | null): NarrativeDoc {
  const hit = docs.get(paragraphs);
  if (hit && hit.unitName === unitName) return hit.doc;
  const doc = extractNarrative(paragraphs, { unitName });
  docs.set(paragraphs, { unitName, doc });
  return doc;
}

export function extractNarrative(paragraphs: SourceParagraph[], opts: ExtractOptions = {}): NarrativeDoc {
  const doc: NarrativeDoc = { sentences: splitSentences(blocks(paragraphs)), mentions: [], growths: [], lists: [], nameLists: [], negations: [] };
  const c: Ctx = { doc, unitName: opts.unitName ? normaliseName(opts.unitName) : null, figure: opts.bareWan ? FIGURE_BARE_WAN : FIGURE };
  for (const s of doc.sentences) extractSentence(c, s);
  return doc;
}

/** The sentence text as written between two offsets, for quoting. */
export function quote(doc: NarrativeDoc, sentence: number, start: number, end: number): string {
  return doc.sentences[sentence].display.slice(start, end);
}
