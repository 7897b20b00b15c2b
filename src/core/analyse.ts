import { Catalogue, type UserEntry } from "./catalogue/catalogue";
import { buildPackage, type DisclosurePackage, type PackageOptions } from "./report/package";
import type { Report } from "./report/finding";
import { recognise, type RecogniseOptions } from "./recognise/recognise";
import { isAmountRole } from "./recognise/rows";
import { layoutSetById } from "./layouts/registry";
import type { RecognisedTable, RecognitionResult, TableId, TableRow } from "./recognise/model";
import { parseAmountCell } from "./money/amount";
import { keepScope, mergeReports, makeRuleContext, runRules } from "./rules/engine";
import { allRules } from "./rules/all";
import type { FigureEdit, Rule } from "./rules/types";
import type { WorkbookSnapshot } from "./workbook/snapshot";
import { a1, parseA1 } from "./workbook/snapshot";
import { withoutUncalculated } from "./workbook/uncalculated";

export interface AnalyseOptions {
  /** Rule ids switched off by the user. */
  disabledRules?: string[];
  /** Subject-code catalogue to check against; by default the built-in edition of the workbook's year. */
  catalogue?: Catalogue | null;
  /** Entries of the official edition the user loaded (--catalogue, or the pane's 导入目录), merged over the built-in one. */
  catalogueEntries?: UserEntry[];
  rules?: Rule[];
  recognise?: RecogniseOptions;
  /** Id of the layout set to read with (--layout, the pane's setting); by default the best match. */
  layoutSet?: string;
}

/** The recognition options of an analysis: a forced layout set by id, or the best match. */
export function recogniseOptions(opts: AnalyseOptions): RecogniseOptions {
  const forced = opts.layoutSet ? layoutSetById(opts.layoutSet) : undefined;
  if (opts.layoutSet && !forced) throw new Error(`unknown layout set: ${opts.layoutSet}`);
  return forced ? { layouts: forced, ...opts.recognise } : (opts.recognise ?? {});
}

export interface AnalysisResult {
  recognition: RecognitionResult;
  report: Report;
}

// Building a catalogue's indexes takes milliseconds: keep one per year (and per user edition) for the
// live re-check, which runs on every edit.
const builtInCatalogues = new Map<number, Catalogue | null>();
const userCatalogues = new WeakMap<UserEntry[], Map<number, Catalogue | null>>();

function catalogueFor(recognition: RecognitionResult, opts: AnalyseOptions): Catalogue | null {
  if (opts.catalogue !== undefined) return opts.catalogue;
  const year = recognition.year ?? new Date().getFullYear();
  let cache = builtInCatalogues;
  if (opts.catalogueEntries) {
    cache = userCatalogues.get(opts.catalogueEntries) ?? new Map();
    userCatalogues.set(opts.catalogueEntries, cache);
  }
  if (!cache.has(year)) cache.set(year, Catalogue.forYear(year, opts.catalogueEntries));
  return cache.get(year)!;
}

/** Runs the rules (all, or those a re-check needs) over a recognition, with the year's catalogue. */
function check(wb: WorkbookSnapshot, recognition: RecognitionResult, opts: AnalyseOptions, rules: Rule[], onlyTables?: TableId[], edit?: FigureEdit): Report {
  const catalogue = catalogueFor(recognition, opts);
  const ctx = makeRuleContext(recognition, wb, catalogue ? { catalogue } : {});
  const report = runRules(ctx, rules, { disabled: opts.disabledRules, onlyTables, edit });
  // A filtered report keeps what the partial run covered, for mergeReports.
  return keepScope(report, withoutUncalculated(report, recognition, wb, rules));
}

/** Recognises the tables of a workbook and runs every rule on them. Pure: no I/O. */
export function analyse(wb: WorkbookSnapshot, opts: AnalyseOptions = {}): AnalysisResult {
  const recognition = recognise(wb, recogniseOptions(opts));
  return { recognition, report: check(wb, recognition, opts, opts.rules ?? allRules()) };
}

/**
 * Live re-check after an edit on one sheet: re-recognise only that sheet's tables, then re-run only
 * the rules that read them, and merge with the previous findings.
 */
export function recheckSheet(wb: WorkbookSnapshot, previous: AnalysisResult, sheet: string, opts: AnalyseOptions = {}): AnalysisResult {
  // The sheet is read with the set the workbook was read with (a forced one stays forced).
  const layouts = layoutSetById(previous.recognition.layoutSet);
  const partial = recognise(wb, { ...(layouts ? { layouts } : {}), ...recogniseOptions(opts), onlySheet: sheet });
  const tables = [...previous.recognition.tables.filter((t) => t.sheet !== sheet), ...partial.tables];
  const order = new Map(wb.sheets.map((s, i) => [s.name, i]));
  tables.sort((a, b) => (order.get(a.sheet)! - order.get(b.sheet)!) || a.box.r0 - b.box.r0);
  const recognition: RecognitionResult = {
    ...previous.recognition,
    tables,
    problems: [...previous.recognition.problems.filter((p) => p.sheet !== sheet), ...partial.problems],
    narrative: [...previous.recognition.narrative.filter((p) => p.sheet !== sheet), ...partial.narrative],
  };
  const edited = [...new Set(partial.tables.map((t) => t.id))] as TableId[];
  const onlyTables = edited.length ? edited : previous.recognition.tables.filter((t) => t.sheet === sheet).map((t) => t.id);
  const report = check(wb, recognition, opts, opts.rules ?? allRules(), onlyTables);
  return { recognition, report: mergeReports(recognition, previous.report, report) };
}

/** The JSON disclosure package of an analysis (the CLI's --format json, the pane's 导出). */
export function packageOf(result: AnalysisResult, opts: PackageOptions = {}): DisclosurePackage {
  return buildPackage(result.recognition, result.report, opts);
}

export { buildPackage };

function rowsAt(table: RecognisedTable, r: number): TableRow[] {
  // rows are in sheet order: binary search for the first row at r
  let lo = 0;
  let hi = table.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.rows[mid].r < r) lo = mid + 1;
    else hi = mid;
  }
  const out: TableRow[] = [];
  for (let i = lo; i < table.rows.length && table.rows[i].r === r; i++) out.push(table.rows[i]);
  return out;
}

/**
 * Live re-check after the user typed into one cell (the Excel change event's address). When the
 * cell is a figure of a recognised row, only that figure is read again — the table's structure
 * cannot have changed — and only the rules reading that table run; those that can (rules offering
 * `recheckFigure`: the sums within the row, its own and its parent's child sums, the total row, the
 * figure's own checks) re-check only what that figure takes part in. Anything else (a code, a
 * name, a header, a cell outside the tables) re-recognises the sheet. The recognition is updated in
 * place.
 */
export function recheckEdit(wb: WorkbookSnapshot, previous: AnalysisResult, sheet: string, address: string, opts: AnalyseOptions = {}): AnalysisResult {
  const pos = parseA1(address);
  const table = pos && previous.recognition.tables.find((t) => t.sheet === sheet && !t.form && pos.r >= t.box.r0 && pos.r <= t.box.r1 && pos.c >= t.box.c0 && pos.c <= t.box.c1);
  const column = table && table.columns.find((c) => c.c === pos!.c);
  // a code (whole or one of its 类/款/项 parts) or a name changes what the rows are: read the sheet again
  if (!pos || !table || !column || !isAmountRole(column.role)) {
    return recheckSheet(wb, previous, sheet, opts);
  }
  const rows = rowsAt(table, pos.r).filter((row) => (row.side ?? null) === (column.side ?? null));
  const cell = wb.sheets.find((s) => s.name === sheet)?.rows[pos.r]?.[pos.c];
  const parsed = parseAmountCell(cell);
  if (rows.length !== 1 || rows[0].bad || parsed.kind === "error" || parsed.kind === "invalid") return recheckSheet(wb, previous, sheet, opts);
  const row = rows[0];
  if (parsed.kind === "amount") row.amounts[column.role] = { amount: parsed.amount, cell: a1(pos.r, pos.c), ...(cell?.f ? { formula: cell.f } : {}) };
  else delete row.amounts[column.role];
  // A table with a figure in the edited row is not empty; otherwise look at every row.
  table.empty = Object.keys(row.amounts).length > 0 ? false : table.rows.every((r) => Object.keys(r.amounts).length === 0 && !r.bad);
  // A new recognition object over the same (updated) tables: results cached per recognition (the
  // narrative analysis) must not be reused, since a figure they read has changed.
  const recognition: RecognitionResult = { ...previous.recognition };
  const rules = (opts.rules ?? allRules()).filter((r) => r.figures !== false);
  const report = check(wb, recognition, opts, rules, [table.id], { table, row, cell: a1(pos.r, pos.c) });
  // The tables are where they were: the previous findings are in reading order still.
  return { recognition, report: mergeReports(recognition, previous.report, report, true) };
}
