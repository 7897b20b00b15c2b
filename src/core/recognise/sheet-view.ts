import type { Cell, SheetSnapshot } from "../workbook/snapshot";
import { a1 } from "../workbook/snapshot";

/**
 * Read access to one sheet that knows its merged areas: `label(r, c)` gives the value of the merged
 * area covering a cell, as a person reading a merged header sees it.
 */
export class SheetView {
  private readonly mergeAt = new Map<number, { readonly r0: number; readonly c0: number }>();
  /** For each merge, key = r*16384+c of every covered cell except the top-left. */
  constructor(readonly sheet: SheetSnapshot) {
    for (const m of sheet.merges) {
      // Huge merges (whole blank columns) are not header merges; skip them to keep memory flat.
      if ((m.r1 - m.r0 + 1) * (m.c1 - m.c0 + 1) > 5000) continue;
      // one origin object for all the cells of a merge (read only)
      const origin = { r0: m.r0, c0: m.c0 };
      for (let r = m.r0; r <= m.r1; r++) {
        for (let c = m.c0; c <= m.c1; c++) {
          if (r === m.r0 && c === m.c0) continue;
          this.mergeAt.set(r * 16384 + c, origin);
        }
      }
    }
  }

  get rowCount(): number {
    return this.sheet.rows.length;
  }

  cell(r: number, c: number): Cell | undefined {
    return this.sheet.rows[r]?.[c];
  }

  row(r: number): Array<Cell | undefined> | undefined {
    return this.sheet.rows[r];
  }

  /** Raw text of a cell (numbers as written, no merge resolution). */
  text(r: number, c: number): string {
    const x = this.sheet.rows[r]?.[c];
    if (!x || x.v === null) return "";
    if (typeof x.v === "number") return numberText(x.v);
    return String(x.v);
  }

  /** The top-left cell of the merge covering (r, c), or null when (r, c) is not covered. */
  mergeOrigin(r: number, c: number): { readonly r0: number; readonly c0: number } | null {
    return this.mergeAt.get(r * 16384 + c) ?? null;
  }

  /** Text as seen through merges. */
  label(r: number, c: number): string {
    const o = this.mergeOrigin(r, c);
    return o ? this.text(o.r0, o.c0) : this.text(r, c);
  }

  isBlankRow(r: number, c0: number, c1: number): boolean {
    const row = this.sheet.rows[r];
    if (!row) return true;
    const end = Math.min(c1, row.length - 1);
    for (let c = c0; c <= end; c++) {
      const x = row[c];
      if (x && x.v !== null && x.v !== "" && !(typeof x.v === "string" && x.v.trim() === "")) return false;
    }
    return true;
  }

  address(r: number, c: number): string {
    return a1(r, c);
  }
}

/** Integer-looking numbers as plain digits (codes stored as numbers); others as JavaScript prints them. */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return n.toFixed(0);
  return String(n);
}
