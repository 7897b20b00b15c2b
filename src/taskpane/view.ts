import type { AnalysisResult } from "../core/analyse";
import type { FillChange } from "../core/catalogue/fill";
import type { RecognitionProblem, RecognisedTable, TableId } from "../core/recognise/model";
import type { Finding, Report } from "../core/report/finding";
import { findingGroupKey, FINDINGS_PAGE, type SeverityCounts } from "./model";
import type { TableReads } from "../core/live-reads";

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
  /** For the live check of a large table: which rows a typed figure can move (absent: read it whole). */
  reads?: TableReads;
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
  /** Which analysis of the worker's this is (each check and live re-check counts one up). */
  version?: number;
  /**
   * Set when `report.findings` is a selection (a workbook with more than VIEW_CAP findings): the
   * number of findings there are, and each group's (FindingGroup.key) counts. The selection holds a
   * group's first findings of each severity (a page, or as many as the pane asked for), so the pane
   * never receives, nor draws, 100,000 findings; it asks the worker for more of a group, and for the
   * findings about a selected cell.
   */
  findingsTotal?: number;
  groups?: Record<string, SeverityCounts>;
}

/** Past this many findings the view carries a selection of them (PaneView.groups). */
export const VIEW_CAP = 2000;

/**
 * The first `wanted(key)` findings of each severity of each group, in the engine's order, and every
 * group's counts.
 */
export function selectFindings(findings: readonly Finding[], wanted: (key: string) => number): { findings: Finding[]; groups: Record<string, SeverityCounts> } {
  const groups: Record<string, SeverityCounts> = {};
  const out: Finding[] = [];
  const limits = new Map<string, number>();
  for (const f of findings) {
    const key = findingGroupKey(f);
    const c = (groups[key] ??= { error: 0, warning: 0, info: 0 });
    let limit = limits.get(key);
    if (limit === undefined) limits.set(key, (limit = wanted(key)));
    if (c[f.severity]++ < limit) out.push(copyFinding(f));
  }
  return { findings: out, groups };
}

/** One group's first `n` findings of each severity (the pane's 再显示). */
export function groupPage(findings: readonly Finding[], key: string, n: number): Finding[] {
  const seen: SeverityCounts = { error: 0, warning: 0, info: 0 };
  const out: Finding[] = [];
  for (const f of findings) if (findingGroupKey(f) === key && seen[f.severity]++ < n) out.push(copyFinding(f));
  return out;
}

/**
 * A live re-check's findings told as changes to the findings of the view the pane has (version
 * `base`): `from[i]` is the index in the base's findings of the new i-th finding, or −1 for the
 * next of `fresh`. After a typed figure nearly all findings are the same objects, so the pane gets
 * a small typed array and a few findings instead of a structured clone of 100,000 of them.
 */
export interface FindingsDelta {
  base: number;
  from: Int32Array;
  fresh: Finding[];
}

/** The delta from `before` (same objects kept) to `after`, or null when most findings changed. */
export function findingsDelta(base: number, before: readonly Finding[], after: readonly Finding[]): FindingsDelta | null {
  const index = new Map<Finding, number>();
  before.forEach((f, i) => index.set(f, i));
  const from = new Int32Array(after.length);
  const fresh: Finding[] = [];
  after.forEach((f, i) => {
    const k = index.get(f);
    if (k === undefined) {
      from[i] = -1;
      fresh.push(copyFinding(f));
    } else from[i] = k;
  });
  return fresh.length > after.length / 2 ? null : { base, from, fresh };
}

/** The findings `delta` describes, from the base view's findings. */
export function applyFindingsDelta(before: readonly Finding[], delta: FindingsDelta): Finding[] {
  const out: Finding[] = new Array(delta.from.length);
  let k = 0;
  for (let i = 0; i < delta.from.length; i++) {
    const j = delta.from[i];
    out[i] = j >= 0 ? before[j] : delta.fresh[k++];
  }
  return out;
}

function copyFinding(f: Finding): Finding {
  return { ...f, ...(f.related ? { related: f.related.slice() } : {}) };
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
    ...(t.form?.projectName?.text ? { project: t.form.projectName.text } : {}),
    size: t.form ? { kind: "indicators", n: t.form.indicators.length } : { kind: "rows", n: t.rows.length },
  };
}

function withReads(p: PaneTable, t: RecognisedTable, readsOf?: (t: RecognisedTable) => TableReads | undefined): PaneTable {
  const reads = readsOf?.(t);
  if (reads) p.reads = reads;
  return p;
}

/**
 * The view of an analysis; with `readsOf` (the worker's, live-reads-plan.ts), large tables say which
 * rows the live check reads (`reads`). Over VIEW_CAP findings, a selection of them (`wanted`: how many of each severity a
 * group shows, a page by default).
 */
export function toView(
  result: AnalysisResult,
  fillable = 0,
  readsOf?: (t: RecognisedTable) => TableReads | undefined,
  wanted: (key: string) => number = () => FINDINGS_PAGE,
): PaneView {
  const r = result.recognition;
  const all = result.report.findings;
  const selection = all.length > VIEW_CAP ? selectFindings(all, wanted) : null;
  return {
    ...(selection ? { findingsTotal: all.length, groups: selection.groups } : {}),
    recognition: { workbook: r.workbook, layoutSet: r.layoutSet, year: r.year, unitName: r.unitName, tables: r.tables.map((t) => withReads(paneTable(t), t, readsOf)), problems: r.problems.map((p) => ({ ...p })) },
    report: {
      findings: selection ? selection.findings : all.map(copyFinding),
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

export function diffFindings(before: readonly Finding[], after: readonly Finding[], touched?: readonly Finding[]): FindingDiff {
  // A live re-check keeps the findings it did not touch as the same objects, in the same order: only
  // the places (rule, table, cell) of findings that came or went can differ, so only findings at
  // those places are numbered and compared. `touched` (core/live.ts) names them, or they are found.
  let changed: readonly Finding[];
  if (touched) changed = touched;
  else {
    const inAfter = new Set(after);
    const inBefore = new Set(before);
    changed = [...before.filter((f) => !inAfter.has(f)), ...after.filter((f) => !inBefore.has(f))];
  }
  if (changed.length === 0) return { added: [], resolved: [] };
  if (changed.length < (before.length + after.length) / 4) {
    const place = (f: Finding) => `${f.ruleId}|${f.table ?? ""}|${f.tableLabel ?? ""}|${f.sheet ?? ""}|${f.cell ?? ""}`;
    const cells = new Set(changed.map((f) => f.cell));
    const places = new Set(changed.map(place));
    const at = (f: Finding) => cells.has(f.cell) && places.has(place(f));
    return diffAll(before.filter(at), after.filter(at));
  }
  return diffAll(before, after);
}

function diffAll(before: readonly Finding[], after: readonly Finding[]): FindingDiff {
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
