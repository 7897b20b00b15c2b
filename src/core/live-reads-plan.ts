import type { RecognisedTable } from "./recognise/model";
import { buildHierarchy } from "./rules/sum/relations";
import type { WorkbookSnapshot } from "./workbook/snapshot";
import { parseA1 } from "./workbook/snapshot";
import type { TableReads } from "./live-reads";

/** Which rows of a large table a typed figure can move (live-reads.ts), worked out in the worker. */

/** Below this many rows a table is simply read whole. */
export const SPARSE_READ_ROWS = 64;

const REF = /(^|[^A-Za-z0-9_.$])(\$?[A-Z]{1,3}\$?\d+)(?::(\$?[A-Z]{1,3}\$?\d+))?/g;

/** Row spans [lo, hi] of a formula's references, or null when it refers to anything else (another sheet, a name, whole columns). */
function refRows(formula: string): Array<[number, number]> | null {
  if (formula.includes("!") || formula.includes('"')) return null;
  const out: Array<[number, number]> = [];
  const rest = formula.replace(REF, (_m, pre: string, a: string, b: string | undefined) => {
    const p = parseA1(a.replace(/\$/g, ""));
    const q = b ? parseA1(b.replace(/\$/g, "")) : p;
    if (p && q) out.push([Math.min(p.r, q.r), Math.max(p.r, q.r)]);
    return pre;
  });
  // What is left must be operators, numbers and function calls: a name or a column range is unknown.
  if (/[A-Za-z_:]/.test(rest.replace(/[A-Za-z_][A-Za-z0-9_.]*\(/g, "("))) return null;
  return out;
}

/**
 * The rows a typed figure can move in this table, or undefined when the whole table is to be read
 * (a small table, a two-sided one, or a formula this cannot follow).
 */
export function tableReads(t: RecognisedTable, wb: WorkbookSnapshot): TableReads | undefined {
  if (t.id === "PT" || t.rows.length < SPARSE_READ_ROWS) return undefined;
  const { r0, r1, c0, c1 } = t.box;
  const up = new Int32Array(r1 - r0 + 1).fill(-1);
  const inTable = new Uint8Array(r1 - r0 + 1);
  const always: number[] = [];
  for (const row of t.rows) {
    if (row.side !== undefined || row.r < r0 || row.r > r1 || inTable[row.r - r0]) return undefined;
    inTable[row.r - r0] = 1;
    if (row.kind === "total") always.push(row.r);
  }
  for (let i = 0; i < up.length; i++) if (!inTable[i]) up[i] = -2;
  const h = buildHierarchy(t, undefined);
  h.rows.forEach((row, i) => {
    const p = h.parent[i];
    if (p >= 0) up[row.r - r0] = h.rows[p].r;
  });
  const isTotal = new Set(always);
  const under = (x: number, ancestor: number) => {
    for (let r = x, n = 0; r >= 0 && n < 64; n++) {
      if (r === ancestor) return true;
      r = r >= r0 && r <= r1 ? up[r - r0] : -1;
    }
    return false;
  };
  const sheet = wb.sheets.find((s) => s.name === t.sheet);
  if (!sheet) return undefined;
  let formulas = 0;
  for (let r = r0; r <= r1; r++) {
    const cells = sheet.rows[r];
    if (!cells) continue;
    for (let c = c0; c <= c1 && c < cells.length; c++) {
      const f = cells[c]?.f;
      if (!f) continue;
      formulas++;
      if (isTotal.has(r)) continue; // read with every edit
      const spans = refRows(f);
      if (!spans) return undefined;
      for (const [lo, hi] of spans) {
        if (lo === r && hi === r) continue; // the row's own figures: read with the row
        // A parent adding up rows: each of them must have this row as an ancestor (a blank or
        // non-table row between them moves nothing).
        for (let x = Math.max(lo, r0); x <= Math.min(hi, r1); x++) if (inTable[x - r0] && !under(x, r)) return undefined;
        if (lo < r0 || hi > r1) return undefined;
      }
    }
  }
  return { up, always, formulas };
}

const cache = new WeakMap<RecognisedTable, { rows: RecognisedTable["rows"]; reads: TableReads }>();

/**
 * tableReads, kept per table while its rows stay the same objects (a typed figure changes no row's
 * place) and it had no formula: `changed` (the cells a live burst changed) then only has to bring
 * none.
 */
export function tableReadsAfter(t: RecognisedTable, wb: WorkbookSnapshot, changed?: ReadonlyArray<{ sheet: string; r: number; c: number }>): TableReads | undefined {
  const hit = cache.get(t);
  if (hit && hit.rows === t.rows && hit.reads.formulas === 0 && changed) {
    const sheet = wb.sheets.find((s) => s.name === t.sheet);
    const b = t.box;
    const brought = changed.some((x) => x.sheet === t.sheet && x.r >= b.r0 && x.r <= b.r1 && x.c >= b.c0 && x.c <= b.c1 && !!sheet?.rows[x.r]?.[x.c]?.f);
    if (!brought) return hit.reads;
  }
  const reads = tableReads(t, wb);
  if (reads) cache.set(t, { rows: t.rows, reads });
  else cache.delete(t);
  return reads;
}

