import type { Finding, Severity } from "../report/finding";
import type { RecognisedTable, RecognitionResult, TableId } from "../recognise/model";
import type { WorkbookSnapshot } from "../workbook/snapshot";

/** What a rule may read. Rules never touch Office.js, files or the DOM. */
export interface RuleContext {
  recognition: RecognitionResult;
  /** The snapshot the recognition came from (for formulas, raw cells, text outside tables). */
  workbook: WorkbookSnapshot;
  /** First table with this id (PT has many: use `tablesOf("PT")`). */
  table(id: TableId): RecognisedTable | undefined;
  tablesOf(id: TableId): RecognisedTable[];
  /** Optional services supplied by other modules (the subject-code catalogue for the budget year). */
  services: Record<string, unknown>;
}

/** A finding as a rule reports it; the engine adds ruleId and the default severity. */
export type RuleReport = Omit<Finding, "ruleId" | "severity"> & { severity?: Severity };

export interface RuleMeta {
  /** Stable id, e.g. "sum/children". Users switch rules off by it. */
  id: string;
  severity: Severity;
  title: { zh: string; en: string };
  /** One or two sentences: what it checks and why. */
  doc: string;
  /**
   * Tables the rule reads. The live re-check after an edit runs only rules reading the edited
   * table. "*" means it reads the whole recognition (structure rules).
   */
  reads: Array<TableId | "*" | "narrative">;
  /**
   * False for a rule that reads no figures (codes, names, titles, units only): a typed figure cannot
   * change its findings, so the live re-check after a figure edit skips it and keeps them.
   */
  figures?: false;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext, report: (f: RuleReport) => void): void;
}
