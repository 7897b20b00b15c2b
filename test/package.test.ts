import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../src/core/analyse";
import { canonicalJson, nobleSha256, sha256Hex, TextHash } from "../src/core/report/canonical";
import { buildPackage, packageSha256, reportPackage, writePackageBytes, writePackageJson } from "../src/core/report/package";
import { formatPackageText } from "../src/core/report/text";
import { cellPosition } from "../src/core/recognise/rows";
import { a1 } from "../src/core/workbook/snapshot";
import { nodeSha256, nodeSha256Hex } from "../src/node/hash";
import { buildLargeWorkbook } from "../scripts/sample/large";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { validatePackage } from "../src/node/validate-package";
import { buildSampleWorkbook } from "../scripts/sample/build";
import { expectValidPackage } from "./package-valid";

const SAMPLE = join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");

describe("the streamed JSON package", () => {
  test.each([
    ["the sample", async () => new Uint8Array(readFileSync(SAMPLE))],
    ["a sample with errors", async () => new Uint8Array(await buildSampleWorkbook({ edits: [{ table: "T03", row: "2010607", column: "total", value: 100.5 }] }))],
    ["a single table", async () => new Uint8Array(await buildSampleWorkbook({ tables: ["T13"], performance: false, narrative: false }))],
  ])("%s: canonical JSON, the same bytes as canonicalJson(buildPackage(…)), valid and sealed", async (_name, bytes) => {
    const b = await bytes();
    const { recognition, report } = analyse(readWorkbookBytes(b, "x.xlsx"));
    const opts = { sourceSha256: sha256Hex(b), forced: report.summary.errors > 0 };
    let text = "";
    writePackageJson(recognition, report, (c) => (text += c), opts);
    const built = buildPackage(recognition, report, opts);
    expect(text).toBe(canonicalJson(built));
    const doc = JSON.parse(text);
    expectValidPackage(doc);
    expect(doc.sha256).toBe(packageSha256(doc));
    expect(doc.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.forced).toBe(report.summary.errors > 0 ? true : undefined);
    expect(doc.generatedAt).toBeUndefined();
  });
});

describe("rows written straight into bytes", () => {
  test("awkward names, a row longer than a buffer and figures without a scaled integer: the bytes of canonicalJson(buildPackage(…))", () => {
    const { recognition, report } = analyse(readWorkbookBytes(new Uint8Array(readFileSync(SAMPLE)), "x.xlsx"));
    const rows = recognition.tables.flatMap((t) => t.rows).filter((r) => r.name.text);
    const rename = (i: number, text: string) => (rows[i].name = { text, cell: rows[i].name.cell });
    // more than a 1 MB buffer takes (6 bytes a code unit at most), on a row with a parent code
    rename(rows.findIndex((r) => r.level === "款"), "名".repeat(200000));
    rename(1, '\ud800"\\\n\u001f€\ud83d\ude00\u2028');
    rename(2, "");
    const row = rows.find((r) => Object.keys(r.amounts).length > 1)!;
    const [role] = Object.keys(row.amounts);
    const ac = row.amounts[role];
    // a figure of more than 6 decimals (its scaled integer is then not the figure): written from its Decimal
    row.amounts[role] = { cell: ac.cell, amount: { value: ac.amount.value.plus("0.0000001"), raw: ac.amount.raw, fromText: false, decimals: 7, scaled: ac.amount.scaled } };
    let text = "";
    writePackageJson(recognition, report, (c) => (text += c));
    expect(text).toBe(canonicalJson(buildPackage(recognition, report)));
    expect(text).toContain('"name":"' + "名".repeat(200000) + '"');
    expect(text).toContain(JSON.stringify('\ud800"\\\n\u001f€\ud83d\ude00\u2028'));
    expect(text).toMatch(/"value":"\d+\.\d{7}"/);
  });
});

test("cellPosition (the writer's addresses without strings) names the cell each recognised name, code and figure gives", () => {
  const { recognition } = analyse(readWorkbookBytes(new Uint8Array(readFileSync(SAMPLE)), "x.xlsx"));
  let positioned = 0;
  for (const row of recognition.tables.flatMap((t) => t.rows)) {
    for (const x of [row.name, row.code, row.name2, ...Object.values(row.amounts)]) {
      if (!x) continue;
      const at = cellPosition(x);
      if (at < 0) continue;
      positioned++;
      expect(a1(Math.floor(at / 16384), at % 16384)).toBe(x.cell);
    }
  }
  expect(positioned).toBeGreaterThan(400); // 467 in the sample
  // anything else (a cell given as its address) is read from its `cell`
  expect(cellPosition({ text: "x", cell: "B7" })).toBe(-1);
});

describe("the package as UTF-8 buffers (what the CLI writes)", () => {
  test("a package of several megabytes: the same bytes as the text, sealed alike by Node's SHA-256 and the pure-JavaScript one", async () => {
    const b = new Uint8Array(await buildLargeWorkbook({ subjectRows: 12000, projects: 300 }));
    const { recognition, report } = analyse(readWorkbookBytes(b, "large.xlsx"));
    const opts = { sourceSha256: nodeSha256Hex(b) };
    expect(opts.sourceSha256).toBe(sha256Hex(b));
    const parts: Uint8Array[] = [];
    writePackageBytes(recognition, report, (c) => parts.push(c), { ...opts, sha256: nodeSha256 });
    expect(parts.length).toBeGreaterThan(3); // several 1 MB buffers, the seal between two of them
    const bytes = Buffer.concat(parts);
    expect(bytes.length).toBeGreaterThan(3 << 20);
    let text = "";
    writePackageJson(recognition, report, (c) => (text += c), opts);
    expect(bytes.toString("utf8")).toBe(text);
    expect(text).toBe(canonicalJson(buildPackage(recognition, report, opts)));
  });

  test("TextHash keeping its buffers: their bytes are the UTF-8 of the text in order, marks split it where asked", () => {
    const h = new TextHash(nobleSha256(), true);
    const long = "预算".repeat(400000); // longer than one buffer: encoded on its own
    const text = ["{", "\"名称\":", "\"x\"", ",", long, "}"];
    h.update(text[0]);
    h.update(text[1]);
    const a = h.mark();
    h.update(text[2]);
    const b = h.mark();
    for (const t of text.slice(3)) h.update(t);
    expect(h.hex()).toBe(sha256Hex(new TextEncoder().encode(text.join(""))));
    const chunks = h.chunks().map((c) => Buffer.from(c).toString("utf8"));
    expect(chunks.join("")).toBe(text.join(""));
    expect(chunks.slice(0, a).join("")).toBe("{\"名称\":");
    expect(chunks.slice(a, b).join("")).toBe("\"x\"");
    expect(h.mark()).toBe(chunks.length);
  });
});

describe("format version 2 on the sample", () => {
  const { recognition, report } = analyse(readWorkbookBytes(new Uint8Array(readFileSync(SAMPLE)), "样例.xlsx"));
  const pkg = buildPackage(recognition, report);

  test("layout set, generator, money unit with its scale; no timestamp and no source without the file", () => {
    expect(pkg.version).toBe(2);
    expect(pkg.layoutSet).toBe("shanxi-unit-2026");
    expect(pkg.generator).toEqual({ name: "budget-disclosure", version: expect.any(String) });
    expect(pkg.moneyUnit).toEqual({ unit: "万元", scale: 10000 });
    expect(pkg.source).toBeUndefined();
    expect("generatedAt" in pkg).toBe(false);
    expectValidPackage(JSON.parse(canonicalJson(pkg)));
  });

  test("rows keep code, name, level and parent code; amounts their cells", () => {
    const t03 = pkg.tables.find((t) => t.id === "T03")!;
    expect(t03.moneyUnit).toEqual({ unit: "万元", scale: 10000, cell: expect.stringMatching(/^[A-Z]+\d+$/) });
    const item = t03.rows.find((r) => r.code === "2010607")!;
    expect(item).toMatchObject({ name: "信息化建设", level: "项", parentCode: "20106", amounts: { total: { value: "100.00", cell: "C8" } } });
    expect(t03.rows.find((r) => r.code === "20106")).toMatchObject({ level: "款", parentCode: "201" });
    expect(t03.rows.find((r) => r.code === "201")!.parentCode).toBeUndefined();
  });

  test("performance indicators as written: three levels, comparator, value, unit", () => {
    const pt = pkg.tables.find((t) => t.id === "PT")!;
    const ind = (pt.form as { indicators: Array<Record<string, unknown>> }).indicators;
    expect(ind[0]).toEqual({ block: "实施期", level1: "产出指标", level2: "数量指标", level3: "重点评价项目计划开展数", cell: "D19", target: { text: "≥4个", cell: "E19", comparator: "≥", value: "4", unit: "个" } });
  });

  test("the narrative's stated figures with where they were found", () => {
    expect(pkg.narrative.figures.length).toBeGreaterThan(20);
    expect(pkg.narrative.figures[0]).toEqual({ kind: "amount", subject: "预算收入总计", text: "533.48", unit: "万元", value: "533.48", statement: "预算收入总计533.48万元", sheet: "情况说明", cell: "A2" });
  });

  test("the 情况说明 draft with each figure's table, sheet and cell; not in the text report's package", () => {
    const d = pkg.narrativeDraft!;
    expect(d.paragraphs.map((p) => p.id)).toEqual(["totals", "income", "expenditure", "fiscal", "gpb", "gpbBasic", "sanGong", "operatingCost"]);
    const spend = d.paragraphs.find((p) => p.id === "expenditure")!;
    expect(spend.figures.find((f) => f.kind === "share" && f.text === "46.01")).toEqual({
      kind: "share", text: "46.01", unit: "%", start: expect.any(Number), end: expect.any(Number),
      table: "T03", sheet: "表三", cell: "D5", base: { table: "T03", sheet: "表三", cell: "C5" },
    });
    for (const p of d.paragraphs) for (const f of p.figures) expect(p.text.slice(f.start, f.end)).toBe(f.text);
    expect(buildPackage(recognition, report, { seal: false }).narrativeDraft).toBeUndefined();
    // A package without the member (written before it existed) is still a valid version 2 package.
    const older = JSON.parse(canonicalJson(pkg));
    delete older.narrativeDraft;
    older.sha256 = packageSha256(older);
    expectValidPackage(older);
  });

  test("dismissed findings stay, with their reason; the seal covers them", () => {
    const dismissedPkg = buildPackage(recognition, report, { dismissed: (_f, i) => (i === 0 ? { reason: "verified", note: "已与财政核对" } : undefined) });
    expect(dismissedPkg.findings).toHaveLength(report.findings.length);
    expect(dismissedPkg.findings[0].dismissed).toEqual({ reason: "verified", note: "已与财政核对" });
    expect(dismissedPkg.sha256).not.toBe(pkg.sha256);
    expectValidPackage(JSON.parse(canonicalJson(dismissedPkg)));
  });

  test("a changed figure breaks the seal", () => {
    const doc = JSON.parse(canonicalJson(pkg));
    doc.tables[2].rows[1].amounts.total.value = "999.99";
    expect(validatePackage(doc)).toEqual([expect.objectContaining({ pointer: "/sha256" })]);
  });
});

describe("reportPackage (the text report's package, rows only counted)", () => {
  test.each([
    ["the sample", async () => new Uint8Array(readFileSync(SAMPLE))],
    ["a sample with errors", async () => new Uint8Array(await buildSampleWorkbook({ edits: [{ table: "T03", row: "2010607", column: "total", value: 100.5 }] }))],
  ])("%s: the same text report as the unsealed package, in both languages, and the same members but rows", async (_name, bytes) => {
    const { recognition, report } = analyse(readWorkbookBytes(await bytes(), "x.xlsx"));
    const full = buildPackage(recognition, report, { seal: false });
    const counted = reportPackage(recognition, report);
    for (const lang of ["zh", "en"] as const) expect(formatPackageText(counted, lang)).toBe(formatPackageText(full, lang));
    const strip = (p: { tables: Array<{ rows: unknown }> }) => ({ ...p, tables: p.tables.map((t) => ({ ...t, rows: null })) });
    expect(strip(counted)).toEqual(strip(full));
    expect(counted.tables.map((t) => t.rows.length)).toEqual(full.tables.map((t) => t.rows.length));
    expect(counted.tables.some((t) => t.rows.length > 0)).toBe(true);
  });
});
