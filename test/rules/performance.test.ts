import type { RecognisedTable } from "../../src/core/recognise/model";
import { performanceAnnualVsT12 } from "../../src/core/rules/performance/annual-vs-t12";
import { performanceCostCap } from "../../src/core/rules/performance/cost-cap";
import { performanceFundingSplit } from "../../src/core/rules/performance/funding-split";
import { performanceInT12 } from "../../src/core/rules/performance/in-t12";
import { fmtYuan, normName, parseMoneyTarget } from "../../src/core/rules/performance/support";
import type { Rule } from "../../src/core/rules/types";
import Decimal from "decimal.js";
import { cases } from "./cases";
import { amount, run } from "./helpers";
import { seedTables } from "./seed-tables";

const ALL: Rule[] = [performanceAnnualVsT12, performanceFundingSplit, performanceCostCap, performanceInT12];

/** Edits the performance table of a project. */
function pt(name: string, f: (t: RecognisedTable) => void) {
  return (ts: RecognisedTable[]) => {
    const t = ts.find((x) => x.id === "PT" && x.form?.projectName?.text === name);
    if (!t) throw new Error(`no PT ${name}`);
    f(t);
  };
}
function annual(name: string, key: "total" | "central" | "provincial" | "local" | "self" | "other", fig: string) {
  return pt(name, (t) => {
    const block = t.form!.annualFunding;
    const cell = block[key]?.cell ?? "G99";
    block[key] = { amount: amount(fig), cell };
  });
}
function target(name: string, indicator: string, block: "实施期" | "年度", text: string) {
  return pt(name, (t) => {
    const ind = t.form!.indicators.find((i) => i.name.text === indicator && i.block === block)!;
    ind.target = { text, cell: ind.target!.cell };
  });
}
const t12Total = (name: string, fig: string) => (ts: RecognisedTable[]) => {
  const t = ts.find((x) => x.id === "T12")!;
  const row = t.rows.find((r) => r.label === name)!;
  row.amounts.total = { amount: amount(fig), cell: row.amounts.total.cell };
};

test("the seed's performance tables agree with 表十二", () => {
  const r = run(ALL, seedTables());
  expect(r.findings).toEqual([]);
  expect(r.stats.tablesChecked).toBe(5); // three PT, 表十二 and 表十三 (read by in-t12)
});

describe("performance/annual-vs-t12", () => {
  cases(performanceAnnualVsT12, [
    ["年度资金 ≠ 表十二 × 10000", annual("财政项目评审费", "total", "1,700,000"), () => ["error PT!G7"]],
    ["表十二 changed", t12Total("财政专项业务经费", "9.00"), () => ["error PT!G7"]],
    ["within the 万元 rounding (±50 元) is a tail", annual("财政项目评审费", "total", "1,800,040"), () => ["info PT!G7"]],
    ["one 元 beyond the rounding", annual("财政项目评审费", "total", "1,800,051"), () => ["error PT!G7"]],
    ["a project not in 表十二 is left to in-t12", pt("财政项目评审费", (t) => void (t.form!.projectName!.text = "别的项目")), () => []],
  ]);
  test("message", () => {
    const ts = seedTables();
    annual("财政项目评审费", "total", "1,700,000")(ts);
    const f = run(performanceAnnualVsT12, ts).findings[0];
    expect(f.message).toBe("项目“财政项目评审费”年度资金总额 1,700,000 元，与表十二 180.00 万元（1,800,000 元）相差 100,000 元");
    expect(f.related).toEqual(["绩效1!G7", "表十二!C9"]);
    expect(f).toMatchObject({ expected: "1800000", actual: "1700000", difference: "-100000", tableLabel: "财政项目评审费" });
  });
});

describe("performance/funding-split", () => {
  cases(performanceFundingSplit, [
    ["年度 total ≠ sources", annual("财政信息系统网络运维费", "local", "900,000"), () => ["error PT!G7"]],
    ["实施期 total ≠ sources", pt("财政专项业务经费", (t) => void (t.form!.implementationFunding.central = { amount: amount("10,000"), cell: "D8" })), () => ["error PT!D7"]],
    ["a total missing with sources filled", pt("财政专项业务经费", (t) => void delete t.form!.annualFunding.total), () => ["error PT!G8"]],
    ["other funds count", both2(annual("财政专项业务经费", "other", "5,000"), annual("财政专项业务经费", "total", "85,000")), () => []],
  ]);
});

test("funding-split message shows 元 with separators in both languages", () => {
  const ts = seedTables();
  annual("财政信息系统网络运维费", "local", "900,000")(ts);
  const f = run(performanceFundingSplit, ts).findings[0];
  expect(f.message).toBe("项目“财政信息系统网络运维费”年度资金：总额（元） 1,000,000 与各来源之和 900,000 相差 100,000，超出尾差范围（±2.5）");
  expect(f.messageEn).toMatch(/^Project “财政信息系统网络运维费”, annual funds: total \(yuan\) 1,000,000 vs/);
  expect(f).toMatchObject({ expected: "900000", actual: "1000000", difference: "100000" });
});

function both2(...fs: Array<(ts: RecognisedTable[]) => void>) {
  return (ts: RecognisedTable[]) => fs.forEach((f) => f(ts));
}

describe("performance/cost-cap", () => {
  cases(performanceCostCap, [
    ["one cost target above the annual funds", target("财政专项业务经费", "财会监督检查成本", "年度", "≤10万元"), () => ["warning PT!H21", "warning PT!G7"]],
    ["the sum of targets above the funds", target("财政项目评审费", "项目评审服务成本", "实施期", "≤150万元"), () => ["warning PT!D7"]],
    ["targets in 元", target("财政专项业务经费", "财会监督检查成本", "实施期", "<=50,000元"), () => []],
    ["a floor is not a cap", target("财政专项业务经费", "财会监督检查成本", "年度", "≥100万元"), () => []],
    ["a target that is not money", target("财政专项业务经费", "财会监督检查成本", "年度", "≤5%"), () => []],
  ]);
});

describe("performance/in-t12", () => {
  cases(performanceInT12, [
    ["a project not in 表十二", pt("财政项目评审费", (t) => void (t.form!.projectName!.text = "财政投资评审费")), () => ["error PT!C3"]],
    ["spaces and brackets do not matter", pt("财政项目评审费", (t) => void (t.form!.projectName!.text = " 财政项目 评审费 ")), () => []],
    ["a unique shortened name matches", pt("财政项目评审费", (t) => void (t.form!.projectName!.text = "财政项目评审")), () => []],
  ]);
});

describe("support", () => {
  test.each([
    ["≤145万元", "1450000", true],
    ["<=10.3万元", "103000", true],
    ["＜ 5万元", "50000", true],
    ["不超过50,000元", "50000", true],
    ["1.5万", "15000", true],
    ["≥20万元", "200000", false],
    ["50万元以上", "500000", false],
  ])("parseMoneyTarget(%s)", (text, yuan, cap) => {
    const t = parseMoneyTarget(text)!;
    expect(t.yuan.toString()).toBe(yuan);
    expect(t.cap).toBe(cap);
  });
  test.each(["≥90%", "12月底", "≤5个", ""])("parseMoneyTarget(%s) is null", (text) => {
    expect(parseMoneyTarget(text)).toBeNull();
  });
  test("normName and fmtYuan", () => {
    expect(normName("“财政项目（评审）费” ")).toBe(normName("财政项目(评审)费"));
    expect(fmtYuan(new Decimal(1800000))).toBe("1,800,000");
    expect(fmtYuan(new Decimal("-1234.5"), 1)).toBe("-1,234.5");
  });
});

// ---- figures in the forms' free texts -------------------------------------------------------------

import { performanceTextCost } from "../../src/core/rules/performance/text-cost";
import { performanceTextParts } from "../../src/core/rules/performance/text-parts";

/** Sets a free text (项目概况 …) of a project's form. */
function text(name: string, key: string, value: string | ((old: string) => string)) {
  return pt(name, (t) => {
    const old = t.form!.texts[key];
    t.form!.texts[key] = { text: typeof value === "string" ? value : value(old.text), cell: old?.cell ?? "C10" };
  });
}
const FIXED = (s: string) => s.replace("(2)项目评审(15万元)", "(2)项目评审(145万元)");

describe("the seed's project texts", () => {
  test("hold one real slip: 项目评审 written 15万元 where its items, its cost target and the funds say 145万元", () => {
    const r = run([performanceTextParts, performanceTextCost], seedTables());
    expect(r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.sheet}!${f.cell}`)).toEqual(["performance/text-parts warning 绩效1!C10"]);
    const f = r.findings[0];
    expect(f.message).toBe(
      "项目“财政项目评审费”项目概况写“(2)项目评审(15万元)”，其下所列 55+90=145 万元；按 145 万元计，各部分合计 180 万元，正是项目资金总额；成本指标“项目评审服务成本”≤145万元",
    );
    expect(f.messageEn).toBe(
      "Project “财政项目评审费”, 项目概况: “(2)项目评审(15万元)”, but the amounts listed under it make 55+90 = 145 万元; with 145, the parts add up to 180 万元, the project funds; the cost target “项目评审服务成本” is ≤145万元.",
    );
    expect(f.related).toEqual(["绩效1!D7", "绩效1!G7", "绩效1!D23"]);
    expect(f).toMatchObject({ expected: "145", actual: "15" });
  });
  test("corrected, all three forms check clean", () => {
    const ts = seedTables();
    text("财政项目评审费", "项目概况", FIXED)(ts);
    expect(run([performanceTextParts, performanceTextCost], ts).findings).toEqual([]);
  });
});

describe("performance/text-parts", () => {
  cases(performanceTextParts, [
    ["the seed's slip corrected", text("财政项目评审费", "项目概况", FIXED), () => ["-warning PT!C10"]],
    ["a part's items miss the part", text("财政专项业务经费", "项目概况", "(1)财会监督检查(5万元):差旅2万元、印刷2万元;(2)代理记账监督检查(3万元)。"), () => ["warning PT!E10"]],
    ["parts miss the funds", text("财政专项业务经费", "项目概况", "(1)财会监督检查(5万元);(2)代理记账监督检查(4万元)。"), () => ["warning PT!E10"]],
    ["parts that make the funds", text("财政专项业务经费", "项目概况", "（1）财会监督检查（5万元）；（2）代理记账监督检查（3万元）。"), () => []],
    ["circled numbers and 元", text("财政专项业务经费", "项目概况", "①财会监督检查50,000元；②代理记账监督检查30,000元。"), () => []],
    ["a part with 其中 need not be complete", text("财政专项业务经费", "项目概况", "(1)财会监督检查(5万元),其中差旅2万元;(2)代理记账监督检查(3万元)。"), () => []],
    ["a partial list above its part", text("财政专项业务经费", "项目概况", "(1)财会监督检查(5万元),其中差旅2万元、印刷4万元;(2)代理记账监督检查(3万元)。"), () => ["warning PT!E10"]],
    ["a stated total off the funds", text("财政专项业务经费", "项目实施计划", "全年合计9万元。"), () => ["warning PT!E14"]],
    ["a stated total on the funds", text("财政专项业务经费", "项目实施计划", "全年合计8万元。"), () => []],
    ["numbers that are no parts (dates, counts)", text("财政专项业务经费", "项目实施计划", "(1)5月培训;(2)7-11月检查6家。"), () => []],
  ]);
  test("parts off the funds name the part above its cost target, once", () => {
    const ts = seedTables();
    text("财政专项业务经费", "项目概况", "(1)财会监督检查(5万元);(2)代理记账监督检查(4万元)。")(ts);
    const r = run([performanceTextParts, performanceTextCost], ts);
    const mine = r.findings.filter((f) => f.tableLabel === "财政专项业务经费");
    expect(mine).toHaveLength(1);
    expect(mine[0].message).toBe(
      "项目“财政专项业务经费”项目概况各部分合计 5+4=9 万元，项目资金总额 8 万元，差 1 万元；“(2)代理记账监督检查(4万元)”超过成本指标“代理记账监督检查成本”≤3万元",
    );
    expect(mine[0].messageEn).toBe(
      "Project “财政专项业务经费”, 项目概况: the numbered parts add up to 5+4 = 9 万元, but the project funds are 8 万元 (difference 1); “(2)代理记账监督检查(4万元)” is above the cost target “代理记账监督检查成本” ≤3万元.",
    );
  });
});

describe("performance/text-cost", () => {
  cases(performanceTextCost, [
    ["a stated amount above its cost target", text("财政专项业务经费", "项目概况", (s) => s.replace("财会监督检查费5万元", "财会监督检查费6万元")), () => ["warning PT!E10"]],
    ["at the cap is fine", text("财政专项业务经费", "项目概况", (s) => s.replace("财会监督检查费5万元", "财会监督检查费5.00万元")), () => []],
    ["below the cap is fine", text("财政专项业务经费", "项目概况", (s) => s.replace("财会监督检查费5万元", "财会监督检查费4万元")), () => []],
    ["a target of other work does not apply", text("财政专项业务经费", "项目概况", (s) => s.replace("财会监督检查费5万元", "培训费6万元")), () => []],
  ]);
});
