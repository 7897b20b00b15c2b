/**
 * The live check's reads on a large table: a typed figure reads its row, its ancestors and the total
 * rows (what Excel's recalculated SUMs can move), and a re-check over those rows gives what a full
 * check of the workbook as Excel holds it gives.
 */
import { analyse } from "../src/core/analyse";
import { recheckOps } from "../src/core/live";
import { rowsToRead } from "../src/core/live-reads";
import { tableReads } from "../src/core/live-reads-plan";
import type { RecognisedTable } from "../src/core/recognise/model";
import type { Finding } from "../src/core/report/finding";
import type { RegionCells } from "../src/core/workbook/apply-region";
import type { Cell, RangeBox, WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { a1 } from "../src/core/workbook/snapshot";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { planReads } from "../src/taskpane/live";
import { buildLargeWorkbook } from "../scripts/sample/large";
import { prng } from "../scripts/sample/build";

let wb: WorkbookSnapshot;
beforeAll(async () => {
  wb = readWorkbookBytes(new Uint8Array(await buildLargeWorkbook({ subjectRows: 3000, projects: 100 })), "large.xlsx");
});

const clone = (x: WorkbookSnapshot): WorkbookSnapshot => ({
  ...x,
  sheets: x.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : c)) : r)), merges: s.merges.slice() })),
});
const key = (f: Finding) => `${f.ruleId}|${f.sheet}|${f.cell}|${f.severity}|${f.expected}|${f.actual}`;

function region(x: WorkbookSnapshot, sheet: string, box: RangeBox): RegionCells {
  const s = x.sheets.find((q) => q.name === sheet)!;
  const rows: RegionCells["rows"] = [];
  for (let r = box.r0; r <= box.r1; r++) {
    const row: Array<Cell | undefined> = [];
    for (let c = box.c0; c <= box.c1; c++) row.push(s.rows[r]?.[c] ? { ...s.rows[r]![c]! } : undefined);
    rows.push(row);
  }
  return { sheet, box, rows, merges: null };
}

/** Adds `delta` to a number cell, as Excel's recalculation of a SUM would. */
function bump(x: WorkbookSnapshot, sheet: string, r: number, c: number, delta: number): void {
  const s = x.sheets.find((q) => q.name === sheet)!;
  const cell = s.rows[r]?.[c];
  const v = typeof cell?.v === "number" ? cell.v : 0;
  (s.rows[r] ??= [])[c] = { ...(cell ?? {}), v: Math.round((v + delta) * 100) / 100 };
}

function t03(): RecognisedTable {
  return analyse(wb).recognition.tables.find((t) => t.id === "T03")!;
}

describe("tableReads / rowsToRead", () => {
  test("a 项 row reads itself, its 款 and 类 and the total row", () => {
    const t = t03();
    const reads = tableReads(t, wb)!;
    expect(reads).toBeDefined();
    const item = t.rows.find((r) => r.kind === "subject" && r.code?.text.length === 7)!;
    const kuan = t.rows.find((r) => r.code?.text === item.code!.text.slice(0, 5))!;
    const lei = t.rows.find((r) => r.code?.text === item.code!.text.slice(0, 3))!;
    const totals = t.rows.filter((r) => r.kind === "total").map((r) => r.r);
    expect(rowsToRead(reads, t.box, { r0: item.r, r1: item.r, c0: 2, c1: 2 })).toEqual([...new Set([item.r, kuan.r, lei.r, ...totals])].sort((a, b) => a - b));
    // a header cell: the whole table
    expect(rowsToRead(reads, t.box, { r0: t.box.r0, r1: t.box.r0, c0: 2, c1: 2 })).toBeNull();
  });

  test("parents that are SUMs of their children keep the sparse read; a formula reaching elsewhere does not", () => {
    const t = t03();
    const x = clone(wb);
    const s = x.sheets.find((q) => q.name === t.sheet)!;
    const kuan = t.rows.find((r) => r.kind === "subject" && r.code?.text.length === 5)!;
    const kids = t.rows.filter((r) => r.code && r.code.text.length === 7 && r.code.text.startsWith(kuan.code!.text));
    const col = t.columns.find((c) => c.role === "total")!;
    const L = col.letter;
    s.rows[kuan.r]![col.c] = { ...s.rows[kuan.r]![col.c]!, f: `SUM(${L}${kids[0].r + 1}:${L}${kids[kids.length - 1].r + 1})` };
    const basic = t.columns.find((c) => c.role === "basic")!;
    const project = t.columns.find((c) => c.role === "project")!;
    s.rows[kids[0].r]![col.c] = { ...s.rows[kids[0].r]![col.c]!, f: `${basic.letter}${kids[0].r + 1}+${project.letter}${kids[0].r + 1}` };
    expect(tableReads(t, x)).toBeDefined();
    s.rows[kids[0].r]![col.c] = { ...s.rows[kids[0].r]![col.c]!, f: `${L}${kids[1].r + 1}*2` };
    expect(tableReads(t, x)).toBeUndefined();
    s.rows[kids[0].r]![col.c] = { ...s.rows[kids[0].r]![col.c]!, f: `Sheet2!A1` };
    expect(tableReads(t, x)).toBeUndefined();
  });

  test("planReads asks for runs of those rows, full width, in one request list", () => {
    const t = t03();
    const reads = tableReads(t, wb)!;
    const item = t.rows.filter((r) => r.kind === "subject" && r.code?.text.length === 7)[40];
    const p = planReads([{ kind: "cells", sheet: t.sheet, address: a1(item.r, 2) }], [{ sheet: t.sheet, box: t.box, reads }]);
    expect(p.requests.length).toBeGreaterThan(0);
    expect(p.requests.length).toBeLessThanOrEqual(4);
    for (const q of p.requests) expect(q.box && q.box.c0 === t.box.c0 && q.box.c1 === t.box.c1 && q.box.r1 - q.box.r0 < 3).toBe(true);
    expect(p.requests.some((q) => q.box!.r0 <= item.r && item.r <= q.box!.r1)).toBe(true);
  });
});

test("typed figures and Excel's recalculated SUMs: re-checking the planned rows equals a full check", () => {
  const base = analyse(wb);
  const t = base.recognition.tables.find((x) => x.id === "T03")!;
  const reads = tableReads(t, wb)!;
  const total = t.columns.find((c) => c.role === "total")!.c;
  const items = t.rows.filter((r) => r.kind === "subject" && r.amounts.basic && !r.amounts.project);
  const rng = prng(17);
  let snapshot = wb;
  let live = base;
  for (let i = 0; i < 12; i++) {
    const row = items[Math.floor(rng() * items.length)];
    const col = t.columns.find((c) => c.role === "basic")!.c;
    const delta = Math.round(rng() * 1000) / 100 + 0.01;
    const excel = clone(snapshot);
    // Excel: the typed figure, and every SUM above it recalculated (合计 of the row, the ancestors, the totals).
    const plan = rowsToRead(reads, t.box, { r0: row.r, r1: row.r, c0: col, c1: col })!;
    bump(excel, t.sheet, row.r, col, delta);
    for (const r of plan) {
      if (r !== row.r) bump(excel, t.sheet, r, col, delta);
      bump(excel, t.sheet, r, total, delta);
    }
    const p = planReads([{ kind: "cells", sheet: t.sheet, address: a1(row.r, col) }], [{ sheet: t.sheet, box: t.box, reads }]);
    const out = recheckOps(snapshot, live, p.requests.map((q) => ({ kind: "region" as const, data: region(excel, q.sheet, q.box!) })));
    const full = analyse(excel);
    expect(out.result.report.findings.map(key).sort()).toEqual(full.report.findings.map(key).sort());
    snapshot = out.workbook;
    live = out.result;
  }
  // The recalculated table adds up (表五 and the totals of other tables were left as they were).
  expect(live.report.findings.filter((f) => f.sheet === t.sheet && f.ruleId.startsWith("sum/"))).toEqual([]);
});
