import { analyse, recheckEdit, recheckSheet, recogniseOptions, type AnalyseOptions, type AnalysisResult } from "./analyse";
import { applyOps, type SnapshotOp } from "./workbook/apply-region";
import { a1, type WorkbookSnapshot } from "./workbook/snapshot";
import { Catalogue } from "./catalogue/catalogue";
import { recognise } from "./recognise/recognise";
import { makeRuleContext, runRules } from "./rules/engine";
import { allRules } from "./rules/all";
import { touchedFindings } from "./rules/engine";
import type { Finding } from "./report/finding";

/**
 * The live check's one entry point: apply what Excel reported read again (regions of tables, whole
 * sheets, sheets removed or renamed) to the snapshot, then re-check as little as gives the same
 * findings as a full check (proven in test/live-core.test.ts):
 * - figures typed into recognised rows: only those cells (recheckEdit), a handful at a time;
 * - anything else on a sheet (codes, names, headers, new rows, a paste of many cells): that sheet's
 *   tables are found again (recheckSheet);
 * - sheets added, removed or renamed, merged areas changed: those sheets again; many at once: all.
 */

export interface LiveRecheck {
  workbook: WorkbookSnapshot;
  result: AnalysisResult;
  /** Number of cells whose content changed; 0 with no structural change means nothing was re-checked. */
  changedCells: number;
  /** The changed cells (0-based), for callers that care which columns were touched. */
  changed: Array<{ sheet: string; r: number; c: number }>;
  /** What was done, for the bench and tests: "none", "cells", "sheets" or "all". */
  scope: "none" | "cells" | "sheets" | "all";
  /**
   * Findings taken out or put in by the re-checks (engine.ts touchedFindings): findings that differ
   * between before and after are among them. Absent after a full check.
   */
  touched?: Finding[];
}

/** Past this many changed cells on one sheet, finding its tables again is cheaper than cell by cell. */
const MAX_CELL_EDITS = 8;
/** Past this many sheets to find again, a full check. */
const MAX_SHEETS = 4;

export function recheckOps(wb: WorkbookSnapshot, previous: AnalysisResult, ops: readonly SnapshotOp[], opts: AnalyseOptions = {}): LiveRecheck {
  const applied = applyOps(wb, ops);
  const next = applied.workbook;
  if (applied.changed.length === 0 && applied.structural.size === 0) {
    return { workbook: next, result: previous, changedCells: 0, changed: [], scope: "none" };
  }
  const bySheet = new Map<string, Array<{ r: number; c: number }>>();
  for (const ch of applied.changed) {
    const list = bySheet.get(ch.sheet) ?? [];
    list.push(ch);
    bySheet.set(ch.sheet, list);
  }
  const sheetsToFind = new Set(applied.structural);
  for (const [sheet, cells] of bySheet) if (cells.length > MAX_CELL_EDITS) sheetsToFind.add(sheet);
  if (sheetsToFind.size > MAX_SHEETS) {
    return { workbook: next, result: analyse(next, opts), changedCells: applied.changed.length, changed: applied.changed, scope: "all" };
  }
  let result = previous;
  let touched: Finding[] | undefined = [];
  const touch = (r: AnalysisResult) => {
    const t = touchedFindings(r.report);
    if (t && touched) for (const f of t) touched.push(f);
    else touched = undefined;
    return r;
  };
  for (const sheet of sheetsToFind) result = touch(recheckSheet(next, result, sheet, opts));
  let cellsOnly = true;
  for (const [sheet, cells] of bySheet) {
    if (sheetsToFind.has(sheet)) continue;
    for (const { r, c } of cells) result = touch(recheckEdit(next, result, sheet, a1(r, c), opts));
  }
  if (sheetsToFind.size) cellsOnly = false;
  return { workbook: next, result, changedCells: applied.changed.length, changed: applied.changed, scope: cellsOnly ? "cells" : "sheets", ...(touched ? { touched } : {}) };
}

/**
 * analyse() in its two steps, saying which it is in (the pane's progress: 识别表格, 校验): the same
 * result as analyse (test/live-core.test.ts).
 */
export function analyseInSteps(wb: WorkbookSnapshot, opts: AnalyseOptions, onStage: (stage: "recognising" | "checking") => void): AnalysisResult {
  onStage("recognising");
  const recognition = recognise(wb, recogniseOptions(opts));
  onStage("checking");
  const catalogue = opts.catalogue !== undefined ? opts.catalogue : Catalogue.forYear(recognition.year ?? new Date().getFullYear(), opts.catalogueEntries);
  const ctx = makeRuleContext(recognition, wb, catalogue ? { catalogue } : {});
  return { recognition, report: runRules(ctx, opts.rules ?? allRules(), { disabled: opts.disabledRules }) };
}
