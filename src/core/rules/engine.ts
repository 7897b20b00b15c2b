import type { Finding, Report, RuleRunStats } from "../report/finding";
import type { RecognisedTable, RecognitionResult, TableId } from "../recognise/model";
import type { WorkbookSnapshot } from "../workbook/snapshot";
import { parseA1 } from "../workbook/snapshot";
import type { FigureAt, FigureEdit, Rule, RuleContext, RuleReport } from "./types";

/**
 * Runs rules over a recognised workbook. The engine knows no rule: it filters them (switched off by
 * id, or not reading an edited table), runs each one guarded, stamps rule id and severity, counts what
 * ran and sorts the findings into reading order.
 */

export interface RunOptions {
  /** Rule ids the user switched off. */
  disabled?: string[];
  /**
   * Live re-check after an edit: run only rules that read one of these tables (or "*"). The report
   * then holds the complete findings of those rules; merge it into the previous one with `mergeReports`.
   */
  onlyTables?: TableId[];
  /**
   * Live re-check after one typed figure (with `onlyTables` holding its table): rules that offer
   * `recheckFigure` re-run only the checks that figure can change.
   */
  edit?: FigureEdit;
}

export function makeRuleContext(
  recognition: RecognitionResult,
  workbook: WorkbookSnapshot,
  services: Record<string, unknown> = {},
): RuleContext {
  const byId = new Map<TableId, RecognisedTable[]>();
  for (const t of recognition.tables) {
    const list = byId.get(t.id);
    if (list) list.push(t);
    else byId.set(t.id, [t]);
  }
  return {
    recognition,
    workbook,
    services,
    table: (id) => byId.get(id)?.[0],
    tablesOf: (id) => byId.get(id) ?? [],
  };
}

/**
 * A rule whose findings about a table depend on that table alone (sums within a table, cell
 * checks). In a live re-check it runs on the edited tables only, and `mergeReports` replaces only its
 * findings on those tables — which keeps a one-cell edit in a 100,000-row workbook cheap.
 */
export type TableLocalRule = Rule & { tableLocal: true };

export function tableLocal<R extends Rule>(rule: R): R & { tableLocal: true } {
  return Object.assign(rule, { tableLocal: true as const });
}

export function isTableLocal(rule: Rule): boolean {
  return (rule as Partial<TableLocalRule>).tableLocal === true;
}

/**
 * A rule whose every finding is about one figure alone, reported at that figure's cell (a negative
 * amount, a figure stored as text, an unreadable figure). Its live re-check after a typed figure runs
 * its own `check` over the edited row only and replaces its findings at that row's figure cells.
 */
export function figureLocal<R extends Rule>(rule: R): R {
  rule.recheckFigure = (ctx, edit, report) => {
    const only: RecognisedTable = { ...edit.table, rows: [edit.row], form: undefined };
    rule.check(makeRuleContext({ ...ctx.recognition, tables: [only] }, ctx.workbook, ctx.services), report);
    const cells = [edit.cell];
    for (const k in edit.row.amounts) cells.push(edit.row.amounts[k].cell);
    for (const b of edit.row.bad ?? []) cells.push(b.cell);
    return cells;
  };
  return rule;
}

/** What a partial report covers, for `mergeReports`; kept beside the report so callers pass it along untouched. */
interface Scope {
  tables: Set<TableId>;
  localRules: Set<string>;
  /** Rules that re-checked one figure: the cells (keyed by `cellKey`) whose findings they replace. */
  figureRules?: Map<string, Set<string>>;
}

function cellKey(table: TableId, sheet: string, cell: string): string {
  return `${table}\u0000${sheet}\u0000${cell}`;
}

function figureKeys(cells: Iterable<string | FigureAt>, edit: FigureEdit): Set<string> {
  const out = new Set<string>();
  for (const c of cells) out.add(typeof c === "string" ? cellKey(edit.table.id, edit.table.sheet, c) : cellKey(c.table, c.sheet, c.cell));
  return out;
}
const scopes = new WeakMap<Report, Scope>();

/** The same context seeing only some tables. */
function scopedContext(ctx: RuleContext, only: readonly TableId[]): RuleContext {
  const tables = ctx.recognition.tables.filter((t) => only.includes(t.id));
  return makeRuleContext({ ...ctx.recognition, tables }, ctx.workbook, ctx.services);
}

/** Whether a rule must run again after an edit in one of `tables`. */
export function ruleReadsAny(rule: Rule, tables: readonly TableId[]): boolean {
  for (const r of rule.reads) {
    if (r === "*") return true;
    if (r !== "narrative" && tables.includes(r)) return true;
  }
  return false;
}

export function runRules(ctx: RuleContext, rules: readonly Rule[], opts: RunOptions = {}): Report {
  const disabled = new Set(opts.disabled ?? []);
  const findings: Finding[] = [];
  const ruleIds: string[] = [];
  const readTables = new Set<TableId>();
  let readsAll = false;
  const localRules = new Set<string>();
  let scoped: RuleContext | null = null;
  const edit = opts.onlyTables ? opts.edit : undefined;
  const figureCells = new Map<string, Set<string>>();

  for (const rule of rules) {
    if (disabled.has(rule.id)) continue;
    if (opts.onlyTables && !ruleReadsAny(rule, opts.onlyTables)) continue;
    ruleIds.push(rule.id);
    for (const r of rule.reads) {
      if (r === "*") readsAll = true;
      else if (r !== "narrative") readTables.add(r);
    }
    const own: Finding[] = [];
    const report = (f: RuleReport) => {
      own.push({ ...f, ruleId: rule.id, severity: f.severity ?? rule.severity });
    };
    let c = ctx;
    if (opts.onlyTables && isTableLocal(rule)) {
      localRules.add(rule.id);
      c = scoped ??= scopedContext(ctx, opts.onlyTables);
    }
    try {
      const cells = edit && rule.recheckFigure ? rule.recheckFigure(ctx, edit, report) : null;
      if (cells) figureCells.set(rule.id, figureKeys(cells, edit!));
      else rule.check(c, report);
      for (const f of own) findings.push(f);
    } catch (e) {
      // A broken rule must not take the whole check down, nor leave half its findings behind.
      findings.push(ruleFailure(rule, e));
    }
  }

  let tablesChecked = 0;
  for (const t of ctx.recognition.tables) {
    if (opts.onlyTables && !opts.onlyTables.includes(t.id)) continue;
    if (readsAll || readTables.has(t.id)) tablesChecked++;
  }

  const stats: RuleRunStats = {
    rulesRun: ruleIds.length,
    tablesChecked,
    ruleIds,
    disabled: rules.filter((r) => disabled.has(r.id)).map((r) => r.id),
  };
  const out = finishReport(ctx.recognition, findings, stats);
  if (opts.onlyTables) {
    scopes.set(out, {
      tables: new Set(opts.onlyTables),
      localRules,
      ...(edit ? { figureRules: figureCells } : {}),
    });
  }
  return out;
}

function ruleFailure(rule: Rule, e: unknown): Finding {
  const why = e instanceof Error ? e.message : String(e);
  return {
    ruleId: rule.id,
    severity: "error",
    table: null,
    sheet: null,
    cell: null,
    message: `规则执行失败：${rule.id}（${rule.title.zh}）：${why}`,
    messageEn: `Rule failed to run: ${rule.id} (${rule.title.en}): ${why}`,
  };
}

/** `derived` (a filtered copy of `report`) covers what `report` covered, for `mergeReports`. */
export function keepScope(report: Report, derived: Report): Report {
  const scope = scopes.get(report);
  if (scope && derived !== report) scopes.set(derived, scope);
  return derived;
}

/**
 * Replaces, in a full report, the findings of the rules a partial (live re-check) report ran: all of
 * them for rules that read across tables, only those on the edited tables for table-local rules.
 * Stats stay those of the full run: the same rules have now run over the edited workbook.
 */
export function mergeReports(recognition: RecognitionResult, full: Report, partial: Report, sameOrder = false): Report {
  const rerun = new Set(partial.stats.ruleIds);
  const scope = scopes.get(partial);
  const figure = scope?.figureRules;
  const dropped: Finding[] = [];
  const kept = full.findings.filter((f) => {
    const keep = keepFinding(f);
    if (!keep) dropped.push(f);
    return keep;
  });
  function keepFinding(f: Finding): boolean {
    if (!rerun.has(f.ruleId)) return true;
    const cells = figure?.get(f.ruleId);
    if (cells) return !(f.table !== null && f.sheet !== null && f.cell !== null && cells.has(cellKey(f.table, f.sheet, f.cell)));
    if (!scope || !scope.localRules.has(f.ruleId)) return false;
    return f.table !== null && !scope.tables.has(f.table);
  }
  // With the tables where they were (a typed figure), the kept findings are in reading order already:
  // the few new ones are put in place instead of sorting 100,000 again.
  const merged = sameOrder ? finishMerged(recognition, kept, partial.findings, full.stats) : finishReport(recognition, kept.concat(partial.findings), full.stats);
  const fullScope = scopes.get(full);
  if (fullScope) scopes.set(merged, fullScope);
  touchedBy.set(merged, dropped.concat(partial.findings));
  return merged;
}

const touchedBy = new WeakMap<Report, Finding[]>();

/**
 * The findings a merge took out and put in (mergeReports): every finding that can differ between
 * the full report and the merged one is among them, so a caller comparing the two (new, resolved)
 * need look only at their places.
 */
export function touchedFindings(merged: Report): Finding[] | undefined {
  return touchedBy.get(merged);
}

/**
 * What finishReport(kept.concat(added)) gives when `kept` and `added` are each in reading order
 * already: each added finding goes after the kept ones that sort before it or equal to it.
 */
function finishMerged(recognition: RecognitionResult, kept: Finding[], added: Finding[], stats: RuleRunStats): Report {
  const key = readingKey(recognition);
  const out: Finding[] = [];
  let from = 0;
  for (const f of added) {
    const k = key(f);
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(key(kept[mid]), k) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(kept[i]);
    out.push(f);
    from = lo;
  }
  for (let i = from; i < kept.length; i++) out.push(kept[i]);
  const summary = { errors: 0, warnings: 0, infos: 0 };
  for (const f of out) {
    if (f.severity === "error") summary.errors++;
    else if (f.severity === "warning") summary.warnings++;
    else summary.infos++;
  }
  return { findings: out, stats, summary };
}

interface ReadingKey {
  t: number;
  r: number;
  c: number;
  rule: string;
}

function compareKeys(a: ReadingKey, b: ReadingKey): number {
  return a.t - b.t || a.r - b.r || a.c - b.c || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** The reading order's key of a finding (sortFindings), without the tie-break by position. */
function readingKey(recognition: RecognitionResult): (f: Finding) => ReadingKey {
  const order = tableOrder(recognition);
  return (f) => {
    const pos = f.cell ? parseA1(f.cell) : null;
    let t = -1;
    if (f.table) t = order.get(tableKey(f.table, f.sheet)) ?? order.get(f.table) ?? recognition.tables.length;
    return { t, r: pos ? pos.r : -1, c: pos ? pos.c : -1, rule: f.ruleId };
  };
}

function tableOrder(recognition: RecognitionResult): Map<string, number> {
  const order = new Map<string, number>();
  recognition.tables.forEach((t, i) => {
    const key = tableKey(t.id, t.sheet);
    if (!order.has(key)) order.set(key, i);
    if (!order.has(t.id)) order.set(t.id, i);
  });
  return order;
}

function finishReport(recognition: RecognitionResult, findings: Finding[], stats: RuleRunStats): Report {
  sortFindings(recognition, findings);
  const summary = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === "error") summary.errors++;
    else if (f.severity === "warning") summary.warnings++;
    else summary.infos++;
  }
  return { findings, stats, summary };
}

/** Reading order: workbook-wide findings first, then by table as it stands in the workbook, then row, column, rule. */
export function sortFindings(recognition: RecognitionResult, findings: Finding[]): void {
  const order = tableOrder(recognition);
  const keyed = findings.map((f, i) => {
    const pos = f.cell ? parseA1(f.cell) : null;
    let t = -1;
    if (f.table) t = order.get(tableKey(f.table, f.sheet)) ?? order.get(f.table) ?? recognition.tables.length;
    return { f, t, r: pos ? pos.r : -1, c: pos ? pos.c : -1, i };
  });
  keyed.sort((a, b) => a.t - b.t || a.r - b.r || a.c - b.c || (a.f.ruleId < b.f.ruleId ? -1 : a.f.ruleId > b.f.ruleId ? 1 : 0) || a.i - b.i);
  for (let i = 0; i < keyed.length; i++) findings[i] = keyed[i].f;
}

function tableKey(id: TableId, sheet: string | null): string {
  return `${id}\u0000${sheet ?? ""}`;
}
