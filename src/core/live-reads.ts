import type { RangeBox } from "./workbook/snapshot";

/**
 * What a live check must read again after a figure is typed into a large table. Excel raises no
 * event for the cells its formulas recalculate, so reading only the typed cells would leave stale
 * totals behind; reading the whole table costs a 33,000-row table several payload-sized round trips.
 * In a table whose formulas all add up a row's own figures, or a parent's descendants, or are on a
 * total row, a typed figure can move only its own row, its ancestors' rows and the total rows: those
 * are read again (the table's full width), and nothing else. What the pane's live controller needs
 * is here (no checking code); working the reads out of a table is in live-reads-plan.ts (the worker).
 */
export interface TableReads {
  /** up[i]: the sheet row of the parent of the row at sheet row box.r0 + i, −1 for none, −2 for a row that is not one of the table's (a header, a blank row). */
  up: Int32Array;
  /** Sheet rows read with every edit: the total rows. */
  always: number[];
  /** Formulas found in the table (0: a typed figure without one leaves these reads as they are). */
  formulas: number;
}

/**
 * Sheet rows to read again after the cells in `box` changed: those rows, their ancestors and the
 * total rows; null when the whole table is to be read (a cell outside the table's rows changed: a
 * header, or a blank row a parent's SUM range may cover).
 */
export function rowsToRead(reads: TableReads, table: RangeBox, box: RangeBox): number[] | null {
  const rows = new Set<number>(reads.always);
  for (let r = Math.max(box.r0, table.r0); r <= Math.min(box.r1, table.r1); r++) {
    if (reads.up[r - table.r0] === -2) return null;
    for (let x = r, n = 0; x >= 0 && n < 64; n++) {
      rows.add(x);
      x = x >= table.r0 && x <= table.r1 ? reads.up[x - table.r0] : -1;
    }
  }
  return [...rows].sort((a, b) => a - b);
}
