import { buildShanghaiWorkbook } from "../../scripts/sample/shanghai";
import narrative from "../../data/sample-2026/narrative.json";
import { buildSampleWorkbook } from "../../scripts/sample/build";
import { readWorkbookBytes } from "../../src/io/xlsx-read";
import { recognise } from "../../src/core/recognise/recognise";
import type { RecognisedTable, TableId } from "../../src/core/recognise/model";
import type { Finding } from "../../src/core/report/finding";
import { makeRuleContext, runRules } from "../../src/core/rules/engine";
import { narrativeRules } from "../../src/core/rules/narrative";
import { extractNarrative, normaliseLine, originOf, type NarrativeDoc } from "../../src/core/rules/narrative/extract";
import { impliedRate } from "../../src/core/rules/narrative/growth";
import { lookupCell, lookupCount } from "../../src/core/rules/narrative/resolve";
import { GLOSSARY } from "../../src/core/rules/narrative/targets";
import { Interval } from "../../src/core/money/interval";
import { amount, EMPTY_WORKBOOK, recognition, table, UNIT } from "./helpers";
import { byId, rowOf, seedTables } from "./seed-tables";

const SHEET = "情况说明";
const SEED: string[] = narrative.paragraphs;

function paragraphs(texts: string[]) {
  return texts.map((text, i) => ({ sheet: SHEET, cell: `A${i + 1}`, text }));
}

function extract(...texts: string[]): NarrativeDoc {
  return extractNarrative(paragraphs(texts), { unitName: UNIT });
}

type Edit = (tables: RecognisedTable[]) => void;

/** Runs every narrative rule over the seed's tables (after `edit`) and the given text. */
function check(texts: string[], edit?: Edit): Finding[] {
  const tables = seedTables();
  edit?.(tables);
  const ctx = makeRuleContext(recognition(tables, { narrative: paragraphs(texts) }), EMPTY_WORKBOOK);
  // Coverage (info) has its own tests below; the cases here are about what the text gets wrong.
  return runRules(ctx, narrativeRules).findings.filter((f) => f.ruleId !== "narrative/coverage");
}

function brief(fs: Finding[]): string[] {
  return fs.map((f) => `${f.ruleId} ${f.cell} ${f.actual ?? ""}→${f.expected ?? ""}`);
}

/** The seed's narrative with one string replaced (it must occur). */
function seedWith(from: string, to: string, nth = 0): string[] {
  let seen = 0;
  let done = false;
  const out = SEED.map((p) => {
    if (done || !p.includes(from)) return p;
    const parts = p.split(from);
    if (seen + parts.length - 1 <= nth) {
      seen += parts.length - 1;
      return p;
    }
    const k = nth - seen;
    done = true;
    return parts.slice(0, k + 1).join(from) + to + parts.slice(k + 1).join(from);
  });
  if (!done) throw new Error(`“${from}” not in the seed`);
  return out;
}

const SEED_FINDINGS = [
  "narrative/subject-name A13 一般公共预算支出→一般公共服务支出",
  "narrative/contradiction A28 0→288.00",
];

// ---- extractor ---------------------------------------------------------------------------------------

describe("extractNarrative", () => {
  test("amounts with their subjects, shares and the list they make up (三、支出预算)", () => {
    const d = extract("2026年度晋城经济技术开发区财政管理运营部支出预算533.48万元，其中：基本支出245.48万元，占46.01%；项目支出288万元，占53.99%。");
    expect(d.mentions.map((m) => [m.subject, m.figure.text, m.decimals, m.share?.figure.text ?? null])).toEqual([
      ["支出预算", "533.48", 2, null],
      ["基本支出", "245.48", 2, "46.01"],
      ["项目支出", "288", 0, "53.99"],
    ]);
    expect(d.lists.map((l) => [l.opener, l.head, l.items, l.partial])).toEqual([["其中", 0, [1, 2], false]]);
  });

  test.each([
    ["full-width", "基本支出２４５．４８万元；占４６．０１％", "基本支出", "245.48", "46.01"],
    ["half-width", "基本支出245.48万元;占46.01%", "基本支出", "245.48", "46.01"],
    ["spaces", "基本支出 245.48 万元 ，占 46.01 %", "基本支出", "245.48", "46.01"],
    ["line break inside a word", "支出包括：一\n般公共服务支出434.67万元，占81.48%", "一般公共服务支出", "434.67", "81.48"],
  ])("robust to %s", (_name, text, subject, figure, share) => {
    const d = extract(text);
    expect(d.mentions).toHaveLength(1);
    expect([d.mentions[0].subject, d.mentions[0].figure.text, d.mentions[0].share?.figure.text]).toEqual([subject, figure, share]);
  });

  test("a word broken across two paragraphs is joined; the figure points at the paragraph it is in", () => {
    const d = extract("2026年度财政拨款收支总预算533.48万元。支出包括：一", "般公共服务支出434.67万元、社会保障和就业支出63.98万元等。");
    expect(d.mentions.map((m) => m.subject)).toEqual(["财政拨款收支总预算", "一般公共服务支出", "社会保障和就业支出"]);
    const m = d.mentions[1];
    expect(originOf(d.sentences[m.sentence], m.figure.start)).toEqual({ sheet: SHEET, cell: "A2" });
    expect(originOf(d.sentences[0], 0)).toEqual({ sheet: SHEET, cell: "A1" });
  });

  test("quotes keep the text as written (full-width punctuation)", () => {
    const line = normaliseLine("基本支出245.48万元，占46.01％");
    expect(line.text).toBe("基本支出245.48万元,占46.01%");
    expect(line.display).toBe("基本支出245.48万元，占46.01％");
  });

  test("growth: change and rate after the figure that grew (五、(一))", () => {
    const d = extract("2026年度晋城经济技术开发区财政管理运营部一般公共预算当年支出533.48万元,比上年增加18.25万元,增长3.54%。");
    expect(d.mentions.map((m) => m.subject)).toEqual(["一般公共预算当年支出"]);
    expect(d.growths.map((g) => [g.direction, g.delta?.text, g.rate?.text, g.after])).toEqual([[1, "18.25", "3.54", 0]]);
  });

  test("growth downwards", () => {
    const d = extract("支出100.00万元，比上年减少5.00万元，下降4.76%。");
    expect(d.growths.map((g) => [g.direction, g.rateDirection, g.delta?.text, g.rate?.text])).toEqual([[-1, -1, "5.00", "4.76"]]);
  });

  test("a list's head may end the sentence before (“总额2.30万元。其中：…”)", () => {
    const d = extract(SEED.find((p) => p.includes("政府采购预算总额"))!);
    expect(d.mentions.map((m) => [m.subject, m.figure.text])).toEqual([
      ["政府采购预算总额", "2.30"],
      ["政府采购货物预算", "0.80"],
      ["政府采购工程预算", "0"],
      ["政府采购服务预算", "1.50"],
    ]);
    expect(d.lists.map((l) => [l.head, l.items])).toEqual([[0, [1, 2, 3]]]);
  });

  test("a second 其中 after a list keeps the first list's head (四、财政拨款)", () => {
    const d = extract(SEED.find((p) => p.includes("财政拨款收支总预算"))!);
    expect(d.lists.map((l) => [l.opener, l.head === null ? null : d.mentions[l.head].subject, l.items.length, l.partial])).toEqual([
      ["其中", "财政拨款收支总预算", 3, false],
      ["其中", "财政拨款收支总预算", 2, false],
      ["包括", null, 4, true],
    ]);
  });

  test("a new total with its own 其中 ends the list before (一、收支变动)", () => {
    const d = extract(SEED[1]);
    expect(d.lists.map((l) => [d.mentions[l.head!].subject, l.items.map((i) => d.mentions[i].subject)])).toEqual([
      ["预算收入总计", ["本年收入", "上年结转"]],
      ["本年单位预算支出总计", ["本年预算安排", "上年结转"]],
    ]);
    expect(d.growths.map((g) => d.mentions[g.after!].subject)).toEqual(["上年结转", "上年结转"]);
  });

  test("counts and the amount that follows them share a subject (十、绩效管理)", () => {
    const d = extract("2026年晋城经济技术开发区财政管理运营部纳入绩效目标管理的二级项目3个，共计金额288.00万元。其中：其他运转类项目3个，涉及金额0万元；特定目标类项目0个，涉及金额0万元。");
    expect(d.mentions.map((m) => [m.kind, m.subject, m.figure.text])).toEqual([
      ["count", "纳入绩效目标管理的二级项目", "3"],
      ["amount", "纳入绩效目标管理的二级项目", "288.00"],
      ["count", "其他运转类项目", "3"],
      ["amount", "其他运转类项目", "0"],
      ["count", "特定目标类项目", "0"],
      ["amount", "特定目标类项目", "0"],
    ]);
    expect(d.mentions[3].countOf).toBe(2);
    expect(d.lists.map((l) => [l.head, l.headCount, l.items])).toEqual([[1, 0, [2, 3, 4, 5]]]);
  });

  test("a named base: 占部门（单位）项目支出总额的100%", () => {
    const d = extract("公开项目绩效目标3个，涉及项目金额288.00万元，占部门（单位）项目支出总额的100%。");
    expect(d.mentions[1].share).toMatchObject({ denominator: "部门(单位)项目支出总额" });
    expect(d.mentions[1].share!.figure.text).toBe("100");
  });

  test("name lists (六、人员经费 主要包括…) stay inside the 其中 list of amounts", () => {
    const d = extract(SEED[14], SEED[15], SEED[16]);
    expect(d.lists.map((l) => [d.mentions[l.head!].subject, l.items.map((i) => d.mentions[i].subject), l.partial])).toEqual([
      ["一般公共预算安排基本支出", ["人员经费", "公用经费"], false],
    ]);
    expect(d.nameLists.map((n) => [d.mentions[n.head!].subject, n.names.length, n.names[n.names.length - 1].name])).toEqual([
      ["人员经费", 12, "职工基本医疗保险缴费"],
      ["公用经费", 4, "差旅费"],
    ]);
  });

  test("statements that something does not exist", () => {
    const d = extract("本单位无“三公”经费预算。", "本单位无机关运行经费。", "本单位没有安排“三公”经费。");
    expect(d.negations.map((n) => n.phrase)).toEqual(["三公经费预算", "机关运行经费", "三公经费"]);
  });

  test.each([
    ["占46.01%", null],
    ["占比46.01%", null],
    ["所占比重为46.01%", null],
    ["占支出预算的46.01%", "支出预算"],
    ["占支出预算的比重为46.01%", "支出预算"],
  ])("share “%s” has base %s", (share, base) => {
    const d = extract(`基本支出245.48万元，${share}。`);
    expect(d.mentions[0].share?.denominator ?? null).toBe(base);
    expect(d.mentions[0].share?.figure.text).toBe("46.01");
  });

  test("thresholds (价值50万元（原值）以上) and other units (辆, 平方米) are not statements", () => {
    const d = extract(SEED.find((p) => p.includes("原值"))!, SEED.find((p) => p.includes("平方米"))!);
    expect(d.mentions).toEqual([]);
  });

  test("元 are read as 万元 with four more decimals", () => {
    const d = extract("项目资金1,800,000元。");
    expect([d.mentions[0].value.toString(), d.mentions[0].decimals]).toEqual(["180", 4]);
  });

  test("headings set the section and are not statements", () => {
    const d = extract("五、一般公共预算支出情况说明", "(一) 一般公共预算当年支出规模变化情况", "一般公共预算当年支出533.48万元。");
    expect(d.sentences.map((s) => s.section)).toEqual(["五、一般公共预算支出情况说明"]);
    expect(d.mentions).toHaveLength(1);
  });
});

describe("impliedRate", () => {
  test("18.25 on 533.48 is 3.541%–3.543%", () => {
    const r = impliedRate(Interval.of("533.48", 2), Interval.of("18.25", 2), 1)!;
    expect(r.lo.toFixed(4)).toBe("3.5411");
    expect(r.hi.toFixed(4)).toBe("3.5431");
    expect(r.intersects(Interval.of("3.54", 2))).toBe(true);
    expect(r.intersects(Interval.of("3.55", 2))).toBe(false);
  });

  test("a fall is measured on last year's larger base", () => {
    const r = impliedRate(Interval.of("100.00", 2), Interval.of("5.00", 2), -1)!;
    expect(r.contains("4.7619")).toBe(true);
    expect(impliedRate(Interval.of("5.00", 2), Interval.of("5.00", 2), 1)).toBeNull();
  });
});

// ---- rules ----------------------------------------------------------------------------------------------

describe("the seed's narrative", () => {
  test("yields exactly its two real mistakes", () => {
    expect(brief(check(SEED))).toEqual(SEED_FINDINGS);
  });

  test("the findings quote the text, point at the paragraph and name the table cell", () => {
    const [name, contra] = check(SEED);
    expect(name).toMatchObject({ severity: "warning", table: null, sheet: SHEET, cell: "A13", related: ["表五!C7"] });
    expect(name.message).toContain("一般公共预算支出434.67万元");
    expect(name.message).toContain("一般公共服务支出");
    expect(name.messageEn).toContain("一般公共服务支出");
    expect(contra.message).toContain("其他运转类项目3个，涉及金额0万元");
    expect(contra.message).toContain("涉及项目金额288.00万元");
  });

  test("corrected, it is clean", () => {
    const fixed = seedWith("一般公共预算支出434.67", "一般公共服务支出434.67").map((p) => p.replace("其他运转类项目3个，涉及金额0万元", "其他运转类项目3个，涉及金额288.00万元"));
    expect(check(fixed)).toEqual([]);
  });
});

type Case = [name: string, texts: string[], expected: string[], edit?: Edit];

function fixedSeed(): string[] {
  return seedWith("一般公共预算支出434.67", "一般公共服务支出434.67").map((p) => p.replace("其他运转类项目3个，涉及金额0万元", "其他运转类项目3个，涉及金额288.00万元"));
}
function fixedWith(from: string, to: string, nth = 0): string[] {
  const base = fixedSeed();
  let seen = 0;
  return base.map((p) => {
    const i = p.indexOf(from);
    if (i < 0) return p;
    if (seen++ !== nth) return p;
    return p.slice(0, i) + to + p.slice(i + from.length);
  });
}

/** Swaps in a hand-made table for the seed's. */
function withTable(id: TableId, cols: string[], rows: Array<[string, ...string[]]>, sheet: string): Edit {
  return (tables) => {
    const i = tables.findIndex((t) => t.id === id);
    tables[i] = table(id, { cols, rows, sheet });
  };
}

/** Sets one figure of a seed table. */
function setFigure(id: TableId, key: string, role: string, fig: string, side?: "income" | "expenditure"): Edit {
  return (tables) => {
    const t = byId(tables, id);
    const row = rowOf(t, key, side);
    const col = t.columns.find((c) => c.role === role && (!side || c.side === side))!;
    row.amounts[role] = { amount: amount(fig), cell: `${col.letter}${row.r + 1}` };
  };
}

describe.each<[string, Case[]]>([
  [
    "narrative/amount",
    [
      ["a wrong amount", fixedWith("基本支出245.48", "基本支出254.48"), ["narrative/amount A6 254.48→245.48"]],
      ["stated precision: 288万元 = 288.00, 289万元 is not", fixedWith("项目支出288万元", "项目支出289万元"), ["narrative/amount A6 289→288.00"]],
      ["an amount of 表六", fixedWith("人员经费229.04", "人员经费229.40"), ["narrative/amount A16 229.40→229.04"]],
      ["a count of 表十二", fixedWith("二级项目3个", "二级项目4个"), ["narrative/amount A28 4→3"]],
      ["an amount where 表十 is empty", ["“三公”经费预算0.50万元。"], ["narrative/amount A1 0.50→0.00"]],
      ["a row named in other words agrees (信息化建设项目)", ["五、一般公共预算支出情况说明", "其中信息化建设项目100.00万元。"], []],
      ["statements about nothing in the tables are left alone", ["政府采购预算总额2.30万元。", "办公用房85平方米，价值50万元以上的设备0台。"], []],
      ["a 0 where 表一 has a figure", fixedSeed(), ["narrative/amount A2 0→10.00", "narrative/amount A2 0→10.00", "narrative/amount A4 0→10.00"],
        setFigure("T01", "上年结转", "amount", "10.00", "income")],
    ],
  ],
  [
    "narrative/percent",
    [
      ["46.01% → 46.10%", fixedWith("占46.01%", "占46.10%"), ["narrative/percent A6 46.10%→46.01%"]],
      ["81.48% → 81.84%", fixedWith("占81.48%", "占81.84%"), ["narrative/percent A13 81.84%→81.48%"]],
      ["a named base", fixedWith("项目支出总额的100%", "项目支出总额的90%"), ["narrative/percent A28 90%→100%"]],
      ["0% of a figure that is not 0", ["收入533.48万元，其中：一般公共预算拨款收入533.48万元，占0%；上年结转0万元，占100%。"],
        ["narrative/percent A1 0%→100%", "narrative/percent A1 100%→0%"]],
    ],
  ],
  [
    "narrative/growth",
    [
      ["18.25 → 18.52", fixedWith("增加18.25万元,增长3.54%", "增加18.52万元,增长3.54%"), ["narrative/growth A11 3.54%→3.60%"]],
      ["3.54% → 3.45% in a list", fixedWith("增长3.54%", "增长3.45%"), ["narrative/growth A2 3.45%→3.54%"]],
      ["up and down at once", ["一般公共预算当年支出533.48万元,比上年增加18.25万元,下降3.54%。"], ["narrative/growth A1 比上年增加18.25万元,下降3.54%→"]],
      ["a consistent fall", ["一般公共预算当年支出533.48万元,比上年减少10.00万元,下降1.84%。"], []],
    ],
  ],
  [
    "narrative/sum",
    [
      ["0.80 → 0.90", fixedWith("货物预算0.80万元", "货物预算0.90万元"), ["narrative/sum A23 2.30→2.40"]],
      ["shares not adding to 100%", ["支出包括：一般公共服务支出434.67万元，占81.48%；社会保障和就业支出63.98万元，占20.00%。"], ["narrative/sum A1 101.48%→100%"]],
      ["a partial list (等) may fall short", ["一般公共预算当年支出533.48万元,主要用于以下方面:一般公共服务支出434.67万元;住房保障支出19.09万元等。"], []],
      ["a partial list may not exceed", ["一般公共预算当年支出533.48万元,主要用于以下方面:一般公共服务支出434.67万元;社会保障和就业支出63.98万元;卫生健康支出15.74万元;住房保障支出19.09万元;其他事项10.00万元等。"], ["narrative/sum A1 533.48→543.48"]],
      ["counts", fixedWith("其他运转类项目3个，涉及金额288.00万元；", "其他运转类项目2个，涉及金额288.00万元；"), ["narrative/sum A28 3→2"]],
    ],
  ],
  [
    "narrative/subject-name",
    [
      ["the seed's 一般公共预算支出434.67", seedWith("其他运转类项目3个，涉及金额0万元", "其他运转类项目3个，涉及金额288.00万元"), ["narrative/subject-name A13 一般公共预算支出→一般公共服务支出"]],
      ["a misspelt class name", ["四、财政拨款收支预算总体情况说明", "支出包括：一般公务服务支出434.67万元、住房保障支出19.09万元等。"], ["narrative/subject-name A2 一般公务服务支出→一般公共服务支出"]],
      ["a class name with the figure of another class is an amount, not a name, mistake", ["四、财政拨款收支预算总体情况说明", "支出包括：卫生健康支出63.98万元。"], ["narrative/amount A2 63.98→15.74"]],
      ["a 公用经费 item from 对个人和家庭的补助", fixedWith("办公费、印刷费", "办公费、退休费"), ["narrative/subject-name A17 对个人和家庭的补助→商品和服务支出"]],
      ["an item 表六 does not have, with a suggestion", fixedWith("、基本工资、", "、基础工资、"), ["narrative/subject-name A16 基础工资→基本工资"]],
      ["an item 表六 does not have, nothing like it", fixedWith("、基本工资、", "、加班费、"), ["narrative/subject-name A16 加班费→"]],
    ],
  ],
  [
    "narrative/contradiction",
    [
      ["the seed's 0万元 vs 288.00万元", seedWith("一般公共预算支出434.67", "一般公共服务支出434.67"), ["narrative/contradiction A28 0→288.00"]],
      ["a count stated twice differently", fixedWith("特定目标类项目0个，涉及项目金额0万元", "特定目标类项目1个，涉及项目金额0万元"), ["narrative/contradiction A28 1→0"]],
    ],
  ],
  [
    "narrative/empty-table-statement",
    [
      ["无“三公”经费 but 表十 has figures", fixedSeed(), ["narrative/empty-table-statement A19 0.50→0"],
        withTable("T10", ["total", "gpb"], [["-公务接待费", "0.50", "0.50"], ["=合计", "0.50", "0.50"]], "表十")],
      ["无机关运行经费 but 表十一 has figures", fixedSeed(), ["narrative/empty-table-statement A21 3.00→0"],
        withTable("T11", ["total", "gpb"], [["=部门合计", "3.00", "3.00"]], "表十一")],
    ],
  ],
])("%s", (_rule, cases) => {
  // A rest parameter, so that jest does not take a missing `edit` for its done callback.
  test.each(cases)("%s", (...[, texts, expected, edit]: Case) => {
    expect(brief(check(texts, edit))).toEqual(expected);
  });
});

test("every narrative rule (but coverage, an info) is a warning with an id under narrative/ and reads the narrative", () => {
  expect(narrativeRules.map((r) => r.id)).toEqual([
    "narrative/amount",
    "narrative/percent",
    "narrative/growth",
    "narrative/sum",
    "narrative/subject-name",
    "narrative/contradiction",
    "narrative/empty-table-statement",
    "narrative/coverage",
  ]);
  for (const r of narrativeRules) {
    expect(r.severity).toBe(r.id === "narrative/coverage" ? "info" : "warning");
    expect(r.reads).toContain("narrative");
  }
});

describe("the sample workbook (recognised from .xlsx)", () => {
  test("its 情况说明 sheet yields exactly the seed's two mistakes", async () => {
    const bytes = new Uint8Array(await buildSampleWorkbook());
    const wb = readWorkbookBytes(bytes, "sample.xlsx");
    const rec = recognise(wb);
    expect(rec.narrative.length).toBeGreaterThan(20);
    const findings = runRules(makeRuleContext(rec, wb), narrativeRules).findings.filter((f) => f.severity === "warning");
    expect(findings.map((f) => `${f.ruleId} ${f.sheet}!${f.cell} ${f.actual}→${f.expected}`)).toEqual([
      `narrative/subject-name ${SHEET}!A13 一般公共预算支出→一般公共服务支出`,
      `narrative/contradiction ${SHEET}!A28 0→288.00`,
    ]);
    // the suggestion points at 表五's 201 row of the workbook
    expect(findings[0].related?.[0]).toMatch(/^表五!C\d+$/);
  });
});

describe("running", () => {
  test("no narrative: the rules run and find nothing", () => {
    const ctx = makeRuleContext(recognition(seedTables()), EMPTY_WORKBOOK);
    const r = runRules(ctx, narrativeRules);
    expect(r.findings).toEqual([]);
    expect(r.stats.rulesRun).toBe(8);
  });

  test("a table swapped into the same recognition (live re-check) is read afresh", () => {
    const rec = recognition(seedTables(), { narrative: paragraphs(fixedSeed()) });
    expect(runRules(makeRuleContext(rec, EMPTY_WORKBOOK), narrativeRules).findings.filter((f) => f.severity !== "info")).toEqual([]);
    const i = rec.tables.findIndex((t) => t.id === "T11");
    rec.tables[i] = table("T11", { cols: ["total", "gpb"], rows: [["=部门合计", "3.00", "3.00"]], sheet: "表十一" });
    expect(brief(runRules(makeRuleContext(rec, EMPTY_WORKBOOK), narrativeRules).findings.filter((f) => f.severity !== "info"))).toEqual(["narrative/empty-table-statement A21 3.00→0"]);
  });

  test("an edit to a table the text is checked against re-runs every narrative rule", () => {
    const ctx = makeRuleContext(recognition(seedTables(), { narrative: paragraphs(SEED) }), EMPTY_WORKBOOK);
    expect(runRules(ctx, narrativeRules, { onlyTables: ["T10"] }).stats.rulesRun).toBe(8);
    expect(runRules(ctx, narrativeRules, { onlyTables: ["T05"] }).findings.filter((f) => f.severity === "warning")).toHaveLength(2);
  });

  test("every glossary target exists in the seed's tables (Shanxi) or the Shanghai sample's", async () => {
    const ctx = makeRuleContext(recognition(seedTables()), EMPTY_WORKBOOK);
    const { buffer } = await buildShanghaiWorkbook();
    const sh = readWorkbookBytes(new Uint8Array(buffer), "sh.xlsx");
    const shCtx = makeRuleContext(recognise(sh), sh);
    const missing: string[] = [];
    for (const e of GLOSSARY) {
      for (const ref of e.amount ?? []) {
        const c = ref.table.startsWith("SH") ? shCtx : ctx;
        if (!lookupCell(c, ref)) missing.push(`${e.phrases[0]} ${ref.table} ${JSON.stringify(ref.row)} ${ref.role}`);
      }
      for (const ref of e.count ?? []) if (!lookupCount(ctx, ref)) missing.push(`${e.phrases[0]} ${ref.table}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("narrative/coverage", () => {
  const coverageOf = (texts: string[]) => {
    const ctx = makeRuleContext(recognition(seedTables(), { narrative: paragraphs(texts) }), EMPTY_WORKBOOK);
    return runRules(ctx, narrativeRules).findings.filter((f) => f.ruleId === "narrative/coverage");
  };
  test("the seed's text: every figure is checked against the tables or within a list", () => {
    const fs = coverageOf(SEED);
    expect(fs.map((f) => `${f.severity} ${f.cell} ${f.message}`)).toEqual(["info A2 说明中 70 个数字，已核对 70 个"]);
    expect(fs[0].messageEn).toBe("The text has 70 figures; 70 checked against the tables.");
  });
  test("an amount that repeats a table figure but names no row is listed as unchecked", () => {
    const fs = coverageOf([...SEED, "另安排保障运转经费245.48万元。"]);
    expect(fs.map((f) => `${f.severity} ${f.cell} ${f.message}`)).toEqual([
      "info A2 说明中 71 个数字，已核对 70 个",
      `info A${SEED.length + 1} 说明中“另安排保障运转经费245.48万元”未能对应到表中的行，未核对；表三“合计”行基本支出列等 3 处也是 245.48`,
    ]);
    expect(fs[1].related?.length).toBe(3);
  });
  test("no text, no coverage line", () => {
    expect(coverageOf([])).toEqual([]);
  });
});
