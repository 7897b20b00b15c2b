import type { AnalysisResult } from "../core/analyse";
import type { FillChange } from "../core/catalogue/fill";
import type { RecognitionProblem, RecognisedTable, TableId } from "../core/recognise/model";
import type { Finding, Report } from "../core/report/finding";

/**
 * What the pane shows of an analysis, as plain data: the analysis itself stays in the Web Worker
 * (its figures are Decimal objects, which do not survive postMessage), and this view is what the
 * worker posts back. Pure, so it is tested without a worker.
 */

/** A recognised table as the pane lists it. */
export interface PaneTable {
  id: TableId;
  standardName: string;
  sheet: string;
  /** A1 range from the title to the last row. */
  range: string;
  box: RecognisedTable["box"];
  empty: boolean;
  /** Project name of a performance target table. */
  project?: string;
  size: { kind: "rows" | "indicators"; n: number };
}

export interface PaneRecognition {
  workbook: string;
  /** The layout set the tables were read with. */
  layoutSet: string;
  year: number | null;
  unitName: string | null;
  tables: PaneTable[];
  problems: RecognitionProblem[];
}

export interface PaneView {
  recognition: PaneRecognition;
  /** Findings are plain already (figures as strings). */
  report: Report;
  /** Cells the fill plan would write (codes and names), 0 when there is nothing to fill. */
  fillable: number;
}

/** A fill change as the preview lists it, with a stable id for its tick. */
export interface PlannedFill extends FillChange {
  id: string;
}

export function paneTable(t: RecognisedTable): PaneTable {
  return {
    id: t.id,
    standardName: t.standardName,
    sheet: t.sheet,
    range: t.range,
    box: { ...t.box },
    empty: t.empty,
    ...(t.id === "PT" && t.form?.projectName?.text ? { project: t.form.projectName.text } : {}),
    size: t.id === "PT" ? { kind: "indicators", n: t.form?.indicators.length ?? 0 } : { kind: "rows", n: t.rows.length },
  };
}

export function toView(result: AnalysisResult, fillable = 0): PaneView {
  const r = result.recognition;
  return {
    recognition: { workbook: r.workbook, layoutSet: r.layoutSet, year: r.year, unitName: r.unitName, tables: r.tables.map(paneTable), problems: r.problems.map((p) => ({ ...p })) },
    report: {
      findings: result.report.findings.map((f) => ({ ...f, ...(f.related ? { related: f.related.slice() } : {}) })),
      stats: { ...result.report.stats, ruleIds: result.report.stats.ruleIds.slice(), disabled: result.report.stats.disabled.slice() },
      summary: { ...result.report.summary },
    },
    fillable,
  };
}

/**
 * Which finding a finding is, across re-checks: rule, table, place. The figures are left out, so a
 * sum that is still wrong after an edit (with another difference) is the same finding, not one
 * resolved and one new. Several findings of one rule on one cell are told apart by their order.
 */
export function findingKeys(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}|${f.table ?? ""}|${f.tableLabel ?? ""}|${f.sheet ?? ""}|${f.cell ?? ""}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}#${n}` : base;
  });
}

export interface FindingDiff {
  /** Keys (findingKeys) of findings that were not there before. */
  added: string[];
  /** Findings that were there before and are gone. */
  resolved: Finding[];
}

export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingDiff {
  const beforeKeys = findingKeys(before);
  const afterKeys = findingKeys(after);
  const had = new Set(beforeKeys);
  const has = new Set(afterKeys);
  return {
    added: afterKeys.filter((k) => !had.has(k)),
    resolved: before.filter((_, i) => !has.has(beforeKeys[i])),
  };
}

/** Parses "B3", "B3:D9", "$B$3", "A:C" and "3:5" (whole columns and rows) into a 0-based box. */
export function parseRange(address: string): { r0: number; c0: number; r1: number; c1: number } | null {
  const a = address.replace(/\$/g, "").trim().toUpperCase();
  const [p, q = p] = a.split(":");
  const col = (s: string) => {
    let c = 0;
    for (const ch of s) c = c * 26 + (ch.charCodeAt(0) - 64);
    return c - 1;
  };
  const parse = (s: string) => {
    const m = /^([A-Z]{0,3})(\d{0,7})$/.exec(s);
    if (!m || (!m[1] && !m[2])) return null;
    return { c: m[1] ? col(m[1]) : null, r: m[2] ? Number(m[2]) - 1 : null };
  };
  const x = parse(p);
  const y = parse(q);
  if (!x || !y) return null;
  const MAXR = 1048575;
  const MAXC = 16383;
  const r0 = x.r ?? 0;
  const r1 = y.r ?? MAXR;
  const c0 = x.c ?? 0;
  const c1 = y.c ?? MAXC;
  return { r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: Math.min(c0, c1), c1: Math.max(c0, c1) };
}

/** Whether a finding is about a cell within the range: its own cell or one of its related cells on that sheet. */
export function findingTouches(f: Finding, sheet: string, address: string): boolean {
  const box = parseRange(address);
  if (!box) return false;
  const inBox = (cell: string) => {
    const b = parseRange(cell);
    return !!b && b.r0 >= box.r0 && b.r0 <= box.r1 && b.c0 >= box.c0 && b.c0 <= box.c1;
  };
  if (f.sheet === sheet && f.cell && inBox(f.cell)) return true;
  for (const rel of f.related ?? []) {
    const bang = rel.lastIndexOf("!");
    const relSheet = bang < 0 ? f.sheet : rel.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    const relCell = bang < 0 ? rel : rel.slice(bang + 1);
    if (relSheet === sheet && inBox(relCell)) return true;
  }
  return false;
}
