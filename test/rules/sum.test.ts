import { sumChildren } from "../../src/core/rules/sum/children";
import { sumColumns } from "../../src/core/rules/sum/columns";
import { sumSummaryTable } from "../../src/core/rules/sum/summary-table";
import { sumTotalRow } from "../../src/core/rules/sum/total-row";
import { sumVehicle } from "../../src/core/rules/sum/vehicle";
import { brief, run, setFig, table } from "./helpers";
import { at, both, cases, set } from "./cases";
import { byId, rowOf, seedTables } from "./seed-tables";

describe("sum/children", () => {
  test("the seed gives only its rounding tails", () => {
    const ts = seedTables();
    const r = run(sumChildren, ts);
    expect(r.summary.errors).toBe(0);
    expect(brief(r.findings).sort()).toEqual(
      [
        at("info", ts, "T02", "21011", "total"),
        at("info", ts, "T02", "21011", "gpb"),
        at("info", ts, "T03", "21011", "total"),
        at("info", ts, "T03", "21011", "basic"),
        at("info", ts, "T05", "21011", "total"),
        at("info", ts, "T05", "21011", "basic"),
        at("info", ts, "T06", "工资福利支出", "total"),
        at("info", ts, "T06", "工资福利支出", "personnel"),
      ].sort(),
    );
    const f = r.findings.find((x) => x.table === "T03" && x.cell === rowOf(byId(ts, "T03"), "21011").amounts.total.cell)!;
    expect(f.message).toBe("21011 行政事业单位医疗：合计 12.68，下级之和 12.67，差 0.01，在允许尾差 ±0.015 内");
    expect(f).toMatchObject({ expected: "12.67", actual: "12.68", difference: "0.01", tolerance: "0.015" });
    expect(f.related).toEqual(["C22", "C23"]);
    const six = r.findings.find((x) => x.table === "T06" && x.severity === "info")!;
    expect(six).toMatchObject({ expected: "220.61", actual: "220.63", tolerance: "0.055" });
    expect(r.stats.tablesChecked).toBe(7);
  });

  cases(sumChildren, [
    [
      "21011 at 12.69 is an error; 210 above it now has a tail",
      set("T03", "21011", "total", "12.69"),
      (ts) => [at("error", ts, "T03", "21011", "total"), "-" + at("info", ts, "T03", "21011", "total"), at("info", ts, "T03", "210", "total")],
    ],
    ["21011 at 12.66 stays a tail below; 210 is now 2 cents off", set("T03", "21011", "total", "12.66"), (ts) => [at("error", ts, "T03", "210", "total")]],
    [
      "21011 at 12.65 is an error",
      set("T03", "21011", "total", "12.65"),
      (ts) => [at("error", ts, "T03", "21011", "total"), "-" + at("info", ts, "T03", "21011", "total"), at("error", ts, "T03", "210", "total")],
    ],
    [
      "21011 at 12.67 is exact: its tail moves up to 210",
      set("T05", "21011", "basic", "12.67"),
      (ts) => ["-" + at("info", ts, "T05", "21011", "basic"), at("info", ts, "T05", "210", "basic")],
    ],
    [
      "a 款 off by 3 cents fails against its 类 (one child) and its 4 项",
      set("T02", "20106", "gpb", "434.70"),
      (ts) => [at("error", ts, "T02", "201", "gpb"), at("error", ts, "T02", "20106", "gpb")],
    ],
    [
      "a 款 off by 1 cent is a tail both ways",
      set("T02", "20106", "gpb", "434.68"),
      (ts) => [at("info", ts, "T02", "201", "gpb"), at("info", ts, "T02", "20106", "gpb")],
    ],
    ["a 项 changed breaks its 款 only, never the 类 against leaves", set("T03", "2010607", "project", "101.00"), (ts) => [at("error", ts, "T03", "20106", "project")]],
    ["a blank parent with figures below is an error", set("T03", "208", "basic", ""), (ts) => [at("error", ts, "T03", "208", "basic")]],
    ["表六 item changed beyond the 5.5-cent tail", set("T06", "基本工资", "personnel", "47.30"), (ts) => [at("error", ts, "T06", "工资福利支出", "personnel"), "-" + at("info", ts, "T06", "工资福利支出", "personnel")]],
    ["表六 within the tail gives no new finding", set("T06", "基本工资", "personnel", "47.23"), () => []],
    ["表六 class 商品和服务支出 off", set("T06", "商品和服务支出", "public", "16.54"), (ts) => [at("error", ts, "T06", "商品和服务支出", "public")]],
    ["the 合计 row is not a child", set("T03", "合计", "total", "999.00"), () => []],
  ]);

  test("an orphan 项 adds into its 类 when its 款 is missing", () => {
    const t = table("T03", {
      cols: ["total"],
      rows: [["201 一般公共服务支出", "10.00"], ["2010650 事业运行", "4.00"], ["20103 政府办公厅", "6.00"], ["2010301 行政运行", "6.00"]],
    });
    expect(run(sumChildren, [t]).findings).toHaveLength(0);
    t.rows[1].amounts.total.amount = table("T03", { cols: ["total"], rows: [["x", "5.00"]] }).rows[0].amounts.total.amount;
    expect(brief(run(sumChildren, [t]).findings)).toEqual(["error T03!C6"]);
  });

  test("without codes the hierarchy comes from depth", () => {
    const t = table("T06", {
      cols: ["total"],
      rows: [["+工资福利支出", "3.00"], ["++基本工资", "1.00"], ["++津贴补贴", "2.10"], ["+商品和服务支出", "1.00"], ["++办公费", "1.00"]],
    });
    const r = run(sumChildren, [t]);
    expect(brief(r.findings)).toEqual(["error T06!C6"]);
    expect(r.findings[0].related).toEqual(["C7", "C8"]);
  });

  test("each side of 表九 has its own hierarchy", () => {
    const t = table("T09", {
      cols: ["income:amount", "expenditure:total"],
      rows: [
        { head: "103 非税收入", figs: ["5.00"], side: "income" },
        { head: "10306 国有资本经营收入", figs: ["5.00"], side: "income" },
        { head: "223 国有资本经营预算支出", figs: ["5.00"], side: "expenditure" },
        { head: "22301 解决历史遗留问题及改革成本支出", figs: ["4.00"], side: "expenditure" },
      ],
    });
    expect(brief(run(sumChildren, [t]).findings)).toEqual(["error T09!D8"]);
  });
});

describe("sum/total-row", () => {
  test("the seed is consistent", () => {
    const r = run(sumTotalRow, seedTables());
    expect(r.findings).toEqual([]);
    expect(r.stats.tablesChecked).toBe(11);
  });
  cases(sumTotalRow, [
    ["表三 合计 off by a cent (4 classes: tail)", set("T03", "合计", "total", "533.49"), (ts) => [at("info", ts, "T03", "合计", "total")]],
    ["表三 合计 off by 3 cents (tolerance 2.5)", set("T03", "合计", "basic", "245.51"), (ts) => [at("error", ts, "T03", "合计", "basic")]],
    ["表二 class changed", set("T02", "210", "gpb", "16.74"), (ts) => [at("error", ts, "T02", "合计", "gpb")]],
    ["表六 合计 vs the three classes", set("T06", "对个人和家庭的补助", "total", "9.41"), (ts) => [at("error", ts, "T06", "合计", "total")]],
    ["表十二 unit total vs projects", set("T12", "财政专项业务经费", "total", "9.00"), (ts) => [at("error", ts, "T12", "合计", "total")]],
    ["表十 合计 = three items, not the sub-items", set("T10", "公务用车购置费", "gpb", "1.00"), () => []],
    ["表十 an item without a total", set("T10", "公务接待费", "gpb", "1.00"), (ts) => [at("error", ts, "T10", "合计", "gpb")]],
    ["表十一 部门合计 alone (no unit rows) is not a sum", set("T11", "部门合计", "total", "2.00"), () => []],
    ["表十二 a total without projects", (ts) => void (byId(ts, "T12").rows = byId(ts, "T12").rows.slice(0, 1)), (ts) => [at("error", ts, "T12", "合计", "total"), at("error", ts, "T12", "合计", "gpb")]],
  ]);
});

describe("sum/columns", () => {
  test("the seed is consistent", () => {
    expect(run(sumColumns, seedTables()).findings).toEqual([]);
  });
  cases(sumColumns, [
    ["表三 total ≠ basic + project", set("T03", "2010607", "total", "100.10"), (ts) => [at("error", ts, "T03", "2010607", "total")]],
    ["表三 a one-cent tail", set("T03", "2010607", "total", "100.01"), (ts) => [at("info", ts, "T03", "2010607", "total")]],
    ["表二 five sources", set("T02", "2210201", "unitFunds", "1.00"), (ts) => [at("error", ts, "T02", "2210201", "total")]],
    ["表二 上年结转 is not a part of 本年收入合计", set("T02", "2210201", "carry", "1.00"), () => []],
    ["表六 personnel + public", set("T06", "办公费", "public", "10.00"), (ts) => [at("error", ts, "T06", "办公费", "total")]],
    ["表一 2026年合计 = 当年 + 结转", set("T01", "卫生健康支出", "carry", "1.00"), (ts) => [at("error", ts, "T01", "卫生健康支出", "total")]],
    ["表一 income side has no column sum", set("T01", "政府性基金预算", "amount", "1.00"), () => []],
    ["表四 小计 = three sources", set("T04", "住房保障支出", "soe", "1.00"), (ts) => [at("error", ts, "T04", "住房保障支出", "total")]],
    ["表十二 funding columns", set("T12", "财政项目评审费", "gpb", "170.00"), (ts) => [at("error", ts, "T12", "财政项目评审费", "total")]],
    ["表十 columns", set("T10", "公务接待费", "gpb", "1.00"), (ts) => [at("error", ts, "T10", "公务接待费", "total")]],
  ]);
  test("the message names the parts and the children are related cells", () => {
    const ts = seedTables();
    set("T03", "2010607", "total", "100.10")(ts);
    const f = run(sumColumns, ts).findings[0];
    expect(f.message).toBe("2010607 信息化建设：合计 100.10，基本支出、项目支出之和 100.00，差 0.10（允许尾差 ±0.01）");
    expect(f.related).toEqual(["D9", "E9"]);
    expect(f.difference).toBe("0.10");
  });
});

describe("sum/summary-table", () => {
  test("the seed is consistent", () => {
    expect(run(sumSummaryTable, seedTables()).findings).toEqual([]);
  });
  cases(sumSummaryTable, [
    [
      "表一 an income line changed breaks 本年收入合计",
      set("T01", "政府性基金预算", "amount", "1.00", "income"),
      (ts) => [at("error", ts, "T01", "本年收入合计", "amount", "income")],
    ],
    [
      "表一 a class changed breaks 本年支出合计 in both columns it fills",
      both(set("T01", "卫生健康支出", "total", "16.74"), set("T01", "卫生健康支出", "current", "16.74")),
      (ts) => [at("error", ts, "T01", "本年支出合计", "total", "expenditure"), at("error", ts, "T01", "本年支出合计", "current", "expenditure")],
    ],
    [
      "表一 收入总计 ≠ 本年收入合计 + 上年结转",
      set("T01", "上年结转", "amount", "5.00", "income"),
      (ts) => [at("error", ts, "T01", "收入总计", "amount", "income")],
    ],
    [
      "表一 收入总计 = 支出总计 must be exact, even by one cent",
      both(set("T01", "收入总计", "amount", "533.49", "income")),
      (ts) => [at("info", ts, "T01", "收入总计", "amount", "income"), at("error", ts, "T01", "支出总计", "total", "expenditure")],
    ],
    [
      "表四 上年财政拨款结转 = its carry lines",
      set("T04", "上年财政拨款结转", "amount", "3.00", "income"),
      (ts) => [at("error", ts, "T04", "上年财政拨款结转", "amount", "income"), at("error", ts, "T04", "收入总计", "amount", "income")],
    ],
    [
      "表四 a carry line does not count into 本年收入合计",
      both(set("T04", "上年财政拨款结转", "amount", "3.00", "income"), (ts) => {
        const t = byId(ts, "T04");
        setFig(t, t.rows.filter((r) => r.group === "carry")[0], "amount", "3.00");
      }),
      (ts) => [at("error", ts, "T04", "收入总计", "amount", "income")],
    ],
    [
      "表四 年终结转 into 支出总计",
      set("T04", "年终结转", "gpb", "2.00", "expenditure"),
      (ts) => [at("error", ts, "T04", "支出总计", "gpb", "expenditure")],
    ],
  ]);
});

describe("sum/vehicle", () => {
  test("the seed (empty 表十) is consistent", () => {
    expect(run(sumVehicle, seedTables()).findings).toEqual([]);
  });
  cases(sumVehicle, [
    ["购置费 without the parent", set("T10", "公务用车购置费", "total", "2.00"), (ts) => [at("error", ts, "T10", "公务用车购置及运行费", "total")]],
    [
      "parent = 购置费 + 运行维护费",
      both(set("T10", "公务用车购置费", "gpb", "2.00"), set("T10", "公务用车运行维护费", "gpb", "1.50"), set("T10", "公务用车购置及运行费", "gpb", "3.50")),
      () => [],
    ],
    [
      "a one-cent tail",
      both(set("T10", "公务用车购置费", "gpb", "2.00"), set("T10", "公务用车运行维护费", "gpb", "1.50"), set("T10", "公务用车购置及运行费", "gpb", "3.51")),
      (ts) => [at("info", ts, "T10", "公务用车购置及运行费", "gpb")],
    ],
  ]);
});
