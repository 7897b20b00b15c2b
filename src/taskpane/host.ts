import type { WorkbookSnapshot } from "../core/workbook/snapshot";

/**
 * What the pane needs from where it runs. Excel gives the open workbook and can select cells; the
 * browser page gives a file picker and shows cells in a preview. The pane itself knows neither
 * Office.js nor the .xlsx reader, so each page bundles only its own.
 */
export type PaneHost = ExcelHost | BrowserHost | UnavailableHost;

export interface ExcelHost {
  kind: "excel";
  readWorkbook(): Promise<WorkbookSnapshot>;
  /** Activates the sheet and selects the cell. */
  selectCell(sheet: string, cell: string): Promise<void>;
}

export interface BrowserHost {
  kind: "browser";
  readFile(file: File): Promise<WorkbookSnapshot>;
}

/** taskpane.html opened outside Office: Office.onReady gave no host. */
export interface UnavailableHost {
  kind: "unavailable";
}
