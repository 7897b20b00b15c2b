import type { Finding, Severity } from "../report/finding";
import type { RecognisedTable, RecognitionResult, TableId, TableRow } from "../recognise/model";
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

/** A cell of any table, where a `recheckFigure` of a cross-table rule re-checked its findings. */
export interface FigureAt {
  table: TableId;
  sheet: string;
  cell: string;
}

/** One figure the user typed: the table and row it belongs to (already updated) and its cell. */
export interface FigureEdit {
  table: RecognisedTable;
  row: TableRow;
  cell: string;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext, report: (f: RuleReport) => void): void;
  /**
   * Optional: the live re-check after one typed figure, limited to the checks that figure can
   * change (a sum within the row; the row's own parent = Σ children relation and its parent's; a
   * figure's own checks). Reports what those checks find now and returns the cells they report at —
   * every one of them, whether it found something or not, the edited cell included where a check
   * reports there. The engine replaces this rule's earlier findings at those cells of that table and
   * keeps the rest, so the result must equal what `check` would give over the whole workbook.
   * A cross-table rule may name cells of other tables ({ table, sheet, cell }); a plain string is a
   * cell of the edited table. Returning null (having reported nothing) says the figure is one the
   * fast path does not cover: the engine then runs `check` as for a rule without it.
   * A rule without it runs `check` again (over the edited tables, if it is table-local).
   */
  recheckFigure?(ctx: RuleContext, edit: FigureEdit, report: (f: RuleReport) => void): Iterable<string | FigureAt> | null;
}
