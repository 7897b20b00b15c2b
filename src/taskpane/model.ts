import type { Finding, Severity } from "../core/report/finding";
import type { TableId } from "../core/recognise/model";
import type { PaneRecognition, PaneTable } from "./view";

/** What the pane shows, derived from an analysis; pure so it is tested without a browser. */

export interface FindingGroup {
  /** Stable key: table id plus, for performance tables, the project. "*" for workbook-wide findings. */
  key: string;
  table: TableId | null;
  /** Project name for the groups of performance target forms (PT, SHPT). */
  label?: string;
  /** The recognised table, when the group is one (for its standard name and sheet). */
  recognised?: PaneTable;
  findings: Finding[];
  counts: Record<Severity, number>;
}

function groupKey(table: TableId | null, label: string | undefined): string {
  if (!table) return "*";
  return label ? `${table}|${label}` : table;
}

function tableKey(t: PaneTable): string {
  return groupKey(t.id, t.project);
}

/** The group (FindingGroup.key) a finding is listed under. */
export function findingGroupKey(f: Finding): string {
  return groupKey(f.table, f.tableLabel);
}

export type SeverityCounts = Record<Severity, number>;

/**
 * Findings grouped by table, groups in the order the tables were recognised (workbook-wide
 * findings first), findings kept in the engine's reading order. `counts`, when the findings are a
 * selection of a larger list (PaneView.groups), gives each group its true counts.
 */
export function groupFindings(recognition: Pick<PaneRecognition, "tables">, findings: Finding[], counts?: Record<string, SeverityCounts>): FindingGroup[] {
  const order = new Map<string, number>();
  const byKey = new Map<string, PaneTable>();
  recognition.tables.forEach((t, i) => {
    const k = tableKey(t);
    if (!order.has(k)) order.set(k, i);
    if (!byKey.has(k)) byKey.set(k, t);
  });
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = findingGroupKey(f);
    let g = groups.get(key);
    if (!g) {
      g = { key, table: f.table, findings: [], counts: { error: 0, warning: 0, info: 0 }, recognised: byKey.get(key) };
      if (f.tableLabel) g.label = f.tableLabel;
      groups.set(key, g);
    }
    g.findings.push(f);
    g.counts[f.severity]++;
  }
  if (counts) for (const g of groups.values()) if (counts[g.key]) g.counts = { ...counts[g.key] };
  const rank = (g: FindingGroup) => (g.key === "*" ? -1 : order.get(g.key) ?? Number.MAX_SAFE_INTEGER);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}

/** A sum that differs only by rounding: the rules report it as info with the tolerance it met. */
export function isTail(f: Finding): boolean {
  return f.severity === "info" && f.tolerance !== undefined;
}

/** What the table list says about size: data rows, or indicators for a performance target table. */
export function tableSize(t: PaneTable): { kind: "rows" | "indicators"; n: number } {
  return t.size;
}

/** "2026-单位预算.xlsx" → "2026-单位预算-校验结果.json". */
export function exportFileName(workbook: string): string {
  const base = workbook.replace(/\.(xlsx|xlsm|xls)$/i, "").replace(/[\\/:*?"<>|]+/g, "_").trim() || "workbook";
  return `${base}-校验结果.json`;
}

/** Where a finding points, for display and navigation; null when it points nowhere. */
export function findingTarget(f: Finding, fallbackSheet?: string): { sheet: string; cell: string } | null {
  const sheet = f.sheet ?? fallbackSheet;
  if (!sheet || !f.cell) return null;
  return { sheet, cell: f.cell };
}

/** Sheet!A1 with the sheet quoted the way Excel writes it when it has spaces or punctuation. */
export function sheetAddress(sheet: string, cell: string): string {
  const quoted = /^[\p{L}\p{N}_.]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${cell}`;
}

/** The rule families in the order the settings list them; a rule's family is its id up to the "/". */
export const RULE_FAMILIES = ["sum", "cross", "structure", "performance", "narrative", "code"] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number] | "other";

export interface RuleGroup<R extends { id: string }> {
  family: RuleFamily;
  rules: R[];
}

/** Rules grouped by family, families in RULE_FAMILIES order (unknown prefixes last), rules in engine order. */
export function groupRules<R extends { id: string }>(rules: readonly R[]): Array<RuleGroup<R>> {
  const familyOf = (id: string): RuleFamily => {
    const prefix = id.split("/")[0];
    return (RULE_FAMILIES as readonly string[]).includes(prefix) ? (prefix as RuleFamily) : "other";
  };
  const order: RuleFamily[] = [...RULE_FAMILIES, "other"];
  return order
    .map((family) => ({ family, rules: rules.filter((r) => familyOf(r.id) === family) }))
    .filter((g) => g.rules.length > 0);
}

/**
 * The switched-off ids as remembered: a JSON array of strings, anything else read as none, so a
 * damaged or foreign value never stops the pane. Ids of rules that no longer exist are dropped.
 */
export function parseDisabledRules(stored: string | null, known: readonly string[]): string[] {
  if (!stored) return [];
  try {
    const v: unknown = JSON.parse(stored);
    if (!Array.isArray(v)) return [];
    const knownSet = new Set(known);
    return [...new Set(v.filter((x): x is string => typeof x === "string" && knownSet.has(x)))];
  } catch {
    return [];
  }
}

// ---- what the list shows: errors first, a severity filter, rounding tails folded -------------------

/**
 * Groups for the list: groups holding errors first (then warnings, then infos only), table order
 * within a rank; inside a group errors, then warnings, then infos, each in the engine's order.
 * `only` keeps one severity (the summary tile the clerk clicked).
 */
export function orderGroups(groups: FindingGroup[], only: Severity | null = null): FindingGroup[] {
  const worst = (g: FindingGroup) => (g.counts.error ? 0 : g.counts.warning ? 1 : 2);
  return groups
    .map((g, i) => ({ g, i }))
    .map(({ g, i }) => {
      // A stable split by severity: one pass, no sort (a group may hold 100,000 findings).
      const by: Record<Severity, Finding[]> = { error: [], warning: [], info: [] };
      for (const f of g.findings) if (!only || f.severity === only) by[f.severity].push(f);
      const findings = by.error.length === g.findings.length ? by.error : by.error.concat(by.warning, by.info);
      return { g: { ...g, findings }, i };
    })
    .filter(({ g }) => g.findings.length > 0)
    .sort((a, b) => worst(a.g) - worst(b.g) || a.i - b.i)
    .map(({ g }) => g);
}

export type ListEntry = { kind: "finding"; finding: Finding; index: number } | { kind: "tails"; findings: Finding[]; indexes: number[] };

/**
 * A group's lines: rounding tails (sums off by a rounding tail, within tolerance) folded into one
 * line "8 处尾差，均在允许范围内" where the first of them stood, unless the clerk opened it; a single
 * tail stays a line of its own. Indexes are positions in `findings`, for stable keys.
 */
export function foldTails(findings: Finding[], open = false): ListEntry[] {
  const tails = findings.map((f, i) => (isTail(f) ? i : -1)).filter((i) => i >= 0);
  if (open || tails.length < 2) return findings.map((finding, index) => ({ kind: "finding", finding, index }));
  const out: ListEntry[] = [];
  findings.forEach((finding, index) => {
    if (!isTail(finding)) out.push({ kind: "finding", finding, index });
    else if (index === tails[0]) out.push({ kind: "tails", findings: tails.map((i) => findings[i]), indexes: tails });
  });
  return out;
}

/** How many entries a group of findings shows before "show more". */
export const FINDINGS_PAGE = 200;

/**
 * The first `limit` entries of a group's list, and a "more" entry counting the findings left out
 * (a folded tails line counts as the findings it holds), so the pane never draws thousands at once.
 */
export function pageOf(entries: ListEntry[], limit: number): Array<ListEntry | { kind: "more"; rest: number }> {
  if (entries.length <= limit) return entries;
  const rest = entries.slice(limit).reduce((n, e) => n + (e.kind === "tails" ? e.findings.length : 1), 0);
  return [...entries.slice(0, limit), { kind: "more", rest }];
}

/**
 * The rows and columns to show: the target, the related cells on the same sheet (the children of a
 * sum, the total row) as far as 16 rows allow, and the first column so each row keeps its name.
 */
export function previewWindow(target: { r: number; c: number }, related: Array<{ r: number; c: number }>): { rows: number[]; cols: number[] } {
  const MAX_ROWS = 16;
  let r0 = Math.max(0, target.r - 2);
  let r1 = target.r + 2;
  for (const p of related) {
    if (Math.abs(p.r - target.r) >= MAX_ROWS) continue;
    r0 = Math.min(r0, Math.max(0, p.r - 1));
    r1 = Math.max(r1, p.r + 1);
  }
  if (r1 - r0 + 1 > MAX_ROWS) {
    // Keep the target and the nearest side; a far total row goes before far children.
    if (target.r - r0 > r1 - target.r) r0 = Math.max(r0, r1 - MAX_ROWS + 1);
    else r1 = r0 + MAX_ROWS - 1;
  }
  const rows: number[] = [];
  for (let r = r0; r <= r1; r++) rows.push(r);
  const cols: number[] = [];
  if (target.c > 1) cols.push(0);
  for (let c = Math.max(0, target.c - 1); c <= Math.max(0, target.c - 1) + 3; c++) cols.push(c);
  return { rows, cols };
}

// ---- the findings list drawn in a window: only the rows in view (and a margin) are in the DOM ----

/** Offsets of rows laid end to end: `offsets[i]` is where row i starts, `offsets[n]` the total height. */
export function rowOffsets(heights: readonly number[]): Float64Array {
  const out = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) out[i + 1] = out[i] + heights[i];
  return out;
}

/**
 * The rows [start, end) that overlap the band [top, bottom) (px from the list's top; the band may
 * reach above or below the list). Binary search: a list may hold thousands of rows.
 */
export function rowsInBand(offsets: Float64Array, top: number, bottom: number): { start: number; end: number } {
  const n = offsets.length - 1;
  if (n <= 0 || bottom <= 0 || top >= offsets[n] || bottom <= top) return { start: 0, end: 0 };
  // First row whose bottom is below `top`.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1] > top) hi = mid;
    else lo = mid + 1;
  }
  const start = lo;
  // First row starting at or below `bottom`.
  lo = start;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] >= bottom) hi = mid;
    else lo = mid + 1;
  }
  return { start, end: lo };
}
