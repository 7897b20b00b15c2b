import type { ColumnSpec, TableLayout } from "../layouts/types";
import type { RecognitionProblem, TableColumn } from "./model";
import { labelMatches, normaliseLabel } from "./normalise";
import type { SheetView } from "./sheet-view";
import { colLetters } from "../workbook/snapshot";

/** Labels that may stand in a header above the column labels, whatever the table. */
const GENERIC_HEADER = ["项目", "收入", "支出", "本年收入", "金额", "{year}年预算数", "{year}预算数", "预算数", "{year}年财政拨款", "财政拨款", "{year}年", "本年预算", "国有资本经营预算收入", "国有资本经营预算支出", "科目", "功能分类科目", "经济科目"];

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

export function headerVocabulary(layout: TableLayout): string[] {
  const v = new Set<string>(GENERIC_HEADER);
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

function headerLike(view: SheetView, r: number, c0: number, c1: number, vocab: string[], layout: TableLayout): boolean {
  const row = view.row(r);
  if (!row) return false;
  // A 合计 row is data, whether 合计 stands in the code column or (codes left empty) in the name column.
  if (isTotalLabel(view.text(r, c0), layout)) return false;
  if (view.text(r, c0) === "" && !view.mergeOrigin(r, c0) && isTotalLabel(view.text(r, c0 + 1), layout)) return false;
  // A header row may carry a label we do not know (reported later), but mostly known ones.
  let known = 0;
  let unknown = 0;
  for (let c = c0; c <= Math.min(c1, row.length - 1); c++) {
    const x = row[c];
    if (!x || x.v === null || x.v === "") continue;
    if (typeof x.v !== "string") return false;
    const l = normaliseLabel(x.v);
    if (l === "") continue;
    if (labelMatches(l, vocab)) known++;
    else unknown++;
  }
  return known > 0 && known >= unknown;
}

/**
 * Finds the header block between rows `from` and `to` and maps its columns to the layout's roles.
 * Returns null when no row there carries the layout's column labels.
 */
export function readHeader(view: SheetView, layout: TableLayout, from: number, to: number, sheet: string): HeaderInfo | null {
  const vocab = headerVocabulary(layout);
  const columnLabels = layout.columns.flatMap((c) => c.labels);
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
  while (end + 1 <= to && end - start < 4 && headerLike(view, end + 1, c0, c1, vocab, layout)) {
    end++;
    span();
  }
  let numbering = false;
  if (end + 1 <= to && isNumberingRow(view, end + 1, c0, c1)) numbering = true;

  const labelRows: number[] = [];
  for (let r = start; r <= end; r++) labelRows.push(r);
  const paths: string[][] = [];
  for (let c = c0; c <= c1; c++) paths.push([]);
  for (let i = 0; i < labelRows.length; i++) {
    const r = labelRows[i];
    const last = i === labelRows.length - 1;
    let carried = "";
    for (let c = c0; c <= c1; c++) {
      let l = normaliseLabel(view.label(r, c));
      const merged = view.mergeOrigin(r, c) !== null;
      // Unmerged two-level headers write the upper label once, over its first column only.
      if (l === "" && !merged && !last && carried !== "" && normaliseLabel(view.label(r + 1, c)) !== "") l = carried;
      if (l !== "" && (view.text(r, c) !== "" || merged)) carried = l;
      const p = paths[c - c0];
      if (l !== "" && p[p.length - 1] !== l) p.push(l);
    }
  }

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
    if (labelMatches(leaf, GENERIC_HEADER) && paths[i].length === 1) continue;
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
