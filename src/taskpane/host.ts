import type { Cell, RangeBox, WorkbookSnapshot } from "../core/workbook/snapshot";

/**
 * What the pane needs from where it runs. Excel gives the open workbook, can select cells, reports
 * edits and writes cells; the browser page gives a file picker and shows cells in a preview. The
 * pane itself knows neither Office.js nor the .xlsx reader, so each page bundles only its own.
 *
 * Everything crossing this boundary is plain data (structured-clonable), so the pane can hand it
 * to its Web Worker unchanged.
 */
export type PaneHost = ExcelHost | BrowserHost | UnavailableHost;

/** Progress of a long read: done of total units (rows or blocks), for a progress bar. */
export type ProgressFn = (done: number, total: number) => void;

/** A rectangle of one sheet to read again. No box: the whole used range of the sheet. */
export interface RegionRequest {
  sheet: string;
  box?: RangeBox;
}

/**
 * The cells of a region as they are now: `box` in sheet coordinates (0-based, like the snapshot),
 * `rows[i]?.[j]` the cell at (box.r0 + i, box.c0 + j), as src/core/workbook/apply-region.ts reads
 * it; every cell of `box` is replaced by what `rows` holds (undefined = empty). A request without a
 * box gives the sheet's used range as `box` (an empty sheet: r1 = r0 - 1). `merges` are the merged areas
 * that intersect the box, where the host can tell (ExcelApi 1.13); `merges: null` when it cannot.
 * A sheet that no longer exists comes back with `missing: true`.
 */
export interface RegionData {
  sheet: string;
  box: RangeBox;
  rows: Array<Array<Cell | undefined> | undefined>;
  merges: RangeBox[] | null;
  missing?: boolean;
}

/** One change Excel reported (already stripped of the add-in's own writes by the adapter). */
export type ChangeEvent =
  | { kind: "cells"; sheet: string; address: string }
  | { kind: "rowsInserted" | "rowsDeleted" | "columnsInserted" | "columnsDeleted"; sheet: string; address: string }
  | { kind: "format"; sheet: string; address: string }
  | { kind: "sheetAdded" | "sheetDeleted"; sheet: string }
  | { kind: "sheetRenamed"; sheet: string; from: string };

export interface WatchHandlers {
  /** Called once per Excel event, as it arrives; the pane coalesces bursts itself. */
  onChange(e: ChangeEvent): void;
  /** The user selected a range (A1 address, possibly "B3:D9") on a sheet. */
  onSelection?(sheet: string, address: string): void;
}

/**
 * One cell to write. `expect` is what the cell must still hold for the write to happen (null: it
 * must be empty); a cell holding anything else is left alone and reported. `value: null` clears
 * the cell. `text: true` sets the text number format first, so "2010601" keeps its digits.
 */
export interface CellWrite {
  sheet: string;
  cell: string;
  expect: string | null;
  value: string | null;
  /** Format the cell as text before writing (codes keep their leading digits). */
  text?: boolean;
  /** Number format to put back (a revert: what the cell had before the fill made it text). */
  format?: string;
  /** In WriteOutcome.written, for a text write: the number format the cell had before. */
  formatBefore?: string;
}

export interface WriteOutcome {
  written: CellWrite[];
  skipped: Array<{ write: CellWrite; reason: "changed" | "protected" | "missingSheet"; found?: string }>;
}

/** A native chart on a new sheet: its data in `source` (labels in the first column), placed over from:to. */
export interface NewChart {
  name: string;
  type: "Pie" | "ColumnClustered";
  title: string;
  /** A1 range on the new sheet. */
  source: string;
  from: string;
  to: string;
}

/**
 * A sheet the add-in adds (the JSON package, the charts' data): its name is `baseName`, or with a
 * number when a sheet has that name. Cells from A1; `columnFormats[c]` is column c's number format
 * ("@" text), set before the values.
 */
export interface NewSheet {
  baseName: string;
  rows: Array<Array<string | number>>;
  columnFormats?: string[];
  charts?: NewChart[];
  autofit?: boolean;
}

export interface NewSheetOutcome {
  /** The name the sheet was given. */
  sheet: string;
}

export interface ExcelHost {
  kind: "excel";
  /** Highest ExcelApi requirement set the host supports, e.g. "1.7", "1.9", "1.13". */
  apiVersion: string;
  /** Reads the whole workbook (one round trip per sheet block, see read-workbook.ts). */
  readWorkbook(onProgress?: ProgressFn): Promise<WorkbookSnapshot>;
  /** Reads several regions in one round trip (Excel.run + one sync where the payload allows). */
  readRegions(regions: RegionRequest[]): Promise<RegionData[]>;
  /** Activates the sheet and selects the cell or range. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /**
   * Starts listening to changes (all sheets; onChanged per sheet on ExcelApi 1.7, the collection on
   * 1.9+), sheet additions, deletions and renames, and selection. Resolves to a function that
   * removes every handler it added.
   */
  watch(handlers: WatchHandlers): Promise<() => Promise<void>>;
  /**
   * Writes cells in one batch, after checking each target's `expect` and that its sheet is not
   * protected. The add-in's own writes raise no ChangeEvent (enableEvents off where the API allows,
   * filtered by triggerSource or by address otherwise).
   */
  writeCells(writes: CellWrite[]): Promise<WriteOutcome>;
  /** Adds a sheet of the add-in's own with its cells and charts; never writes into an existing sheet. */
  addSheet(spec: NewSheet): Promise<NewSheetOutcome>;
  /** State kept in the workbook itself (document settings), so it travels with the file. */
  loadState(key: string): Promise<string | null>;
  saveState(key: string, value: string | null): Promise<void>;
}

export interface BrowserHost {
  kind: "browser";
  readFile(file: File): Promise<WorkbookSnapshot>;
}

/** taskpane.html opened outside Office (Office.onReady gave no host), or office.js did not load. */
export interface UnavailableHost {
  kind: "unavailable";
  /** Why: outside Office, office.js blocked or missing, or a host too old for the add-in. */
  reason?: "outsideOffice" | "officeJsMissing" | "hostTooOld";
}
