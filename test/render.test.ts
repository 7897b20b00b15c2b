/**
 * render: package → the standard workbook → package again gives the same package (same cells), on
 * the sample and on generated variants; totals that are sums become SUM formulas with cached values.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { analyse } from "../src/core/analyse";
import { canonicalJson } from "../src/core/report/canonical";
import { buildPackage, type DisclosurePackage } from "../src/core/report/package";
import { renderPackage } from "../src/core/publish/render";
import { writeXlsx } from "../src/io/xlsx-write";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { buildSampleWorkbook, type SampleOptions } from "../scripts/sample/build";
import { SAMPLE, runCli } from "./cli/run";
import { expectValidPackage } from "./package-valid";
import type { WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { base, BASES } from "./metamorphic/workbooks";
import { STEPS, applySteps, startState, type Step } from "./metamorphic/transforms";

function packageOf(bytes: Uint8Array, name = "w.xlsx"): DisclosurePackage {
  const { recognition, report } = analyse(readWorkbookBytes(bytes, name));
  return buildPackage(recognition, report);
}

function roundTrip(pkg: DisclosurePackage): { bytes: Uint8Array; again: DisclosurePackage } {
  const bytes = writeXlsx(renderPackage(pkg));
  return { bytes, again: packageOf(bytes, pkg.workbook) };
}

describe("sample → package → workbook → package", () => {
  const pkg = packageOf(new Uint8Array(readFileSync(SAMPLE)), "样例.xlsx");
  const { bytes, again } = roundTrip(pkg);

  test("the same package, byte for byte (cells did not move; same findings, 0 errors, 3 warnings, 9 infos)", () => {
    expect(canonicalJson(again)).toBe(canonicalJson(pkg));
    expect(again.summary).toMatchObject({ errors: 0, warnings: 3, infos: 9 });
    expectValidPackage(JSON.parse(canonicalJson(again)));
  });

  test("sums as SUM formulas with their cached figures; a rounding tail stays a figure; number formats and merges", () => {
    const wb = XLSX.read(bytes, { type: "array", cellNF: true });
    const t03 = wb.Sheets["表三"];
    expect(t03["C5"]).toMatchObject({ f: "SUM(C6,C12,C17,C23)", v: 533.48, z: "#,##0.00" });
    expect(t03["C7"]).toMatchObject({ f: "SUM(C8:C11)", v: 434.67 });
    expect(t03["E7"]).toMatchObject({ f: "SUM(E8:E9,E11)", v: 288 });
    // 21011 行政事业单位医疗 is 12.68 in the seed while its items add up to 12.67: kept as written
    const t02 = pkg.tables.find((t) => t.id === "T02")!;
    const medical = t02.rows.find((r) => r.code === "21011")!;
    expect(wb.Sheets["表二"][medical.amounts.total.cell].f).toBeUndefined();
    expect(wb.Sheets["表二"][medical.amounts.total.cell].v).toBe(12.68);
    expect((t03["!merges"] ?? []).map((m) => XLSX.utils.encode_range(m))).toEqual(expect.arrayContaining(["A1:E1", "A3:B3", "C3:E3"]));
    expect(wb.Sheets["表七"]["A6"].v).toBe("注：本表无数据");
    expect(wb.SheetNames).toEqual(["表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九", "表十", "表十一", "表十二", "表十三", "绩效目标表1", "绩效目标表2", "绩效目标表3", "情况说明"]);
  });
});

describe("a Shanghai workbook survives the round trip too", () => {
  // 表9 (三公) has one data row and no label column: its row is known by its leftmost figure's cell.
  const SHANGHAI = join(__dirname, "..", "assets", "samples", "2026-上海单位预算公开-样例.xlsx");
  const pkg = packageOf(new Uint8Array(readFileSync(SHANGHAI)), "上海样例.xlsx");

  test("its package is valid, and package → workbook → package gives the same package", () => {
    expect(pkg.layoutSet).toBe("shanghai-unit");
    expectValidPackage(JSON.parse(canonicalJson(pkg)));
    const sh9 = pkg.tables.find((t) => t.id === "SH9")!;
    expect(sh9.rows).toHaveLength(1);
    expect(sh9.rows[0].cell).toBe(sh9.rows[0].amounts.total.cell);
    const { again } = roundTrip(pkg);
    expect(canonicalJson(again)).toBe(canonicalJson(pkg));
  });
});

describe("generated workbooks survive the round trip", () => {
  test.each<[string, SampleOptions]>([
    ["with errors (an edited figure)", { edits: [{ table: "T03", row: "2010607", column: "total", value: 100.5 }] }],
    ["another year and unit", { year: 2027, unitName: "某某县教育局" }],
    ["SUM formulas in the source", { formulas: true }],
    ["headers written once, in the lower row", { mergedHeaders: "bottom" }],
    ["one table", { tables: ["T05"], performance: false, narrative: false }],
    ["all tables on one sheet", { layout: "singleSheet" }],
    ["tables moved down and right", { rowOffset: 3, colOffset: 2 }],
    ["sheets in shuffled order", { order: "shuffled", seed: 7 }],
    ["numeric codes", { codesAsNumbers: true }],
  ])("%s", async (_name, opts) => {
    const pkg = packageOf(new Uint8Array(await buildSampleWorkbook(opts)));
    expect(canonicalJson(roundTrip(pkg).again)).toBe(canonicalJson(pkg));
  });
});

describe("the metamorphic suite's workbooks and transformations survive the round trip", () => {
  const pkgOf = (wb: WorkbookSnapshot) => {
    const { recognition, report } = analyse(wb);
    return buildPackage(recognition, report);
  };
  const cases: Array<[string, SampleOptions, Step | null]> = [
    ...BASES.map(([name, opts]): [string, SampleOptions, Step | null] => [name, opts, null]),
    ...STEPS.map((step): [string, SampleOptions, Step | null] => ["seed", {}, step]),
  ];
  test.each(cases.map(([name, opts, step]) => [`${name}${step ? ` + ${step.name}` : ""}`, opts, step] as const))("%s", (_label, opts, step) => {
    const s = startState(base(_label, opts), 7);
    if (step) applySteps(s, [step]);
    const pkg = pkgOf(s.wb);
    const again = JSON.parse(canonicalJson(pkgOf(readWorkbookBytes(writeXlsx(renderPackage(pkg)), s.wb.name))));
    const before = JSON.parse(canonicalJson(pkg));
    if (step?.name.includes("typed as text")) {
      // written back as numbers: the tables are the same and the text-number warnings are gone
      expect(again.tables).toEqual(before.tables);
      expect(again.summary.errors).toBe(0);
      expect(again.findings.some((f: { ruleId: string }) => f.ruleId === "structure/text-number")).toBe(false);
    } else if (step?.name.includes("备注")) {
      // the 备注 column is not part of the package: only the tables' ranges narrow by it
      for (const t of [...before.tables, ...again.tables]) delete t.range;
      delete before.sha256;
      delete again.sha256;
      expect(again).toEqual(before);
    } else expect(canonicalJson(again)).toBe(canonicalJson(pkg));
  });
});

describe("budget-disclosure render", () => {
  const dir = mkdtempSync(join(tmpdir(), "bda-render-"));

  test("package → workbook → export gives the same package; an existing output needs --force; never the input", async () => {
    const sub = join(dir, "a");
    const pkgFile = join(dir, "p.json");
    expect((await runCli(["export", SAMPLE, "-o", pkgFile])).code).toBe(0);
    mkdirSync(sub);
    const out = join(sub, "2026-单位预算公开-样例.xlsx");
    const r = await runCli(["render", pkgFile, "-o", out]);
    expect(r.stderr).toContain("已生成");
    expect(r.code).toBe(0);
    const again = await runCli(["export", out]);
    const a = JSON.parse(readFileSync(pkgFile, "utf8"));
    const b = JSON.parse(again.stdout);
    for (const p of [a, b]) {
      delete p.source;
      delete p.sha256;
    }
    expect(b).toEqual(a);
    const twice = await runCli(["render", pkgFile, "-o", out]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("输出文件已存在");
    expect((await runCli(["render", pkgFile, "-o", out, "--force"])).code).toBe(0);
    const self = await runCli(["render", pkgFile, "-o", pkgFile, "--force"]);
    expect(self.code).toBe(2);
    expect(JSON.parse(readFileSync(pkgFile, "utf8")).format).toBe("budget-disclosure-package");
  });

  test("an invalid or tampered package is refused with exit 2 and nothing written", async () => {
    const pkgFile = join(dir, "bad.json");
    const good = JSON.parse((await runCli(["export", SAMPLE])).stdout);
    good.tables[2].rows[3].amounts.total.value = "1.00";
    writeFileSync(pkgFile, JSON.stringify(good));
    const r = await runCli(["render", pkgFile, "-o", join(dir, "bad.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("数据包无效");
    expect(r.stderr).toContain("/sha256");
    expect(existsSync(join(dir, "bad.xlsx"))).toBe(false);
  });
});
