import type { ExcelHost } from "../taskpane/host";
import { readWorkbook } from "./read-workbook";
import { selectCell } from "./navigate";

/**
 * The Excel side of the pane's host interface. TEMPORARY: only reading and selecting are wired;
 * the live-checking, writing and state members are being built (issue 7) and throw until then.
 */
export function createExcelHost(apiVersion: string): ExcelHost {
  const notYet = (what: string) => () => Promise.reject(new Error(`${what}: not built yet`));
  return {
    kind: "excel",
    apiVersion,
    readWorkbook: () => readWorkbook(),
    readRegions: notYet("readRegions"),
    selectCell,
    watch: notYet("watch"),
    writeCells: notYet("writeCells"),
    loadState: notYet("loadState"),
    saveState: notYet("saveState"),
  };
}
