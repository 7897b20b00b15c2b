import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse, recheckEdit, recheckSheet, type AnalyseOptions } from "../src/core/analyse";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { sortFindings } from "../src/core/rules/engine";
import type { Finding } from "../src/core/report/finding";
import type { TableId } from "../src/core/recognise/model";
import type { WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { parseA1 } from "../src/core/workbook/snapshot";
import { catalogueEntriesOf, randomFigureEdit } from "../scripts/bench-lib";
import { prng } from "../scripts/sample/build";
import { buildLargeWorkbook } from "../scripts/sample/large";

const SAMPLE = join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");
const load = () => readWorkbookBytes(new Uint8Array(readFileSync(SAMPLE)), "sample.xlsx");

function setCell(wb: WorkbookSnapshot, sheet: string, address: string, v: string | number | null): void {
  const { r, c } = parseA1(address)!;
  const s = wb.sheets.find((x) => x.name === sheet)!;
  (s.rows[r] ??= [])[c] = v === null ? undefined : { ...(s.rows[r]![c] ?? {}), v };
}

const key = (f: Finding) => `${f.ruleId}|${f.sheet}|${f.cell}|${f.severity}|${f.expected}|${f.actual}`;

describe("live re-check after one edit gives what a full check gives", () => {
  const edits: Array<[string, string, string, string | number | null]> = [
    ["a figure of a 项 row (T03 2010607 合计)", "表三", "C8", 100.5],
    ["a figure within the rounding tail", "表三", "C20", 12.67],
    ["a figure emptied", "表五", "D9", null],
    ["a figure typed as text with separators", "表二", "C8", "1,000.00"],
    ["a code (structure changes: the sheet is read again)", "表三", "A8", "2010699"],
    ["a name", "表六", "A7", "基本工资（含津贴）"],
    ["a cell outside every table", "表三", "K40", 5],
  ];
  test.each(edits)("%s", (_name, sheet, address, value) => {
    const wb = load();
    const before = analyse(wb);
    setCell(wb, sheet, address, value);
    const live = recheckEdit(wb, before, sheet, address);
    const full = analyse(wb);
    expect(live.report.findings.map(key).sort()).toEqual(full.report.findings.map(key).sort());
    expect(live.report.summary).toEqual(full.report.summary);
  });

  test("the edited figure's finding points at the edited cell", () => {
    const wb = load();
    const before = analyse(wb);
    expect(before.report.summary.errors).toBe(0);
    setCell(wb, "表三", "C8", 100.5);
    const live = recheckEdit(wb, before, "表三", "C8");
    expect(live.report.summary.errors).toBeGreaterThan(0);
    expect(live.report.findings.some((f) => f.severity === "error" && f.sheet === "表三" && f.cell === "C8")).toBe(true);
  });

  test("re-checking a whole sheet equals a full check", () => {
    const wb = load();
    const before = analyse(wb);
    setCell(wb, "表六", "C7", 47.3);
    const live = recheckSheet(wb, before, "表六");
    expect(live.report.findings.map(key).sort()).toEqual(analyse(wb).report.findings.map(key).sort());
  });
});

describe("live re-check of random typed figures equals a full check", () => {
  // Each edit is re-checked from the previous live result (as the pane does, edit after edit), so a
  // finding left behind or lost by a row-scoped re-check would show and stay.
  const canonical = (findings: Finding[]) => findings.map((f) => JSON.stringify(f)).sort();

  function run(wb: WorkbookSnapshot, edits: number, seed: number, opts: AnalyseOptions = {}, only?: TableId[]): void {
    const original = structuredClone(wb);
    const rng = prng(seed);
    let live = analyse(wb, opts);
    let done = 0;
    for (let i = 0; i < edits * 3 && done < edits; i++) {
      const edit = randomFigureEdit(rng, wb, live.recognition, original, only);
      if (!edit) continue;
      setCell(wb, edit.sheet, edit.address, edit.value);
      live = recheckEdit(wb, live, edit.sheet, edit.address, opts);
      const full = analyse(wb, opts);
      const where = `edit ${done + 1}: ${edit.sheet}!${edit.address} ${edit.what} (${String(edit.value)})`;
      expect({ where, findings: canonical(live.report.findings) }).toEqual({ where, findings: canonical(full.report.findings) });
      expect({ where, summary: live.report.summary }).toEqual({ where, summary: full.report.summary });
      // The merged findings are in reading order (new ones put in place, not sorted again).
      const resorted = live.report.findings.slice();
      sortFindings(live.recognition, resorted);
      expect({ where, inOrder: resorted.every((f, k) => f === live.report.findings[k]) }).toEqual({ where, inOrder: true });
      done++;
    }
    expect(done).toBe(edits);
  }

  test("sample workbook: 150 random edits", () => {
    run(load(), 150, 11);
  });

  test("large workbook (thousands of rows a table): 40 random edits", async () => {
    const bytes = await buildLargeWorkbook({ subjectRows: 6000, projects: 300 });
    const wb = readWorkbookBytes(new Uint8Array(bytes), "large.xlsx");
    run(wb, 40, 5, { catalogueEntries: catalogueEntriesOf(analyse(wb).recognition) });
  });

  // cross/gpb-expenditure re-checks a typed figure of 表三 or 表五 by its row's counterpart only.
  test("表三/表四/表五 figures (the cross-table fast path): 120 random edits on the sample", () => {
    run(load(), 120, 23, {}, ["T03", "T04", "T05"]);
  });

  test("表三/表五 figures when the two tables do not run in step (a row missing, rows swapped)", () => {
    const wb = load();
    const t05 = analyse(wb).recognition.tables.find((t) => t.id === "T05")!;
    const sheet = wb.sheets.find((s) => s.name === t05.sheet)!;
    const subjects = t05.rows.filter((r) => r.kind === "subject" && r.code);
    // a code 表三 does not have (its row in 表三 is left without a counterpart, and this one too) …
    const odd = subjects[subjects.length - 1];
    setCell(wb, t05.sheet, odd.code!.cell, "2299999");
    // … and two rows swapped, so 表五 is paired by code rather than by position
    const [a, b] = [subjects[1].r, subjects[2].r];
    [sheet.rows[a], sheet.rows[b]] = [sheet.rows[b], sheet.rows[a]];
    run(wb, 80, 31, {}, ["T03", "T05"]);
  });

  test("large workbook: 30 random edits of 表三/表五 figures", async () => {
    const bytes = await buildLargeWorkbook({ subjectRows: 3000, projects: 100 });
    const wb = readWorkbookBytes(new Uint8Array(bytes), "large.xlsx");
    run(wb, 30, 7, { catalogueEntries: catalogueEntriesOf(analyse(wb).recognition) }, ["T03", "T05"]);
  });

  test("an edit that breaks a sum deep in the hierarchy is found, and mending it clears it", () => {
    const wb = load();
    const before = analyse(wb);
    const t03 = before.recognition.tables.find((t) => t.id === "T03")!;
    const item = t03.rows.find((r) => r.kind === "subject" && r.code?.text.length === 7)!;
    const cell = item.amounts.total.cell;
    const old = wb.sheets.find((s) => s.name === t03.sheet)!.rows[item.r]![parseA1(cell)!.c]!.v as number;
    setCell(wb, t03.sheet, cell, old + 5);
    const broken = recheckEdit(wb, before, t03.sheet, cell);
    const ids = broken.report.findings.filter((f) => f.severity === "error" && f.sheet === t03.sheet).map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(["sum/children", "sum/columns"]));
    setCell(wb, t03.sheet, cell, old);
    const mended = recheckEdit(wb, broken, t03.sheet, cell);
    expect(canonical(mended.report.findings)).toEqual(canonical(before.report.findings));
  });
});
