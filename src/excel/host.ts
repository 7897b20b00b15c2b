import type { ExcelHost } from "../taskpane/host";
import { highestLevel } from "./events";
import { selectCell } from "./navigate";
import { readWorkbook } from "./read-workbook";
import { readRegions } from "./regions";
import { Session } from "./session";
import { asText, loadState, saveState } from "./state";
import { watch } from "./watch";
import { writeCells } from "./write";

/** The highest ExcelApi requirement set this Excel supports, e.g. "1.7" for Excel 2019. */
export function detectApiVersion(): string {
  return highestLevel((v) => Office.context.requirements.isSetSupported("ExcelApi", v));
}

/**
 * The Excel side of the pane's host interface. Opening costs two round trips at every level (the
 * sheet list with the document settings; every used range with its merged areas on 1.13), and
 * watching one more.
 */
export function createExcelHost(apiVersion: string = detectApiVersion()): ExcelHost {
  const session = new Session(apiVersion);
  return {
    kind: "excel",
    apiVersion,
    readWorkbook: (onProgress) =>
      readWorkbook({
        mergedAreas: session.at("1.13"),
        onProgress,
        onSheets: (sheets) => session.setSheets(sheets),
        alongside: (context) => {
          const settings = context.workbook.settings;
          settings.load("items/key,items/value");
          return () => {
            session.settings = new Map();
            for (const s of settings.items) {
              const v = asText(s.value);
              if (v !== null) session.settings.set(s.key, v);
            }
          };
        },
      }),
    readRegions: (regions) => readRegions(session, regions),
    selectCell,
    watch: (handlers) => watch(session, handlers),
    writeCells: (writes) => writeCells(session, writes),
    // Publication only (a sheet for the package or the charts): its code is loaded on first use.
    addSheet: (spec) => import(/* webpackChunkName: "excel-publish" */ "./publish").then((m) => m.addSheet(spec)),
    loadState: (key) => loadState(session, key),
    saveState: (key, value) => saveState(session, key, value),
  };
}
