import { shanxiUnit2026 } from "../layouts/shanxi-unit-2026";
import { LAYOUT_SETS } from "../layouts/registry";
import type { LayoutSet, TableLayout } from "../layouts/types";
import type { WorkbookSnapshot } from "../workbook/snapshot";
import { a1, boxToA1, presentColumns } from "../workbook/snapshot";
import { uncalculatedProblem } from "../workbook/uncalculated";
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
  const set = opts.layouts ?? chooseLayoutSet(wb, opts.layoutSets ?? LAYOUT_SETS);
  const tables: RecognisedTable[] = [];
  const problems: RecognitionProblem[] = [];
  const narrative: NarrativeParagraph[] = [];
  for (const sheet of wb.sheets) {
    if (opts.onlySheet !== undefined && sheet.name !== opts.onlySheet) continue;
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
    const hits = findTitles(view, set);
    const covered: Array<{ r0: number; r1: number }> = [];
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i];
      const next = hits[i + 1];
      // A title followed closely by another title is a table of contents line, not a table.
      if (next && next.r - hit.r <= 2 && hit.layout.rowModel !== "form") continue;
      // …and so is the last line of such a table of contents (the title just above it was one).
      const prev = hits[i - 1];
      if (prev && hit.r - prev.r <= 2 && hit.layout.rowModel !== "form" && prev.layout.rowModel !== "form" && hit.layout.gapsInside) continue;
      const to = next ? next.r - 1 : view.rowCount - 1;
      const t = readTable(view, hit, to, problems);
      if (t) {
        tables.push(t);
        covered.push({ r0: t.box.r0, r1: t.box.r1 });
      }
    }
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
function titleCandidates(sheet: WorkbookSnapshot["sheets"][number]): Array<{ r: number; c: number; v: string }> {
  const out: Array<{ r: number; c: number; v: string }> = [];
  const rows = sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (const c of presentColumns(row)) {
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
export function chooseLayoutSet(wb: WorkbookSnapshot, sets: readonly LayoutSet[] = LAYOUT_SETS): LayoutSet {
  if (sets.length === 1) return sets[0];
  const seen = sets.map(() => new Set<string>());
  for (const sheet of wb.sheets) {
    for (const x of titleCandidates(sheet)) {
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

function findTitles(view: SheetView, set: LayoutSet): TitleHit[] {
  const hits: TitleHit[] = [];
  let lastRow = -1;
  for (const { r, c, v } of titleCandidates(view.sheet)) {
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

/** Text outside the tables (the 情况说明 narrative, headings), in reading order. */
function collectNarrative(view: SheetView, covered: Array<{ r0: number; r1: number }>, out: NarrativeParagraph[]): void {
  const rows = view.sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    if (covered.some((b) => r >= b.r0 && r <= b.r1)) continue;
    for (const c of presentColumns(row)) {
      const x = row[c];
      if (!x || typeof x.v !== "string") continue;
      const t = x.v.trim();
      if (t.length < 4 || CAPTION_RE.test(t)) continue;
      out.push({ sheet: view.sheet.name, cell: a1(r, c), text: t });
    }
  }
}
