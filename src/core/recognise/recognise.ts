import { shanxiUnit2026 } from "../layouts/shanxi-unit-2026";
import { LAYOUT_SETS } from "../layouts/registry";
import type { LayoutSet, TableLayout } from "../layouts/types";
import type { WorkbookSnapshot } from "../workbook/snapshot";
import { a1, boxToA1, presentColumns } from "../workbook/snapshot";
import { uncalculatedProblem } from "../workbook/uncalculated";
import { addinSheetKind } from "../workbook/addin-marker";
import type { MoneyUnit, NarrativeParagraph, RecognisedTable, RecognitionProblem, RecognitionResult, TextCell } from "./model";
import { normaliseLabel, parseTitle, withoutParentheses } from "./normalise";
import { SheetView } from "./sheet-view";
import { readHeader } from "./header";
import { readRows } from "./rows";
import { readPerformanceForm } from "./form";

export interface RecogniseOptions {
  /** The layout set to read with (forced: --layout, the pane's setting). By default the best match of `layoutSets`. */
  layouts?: LayoutSet;
  /** Candidate sets for the best match (default: every known set, see layouts/registry.ts). */
  layoutSets?: readonly LayoutSet[];
  /** Recognise only tables whose title is on this sheet (live re-check after an edit). */
  onlySheet?: string;
}

interface TitleHit {
  r: number;
  c: number;
  text: string;
  layout: TableLayout;
  year: number | null;
}

/** Index of titles: exact normalised title → layout, and the same without parentheses. */
function titleIndex(set: LayoutSet): { exact: Map<string, TableLayout>; loose: Map<string, TableLayout>; forms: TableLayout[] } {
  const exact = new Map<string, TableLayout>();
  const loose = new Map<string, TableLayout>();
  const forms = set.tables.filter((t) => t.rowModel === "form");
  for (const t of set.tables) {
    if (t.rowModel === "form") continue;
    for (const title of t.titles) {
      const n = normaliseLabel(title);
      if (!exact.has(n)) exact.set(n, t);
      const l = withoutParentheses(n);
      if (!loose.has(l)) loose.set(l, t);
    }
  }
  return { exact, loose, forms };
}

export function matchTitle(text: string, set: LayoutSet = shanxiUnit2026): { layout: TableLayout; year: number | null } | null {
  if (text.length > 80 || !text.includes("表")) return null;
  const idx = cachedIndex(set);
  const { year, core } = parseTitle(text);
  // A form's title carries the project's or the unit's name before it: it matches by its ending.
  for (const form of idx.forms) {
    for (const title of form.titles) {
      const n = normaliseLabel(title);
      if (core.endsWith(n) || normaliseLabel(text).endsWith(n)) return { layout: form, year };
    }
  }
  const hit = idx.exact.get(core) ?? idx.loose.get(withoutParentheses(core));
  return hit ? { layout: hit, year } : null;
}

const indexCache = new WeakMap<LayoutSet, ReturnType<typeof titleIndex>>();
function cachedIndex(set: LayoutSet) {
  let idx = indexCache.get(set);
  if (!idx) {
    idx = titleIndex(set);
    indexCache.set(set, idx);
  }
  return idx;
}

const UNIT_NAME_RE = /^(?:编制|填报)?单位(?:名称)?[:：]\s*(.+?)\s*(?:(?:金额)?单位[:：]\s*(万元|元))?\s*$/;
const MONEY_UNIT_RE = /(?:金额)?单位[:：]\s*(万元|元)\s*$/;

/**
 * Finds every standard table in the workbook, wherever it sits, and reads it into the normalised
 * model. Tables it cannot read are reported in `problems`, never skipped silently.
 */
export function recognise(wb: WorkbookSnapshot, opts: RecogniseOptions = {}): RecognitionResult {
  // Each sheet's title candidates are looked for once (a scan of every cell), for choosing the set,
  // finding titles and finding unrecognised blocks alike.
  const candidates = new Map<WorkbookSnapshot["sheets"][number], TitleCandidate[]>();
  const candidatesOf = (sheet: WorkbookSnapshot["sheets"][number]): TitleCandidate[] => {
    let cs = candidates.get(sheet);
    if (!cs) candidates.set(sheet, (cs = titleCandidates(sheet)));
    return cs;
  };
  const set = opts.layouts ?? chooseLayoutSet(wb, opts.layoutSets ?? LAYOUT_SETS, candidatesOf);
  const tables: RecognisedTable[] = [];
  const problems: RecognitionProblem[] = [];
  const narrative: NarrativeParagraph[] = [];
  for (const sheet of wb.sheets) {
    if (opts.onlySheet !== undefined && sheet.name !== opts.onlySheet) continue;
    // The add-in's own sheets (the JSON package, the charts' data) are neither tables nor text.
    if (addinSheetKind(sheet)) continue;
    if (sheet.unreadable) {
      // Not "no tables here": the tables on it are unknown, and say so (structure/all-tables holds back).
      problems.push({
        kind: "unreadable-sheet",
        sheet: sheet.name,
        cell: "A1",
        message: `工作表 ${sheet.name} 无法读取：${sheet.unreadable.zh}`,
        messageEn: `sheet ${sheet.name} cannot be read: ${sheet.unreadable.en}`,
      });
      if (sheet.rows.length === 0) continue;
    }
    const view = new SheetView(sheet);
    const cands = candidatesOf(sheet);
    const hits = findTitles(cands, set);
    const covered: Array<{ r0: number; r1: number }> = [];
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i];
      const next = hits[i + 1];
      // A title followed closely by another title is a table of contents line, not a table.
      if (next && next.r - hit.r <= 2 && hit.layout.rowModel !== "form") continue;
      // …and so is the last line of such a table of contents (the title just above it was one).
      const prev = hits[i - 1];
      if (prev && hit.r - prev.r <= 2 && hit.layout.rowModel !== "form" && prev.layout.rowModel !== "form" && hit.layout.gapsInside) continue;
      let to = next ? next.r - 1 : view.rowCount - 1;
      // A table run over pages may repeat its title at the top of the next one: the same layout's title
      // again before this table's total row goes on with this table, not a second copy of it.
      let skip = 0;
      while (hit.layout.gapsInside && hit.layout.rowModel !== "form") {
        const again = hits[i + 1 + skip];
        if (!again || again.layout.key !== hit.layout.key || again.c !== hit.c) break;
        const part = readTable(view, hit, to, []);
        if (!part || part.rows.some((r) => r.kind === "total")) break;
        skip++;
        const after = hits[i + 1 + skip];
        to = after ? after.r - 1 : view.rowCount - 1;
      }
      i += skip;
      const t = readTable(view, hit, to, problems);
      if (t) {
        tables.push(t);
        covered.push({ r0: t.box.r0, r1: t.box.r1 });
      }
    }
    findUnrecognised(view, cands, set, hits, covered, problems);
    collectNarrative(view, covered, narrative);
  }
  const uncalculated = uncalculatedProblem(wb);
  if (uncalculated && (opts.onlySheet === undefined || uncalculated.sheet === opts.onlySheet)) problems.push(uncalculated);
  const years = tables.map((t) => t.year).filter((y): y is number => y !== null);
  const units = tables.map((t) => t.unitName?.text).filter((u): u is string => !!u);
  return {
    workbook: wb.name,
    layoutSet: set.id,
    year: mostCommon(years),
    unitName: mostCommon(units),
    tables,
    narrative,
    problems,
  };
}

/** Cells that may hold a table title: text of at most 80 characters with 表 in it. */
interface TitleCandidate {
  r: number;
  c: number;
  v: string;
}

function titleCandidates(sheet: WorkbookSnapshot["sheets"][number]): TitleCandidate[] {
  const out: TitleCandidate[] = [];
  const rows = sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const cols = presentColumns(row);
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      const x = row[c];
      if (!x || typeof x.v !== "string") continue;
      const v = x.v;
      if (v.length > 80 || v.indexOf("表") < 0) continue;
      out.push({ r, c, v });
    }
  }
  return out;
}

/**
 * The layout set whose titles name the most distinct tables of the workbook (a table of contents
 * counts too: it names the set's tables). Ties go to the earlier set (the default first).
 */
export function chooseLayoutSet(
  wb: WorkbookSnapshot,
  sets: readonly LayoutSet[] = LAYOUT_SETS,
  candidatesOf: (sheet: WorkbookSnapshot["sheets"][number]) => TitleCandidate[] = titleCandidates,
): LayoutSet {
  if (sets.length === 1) return sets[0];
  const seen = sets.map(() => new Set<string>());
  for (const sheet of wb.sheets) {
    if (addinSheetKind(sheet)) continue;
    for (const x of candidatesOf(sheet)) {
      sets.forEach((set, i) => {
        const m = matchTitle(x.v, set);
        if (m) seen[i].add(m.layout.key);
      });
    }
  }
  let best = 0;
  for (let i = 1; i < sets.length; i++) if (seen[i].size > seen[best].size) best = i;
  return sets[best];
}

function mostCommon<T>(xs: T[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestN = 0;
  for (const x of xs) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > bestN) {
      best = x;
      bestN = n;
    }
  }
  return best;
}

function findTitles(candidates: readonly TitleCandidate[], set: LayoutSet): TitleHit[] {
  const hits: TitleHit[] = [];
  let lastRow = -1;
  for (const { r, c, v } of candidates) {
    if (r === lastRow) continue; // the first title of a row only
    const m = matchTitle(v, set);
    if (m) {
      hits.push({ r, c, text: v.trim(), layout: m.layout, year: m.year });
      lastRow = r;
    }
  }
  return hits;
}

function readMeta(view: SheetView, from: number, to: number): { unitName: TextCell | null; moneyUnit: { unit: MoneyUnit; cell: string } | null; year: number | null } {
  let unitName: TextCell | null = null;
  let moneyUnit: { unit: MoneyUnit; cell: string } | null = null;
  let year: number | null = null;
  for (let r = from; r <= to; r++) {
    const row = view.row(r);
    if (!row) continue;
    for (const c of presentColumns(row)) {
      const x = row[c];
      if (!x || typeof x.v !== "string") continue;
      const t = x.v.trim();
      const m = UNIT_NAME_RE.exec(t);
      if (m && /单位名称|编制单位|填报单位/.test(t)) {
        unitName = { text: m[1].trim(), cell: a1(r, c) };
        if (m[2]) moneyUnit = { unit: m[2] as MoneyUnit, cell: a1(r, c) };
        continue;
      }
      const u = MONEY_UNIT_RE.exec(t);
      if (u && !/单位名称/.test(t)) moneyUnit = { unit: u[1] as MoneyUnit, cell: a1(r, c) };
      const y = /^[(（]\s*(\d{4})\s*年度?\s*[)）]$/.exec(t);
      if (y) year = Number(y[1]);
    }
  }
  return { unitName, moneyUnit, year };
}

function readTable(view: SheetView, hit: TitleHit, to: number, problems: RecognitionProblem[]): RecognisedTable | null {
  const { layout } = hit;
  const sheet = view.sheet.name;
  const title: TextCell = { text: hit.text, cell: a1(hit.r, hit.c) };
  if (layout.rowModel === "form") {
    // The form ends at two blank rows: text stacked below it (the narrative) is not part of it.
    let seen = false;
    for (let r = hit.r + 1, blanks = 0; r <= to; r++) {
      if (view.isBlankRow(r, 0, 16383)) {
        if (++blanks >= 2 && seen) {
          to = r - blanks;
          break;
        }
      } else {
        blanks = 0;
        seen = true;
      }
    }
    const { form, c0, c1, empty } = readPerformanceForm(view, hit.r + 1, to);
    const meta = readMeta(view, hit.r, Math.min(to, hit.r + 3));
    let last = hit.r;
    for (let r = to; r > hit.r; r--) {
      if (!view.isBlankRow(r, 0, 16383)) {
        last = r;
        break;
      }
    }
    const box = { r0: hit.r, c0: Math.min(c0, hit.c), r1: last, c1: Math.max(c1, hit.c) };
    return {
      id: layout.id,
      layoutId: layout.key,
      standardName: layout.standardName,
      title,
      year: hit.year ?? meta.year,
      unitName: meta.unitName,
      moneyUnit: { unit: "元", cell: form.annualFunding.total?.cell ?? title.cell },
      sheet,
      range: boxToA1(box),
      columns: [],
      rows: [],
      empty,
      notes: [],
      form,
      box,
    };
  }
  const header = readHeader(view, layout, hit.r + 1, to, sheet);
  if (!header) {
    problems.push({
      kind: "unplaced-table",
      sheet,
      cell: title.cell,
      message: `找到标题“${hit.text}”（${layout.number}），但其下未找到可识别的表头，该表未读取`,
      messageEn: `found the title "${hit.text}" (${layout.id}) but no header under it; the table was not read`,
    });
    return null;
  }
  problems.push(...header.problems);
  const meta = readMeta(view, hit.r, header.r0 - 1);
  const body = readRows(view, layout, header, to, meta.unitName?.text ?? null);
  const box = { r0: hit.r, c0: Math.min(header.c0, hit.c), r1: Math.max(body.lastRow, header.r1), c1: header.c1 };
  const empty = body.rows.every((r) => Object.keys(r.amounts).length === 0 && !r.bad);
  return {
    id: layout.id,
    layoutId: layout.key,
    standardName: layout.standardName,
    title,
    year: hit.year ?? meta.year,
    unitName: meta.unitName,
    moneyUnit: meta.moneyUnit,
    sheet,
    range: boxToA1(box),
    columns: header.columns,
    rows: body.rows,
    empty,
    notes: body.notes,
    box,
  };
}

const CAPTION_RE = /^(预算公开)?(附)?表\s*[一二三四五六七八九十\d]+$/;

/** Character bigrams of a normalised title, for the nearest known table. */
function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let n = 0;
  for (const g of x) if (y.has(g)) n++;
  return (2 * n) / (x.size + y.size);
}

/**
 * The known table whose title is nearest to `core`: of the set in use, unless another set has one
 * clearly nearer (a workbook of another region read with the wrong set).
 */
export function nearestTable(core: string, current?: LayoutSet): { set: LayoutSet; table: TableLayout; score: number } | null {
  const bestOf = (sets: readonly LayoutSet[]) => {
    let best: { set: LayoutSet; table: TableLayout; score: number } | null = null;
    for (const set of sets) {
      for (const t of set.tables) {
        for (const title of t.titles) {
          const score = similarity(core, normaliseLabel(title));
          if (!best || score > best.score) best = { set, table: t, score };
        }
      }
    }
    return best;
  };
  const all = bestOf(LAYOUT_SETS);
  const own = current ? bestOf([current]) : null;
  if (own && all && all.score - own.score < 0.15) return own;
  return all;
}

/**
 * Blocks that look like a table — a title ending in 表, a header row under it, a column of figures —
 * but match no table of the layout set: each is reported with its sheet, cell, title and the nearest
 * known table, so that "表X 缺失" never stands alone when tables are there. Their rows are kept out
 * of the narrative.
 */
function findUnrecognised(
  view: SheetView,
  cands: readonly TitleCandidate[],
  set: LayoutSet,
  hits: TitleHit[],
  covered: Array<{ r0: number; r1: number }>,
  problems: RecognitionProblem[],
): void {
  const titled = new Set(hits.map((h) => h.r));
  for (let i = 0; i < cands.length; i++) {
    const { r, c, v } = cands[i];
    if (titled.has(r) || covered.some((b) => r >= b.r0 && r <= b.r1)) continue;
    const text = v.trim();
    const norm = normaliseLabel(text);
    if (norm.length < 5 || norm.length > 60 || !norm.endsWith("表") || CAPTION_RE.test(norm) || /[，。；]/.test(norm)) continue;
    // A line of a table of contents: another title-like line right above or below it.
    const near = (j: number) => cands[j] && cands[j].r !== r && Math.abs(cands[j].r - r) <= 2 && normaliseLabel(cands[j].v.trim()).endsWith("表");
    if (near(i - 1) || near(i + 1) || titled.has(r - 1) || titled.has(r + 1) || titled.has(r - 2) || titled.has(r + 2)) continue;
    const block = tableLikeBlock(view, r + 1, Math.min(view.rowCount - 1, r + 60));
    if (!block) continue;
    const { core } = parseTitle(text);
    const nearest = nearestTable(core, set);
    const here = nearest && nearest.set.id === set.id;
    const zhNear = nearest ? `最接近的已知表为${nearest.table.number}《${nearest.table.standardName}》（版式 ${nearest.set.id}${here ? "" : "，可用 --layout 指定"}）` : "";
    const enNear = nearest ? `the nearest known table is ${nearest.table.id} "${nearest.table.standardName}" (layout ${nearest.set.id}${here ? "" : "; --layout chooses it"})` : "";
    problems.push({
      kind: "unrecognised-table",
      sheet: view.sheet.name,
      cell: a1(r, c),
      message: `“${text}”看起来是一张表（有表头和数字列），但不是版式 ${set.id} 中的任何一张表，未读取；${zhNear}`,
      messageEn: `"${text}" looks like a table (a header and a column of figures) but is none of the tables of layout ${set.id}; it was not read; ${enNear}`,
    });
    covered.push({ r0: r, r1: block.r1 });
  }
}

/** Under a title: a header row (two labels or more) within 6 rows, then a column with two figures or more (or one row of three: the 三公 table). */
function tableLikeBlock(view: SheetView, from: number, to: number): { r1: number } | null {
  let header = -1;
  for (let r = from; r <= Math.min(to, from + 6) && header < 0; r++) {
    const row = view.row(r);
    if (!row) continue;
    let labels = 0;
    for (const c of presentColumns(row)) if (typeof row[c]?.v === "string" && String(row[c]!.v).trim()) labels++;
    if (labels >= 2) header = r;
  }
  if (header < 0) return null;
  const figures = new Map<number, number>();
  let last = -1;
  let wide = false;
  for (let r = header + 1; r <= to; r++) {
    const row = view.row(r);
    if (!row) continue;
    let inRow = 0;
    for (const c of presentColumns(row)) {
      if (typeof row[c]?.v !== "number") continue;
      if (++inRow >= 3) wide = true;
      const n = (figures.get(c) ?? 0) + 1;
      figures.set(c, n);
      last = r;
    }
  }
  for (const n of figures.values()) if (n >= 2) return { r1: last };
  return wide ? { r1: last } : null;
}

/** A row inside one of the boxes: a loop (`some` made a closure a row, ~100,000 for a large workbook). */
function isCovered(covered: ReadonlyArray<{ r0: number; r1: number }>, r: number): boolean {
  for (let i = 0; i < covered.length; i++) if (r >= covered[i].r0 && r <= covered[i].r1) return true;
  return false;
}

/** Text outside the tables (the 情况说明 narrative, headings), in reading order. */
function collectNarrative(view: SheetView, covered: Array<{ r0: number; r1: number }>, out: NarrativeParagraph[]): void {
  const rows = view.sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    if (isCovered(covered, r)) continue;
    const cols = presentColumns(row);
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      const x = row[c];
      if (!x || typeof x.v !== "string") continue;
      const t = x.v.trim();
      if (t.length < 4 || CAPTION_RE.test(t)) continue;
      out.push({ sheet: view.sheet.name, cell: a1(r, c), text: t });
    }
  }
}
