import { Catalogue } from "../src/core/catalogue/catalogue";
import { planFill, type FillPlan } from "../src/core/catalogue/fill";
import type { RecognisedTable } from "../src/core/recognise/model";
import { recognise } from "../src/core/recognise/recognise";
import type { WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { buildSample, type SampleMap } from "../scripts/sample/build";
import { codedTable, FIXTURE_EDITION, recognitionOf, SEED_FUNCTIONAL_ROWS, type RowSpec } from "./catalogue-fixture";

const cat = new Catalogue(FIXTURE_EDITION);

/** The seed's functional rows with the code cells empty and names indented two per level. */
function uncodedSeed(indent: (depth: number) => number = (d) => d * 2): RowSpec[] {
  return SEED_FUNCTIONAL_ROWS.map(([code, name]) => {
    const depth = (code.length - 3) / 2;
    return { code: "", name, depth, indent: indent(depth) };
  });
}

const codesOf = (plan: FillPlan) => plan.changes.filter((c) => c.kind === "code").map((c) => `${c.cell}=${c.after}`);
const expectedSeedCodes = SEED_FUNCTIONAL_ROWS.map(([code], i) => `A${6 + i}=${code}`);

describe("planFill on hand-made recognitions", () => {
  test("empty code cells of an indented table get the seed's codes back, with reasons", () => {
    const plan = planFill(recognitionOf([codedTable("T02", uncodedSeed())]), cat);
    expect(codesOf(plan)).toEqual(expectedSeedCodes);
    expect(plan.findings).toEqual([]);
    const shiye = plan.changes.find((c) => c.after === "2010650")!;
    expect(shiye).toMatchObject({ table: "T02", sheet: "T02", before: null, kind: "code", confidence: 0.95 });
    expect(shiye.reason).toContain("上级科目");
    expect(shiye.reasonEn).toContain("parent");
    expect(plan.changes.find((c) => c.after === "2010607")!.confidence).toBeLessThan(1 + 1e-9);
  });

  test("without usable indentation the catalogue itself gives the structure", () => {
    const plan = planFill(recognitionOf([codedTable("T03", uncodedSeed(() => 0).map((r) => ({ ...r, depth: 0 })))]), cat);
    expect(codesOf(plan)).toEqual(expectedSeedCodes);
  });

  test("a lone uncoded row among coded ones takes its code from the rows above", () => {
    const rows: Array<RowSpec | [string, string]> = SEED_FUNCTIONAL_ROWS.map(([c, n]) => [c, n] as [string, string]);
    rows[4] = { code: "", name: "事业运行", depth: 0, indent: 0 }; // 2010650, recogniser saw one indent: depth 0
    rows[15] = { code: "", name: "事业单位医疗", depth: 0, indent: 0 }; // 2101102
    const plan = planFill(recognitionOf([codedTable("T05", rows)]), cat);
    expect(codesOf(plan)).toEqual(["A10=2010650", "A21=2101102"]);
  });

  test("empty names get the catalogue name; filled cells are never overwritten, disagreements are findings", () => {
    const t = codedTable("T02", [
      ["201", "一般公共服务支出"],
      ["20106", ""],
      ["2010607", "信息化建设"],
      ["2010601", "事业运行"],
      ["2080505", "机关事业单位基本养老保险缴费支"],
    ]);
    const plan = planFill(recognitionOf([t]), cat);
    expect(plan.changes.map((c) => `${c.kind} ${c.cell}=${c.after}`)).toEqual(["name B7=财政事务"]);
    // 2080505 arrives without 208 and 20805 above it
    expect(plan.findings.map((f) => `${f.ruleId} ${f.severity} ${f.cell} ${f.expected}`)).toEqual([
      "fill/disagree error B9 行政运行",
      "fill/missing-parent warning A10 208",
      "fill/missing-parent warning A10 20805",
    ]);
    // every planned cell was empty in the recognition
    const filled = new Set(t.rows.flatMap((r) => [r.code?.cell, r.name.text ? r.name.cell : undefined]).filter(Boolean));
    for (const c of plan.changes) expect(filled.has(c.cell)).toBe(false);
  });

  test("an ambiguous name without a parent is reported with its candidates, not guessed", () => {
    const t = codedTable("T02", [{ code: "", name: "行政运行", depth: 0, indent: 0 }]);
    const plan = planFill(recognitionOf([t]), cat);
    expect(plan.changes).toEqual([]);
    expect(plan.findings.map((f) => f.ruleId)).toEqual(["fill/ambiguous"]);
    expect(plan.findings[0].message).toContain("2010101");
    expect(plan.findings[0].message).toContain("2010601");
  });

  test("unknown names and names outside their parent are reported", () => {
    const t = codedTable("T02", [
      { code: "", name: "一般公共服务支出", depth: 0 },
      { code: "", name: "财政事务", depth: 1 },
      { code: "", name: "不存在的项目", depth: 2 },
      { code: "", name: "住房公积金", depth: 2 },
    ]);
    const plan = planFill(recognitionOf([t]), cat);
    expect(codesOf(plan)).toEqual(["A6=201", "A7=20106"]);
    expect(plan.findings.map((f) => `${f.ruleId} ${f.cell}`)).toEqual(["fill/unmatched B8", "fill/ambiguous B9"]);
    expect(plan.findings[1].message).toContain("2210201");
  });

  test("a truncated name is filled by prefix with a lower confidence; a threshold holds weak matches back", () => {
    const rows: RowSpec[] = [
      { code: "", name: "社会保障和就业支出", depth: 0 },
      { code: "", name: "行政事业单位养老支出", depth: 1 },
      { code: "", name: "机关事业单位基本养老保险缴费支", depth: 2 },
      { code: "", name: "机关事业单位职业", depth: 2 },
    ];
    const plan = planFill(recognitionOf([codedTable("T02", rows)]), cat);
    expect(codesOf(plan)).toEqual(["A6=208", "A7=20805", "A8=2080505", "A9=2080506"]);
    const [strong, weak] = plan.changes.slice(2);
    expect(strong.reason).toContain("截断");
    expect(weak.confidence).toBeLessThan(strong.confidence);
    const strict = planFill(recognitionOf([codedTable("T02", rows)]), cat, { minConfidence: strong.confidence });
    expect(codesOf(strict)).toEqual(["A6=208", "A7=20805", "A8=2080505"]);
    expect(strict.findings.map((f) => f.ruleId)).toEqual(["fill/low-confidence"]);
  });

  test("missing parent rows are listed where they belong", () => {
    const t = codedTable("T02", [
      ["201", "一般公共服务支出"],
      ["2010607", "信息化建设"],
      { code: "", name: "财政委托业务支出", depth: 2, indent: 4 },
      { code: "", name: "住房公积金", depth: 2, indent: 4 },
    ]);
    const plan = planFill(recognitionOf([t]), cat);
    expect(codesOf(plan)).toEqual(["A8=2010608"]);
    expect(plan.missingParents).toEqual([{ table: "T02", sheet: "T02", beforeRow: 6, code: "20106", name: "财政事务", reason: expect.stringContaining("20106") }]);
    expect(plan.findings.filter((f) => f.ruleId === "fill/missing-parent")).toHaveLength(1);
  });

  test("missing parents also for uncoded rows found under a grandparent", () => {
    const t = codedTable("T02", [
      { code: "", name: "卫生健康支出", depth: 0, indent: 0 },
      { code: "", name: "事业单位医疗", depth: 2, indent: 4 },
    ]);
    const plan = planFill(recognitionOf([t]), cat);
    expect(codesOf(plan)).toEqual(["A6=210", "A7=2101102"]);
    expect(plan.missingParents.map((m) => [m.code, m.beforeRow])).toEqual([["21011", 6]]);
  });

  test("a table with no code column: nothing to write, the codes are suggested", () => {
    const t = codedTable("T03", uncodedSeed(), { codeColumn: false });
    const plan = planFill(recognitionOf([t]), cat);
    expect(plan.changes).toEqual([]);
    expect(plan.noCodeColumn).toHaveLength(1);
    expect(plan.noCodeColumn[0].suggestions.map((s) => s.code)).toEqual(SEED_FUNCTIONAL_ROWS.map(([c]) => c));
    expect(plan.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(["fill/no-code-column info"]);
    expect(plan.findings[0].message).toContain("没有科目编码列");
  });

  test("a snapshot showing a non-empty or merged cell stops the write", () => {
    const t = codedTable("T02", [{ code: "", name: "一般公共服务支出", depth: 0 }]);
    const wb: WorkbookSnapshot = { name: "x", sheets: [{ name: "T02", visibility: "visible", merges: [], rows: [undefined, undefined, undefined, undefined, undefined, [{ v: "　" }, { v: "一般公共服务支出" }]] }] };
    expect(codesOf(planFill(recognitionOf([t]), cat, { workbook: wb }))).toEqual(["A6=201"]);
    wb.sheets[0].rows[5]![0] = { v: "X201" };
    const plan = planFill(recognitionOf([t]), cat, { workbook: wb });
    expect(plan.changes).toEqual([]);
    expect(plan.findings.map((f) => f.ruleId)).toEqual(["fill/not-empty"]);
    // inside a merged area (not its top-left cell) Excel would hide the value
    wb.sheets[0].rows[5]![0] = { v: null };
    wb.sheets[0].merges.push({ r0: 4, c0: 0, r1: 5, c1: 0 });
    const merged = planFill(recognitionOf([t]), cat, { workbook: wb });
    expect(merged.changes).toEqual([]);
    expect(merged.findings.map((f) => f.ruleId)).toEqual(["fill/merged"]);
  });

  test("表六: empty 政府 names follow the unit type the other rows show", () => {
    const rows: RowSpec[] = [
      { code: "", name: "工资福利支出", depth: 0 },
      { code: "", name: "基本工资", depth: 1, name2: "工资福利支出" },
      { code: "", name: "津贴补贴", depth: 1 },
      { code: "", name: "商品和服务支出", depth: 0 },
      { code: "", name: "办公费", depth: 1 },
      { code: "", name: "对个人和家庭的补助", depth: 0 },
      { code: "", name: "退休费", depth: 1 },
    ];
    const plan = planFill(recognitionOf([codedTable("T06", rows, { codeColumn: false, name2: true })]), cat);
    expect(plan.changes.map((c) => `${c.cell}=${c.after}`)).toEqual(["C8=工资福利支出", "C10=商品和服务支出", "C12=离退休费"]);
    expect(plan.findings).toEqual([]);
    // with no row showing the unit type only the mapping shared by both is filled
    const blind = planFill(recognitionOf([codedTable("T06", rows.map((r) => ({ ...r, name2: undefined })), { codeColumn: false, name2: true })]), cat);
    expect(blind.changes.map((c) => `${c.cell}=${c.after}`)).toEqual(["C12=离退休费"]);
    expect(blind.findings.map((f) => `${f.ruleId} ${f.cell}`)).toEqual(["fill/unit-type C7", "fill/unit-type C8", "fill/unit-type C10"]);
  });

  test("the plan is plain data (JSON round trip)", () => {
    const plan = planFill(recognitionOf([codedTable("T02", uncodedSeed()), codedTable("T03", uncodedSeed(), { codeColumn: false })]), cat);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  // How fast is npm run bench's business ("fill plan over … rows"); the test checks the result only.
  test("100,000 rows are all planned", () => {
    const builtIn = Catalogue.forYear(2026)!;
    const base = uncodedSeed();
    const specs: RowSpec[] = [];
    while (specs.length < 100_000) specs.push(...base);
    const big = recognitionOf([codedTable("T02", specs)]);
    const plan = planFill(big, builtIn);
    expect(plan.changes).toHaveLength(specs.length);
    expect(plan.changes[specs.length - 12].after).toBe("2080502");
  });
});

describe("planFill on the sample workbook (seed) with codes emptied", () => {
  const builtIn = Catalogue.forYear(2026)!;

  async function planFor(opts: Parameters<typeof buildSample>[0]): Promise<{ plan: FillPlan; map: SampleMap; tables: RecognisedTable[] }> {
    const { buffer, map } = await buildSample(opts);
    const wb = readWorkbookBytes(new Uint8Array(buffer), "sample.xlsx");
    const rec = recognise(wb);
    return { plan: planFill(rec, builtIn, { workbook: wb }), map, tables: rec.tables };
  }

  function seedCodes(map: SampleMap): string[] {
    const out: string[] = [];
    for (const key of ["T02", "T03", "T05"] as const) {
      const t = map.tables[key]!;
      for (const row of t.rows) if (row.code && row.codeCell) out.push(`${t.sheet}!${row.codeCell}=${row.code}`);
    }
    return out.sort();
  }

  test("empty code cells are filled back exactly to the seed's codes, and nothing else", async () => {
    const { plan, map } = await planFor({ noCodes: "empty", performance: false, narrative: false });
    const planned = plan.changes.map((c) => `${c.sheet}!${c.cell}=${c.after}`).sort();
    expect(planned.length).toBe(60);
    expect(planned).toEqual(seedCodes(map));
    expect(plan.changes.every((c) => c.kind === "code" && c.before === null)).toBe(true);
    expect(plan.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(plan.missingParents).toEqual([]);
  });

  test("without the indentation the codes still come back exactly", async () => {
    const { plan, map } = await planFor({
      noCodes: "empty",
      performance: false,
      narrative: false,
      mutate: (wb) => {
        for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => {
          if (typeof cell.value === "string") cell.value = cell.value.replace(/^[\s\u3000]+/, "");
        }));
      },
    });
    expect(plan.changes.map((c) => `${c.sheet}!${c.cell}=${c.after}`).sort()).toEqual(seedCodes(map));
  });

  test("the complete seed needs nothing", async () => {
    const { plan } = await planFor({ performance: false, narrative: false });
    expect(plan.changes).toEqual([]);
    expect(plan.findings).toEqual([]);
  });

  test("with the code column dropped the codes are suggested per table", async () => {
    const { plan, map } = await planFor({ noCodes: "drop", performance: false, narrative: false });
    expect(plan.changes).toEqual([]);
    expect(plan.noCodeColumn.map((n) => n.table)).toEqual(["T02", "T03", "T05"]);
    for (const n of plan.noCodeColumn) {
      const expected = map.tables[n.table as "T02"]!.rows.filter((r) => r.code).map((r) => r.code);
      expect(n.suggestions.map((s) => s.code)).toEqual(expected);
    }
  });
});
