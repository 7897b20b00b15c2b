import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../src/core/analyse";
import { analyseInSteps, recheckOps } from "../src/core/live";
import { applyOps, type RegionCells, type SnapshotOp } from "../src/core/workbook/apply-region";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import type { Finding } from "../src/core/report/finding";
import type { Cell, RangeBox, WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { parseA1 } from "../src/core/workbook/snapshot";

const SAMPLE = join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");
const bytes = readFileSync(SAMPLE);
const load = () => readWorkbookBytes(new Uint8Array(bytes), "sample.xlsx");
const key = (f: Finding) => `${f.ruleId}|${f.sheet}|${f.cell}|${f.severity}|${f.expected}|${f.actual}|${f.message}`;

/** What Excel would give back for a box of the (edited) workbook: a deep copy of those cells. */
function region(wb: WorkbookSnapshot, sheet: string, box: RangeBox, merges: RangeBox[] | null = null): RegionCells {
  const s = wb.sheets.find((x) => x.name === sheet)!;
  const rows: Array<Array<Cell | undefined> | undefined> = [];
  for (let r = box.r0; r <= box.r1; r++) {
    const row: Array<Cell | undefined> = [];
    for (let c = box.c0; c <= box.c1; c++) {
      const cell = s.rows[r]?.[c];
      row.push(cell ? { ...cell } : undefined);
    }
    rows.push(row);
  }
  return { sheet, box, rows, merges };
}
function usedBox(wb: WorkbookSnapshot, sheet: string): RangeBox {
  const s = wb.sheets.find((x) => x.name === sheet)!;
  return { r0: 0, c0: 0, r1: Math.max(0, s.rows.length - 1), c1: Math.max(0, ...s.rows.map((r) => (r ? r.length - 1 : 0))) };
}
function edit(wb: WorkbookSnapshot, sheet: string, address: string, v: string | number | null): void {
  const { r, c } = parseA1(address)!;
  const s = wb.sheets.find((x) => x.name === sheet)!;
  (s.rows[r] ??= [])[c] = v === null ? undefined : { ...(s.rows[r]![c] ?? {}), v, t: undefined, f: undefined };
}
const clone = (wb: WorkbookSnapshot): WorkbookSnapshot => ({
  ...wb,
  sheets: wb.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : c)) : r)), merges: s.merges.slice() })),
});

describe("applyOps", () => {
  test("a region read again replaces exactly its cells and lists only those that changed", () => {
    const wb = load();
    const excel = clone(wb);
    edit(excel, "表三", "C8", 100.5);
    const box = { r0: 0, c0: 0, r1: 30, c1: 6 };
    const { workbook, changed, structural } = applyOps(wb, [{ kind: "region", data: region(excel, "表三", box) }]);
    expect(changed).toEqual([{ sheet: "表三", r: 7, c: 2 }]);
    expect(structural.size).toBe(0);
    expect(workbook.sheets.find((s) => s.name === "表三")!.rows[7]![2]!.v).toBe(100.5);
    // the input snapshot is not modified
    expect(wb.sheets.find((s) => s.name === "表三")!.rows[7]![2]!.v).not.toBe(100.5);
    expect(workbook.sheets.find((s) => s.name === "表二")).toBe(wb.sheets.find((s) => s.name === "表二"));
  });

  test("a whole sheet read clears what is no longer there; removing and renaming sheets", () => {
    const wb = load();
    const excel = clone(wb);
    const s = excel.sheets.find((x) => x.name === "表三")!;
    s.rows.length = 5;
    const { workbook, changed } = applyOps(wb, [
      { kind: "region", data: region(excel, "表三", usedBox(excel, "表三")), whole: true },
      { kind: "remove", sheet: "表十" },
      { kind: "rename", from: "表二", to: "表二（改）" },
    ]);
    expect(workbook.sheets.find((x) => x.name === "表三")!.rows.length).toBe(5);
    expect(changed.length).toBeGreaterThan(10);
    expect(workbook.sheets.some((x) => x.name === "表十")).toBe(false);
    expect(workbook.sheets.some((x) => x.name === "表二（改）")).toBe(true);
    expect(wb.sheets.some((x) => x.name === "表二")).toBe(true);
  });
});

describe("recheckOps gives what a full check of the same workbook gives", () => {
  const cases: Array<[string, (excel: WorkbookSnapshot) => SnapshotOp[], string]> = [
    ["one figure typed into a table", (x) => (edit(x, "表三", "C8", 100.5), [{ kind: "region", data: region(x, "表三", { r0: 0, c0: 0, r1: 40, c1: 8 }) }]), "cells"],
    ["a figure typed back to what it was", (x) => [{ kind: "region", data: region(x, "表三", { r0: 0, c0: 0, r1: 40, c1: 8 }) }], "none"],
    ["a paste of three figures and a recalculated total", (x) => {
      edit(x, "表五", "D9", 1);
      edit(x, "表五", "D10", 2);
      edit(x, "表五", "E9", 3);
      edit(x, "表五", "C7", 999);
      return [{ kind: "region", data: region(x, "表五", usedBox(x, "表五")) }];
    }, "cells"],
    ["a code changed", (x) => (edit(x, "表三", "A8", "2010699"), [{ kind: "region", data: region(x, "表三", usedBox(x, "表三")) }]), "cells"],
    ["a large paste (the sheet is found again)", (x) => {
      for (let r = 8; r <= 20; r++) edit(x, "表三", `C${r}`, r * 3);
      return [{ kind: "region", data: region(x, "表三", usedBox(x, "表三")), whole: true }];
    }, "sheets"],
    ["rows deleted (the whole sheet read again)", (x) => {
      const s = x.sheets.find((q) => q.name === "表六")!;
      s.rows.splice(8, 2);
      return [{ kind: "region", data: region(x, "表六", usedBox(x, "表六")), whole: true }];
    }, "sheets"],
    ["a sheet removed", (x) => (x.sheets.splice(x.sheets.findIndex((s) => s.name === "表十"), 1), [{ kind: "remove", sheet: "表十" }]), "sheets"],
    ["a sheet renamed", (x) => (x.sheets.find((s) => s.name === "表二")!.name = "表二 收入", [{ kind: "rename", from: "表二", to: "表二 收入" }]), "sheets"],
    ["a sheet added (a copy of 表三 under another name)", (x) => {
      const t3 = x.sheets.find((s) => s.name === "表三")!;
      x.sheets.push({ ...t3, name: "表三 (2)" });
      return [{ kind: "region", data: region(x, "表三 (2)", usedBox(x, "表三 (2)"), t3.merges), whole: true }];
    }, "sheets"],
  ];
  test.each(cases)("%s", (_name, make, scope) => {
    const wb = load();
    const before = analyse(wb);
    const excel = clone(wb);
    const ops = make(excel);
    const live = recheckOps(wb, before, ops);
    expect(live.scope).toBe(scope);
    const full = analyse(live.workbook);
    expect(live.result.report.findings.map(key).sort()).toEqual(full.report.findings.map(key).sort());
    expect(live.result.report.summary).toEqual(full.report.summary);
    expect(live.result.recognition.tables.map((t) => `${t.sheet}!${t.range}`).sort()).toEqual(full.recognition.tables.map((t) => `${t.sheet}!${t.range}`).sort());
  });

  test("a typed wrong figure is an error at that cell, and typing it back resolves it", () => {
    const wb = load();
    const before = analyse(wb);
    expect(before.report.summary.errors).toBe(0);
    const excel = clone(wb);
    edit(excel, "表三", "C8", 100.5);
    const box = { r0: 0, c0: 0, r1: 40, c1: 8 };
    const wrong = recheckOps(wb, before, [{ kind: "region", data: region(excel, "表三", box) }]);
    expect(wrong.result.report.findings.some((f) => f.severity === "error" && f.cell === "C8")).toBe(true);
    const fixed = recheckOps(wrong.workbook, wrong.result, [{ kind: "region", data: region(wb, "表三", box) }]);
    expect(fixed.result.report.summary.errors).toBe(0);
  });
});

test("analyseInSteps says its steps and gives what analyse gives", () => {
  const wb = load();
  const stages: string[] = [];
  const a = analyseInSteps(wb, { disabledRules: ["sum/columns"] }, (s) => stages.push(s));
  const b = analyse(wb, { disabledRules: ["sum/columns"] });
  expect(stages).toEqual(["recognising", "checking"]);
  expect(a.report.findings.map(key)).toEqual(b.report.findings.map(key));
  expect(a.report.stats).toEqual(b.report.stats);
});
