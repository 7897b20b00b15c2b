import type { ColumnSpec, TableLayout } from "../layouts/types";
import type { RecognitionProblem, TableColumn } from "./model";
import { labelMatches, normaliseLabel } from "./normalise";
import type { SheetView } from "./sheet-view";
import { colLetters } from "../workbook/snapshot";

/** Labels that may stand in a header above the column labels, whatever the table; alone over a column
 * (备注, a remarks column many units add) they mark a column that is not read, and that is no problem. */
const GENERIC_HEADER = ["项目", "收入", "支出", "本年收入", "金额", "{year}年预算数", "{year}预算数", "预算数", "{year}年财政拨款", "财政拨款", "{year}年", "本年预算", "国有资本经营预算收入", "国有资本经营预算支出", "科目", "功能分类科目", "经济科目", "备注"];

export interface HeaderInfo {
  /** first and last header row (0-based, inclusive), numbering row included */
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  columns: TableColumn[];
  /** columns by role and side: key `${side ?? ""}:${role}` */
  byRole: Map<string, TableColumn>;
  problems: RecognitionProblem[];
}

const vocabularies = new WeakMap<TableLayout, readonly string[]>();
const columnLabelLists = new WeakMap<TableLayout, string[]>();

/** The words a header of `layout` may hold; made once per layout (layouts are not changed once made). */
export function headerVocabulary(layout: TableLayout): readonly string[] {
  let v = vocabularies.get(layout);
  if (!v) vocabularies.set(layout, (v = vocabularyOf(layout)));
  return v;
}

/** Every label of the layout's columns, in order; once per layout. */
function columnLabelsOf(layout: TableLayout): string[] {
  let v = columnLabelLists.get(layout);
  if (!v) columnLabelLists.set(layout, (v = layout.columns.flatMap((c) => c.labels)));
  return v;
}

function vocabularyOf(layout: TableLayout): string[] {
  const v = new Set<string>(GENERIC_HEADER);
  for (const w of layout.headerWords ?? []) v.add(w);
  for (const col of layout.columns) {
    for (const l of col.labels) v.add(l);
    for (const u of col.under ?? []) v.add(u);
  }
  return [...v];
}

function isTotalLabel(text: string, layout: TableLayout): boolean {
  const t = normaliseLabel(text);
  return (layout.totals ?? []).includes(t);
}

/** A row holding only 1, 2, 3 … (the column-number row under 表十二's header). */
function isNumberingRow(view: SheetView, r: number, c0: number, c1: number): boolean {
  const row = view.row(r);
  if (!row) return false;
  const nums: number[] = [];
  for (let c = c0; c <= c1; c++) {
    const x = row[c];
    if (!x || x.v === null || x.v === "") continue;
    const n = typeof x.v === "number" ? x.v : /^\d{1,2}$/.test(String(x.v).trim()) ? Number(String(x.v).trim()) : NaN;
    if (!Number.isInteger(n)) return false;
    nums.push(n);
  }
  if (nums.length < 2) return false;
  return nums.every((n, i) => n === nums[0] + i) && nums[0] <= 1;
}

function headerLike(view: SheetView, r: number, c0: number, c1: number, vocab: readonly string[], layout: TableLayout): boolean {
  const row = view.row(r);
  if (!row) return false;
  // A 合计 row is data, whether 合计 stands in the code column or (codes left empty) in the name column.
  // (Without merge information a second header row may start with an empty cell and 合计 over the first
  // amount column — 表十's "" | 合计 | 一般公共预算 …: the other column labels tell it from a 合计 row.)
  const totalFirst = isTotalLabel(view.text(r, c0), layout) || (view.text(r, c0) === "" && !view.mergeOrigin(r, c0) && isTotalLabel(view.text(r, c0 + 1), layout));
  // A header row may carry a label we do not know (reported later), but mostly known ones.
  let known = 0;
  let unknown = 0;
  let otherKnown = 0;
  for (let c = c0; c <= Math.min(c1, row.length - 1); c++) {
    const x = row[c];
    if (!x || x.v === null || x.v === "") continue;
    if (typeof x.v !== "string") return false;
    const l = normaliseLabel(x.v);
    if (l === "") continue;
    if (labelMatches(l, vocab)) {
      known++;
      if (!isTotalLabel(l, layout)) otherKnown++;
    } else unknown++;
  }
  if (totalFirst && otherKnown === 0) return false;
  return known > 0 && known >= unknown;
}

/**
 * Finds the header block between rows `from` and `to` and maps its columns to the layout's roles.
 * Returns null when no row there carries the layout's column labels.
 */
export function readHeader(view: SheetView, layout: TableLayout, from: number, to: number, sheet: string): HeaderInfo | null {
  const vocab = headerVocabulary(layout);
  const columnLabels = columnLabelsOf(layout);
  let start = -1;
  let c0 = Infinity;
  let c1 = -1;
  const limit = Math.min(to, from + 12);
  for (let r = from; r <= limit && start < 0; r++) {
    const row = view.row(r);
    if (!row) continue;
    let hits = 0;
    for (let c = 0; c < row.length; c++) {
      const x = row[c];
      if (!x || typeof x.v !== "string") continue;
      const l = normaliseLabel(x.v);
      if (labelMatches(l, columnLabels)) hits++;
    }
    if (hits >= 1 && headerLike(view, r, firstNonEmpty(view, r), row.length - 1, vocab, layout)) start = r;
  }
  if (start < 0) return null;
  // Upper header rows (收入 / 支出 over their columns) carry no column label of their own.
  while (start - 1 >= from && headerLike(view, start - 1, firstNonEmpty(view, start - 1), (view.row(start - 1)?.length ?? 1) - 1, vocab, layout)) start--;
  // The header block: consecutive header-like rows, then an optional numbering row.
  let end = start;
  const span = () => {
    for (let r = start; r <= end; r++) {
      const row = view.row(r);
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const x = row[c];
        if (!x || x.v === null || x.v === "") continue;
        c0 = Math.min(c0, view.mergeOrigin(r, c)?.c0 ?? c);
        c1 = Math.max(c1, c);
      }
    }
    for (const m of view.sheet.merges) {
      if (m.r0 <= end && m.r1 >= start && m.c0 <= c1 && m.c1 >= c0) {
        c0 = Math.min(c0, m.c0);
        c1 = Math.max(c1, m.c1);
      }
    }
  };
  span();
  while (end + 1 <= to && end - start < 4 && headerLike(view, end + 1, c0, runEnd(view, end + 1, c1), vocab, layout)) {
    end++;
    span();
  }
  let numbering = false;
  if (end + 1 <= to && isNumberingRow(view, end + 1, c0, c1)) numbering = true;

  const labelRows: number[] = [];
  for (let r = start; r <= end; r++) labelRows.push(r);
  const paths = headerPaths(view, labelRows, c0, c1);

  const columns: TableColumn[] = [];
  const byRole = new Map<string, TableColumn>();
  const taken = new Set<number>();
  const problems: RecognitionProblem[] = [];
  for (const spec of layout.columns) {
    const idx = findColumn(spec, paths, taken);
    if (idx < 0) {
      if (!spec.optional) {
        problems.push({
          kind: "missing-column",
          sheet,
          cell: view.address(start, c0),
          message: `${layout.number}（${layout.standardName}）表头中找不到“${spec.labels[0]}”列${spec.under ? `（应在“${spec.under[0]}”下）` : ""}`,
          messageEn: `${layout.id}: no column "${spec.labels[0]}" in the header${spec.under ? ` (under "${spec.under[0]}")` : ""}`,
        });
      }
      continue;
    }
    taken.add(idx);
    const c = c0 + idx;
    const col: TableColumn = { role: spec.role, header: paths[idx], c, letter: colLetters(c), side: spec.side };
    columns.push(col);
    byRole.set(`${spec.side ?? ""}:${spec.role}`, col);
  }
  columns.sort((a, b) => a.c - b.c);
  for (let i = 0; i < paths.length; i++) {
    if (taken.has(i) || paths[i].length === 0) continue;
    const leaf = paths[i][paths[i].length - 1];
    if ((labelMatches(leaf, GENERIC_HEADER) || labelMatches(leaf, layout.headerWords ?? [])) && paths[i].length === 1) continue;
    problems.push({
      kind: "unknown-header",
      sheet,
      cell: view.address(end, c0 + i),
      message: `${layout.number}（${layout.standardName}）表头“${paths[i].join(" / ")}”无法识别，该列未读取`,
      messageEn: `${layout.id}: header "${paths[i].join(" / ")}" is not understood; the column was not read`,
    });
  }
  return { r0: start, r1: numbering ? end + 1 : end, c0, c1, columns, byRole, problems };
}

/**
 * Extends a header's last column through the cells written right of it on row r: without merge
 * information the upper rows may end early (表十's 2026年预算数 written once over four columns).
 */
function runEnd(view: SheetView, r: number, c1: number): number {
  let c = c1;
  while (view.text(r, c + 1) !== "") c++;
  return c;
}

/**
 * The label path of every header column, top row first, e.g. ["支出", "金额", "一般公共预算"].
 *
 * A merged area gives its label to every cell it covers. Without merges (a file saved that way, or
 * Excel 2019, whose API cannot report merged areas) an upper label is written once, in its first
 * column, and spans to the right over empty cells, as long as
 * - the empty cell has a label somewhere below it in the header (it is a child's column), and so
 *   has the label's own column (the label is a parent, not a leaf standing over two rows);
 * - the cells above are the same areas as above the label's own column (a span never crosses the
 *   boundary of a parent: 支出's 金额 stops where 支出 stops, and at the table's last column).
 * An empty cell with nothing to carry adds nothing: the label above it goes on down.
 * With merges present both readings agree, so the same header gives the same columns either way.
 */
function headerPaths(view: SheetView, labelRows: number[], c0: number, c1: number): string[][] {
  const width = c1 - c0 + 1;
  const n = labelRows.length;
  const text: string[][] = labelRows.map((r) => {
    const out: string[] = [];
    for (let c = c0; c <= c1; c++) out.push(normaliseLabel(view.label(r, c)));
    return out;
  });
  // labelBelow[i][j]: some row under i holds a label in column j
  const labelBelow: boolean[][] = labelRows.map(() => new Array<boolean>(width).fill(false));
  for (let i = n - 2; i >= 0; i--) for (let j = 0; j < width; j++) labelBelow[i][j] = labelBelow[i + 1][j] || text[i + 1][j] !== "";
  // origin[i][j]: the column (relative) whose label cell (i, ·) stands for (i, j); -1 when none
  const origin: number[][] = labelRows.map(() => new Array<number>(width).fill(-1));
  for (let i = 0; i < n; i++) {
    const r = labelRows[i];
    for (let j = 0; j < width; j++) {
      const m = view.mergeOrigin(r, c0 + j);
      if (m) {
        origin[i][j] = m.c0 - c0;
        continue;
      }
      if (text[i][j] !== "") {
        origin[i][j] = j;
        continue;
      }
      if (j === 0 || !labelBelow[i][j]) continue;
      const from = origin[i][j - 1];
      if (from < 0 || !labelBelow[i][from]) continue;
      let sameParents = true;
      for (let k = 0; k < i && sameParents; k++) sameParents = origin[k][j] === origin[k][j - 1];
      if (!sameParents) continue;
      origin[i][j] = from;
      text[i][j] = text[i][from];
    }
  }
  const paths: string[][] = [];
  for (let j = 0; j < width; j++) {
    const p: string[] = [];
    for (let i = 0; i < n; i++) {
      const l = text[i][j];
      if (l !== "" && p[p.length - 1] !== l) p.push(l);
    }
    paths.push(p);
  }
  return paths;
}

function firstNonEmpty(view: SheetView, r: number): number {
  const row = view.row(r);
  if (!row) return 0;
  for (let c = 0; c < row.length; c++) if (row[c] && row[c]!.v !== null && row[c]!.v !== "") return c;
  return 0;
}

function findColumn(spec: ColumnSpec, paths: string[][], taken: Set<number>): number {
  for (let i = 0; i < paths.length; i++) {
    if (taken.has(i)) continue;
    const p = paths[i];
    if (p.length === 0) continue;
    if (!labelMatches(p[p.length - 1], spec.labels)) continue;
    if (spec.under && !p.slice(0, -1).some((l) => labelMatches(l, spec.under!))) continue;
    return i;
  }
  return -1;
}
