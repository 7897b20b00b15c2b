import type { WorkbookSnapshot } from "../core/workbook/snapshot";
import { yieldToHost } from "../excel/yield";
import type { Engine } from "./engine";

/**
 * Rows per message when the Excel snapshot goes to the worker: each message's structured clone is a
 * task of a few milliseconds on the pane's main thread, and the event loop gets a turn between two.
 */
export const LOAD_BLOCK_ROWS = 1_000;

/**
 * Sends an Excel snapshot to the worker a block of rows at a time, yielding between two blocks.
 * The snapshot is used up: each block's rows are let go once sent (the worker holds its own copy),
 * so the pane's heap does not keep a 100,000-row workbook for the rest of the session (issue 7: the
 * pane's main-thread heap after checking the 100,000-row workbook, 62 MB → 32 MB).
 */
export async function loadInPieces(engine: Pick<Engine, "call">, wb: WorkbookSnapshot, blockRows = LOAD_BLOCK_ROWS): Promise<void> {
  const sent: Array<Promise<null>> = [engine.call("load", { snapshot: { name: wb.name, sheets: [] } })];
  for (const sheet of wb.sheets) {
    const all = sheet.rows;
    sheet.rows = [];
    for (let r0 = 0; r0 < Math.max(1, all.length); r0 += blockRows) {
      const rows = all.slice(r0, r0 + blockRows);
      all.fill(undefined, r0, r0 + blockRows);
      sent.push(engine.call("load", { snapshot: { name: wb.name, sheets: [{ ...sheet, rows, merges: r0 === 0 ? sheet.merges : [] }] }, append: true, rowOffset: r0 }));
      await yieldToHost();
    }
  }
  await Promise.all(sent);
}
