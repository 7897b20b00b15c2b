import { buildSample, cellOf, fieldOf, findRow, type RowQuery, type SampleMap, type SampleTableKey } from "../../scripts/sample/build";
import type { Finding, Report } from "../../src/core/report/finding";
import { recognise } from "../../src/core/recognise/recognise";
import { makeRuleContext, runRules } from "../../src/core/rules/engine";
import { coreRules } from "../../src/core/rules/index";
import { parseA1, type Cell, type WorkbookSnapshot } from "../../src/core/workbook/snapshot";
import { readWorkbookBytes } from "../../src/io/xlsx-read";

/**
 * The rules over the sample workbook (the seed's figures) as the recogniser reads it: the sample
 * gives exactly the seed's rounding tails, and one changed cell gives the finding at that cell.
 */

let plain: { wb: WorkbookSnapshot; map: SampleMap };
let withFormulas: { wb: WorkbookSnapshot; map: SampleMap };

beforeAll(async () => {
  const a = await buildSample();
  plain = { wb: readWorkbookBytes(new Uint8Array(a.buffer), "sample.xlsx"), map: a.map };
  const b = await buildSample({ formulas: true });
  withFormulas = { wb: readWorkbookBytes(new Uint8Array(b.buffer), "sample-formulas.xlsx"), map: b.map };
});

function check(wb: WorkbookSnapshot): Report {
  return runRules(makeRuleContext(recognise(wb), wb), coreRules);
}

const sheetOf = (map: SampleMap, key: SampleTableKey) => (map.tables[key] ?? map.performance[key])!.sheet;

/** Where an edit goes: a table figure, a performance field, or a named cell of a table. */
type Where =
  | { table: SampleTableKey; row: RowQuery; role: string }
  | { table: SampleTableKey; field: string }
  | { table: SampleTableKey; cell: (map: SampleMap) => string };

function locate(map: SampleMap, w: Where): { sheet: string; cell: string } {
  const sheet = sheetOf(map, w.table);
  if ("role" in w) return { sheet, cell: cellOf(map, w.table, w.row, w.role) };
  if ("field" in w) return { sheet, cell: fieldOf(map, w.table, w.field) };
  return { sheet, cell: w.cell(map) };
}

/** Sets a cell of a copy of the snapshot: a number keeps the cell's number format, text replaces it. */
function edited(wb: WorkbookSnapshot, map: SampleMap, edits: Array<[Where, Partial<Cell> | number | string | null]>): WorkbookSnapshot {
  const copy: WorkbookSnapshot = structuredClone(wb);
  for (const [w, value] of edits) {
    const { sheet, cell } = locate(map, w);
    const s = copy.sheets.find((x) => x.name === sheet)!;
    const { r, c } = parseA1(cell)!;
    const row = (s.rows[r] ??= []);
    const old = row[c];
    if (value === null) row[c] = undefined;
    else if (typeof value === "number") row[c] = { v: value, z: old?.z ?? "0.00" };
    else if (typeof value === "string") row[c] = { v: value };
    else row[c] = { ...old, ...value } as Cell;
  }
  return copy;
}

/**
 * The seed's one real slip outside the tables: PT1's 项目概况 writes "(2)项目评审(15万元)" where the
 * amounts listed under it (55万 + 90万元), its cost target (≤145万元) and the funds (180 − 25 − 10)
 * all say 145万元. The sample keeps the seed's text, so it keeps this warning.
 */
const seedSlip = (m: SampleMap) => `performance/text-parts warning ${sheetOf(m, "PT1")}!${fieldOf(m, "PT1", "text.项目概况")}`;

function brief(fs: Finding[]): string[] {
  return fs.map((f) => `${f.ruleId} ${f.severity} ${f.sheet}!${f.cell}`);
}

describe("the sample workbook", () => {
  test("gives no errors, only the seed's slip in a project text, and exactly the seed's rounding tails", () => {
    const r = check(plain.wb);
    const m = plain.map;
    const tails: string[] = [seedSlip(m)];
    for (const [key, roles] of [["T02", ["total", "gpb"]], ["T03", ["total", "basic"]], ["T05", ["total", "basic"]]] as const) {
      for (const role of roles) tails.push(`sum/children info ${sheetOf(m, key)}!${cellOf(m, key, "21011", role)}`);
    }
    for (const role of ["total", "personnel"]) tails.push(`sum/children info ${sheetOf(m, "T06")}!${cellOf(m, "T06", "工资福利支出", role)}`);
    expect(brief(r.findings).sort()).toEqual(tails.sort());
    expect(r.stats.rulesRun).toBe(coreRules.length);
    expect(r.stats.tablesChecked).toBe(16);
  });

  test("with SUM formulas in parent rows it is still clean", () => {
    const r = check(withFormulas.wb);
    expect(r.summary).toEqual({ errors: 0, warnings: 1, infos: 8 });
    expect(brief(r.findings)).toContain(seedSlip(withFormulas.map));
  });

  test("the live re-check of one table runs only the rules reading it", () => {
    const wb = edited(plain.wb, plain.map, [[{ table: "T06", row: "合计", role: "total" }, 245.5]]);
    const ctx = makeRuleContext(recognise(wb), wb);
    const partial = runRules(ctx, coreRules, { onlyTables: ["T06"] });
    expect(partial.stats.ruleIds).toContain("cross/basic-economic");
    expect(partial.stats.ruleIds).not.toContain("cross/project-total");
    expect(brief(partial.findings)).toContain(`cross/basic-economic error 表六!${cellOf(plain.map, "T06", "合计", "total")}`);
  });
});

interface Case {
  rule: string;
  severity: "error" | "warning" | "info";
  edits: Array<[Where, Partial<Cell> | number | string | null]>;
  /** The cell the finding must point at (defaults to the first edited cell). */
  at?: Where;
  formulas?: boolean;
}

const T = (table: SampleTableKey, row: RowQuery, role: string): Where => ({ table, row, role });
const F = (table: SampleTableKey, field: string): Where => ({ table, field });
const C = (table: SampleTableKey, cell: (map: SampleMap) => string): Where => ({ table, cell });
const code = (table: SampleTableKey, key: string) => C(table, (m) => findRow(m, table, key).codeCell!);
const target = (table: SampleTableKey, name: string, block: "实施期" | "年度") =>
  C(table, (m) => m.performance[table]!.indicators.find((i) => i.name === name && i.block === block)!.targetCell);

const CASES: Array<[string, Case]> = [
  ["a 项 changed beyond its 款's tolerance", { rule: "sum/children", severity: "error", edits: [[T("T03", "2101103", "total"), 4.05]], at: T("T03", "21011", "total") }],
  ["表三 合计 basic off", { rule: "sum/total-row", severity: "error", edits: [[T("T03", "合计", "basic"), 245.58]] }],
  ["表十二 a project's funding column", { rule: "sum/columns", severity: "error", edits: [[T("T12", "财政项目评审费", "gpb"), 170]], at: T("T12", "财政项目评审费", "total") }],
  ["表一 收入总计", { rule: "sum/summary-table", severity: "error", edits: [[T("T01", { label: "收入总计", side: "income" }, "amount"), 533.5]] }],
  ["表十 购置费 without its parent", { rule: "sum/vehicle", severity: "error", edits: [[T("T10", "公务用车购置费", "total"), 1]], at: T("T10", "公务用车购置及运行费", "total") }],
  ["表二 合计 vs 表一", { rule: "cross/summary-totals", severity: "error", edits: [[T("T02", "合计", "total"), 533.38]] }],
  ["表二 一般公共预算 column vs 表一", { rule: "cross/income-sources", severity: "error", edits: [[T("T02", "合计", "gpb"), 533]] }],
  ["表三 类 vs 表一", { rule: "cross/class-rows", severity: "error", edits: [[T("T03", "221", "total"), 19.19]] }],
  ["表五 vs 表三", { rule: "cross/gpb-expenditure", severity: "error", edits: [[T("T05", "2010607", "project"), 100.5]] }],
  ["表六 合计 vs 表五 基本支出", { rule: "cross/basic-economic", severity: "error", edits: [[T("T06", "合计", "total"), 245.5]] }],
  ["表十二 合计 vs 表三 项目支出", { rule: "cross/project-total", severity: "error", edits: [[T("T12", { kind: "total" }, "total"), 290]], at: T("T03", "合计", "project") }],
  ["表六 住房公积金 vs 2210201", { rule: "cross/economic-functional", severity: "error", edits: [[T("T06", "住房公积金", "total"), 19.19]] }],
  ["表七 合计 without income in 表一", { rule: "cross/govfund", severity: "error", edits: [[T("T07", "合计", "amount"), 5]] }],
  ["年度资金 vs 表十二", { rule: "performance/annual-vs-t12", severity: "error", edits: [[F("PT1", "annual.total"), { v: 1700000 }]] }],
  ["funding sources", { rule: "performance/funding-split", severity: "error", edits: [[F("PT2", "annual.local"), { v: 900000 }]], at: F("PT2", "annual.total") }],
  ["a cost target above the funds", { rule: "performance/cost-cap", severity: "warning", edits: [[target("PT3", "财会监督检查成本", "年度"), "≤10万元"]] }],
  ["a project not in 表十二", { rule: "performance/in-t12", severity: "error", edits: [[F("PT1", "projectName"), "财政投资评审费"]] }],
  ["empty 表七 without its note", { rule: "structure/empty-note", severity: "error", edits: [[C("T07", (m) => m.tables.T07!.noteCells[0]), null]], at: C("T07", (m) => m.tables.T07!.titleCell) }],
  ["表五 of another year", { rule: "structure/same-year", severity: "error", edits: [[C("T05", (m) => m.tables.T05!.titleCell), "2025年一般公共预算支出预算表（不含上年结转）"]] }],
  ["表六 of another unit", { rule: "structure/same-unit", severity: "error", edits: [[C("T06", (m) => m.tables.T06!.unitNameCell), "单位名称：晋城市财政局"]] }],
  ["表三 in 元", { rule: "structure/money-unit", severity: "error", edits: [[C("T03", (m) => m.tables.T03!.moneyUnitCell!), "单位：元"]] }],
  ["a code twice", { rule: "structure/duplicate-code", severity: "error", edits: [[code("T03", "2010608"), { v: "2010607" }]] }],
  ["a 款 code changed: its 项 lose their parent", { rule: "structure/missing-parent", severity: "error", edits: [[code("T03", "20106"), { v: "20107" }]], at: code("T03", "2010607") }],
  ["a figure typed as text", { rule: "structure/text-number", severity: "warning", edits: [[T("T03", "2010607", "total"), "100.00"]] }],
  ["#REF!", { rule: "structure/excel-error", severity: "error", edits: [[T("T03", "2010607", "total"), { v: "#REF!", error: true }]] }],
  ["a word in an amount cell", { rule: "structure/excel-error", severity: "error", edits: [[T("T03", "2010607", "total"), "见附表"]] }],
  ["more decimals stored than shown", { rule: "structure/excess-decimals", severity: "warning", edits: [[T("T03", "2010607", "total"), 100.004]] }],
  ["a negative figure", { rule: "structure/negative", severity: "error", edits: [[T("T06", "办公费", "public"), -10.94]] }],
  [
    "a SUM formula leaving out a child",
    {
      rule: "structure/formula-sum",
      severity: "warning",
      formulas: true,
      edits: [[T("T03", "20106", "total"), { f: "SUM(C8:C9)" }]],
    },
  ],
];

describe("one changed cell gives the finding at that cell", () => {
  test.each(CASES)("%s", (_name, c) => {
    const base = c.formulas ? withFormulas : plain;
    const wb = edited(base.wb, base.map, c.edits);
    const { sheet, cell } = locate(base.map, c.at ?? c.edits[0][0]);
    const r = check(wb);
    expect(brief(r.findings)).toContain(`${c.rule} ${c.severity} ${sheet}!${cell}`);
  });

  test("a missing table", () => {
    const wb = structuredClone(plain.wb);
    wb.sheets = wb.sheets.filter((s) => s.name !== sheetOf(plain.map, "T09"));
    const r = check(wb);
    expect(r.findings.filter((f) => f.ruleId === "structure/all-tables").map((f) => f.table)).toEqual(["T09"]);
  });
});

describe("changes within the rounding tolerance give no error", () => {
  test("表六 an item one cent up keeps 工资福利支出 a tail", () => {
    const m = plain.map;
    const r = check(edited(plain.wb, m, [[T("T06", "基本工资", "total"), 47.23], [T("T06", "基本工资", "personnel"), 47.23]]));
    expect(r.summary.errors).toBe(0);
    expect(brief(r.findings.filter((f) => f.severity === "warning"))).toEqual([seedSlip(m)]);
    expect(brief(r.findings)).toContain(`sum/children info 表六!${cellOf(m, "T06", "工资福利支出", "personnel")}`);
  });

  test("表六 items that now add up exactly remove the tail", () => {
    const m = plain.map;
    const r = check(edited(plain.wb, m, [[T("T06", "津贴补贴", "total"), 5.38], [T("T06", "津贴补贴", "personnel"), 5.38]]));
    expect(r.summary).toEqual({ errors: 0, warnings: 1, infos: 6 });
  });

  test("年度资金 within the 万元 rounding of 表十二", () => {
    const m = plain.map;
    const r = check(edited(plain.wb, m, [[F("PT1", "annual.total"), { v: 1800040 }], [F("PT1", "annual.local"), { v: 1800040 }]]));
    expect(r.summary.errors).toBe(0);
    expect(brief(r.findings)).toContain(`performance/annual-vs-t12 info ${sheetOf(m, "PT1")}!${fieldOf(m, "PT1", "annual.total")}`);
  });
});
