import type { RecognisedTable } from "../../src/core/recognise/model";
import { crossBasicEconomic } from "../../src/core/rules/cross/basic-economic";
import { crossClassRows } from "../../src/core/rules/cross/class-rows";
import { crossEconomicFunctional } from "../../src/core/rules/cross/economic-functional";
import { crossGovFund } from "../../src/core/rules/cross/govfund";
import { crossGpbExpenditure } from "../../src/core/rules/cross/gpb-expenditure";
import { crossIncomeSources } from "../../src/core/rules/cross/income-sources";
import { crossProjectTotal } from "../../src/core/rules/cross/project-total";
import { crossSummaryTotals } from "../../src/core/rules/cross/summary-totals";
import type { Rule } from "../../src/core/rules/types";
import { at, both, cases, set } from "./cases";
import { run } from "./helpers";
import { byId, rowOf, seedTables } from "./seed-tables";

const ALL: Rule[] = [crossSummaryTotals, crossIncomeSources, crossClassRows, crossGpbExpenditure, crossBasicEconomic, crossProjectTotal, crossEconomicFunctional, crossGovFund];

/** 单位资金 of 5.00 in 表一 and 表二: not all money is 财政拨款 any more. */
const unitFunds = both(
  set("T01", "单位资金", "amount", "5.00", "income"),
  set("T01", "本年收入合计", "amount", "538.48", "income"),
  set("T02", "合计", "unitFunds", "5.00"),
  set("T02", "合计", "total", "538.48"),
);

test("the seed agrees across tables", () => {
  const r = run(ALL, seedTables());
  expect(r.findings).toEqual([]);
  expect(r.stats.rulesRun).toBe(ALL.length);
});

test("a rule names both figures and both cells", () => {
  const ts = seedTables();
  set("T03", "合计", "total", "533.40")(ts);
  const f = run(crossSummaryTotals, ts).findings[0];
  expect(f.message).toBe("表三 合计 533.40，表一 本年支出合计（2026年合计） 533.48，差 −0.08");
  expect(f.related).toEqual(["表三!C6", "表一!D37"]);
  expect(f).toMatchObject({ expected: "533.48", actual: "533.40", difference: "-0.08", severity: "error", table: "T03", sheet: "表三" });
});

describe("cross/summary-totals", () => {
  cases(crossSummaryTotals, [
    ["表二 合计 ≠ 表一 本年收入合计", set("T02", "合计", "total", "533.49"), (ts) => [at("error", ts, "T02", "合计", "total")]],
    ["表二 上年结转 ≠ 表一 上年结转", set("T02", "合计", "carry", "1.00"), (ts) => [at("error", ts, "T02", "合计", "carry")]],
    ["表三 合计 ≠ 表一 本年支出合计", set("T03", "合计", "total", "500.00"), (ts) => [at("error", ts, "T03", "合计", "total")]],
    [
      "表一 本年支出合计 changed: 表三 and 表四 disagree",
      set("T01", "本年支出合计", "total", "533.50", "expenditure"),
      (ts) => [at("error", ts, "T03", "合计", "total"), at("error", ts, "T04", "本年支出合计", "total", "expenditure")],
    ],
    ["表四 收入总计 = 表一 when all money is 财政拨款", set("T04", "收入总计", "amount", "530.00", "income"), (ts) => [at("error", ts, "T04", "收入总计", "amount", "income")]],
    ["with 单位资金 表四 is not compared with 表一", both(unitFunds, set("T04", "收入总计", "amount", "530.00", "income")), () => []],
    ["表四 上年财政拨款结转 = 表一 上年结转", set("T04", "上年财政拨款结转", "amount", "2.00", "income"), (ts) => [at("error", ts, "T04", "上年财政拨款结转", "amount", "income")]],
  ]);
});

describe("cross/income-sources", () => {
  cases(crossIncomeSources, [
    ["表二 一般公共预算 column", set("T02", "合计", "gpb", "533.00"), (ts) => [at("error", ts, "T02", "合计", "gpb")]],
    [
      "表一 政府性基金预算 line against 表二 and 表四",
      set("T01", "政府性基金预算", "amount", "1.00", "income"),
      (ts) => [at("error", ts, "T02", "合计", "govFund"), at("error", ts, "T04", "政府性基金预算", "amount", "income")],
    ],
    ["表二 单位资金 column", set("T02", "合计", "unitFunds", "2.00"), (ts) => [at("error", ts, "T02", "合计", "unitFunds")]],
    ["表四 current 一般公共预算", set("T04", "一般公共预算", "amount", "500.00", "income"), (ts) => [at("error", ts, "T04", "一般公共预算", "amount", "income")]],
    [
      "表四 carry lines are not this year's income",
      (ts) => {
        const t = byId(ts, "T04");
        const line = t.rows.find((r) => r.group === "carry" && r.label === "一般公共预算")!;
        line.amounts.amount = { amount: rowOf(t, "本年收入合计", "income").amounts.amount.amount, cell: `B${line.r + 1}` };
      },
      () => [],
    ],
  ]);
});

describe("cross/class-rows", () => {
  cases(crossClassRows, [
    ["表三 类 ≠ 表一", set("T03", "201", "total", "434.00"), (ts) => [at("error", ts, "T03", "201", "total")]],
    [
      "表一 class blank where 表三 has it",
      set("T01", "卫生健康支出", "total", "", "expenditure"),
      (ts) => [at("error", ts, "T03", "210", "total"), at("error", ts, "T04", "卫生健康支出", "total", "expenditure")],
    ],
    [
      "表一 class without a 表三 类",
      set("T01", "教育支出", "total", "5.00", "expenditure"),
      (ts) => [at("error", ts, "T01", "教育支出", "total", "expenditure"), at("error", ts, "T04", "教育支出", "total", "expenditure")],
    ],
    [
      "a 类 named differently matches nothing",
      (ts) => void (rowOf(byId(ts, "T03"), "201").label = "一般公共服务"),
      (ts) => [at("error", ts, "T03", "201", "total"), at("error", ts, "T01", "一般公共服务支出", "total", "expenditure")],
    ],
    ["with 单位资金 表四 is not compared", both(unitFunds, set("T04", "住房保障支出", "total", "19.00", "expenditure")), () => []],
  ]);
});

describe("cross/gpb-expenditure", () => {
  cases(crossGpbExpenditure, [
    ["表五 row ≠ 表三 row when all is 一般公共预算", set("T05", "2010607", "total", "100.10"), (ts) => [at("error", ts, "T05", "2010607", "total")]],
    ["表三 project column", set("T03", "2010608", "project", "181.00"), (ts) => [at("error", ts, "T05", "2010608", "project")]],
    [
      "a 表三 row missing from 表五",
      (ts) => void (byId(ts, "T05").rows = byId(ts, "T05").rows.filter((r) => r.code?.text !== "2210201")),
      (ts) => [at("error", ts, "T03", "2210201", "total"), at("error", ts, "T03", "2210201", "basic")],
    ],
    ["with 单位资金 表五 need not equal 表三", both(unitFunds, set("T05", "2010607", "total", "100.10")), () => []],
    ["表四 一般公共预算 class ≠ 表五 类", set("T04", "社会保障和就业支出", "gpb", "64.00", "expenditure"), (ts) => [at("error", ts, "T04", "社会保障和就业支出", "gpb", "expenditure")]],
    ["表四 本年支出合计 一般公共预算 ≠ 表五 合计", set("T04", "本年支出合计", "gpb", "533.00", "expenditure"), (ts) => [at("error", ts, "T04", "本年支出合计", "gpb", "expenditure")]],
    [
      "表四 with carry-over is not compared with 表五",
      both(set("T04", "上年财政拨款结转", "amount", "1.00", "income"), set("T04", "社会保障和就业支出", "gpb", "64.00", "expenditure")),
      () => [],
    ],
  ]);
});

describe("cross/basic-economic", () => {
  cases(crossBasicEconomic, [
    ["表六 合计 ≠ 表五 基本支出", set("T06", "合计", "total", "245.49"), (ts) => [at("error", ts, "T06", "合计", "total")]],
    ["表五 基本支出 changed", set("T05", "合计", "basic", "245.00"), (ts) => [at("error", ts, "T06", "合计", "total")]],
    ["表五 项目支出 does not matter", set("T05", "合计", "project", "1.00"), () => []],
  ]);
});

describe("cross/project-total", () => {
  cases(crossProjectTotal, [
    ["表十二 合计 ≠ 表三 项目支出", set("T12", "合计", "total", "289.00"), (ts) => [at("error", ts, "T03", "合计", "project")]],
    ["表十二 一般公共预算 ≠ 表五 项目支出", set("T12", "合计", "gpb", "280.00"), (ts) => [at("error", ts, "T05", "合计", "project")]],
    ["表十三 adds to 表三", (ts) => void byId(ts, "T13").rows.push({ ...rowOf(byId(ts, "T12"), "合计"), r: 7 }), (ts) => [at("error", ts, "T03", "合计", "project")]],
    ["a cent between 表三 and 表十二+表十三 is a tail", set("T12", "合计", "total", "288.01"), (ts) => [at("info", ts, "T03", "合计", "project")]],
  ]);
});

describe("cross/economic-functional", () => {
  cases(crossEconomicFunctional, [
    ["住房公积金 ≠ 2210201, exact", set("T06", "住房公积金", "total", "19.10"), (ts) => [at("error", ts, "T06", "住房公积金", "total")]],
    ["职业年金缴费 ≠ 2080506", set("T05", "2080506", "basic", "39.40"), (ts) => [at("error", ts, "T06", "职业年金缴费", "total")]],
    ["职工基本医疗保险缴费 ≠ 2101101 + 2101102 is a warning", set("T05", "2101102", "basic", "8.60"), (ts) => [at("warning", ts, "T06", "职工基本医疗保险缴费", "total")]],
    ["退休费 ≠ 2080501 + 2080502", set("T06", "退休费", "total", "6.35"), (ts) => [at("warning", ts, "T06", "退休费", "total")]],
    [
      "a truncated name still matches",
      both((ts) => void (rowOf(byId(ts, "T06"), "机关事业单位基本养老保险缴费").label = "机关事业单位基本养老保险缴"), set("T05", "2080505", "basic", "19.00")),
      (ts) => [at("error", ts, "T06", "机关事业单位基本养老保险缴费", "total")],
    ],
    ["no check when 表五 lacks the code", (ts) => void (byId(ts, "T05").rows = byId(ts, "T05").rows.filter((r) => r.code?.text !== "2210201")), () => []],
  ]);
});

describe("cross/govfund", () => {
  const t07 = (fig: string) => (ts: RecognisedTable[]) => set("T07", "合计", "amount", fig)(ts);
  cases(crossGovFund, [
    ["表七 合计 without income in 表一 and 表四", t07("5.00"), (ts) => [at("error", ts, "T07", "合计", "amount"), at("error", ts, "T07", "合计", "amount")]],
    [
      "表七 合计 = 表一 = 表四",
      both(t07("5.00"), set("T01", "政府性基金预算", "amount", "5.00", "income"), set("T04", "政府性基金预算", "amount", "5.00", "income")),
      () => [],
    ],
    ["表八 合计 ≠ 表四 政府性基金预算 column", set("T08", "合计", "total", "3.00"), (ts) => [at("error", ts, "T08", "合计", "total")]],
    ["表四 with carry-over: 表八 not compared", both(set("T08", "合计", "total", "3.00"), set("T04", "上年财政拨款结转", "amount", "3.00", "income")), () => []],
  ]);
});
