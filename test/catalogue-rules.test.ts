import { Catalogue } from "../src/core/catalogue/catalogue";
import { catalogueRules, CATALOGUE_SERVICE } from "../src/core/catalogue/rules";
import { codeLevel } from "../src/core/catalogue/rules/level";
import { economicName } from "../src/core/catalogue/rules/economic-name";
import { nameMismatch } from "../src/core/catalogue/rules/name-mismatch";
import { unknownCode } from "../src/core/catalogue/rules/unknown";
import type { RecognisedTable } from "../src/core/recognise/model";
import type { Finding } from "../src/core/report/finding";
import { makeRuleContext, runRules } from "../src/core/rules/engine";
import type { Rule } from "../src/core/rules/types";
import { codedTable, FIXTURE_EDITION, recognitionOf, SEED_FUNCTIONAL_ROWS, type RowSpec } from "./catalogue-fixture";

const cat = new Catalogue(FIXTURE_EDITION);
const WB = { name: "test.xlsx", sheets: [] };

function run(rule: Rule, tables: RecognisedTable[], opts: { catalogue?: Catalogue | null; year?: number | null } = {}): Finding[] {
  const services = opts.catalogue === null ? {} : { [CATALOGUE_SERVICE]: opts.catalogue ?? cat };
  const ctx = makeRuleContext(recognitionOf(tables, opts.year === undefined ? 2026 : opts.year), WB, services);
  return runRules(ctx, [rule]).findings;
}

const brief = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.table}!${f.cell}`);

describe("catalogueRules", () => {
  test("exports the four rules with ids, titles in both languages and the coded tables", () => {
    expect(catalogueRules.map((r) => r.id)).toEqual(["code/unknown", "code/name-mismatch", "code/level", "code/economic-name"]);
    for (const r of catalogueRules) {
      expect(r.title.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.title.en).toMatch(/[a-z]/);
      expect(r.reads.length).toBeGreaterThan(0);
    }
  });

  test("the seed's tables pass every rule against the built-in 2026 edition", () => {
    const t02 = codedTable("T02", SEED_FUNCTIONAL_ROWS);
    const t03 = codedTable("T03", SEED_FUNCTIONAL_ROWS, { sheet: "表三" });
    const ctx = makeRuleContext(recognitionOf([t02, t03, seedT06()]), WB, { [CATALOGUE_SERVICE]: Catalogue.forYear(2026) });
    const report = runRules(ctx, catalogueRules);
    expect(report.findings.map((f) => `${f.ruleId} ${f.cell} ${f.message}`)).toEqual([]);
    expect(report.stats.rulesRun).toBe(4);
  });
});

describe("code/unknown", () => {
  test("a code the year does not list, with the code its name has", () => {
    const t = codedTable("T02", [["201", "一般公共服务支出"], ["20106", "财政事务"], ["2010697", "信息化建设"], ["2010698", "无名科目"]]);
    const fs = run(unknownCode, [t]);
    expect(brief(fs)).toEqual(["warning T02!A8", "warning T02!A9"]);
    expect(fs[0].expected).toBe("2010607");
    expect(fs[0].message).toContain("2010607");
    expect(fs[1].expected).toBeUndefined();
    expect(fs[1].message).toContain("导入");
  });

  test("T07 and the T09 income side are read against the revenue list", () => {
    const t07 = codedTable("T07", [["103", "非税收入"], ["10301", "政府性基金收入"], ["1030148", "国有土地使用权出让收入"]]);
    expect(run(unknownCode, [t07])).toEqual([]);
    const t09 = codedTable("T09", [
      { code: "1030148", name: "国有土地使用权出让收入", side: "income" },
      { code: "1030148", name: "国有土地使用权出让收入", side: "expenditure" },
    ]);
    expect(brief(run(unknownCode, [t09]))).toEqual(["warning T09!A7"]);
  });

  test("without a catalogue for the year it says so once and checks nothing", () => {
    const t = codedTable("T02", [["201", "一般公共服务支出"], ["999", "乱码"]]);
    const fs = run(unknownCode, [t], { catalogue: null, year: 1990 });
    expect(fs.map((f) => f.severity)).toEqual(["info"]);
    expect(fs[0].message).toContain("1990");
  });

  test("falls back to the built-in edition when no service is given", () => {
    const t = codedTable("T02", [["201", "一般公共服务支出"], ["20106", "财政事务"], ["2010698", "无名科目"]]);
    expect(brief(run(unknownCode, [t], { catalogue: null }))).toEqual(["warning T02!A8"]);
  });
});

describe("code/name-mismatch", () => {
  // every case has four entries: jest takes a missing last argument for a done callback
  const cases: Array<[string, RowSpec | [string, string], string[], string]> = [
    ["the catalogue name", ["2010650", "事业运行"], [], ""],
    ["a bracket and width variant", { code: "30213", name: "维修(护)费" }, [], ""],
    ["spaces inside", ["2210201", "住房 公积金"], [], ""],
    ["a truncated name is information", ["2080505", "机关事业单位基本养老保险缴费支"], ["info T02!B6"], "机关事业单位基本养老保险缴费支出"],
    ["a dropped 支出 is information", ["2010608", "财政委托业务"], ["info T02!B6"], "财政委托业务支出"],
    ["an alias is fine", ["2080505", "基本养老保险"], [], ""],
    ["a different subject is an error", ["2010601", "事业运行"], ["error T02!B6"], "行政运行"],
  ];
  test.each(cases)("%s", (_label, spec, expected, suggestion) => {
    const t = codedTable(Array.isArray(spec) || !spec.code.startsWith("30") ? "T02" : "T06", [spec]);
    const fs = run(nameMismatch, [t]);
    expect(brief(fs).map((s) => s.replace("T06", "T02"))).toEqual(expected);
    if (suggestion) expect(fs[0].expected).toBe(suggestion);
  });

  test("a wrong code names the code the name belongs to", () => {
    const t = codedTable("T02", [["201", "一般公共服务支出"], ["20106", "财政事务"], ["2010607", "财政委托业务支出"], ["2010601", "事业运行"]]);
    const fs = run(nameMismatch, [t]);
    expect(brief(fs)).toEqual(["error T02!B8", "error T02!B9"]);
    expect(fs[0].message).toContain("2010608");
    expect(fs[0].messageEn).toContain("2010608");
    expect(fs[1].message).toContain("2010650");
    expect(fs[1].related).toEqual(["A9"]);
  });

  test("unknown codes are left to code/unknown", () => {
    expect(run(nameMismatch, [codedTable("T02", [["2010698", "无名科目"]])])).toEqual([]);
  });
});

describe("code/level", () => {
  test("a well-ordered table has nothing to say", () => {
    expect(run(codeLevel, [codedTable("T02", SEED_FUNCTIONAL_ROWS)])).toEqual([]);
  });

  test("a row under the wrong parent, a parent coming after its children (once), a bad length", () => {
    const t = codedTable("T03", [
      ["201", "一般公共服务支出"],
      ["20106", "财政事务"],
      ["2010607", "信息化建设"],
      ["208", "社会保障和就业支出"],
      ["2080505", "机关事业单位基本养老保险缴费支出"],
      ["2080506", "机关事业单位职业年金缴费支出"],
      ["20805", "行政事业单位养老支出"],
      ["2010650", "事业运行"],
      ["2101", "卫生健康"],
    ]);
    const fs = run(codeLevel, [t]);
    expect(brief(fs)).toEqual(["error T03!A10", "error T03!A13", "error T03!A14"]);
    expect(fs[0].expected).toBe("20805");
    expect(fs[0].message).toContain("之前");
    expect([fs[1].expected, fs[1].actual]).toEqual(["20106", "20805"]);
    expect(fs[2].message).toContain("3/5/7");
  });

  test("a parent missing from the table is left to structure/missing-parent", () => {
    expect(run(codeLevel, [codedTable("T02", [["201", "一般公共服务支出"], ["2010607", "信息化建设"]])])).toEqual([]);
  });

  test("a shown level that contradicts the code", () => {
    const t = codedTable("T05", [["201", "一般公共服务支出"], ["20106", "财政事务"]]);
    t.rows[2].level = "项";
    expect(brief(run(codeLevel, [t]))).toEqual(["warning T05!A7"]);
  });

  test("the two sides of 表九 are separate hierarchies", () => {
    const t = codedTable("T09", [
      { code: "103", name: "非税收入", side: "income" },
      { code: "10301", name: "政府性基金收入", side: "income" },
      { code: "20106", name: "财政事务", side: "expenditure" },
    ]);
    expect(run(codeLevel, [t])).toEqual([]);
    // the expenditure code 201 does not count as the parent of an income code
    const mixed = codedTable("T09", [
      { code: "10301", name: "政府性基金收入", side: "income" },
      { code: "103", name: "非税收入", side: "expenditure" },
      { code: "103", name: "非税收入", side: "income" },
    ]);
    expect(run(codeLevel, [mixed]).map((f) => [f.cell, f.expected])).toEqual([["A6", "103"]]);
  });
});

/** The seed's 表六 (no code column): class rows, then items with their 政府 names. */
function seedT06(overrides: Record<string, Partial<RowSpec>> = {}): RecognisedTable {
  const rows: RowSpec[] = [
    { code: "", name: "工资福利支出", depth: 0 },
    { code: "", name: "基本工资", depth: 1, name2: "工资福利支出" },
    { code: "", name: "津贴补贴", depth: 1, name2: "工资福利支出" },
    { code: "", name: "绩效工资", depth: 1, name2: "工资福利支出" },
    { code: "", name: "机关事业单位基本养老保险缴费", depth: 1, name2: "工资福利支出" },
    { code: "", name: "职业年金缴费", depth: 1, name2: "工资福利支出" },
    { code: "", name: "职工基本医疗保险缴费", depth: 1, name2: "工资福利支出" },
    { code: "", name: "公务员医疗补助缴费", depth: 1, name2: "工资福利支出" },
    { code: "", name: "其他社会保障缴费", depth: 1, name2: "工资福利支出" },
    { code: "", name: "住房公积金", depth: 1, name2: "工资福利支出" },
    { code: "", name: "其他工资福利支出", depth: 1, name2: "工资福利支出" },
    { code: "", name: "商品和服务支出", depth: 0 },
    { code: "", name: "办公费", depth: 1, name2: "商品和服务支出" },
    { code: "", name: "印刷费", depth: 1, name2: "商品和服务支出" },
    { code: "", name: "差旅费", depth: 1, name2: "商品和服务支出" },
    { code: "", name: "其他交通费用", depth: 1, name2: "商品和服务支出" },
    { code: "", name: "对个人和家庭的补助", depth: 0 },
    { code: "", name: "退休费", depth: 1, name2: "离退休费" },
    { code: "", name: "奖励金", depth: 1, name2: "社会福利和救助" },
  ].map((r) => ({ ...r, ...(overrides[r.name] ?? {}) }));
  return codedTable("T06", rows, { codeColumn: false, name2: true, sheet: "表六" });
}

describe("code/economic-name (表六)", () => {
  test("the seed's 事业单位 table is right", () => {
    expect(run(economicName, [seedT06()])).toEqual([]);
  });

  test("a 机关 table with 501/502 names is right too", () => {
    const t = codedTable("T06", [
      { code: "", name: "工资福利支出", depth: 0 },
      { code: "", name: "基本工资", depth: 1, name2: "工资奖金津补贴" },
      { code: "", name: "住房公积金", depth: 1, name2: "住房公积金" },
      { code: "", name: "商品和服务支出", depth: 0 },
      { code: "", name: "维修(护)费", depth: 1, name2: "维修（护）费" },
    ], { codeColumn: false, name2: true });
    expect(run(economicName, [t])).toEqual([]);
  });

  test("a wrong 政府 name, a missing one, an unknown 部门 name, an item under the wrong class", () => {
    const t = seedT06({
      办公费: { name2: "工资福利支出" },
      印刷费: { name2: "" },
      差旅费: { name: "差旅补贴" },
      奖励金: { name: "基本工资" },
    });
    const fs = run(economicName, [t]);
    expect(brief(fs)).toEqual(["error T06!C18", "warning T06!C19", "error T06!A20", "error T06!A24"]);
    expect(fs[0].expected).toContain("商品和服务支出");
    expect(fs[0].actual).toBe("工资福利支出");
    expect(fs[1].message).toContain("缺少");
    expect(fs[3].message).toContain("30101");
  });

  test("a truncated 部门 name is information, its 政府 name is still checked", () => {
    const fs = run(economicName, [seedT06({ 机关事业单位基本养老保险缴费: { name: "机关事业单位基本养老保", name2: "办公经费" } })]);
    expect(fs.map((f) => `${f.severity} ${f.cell}`)).toEqual(["info A10", "error C10"]);
  });

  test("a table mixing 机关 and 事业单位 names flags the odd rows", () => {
    const fs = run(economicName, [seedT06({ 基本工资: { name2: "工资奖金津补贴" } })]);
    expect(brief(fs)).toEqual(["warning T06!C7"]);
    expect(fs[0].message).toContain("事业单位");
  });

  // issue 10 §1: the 政府 column may name the class of the mapped item instead of the item
  const classNamed: Array<[string, Record<string, string>]> = [
    ["机关, classes", { 工资福利支出: "机关工资福利支出", 商品和服务支出: "机关商品和服务支出", 对个人和家庭的补助: "对个人和家庭的补助" }],
    ["事业单位, classes", { 工资福利支出: "对事业单位经常性补助", 商品和服务支出: "对事业单位经常性补助", 对个人和家庭的补助: "对个人和家庭的补助" }],
  ];
  test.each(classNamed)("%s: every item named by its 政府 class is right", (_name, byClass) => {
    const base = seedT06();
    let cls = "";
    for (const row of base.rows) {
      if (row.depth === 0) cls = row.label;
      else if (row.name2) row.name2 = { ...row.name2, text: byClass[cls] };
    }
    expect(base.rows.filter((r) => r.name2).length).toBe(16);
    expect(run(economicName, [base])).toEqual([]);
    expect(run(economicName, [base], { catalogue: Catalogue.forYear(2026) })).toEqual([]);
  });

  test("a class name that is not the class of the mapped item is still wrong, named by the items", () => {
    const fs = run(economicName, [seedT06({ 办公费: { name2: "机关工资福利支出" }, 基本工资: { name2: "对个人和家庭的补助" } })]);
    expect(brief(fs)).toEqual(["error T06!C7", "error T06!C18"]);
    expect(fs[1].expected).toBe("「办公经费」或「商品和服务支出」");
  });

  test("a 机关 naming its classes and a 事业单位 naming its items do not mix: the class says which", () => {
    const fs = run(economicName, [seedT06({ 基本工资: { name2: "机关工资福利支出" } })]);
    expect(brief(fs)).toEqual(["warning T06!C7"]);
  });

  test("with a code column the code decides which item the row is", () => {
    const t = codedTable("T06", [
      { code: "301", name: "工资福利支出" },
      { code: "30113", name: "住房公积金", name2: "住房公积金" },
      { code: "30101", name: "基本工资", name2: "社会福利和救助" },
    ], { name2: true });
    expect(brief(run(economicName, [t]))).toEqual(["error T06!C8"]);
  });
});
