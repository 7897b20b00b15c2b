import { Catalogue, type UserEntry } from "./catalogue/catalogue";
import { buildPackage, type DisclosurePackage } from "./report/package";
import type { Report } from "./report/finding";
import { recognise, type RecogniseOptions } from "./recognise/recognise";
import type { RecognitionResult, TableId } from "./recognise/model";
import { mergeReports, makeRuleContext, runRules } from "./rules/engine";
import { allRules } from "./rules/all";
import type { Rule } from "./rules/types";
import type { WorkbookSnapshot } from "./workbook/snapshot";

export interface AnalyseOptions {
  /** Rule ids switched off by the user. */
  disabledRules?: string[];
  /** Subject-code catalogue to check against; by default the built-in edition of the workbook's year. */
  catalogue?: Catalogue | null;
  /** Entries of the official edition the user loaded (--catalogue, or the pane's 导入目录), merged over the built-in one. */
  catalogueEntries?: UserEntry[];
  rules?: Rule[];
  recognise?: RecogniseOptions;
}

export interface AnalysisResult {
  recognition: RecognitionResult;
  report: Report;
}

function catalogueFor(recognition: RecognitionResult, opts: AnalyseOptions): Catalogue | null {
  if (opts.catalogue !== undefined) return opts.catalogue;
  return Catalogue.forYear(recognition.year ?? new Date().getFullYear(), opts.catalogueEntries);
}

/** Recognises the tables of a workbook and runs every rule on them. Pure: no I/O. */
export function analyse(wb: WorkbookSnapshot, opts: AnalyseOptions = {}): AnalysisResult {
  const recognition = recognise(wb, opts.recognise);
  const catalogue = catalogueFor(recognition, opts);
  const ctx = makeRuleContext(recognition, wb, catalogue ? { catalogue } : {});
  const report = runRules(ctx, opts.rules ?? allRules(), { disabled: opts.disabledRules });
  return { recognition, report };
}

/**
 * Live re-check after an edit on one sheet: re-recognise only that sheet's tables, then re-run only
 * the rules that read them, and merge with the previous findings.
 */
export function recheckSheet(wb: WorkbookSnapshot, previous: AnalysisResult, sheet: string, opts: AnalyseOptions = {}): AnalysisResult {
  const partial = recognise(wb, { ...opts.recognise, onlySheet: sheet });
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
  const catalogue = catalogueFor(recognition, opts);
  const ctx = makeRuleContext(recognition, wb, catalogue ? { catalogue } : {});
  const onlyTables = edited.length ? edited : previous.recognition.tables.filter((t) => t.sheet === sheet).map((t) => t.id);
  const report = runRules(ctx, opts.rules ?? allRules(), { disabled: opts.disabledRules, onlyTables });
  return { recognition, report: mergeReports(recognition, previous.report, report) };
}

/** The JSON disclosure package of an analysis (the CLI's --format json, the pane's 导出). */
export function packageOf(result: AnalysisResult): DisclosurePackage {
  return buildPackage(result.recognition, result.report);
}

export { buildPackage };
