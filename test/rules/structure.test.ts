import type { RecognisedTable } from "../../src/core/recognise/model";
import { makeRuleContext, runRules } from "../../src/core/rules/engine";
import { structureAllTables } from "../../src/core/rules/structure/all-tables";
import { structureDuplicateCode } from "../../src/core/rules/structure/duplicate-code";
import { structureEmptyNote } from "../../src/core/rules/structure/empty-note";
import { structureExcelError } from "../../src/core/rules/structure/excel-error";
import { structureExcessDecimals } from "../../src/core/rules/structure/excess-decimals";
import { summedCells } from "../../src/core/rules/structure/formula";
import { structureFormulaSum } from "../../src/core/rules/structure/formula-sum";
import { structureMissingParent } from "../../src/core/rules/structure/missing-parent";
import { structureMoneyUnit } from "../../src/core/rules/structure/money-unit";
import { structureNegative } from "../../src/core/rules/structure/negative";
import { structureSameUnit } from "../../src/core/rules/structure/same-unit";
import { structureSameYear } from "../../src/core/rules/structure/same-year";
import { structureTextNumber } from "../../src/core/rules/structure/text-number";
import type { Rule } from "../../src/core/rules/types";
import { at, cases, set } from "./cases";
import { amount, EMPTY_WORKBOOK, recognition, run } from "./helpers";
import { byId, rowOf, seedTables } from "./seed-tables";

const ALL: Rule[] = [
  structureAllTables, structureEmptyNote, structureSameYear, structureSameUnit, structureMoneyUnit, structureDuplicateCode,
  structureMissingParent, structureTextNumber, structureExcelError, structureExcessDecimals, structureNegative, structureFormulaSum,
];

const drop = (id: string) => (ts: RecognisedTable[]) => void ts.splice(ts.indexOf(byId(ts, id)), 1);
const edit = (id: string, f: (t: RecognisedTable) => void) => (ts: RecognisedTable[]) => f(byId(ts, id));
const dropRow = (id: string, key: string) => edit(id, (t) => void t.rows.splice(t.rows.indexOf(rowOf(t, key)), 1));
/** Gives the figure of a row a formula. */
const formula = (id: string, key: string, role: string, f: string) => edit(id, (t) => void (rowOf(t, key).amounts[role].formula = f));

test("the seed is well formed", () => {
  const r = run(ALL, seedTables());
  expect(r.findings).toEqual([]);
  expect(r.stats.tablesChecked).toBe(16);
});

describe("structure/all-tables", () => {
  cases(structureAllTables, [
    ["表七 missing", drop("T07"), () => ["error T07!-"]],
    ["表一 and 表十三 missing", (ts) => (drop("T01")(ts), drop("T13")(ts)), () => ["error T01!-", "error T13!-"]],
    ["a performance table missing is not a standard table", drop("PT"), () => []],
  ]);
  test("names the table", () => {
    const ts = seedTables();
    drop("T03")(ts);
    expect(run(structureAllTables, ts).findings[0].message).toBe("缺少表三《预算支出总表》；没有数据的表也须公开并注明“本表无数据”");
  });
  test("nothing recognised: thirteen findings", () => {
    expect(run(structureAllTables, []).findings).toHaveLength(13);
  });
});

describe("structure/empty-note", () => {
  cases(structureEmptyNote, [
    ["empty 表七 without its note", edit("T07", (t) => void (t.notes = [])), () => ["error T07!A1"]],
    ["a note worded differently still counts", edit("T08", (t) => void (t.notes = [{ text: "注：本单位无政府性基金预算数据", cell: "A8" }])), () => []],
    ["表三 has figures but says 本表无数据", edit("T03", (t) => void t.notes.push({ text: "注：本表无数据", cell: "A30" })), () => ["error T03!A30"]],
    ["表七 filled in but still noted empty", set("T07", "合计", "amount", "5.00"), () => ["error T07!A7"]],
    ["the 尾差 note is not a no-data note", edit("T01", (t) => void (t.empty = true)), () => ["error T01!A1"]],
  ]);
});

describe("structure/same-year", () => {
  cases(structureSameYear, [
    ["表五 titled 2025", edit("T05", (t) => void (t.year = 2025)), () => ["error T05!A1"]],
    ["a performance table of another year", edit("PT", (t) => void (t.year = 2025)), () => ["error PT!A1"]],
    ["a table without a year is not judged", edit("T05", (t) => void (t.year = null)), () => []],
  ]);
  test("without a workbook year the majority decides", () => {
    const ts = seedTables();
    byId(ts, "T02").year = 2025;
    const ctx = makeRuleContext(recognition(ts, { year: null }), EMPTY_WORKBOOK);
    const r = runRules(ctx, [structureSameYear]);
    expect(r.findings.map((f) => f.table)).toEqual(["T02"]);
    expect(r.findings[0]).toMatchObject({ expected: "2026", actual: "2025" });
  });
});

describe("structure/same-unit", () => {
  cases(structureSameUnit, [
    ["表六 names another unit", edit("T06", (t) => void (t.unitName = { text: "单位名称：晋城市财政局", cell: "A2" })), () => ["error T06!A2"]],
    ["spacing and the 单位名称 label do not matter", edit("T06", (t) => void (t.unitName = { text: "单位名称： 晋城经济技术开发区 财政管理运营部", cell: "A2" })), () => []],
    ["no unit line is not judged here", edit("T06", (t) => void (t.unitName = null)), () => []],
  ]);
});

describe("structure/money-unit", () => {
  cases(structureMoneyUnit, [
    ["表三 in 元", edit("T03", (t) => void (t.moneyUnit = { unit: "元", cell: "E3" })), () => ["error T03!E3"]],
    ["表三 without a unit line", edit("T03", (t) => void (t.moneyUnit = null)), () => ["error T03!A1"]],
    ["a performance table in 万元", edit("PT", (t) => void (t.moneyUnit = { unit: "万元", cell: "F6" })), () => ["error PT!F6"]],
  ]);
});

describe("structure/duplicate-code", () => {
  cases(structureDuplicateCode, [
    [
      "2010607 twice in 表三",
      edit("T03", (t) => void t.rows.push({ ...rowOf(t, "2010607"), code: { text: "2010607", cell: "A40" }, r: 39 })),
      () => ["error T03!A40"],
    ],
    ["the same code in two tables is fine", () => undefined, () => []],
  ]);
});

describe("structure/missing-parent", () => {
  cases(structureMissingParent, [
    ["款 20106 missing: its four 项", dropRow("T03", "20106"), () => ["error T03!A9", "error T03!A10", "error T03!A11", "error T03!A12"]],
    ["类 208 missing: its 款", dropRow("T05", "208"), () => ["error T05!A14"]],
    ["表六 without codes: items before any class", dropRow("T06", "工资福利支出"), () => ["error T06!B8"]],
  ]);
});

describe("structure/text-number, excel-error, excess-decimals, negative", () => {
  cases(structureTextNumber, [["a figure typed as text", set("T03", "2010607", "total", "'100.00"), (ts) => [at("warning", ts, "T03", "2010607", "total")]]]);
  cases(structureExcelError, [
    ["#REF! in an amount column", edit("T03", (t) => void (rowOf(t, "2010607").bad = [{ cell: "D9", text: "#REF!", kind: "error" }])), () => ["error T03!D9"]],
    ["text in an amount column", edit("T02", (t) => void (rowOf(t, "201").bad = [{ cell: "E7", text: "见附表", kind: "invalid" }])), () => ["error T02!E7"]],
  ]);
  cases(structureExcessDecimals, [
    ["12.6849 shown as 12.68", set("T03", "21011", "total", "12.68|12.6849"), (ts) => [at("warning", ts, "T03", "21011", "total")]],
    ["trailing zeros are not extra decimals", set("T03", "21011", "total", "12.68|12.680"), () => []],
  ]);
  cases(structureNegative, [
    ["a negative figure", set("T06", "办公费", "public", "-10.94"), (ts) => [at("error", ts, "T06", "办公费", "public")]],
    ["a negative figure in a performance table", edit("PT", (t) => void (t.form!.annualFunding.self = { amount: amount("-5"), cell: "F10" })), () => ["error PT!F10"]],
    ["zero is not negative", set("T06", "办公费", "public", "0.00"), () => []],
  ]);
  test("messages", () => {
    const ts = seedTables();
    set("T03", "21011", "total", "12.68|12.6849")(ts);
    expect(run(structureExcessDecimals, ts).findings[0].message).toBe("单元格存有 12.6849，显示为 12.68；核对按显示值进行");
    const ts2 = seedTables();
    rowOf(byId(ts2, "T02"), "201").bad = [{ cell: "E7", text: "见附表", kind: "invalid" }];
    expect(run(structureExcelError, ts2).findings[0].message).toBe("金额单元格不是数字：“见附表”");
  });
});

describe("structure/formula-sum", () => {
  // 表三 rows: 合计 6, 201 7, 20106 8, 2010607 9 … 208 13 … 210 18, 21007 19, 2100799 20, 21011 21, 2101102 22, 2101103 23, 221 24
  cases(structureFormulaSum, [
    ["SUM over the children", formula("T03", "21011", "total", "SUM(C22:C23)"), () => []],
    ["a list and a plus form", (ts) => (formula("T03", "21011", "total", "SUM(C22,C23)")(ts), formula("T03", "210", "total", "C19+C21")(ts)), () => []],
    ["$ anchors", formula("T03", "21011", "total", "SUM($C$22:$C$23)"), () => []],
    ["a child left out", formula("T03", "21011", "total", "SUM(C22:C22)"), () => ["warning T03!C21"]],
    ["a range that takes a grandchild too", formula("T03", "210", "total", "SUM(C19:C21)"), () => ["warning T03!C18"]],
    ["the total row summing every row double counts", formula("T03", "合计", "total", "SUM(C7:C26)"), () => ["warning T03!C6"]],
    ["the total row over the class rows", formula("T03", "合计", "total", "C7+C13+C18+C24"), () => []],
    ["a total cell may sum across its row", formula("T03", "2010607", "total", "SUM(D9:E9)"), () => []],
    ["across the row, a part left out", formula("T03", "合计", "total", "D6"), () => ["warning T03!C6"]],
    ["blank children may be left out", formula("T03", "20106", "basic", "D11"), () => []],
    ["formulas of other shapes are not judged", (ts) => (formula("T03", "21011", "total", "C22*2")(ts), formula("T03", "210", "total", "SUM(表二!C17)")(ts)), () => []],
  ]);
  test("the message names the missing cell", () => {
    const ts = seedTables();
    formula("T03", "21011", "total", "SUM(C22:C22)")(ts);
    const f = run(structureFormulaSum, ts).findings[0];
    expect(f.message).toBe("公式 =SUM(C22:C22) 未计入 C23（2101103 公务员医疗补助 合计）");
    expect(f.related).toEqual(["C23"]);
  });
});

describe("summedCells", () => {
  const box = { r0: 0, r1: 99, c0: 0, c1: 9 };
  test.each([
    ["SUM(C2:C4)", ["C2", "C3", "C4"]],
    ["=sum(c2, c4)", ["C2", "C4"]],
    ["C2+C3+SUM(D1:D2)", ["C2", "C3", "D1", "D2"]],
    ["SUM(B2:C3)", ["B2", "B3", "C2", "C3"]],
    ["SUM(C1:C1000000)", Array.from({ length: 100 }, (_, i) => `C${i + 1}`)],
  ])("%s", (f, cells) => {
    expect([...summedCells(f, box)!].sort()).toEqual([...cells].sort());
  });
  test.each(["C2-C3", "SUM(C2:C3)*2", "ROUND(C2,2)", "Sheet1!C2+C3", "SUM(C:C)", "100", ""])("%s is not judged", (f) => {
    expect(summedCells(f, box)).toBeNull();
  });
});
