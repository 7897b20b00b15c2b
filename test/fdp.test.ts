/**
 * export --fdp: a Frictionless (Fiscal) Data Package, checked against the Frictionless rules as
 * tests: resource names, paths, schema fields = CSV header, hashes and sizes, values parse as their
 * declared types; plus the fiscal annotations, the approximate COFOG column and formula injection.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { analyse } from "../src/core/analyse";
import { unzipSync } from "fflate";
import { fdpZip, fiscalDataPackage, neutralise } from "../src/core/publish/fdp";
import { buildPackage } from "../src/core/report/package";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { buildSampleWorkbook } from "../scripts/sample/build";
import { SAMPLE, runCli } from "./cli/run";

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    }
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

interface Resource {
  name: string;
  path: string;
  hash: string;
  bytes: number;
  profile: string;
  schema: { fields: Array<{ name: string; type: string; [k: string]: unknown }>; missingValues: string[] };
}

/** The Frictionless rules a validator applies, as assertions. */
function checkFrictionless(dir: string): { descriptor: { resources: Resource[]; [k: string]: unknown }; tables: Map<string, Array<Record<string, string>>> } {
  const descriptor = JSON.parse(readFileSync(join(dir, "datapackage.json"), "utf8"));
  expect(descriptor.profile).toBe("tabular-data-package");
  expect(descriptor.name).toMatch(/^[a-z0-9._-]+$/);
  expect(Array.isArray(descriptor.resources) && descriptor.resources.length > 0).toBe(true);
  const names = new Set<string>();
  const tables = new Map<string, Array<Record<string, string>>>();
  for (const r of descriptor.resources as Resource[]) {
    expect(r.name).toMatch(/^[a-z0-9._-]+$/);
    expect(names.has(r.name)).toBe(false);
    names.add(r.name);
    expect(isAbsolute(r.path) || r.path.split("/").includes("..")).toBe(false);
    expect(existsSync(join(dir, r.path))).toBe(true);
    const bytes = readFileSync(join(dir, r.path));
    expect(r.hash).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
    expect(r.bytes).toBe(bytes.length);
    expect(r.profile).toBe("tabular-data-resource");
    const [header, ...rows] = parseCsv(bytes.toString("utf8"));
    const fields = r.schema.fields;
    expect(header).toEqual(fields.map((f) => f.name));
    expect(new Set(header).size).toBe(header.length);
    const records: Array<Record<string, string>> = [];
    for (const row of rows) {
      expect(row.length).toBe(fields.length);
      fields.forEach((f, i) => {
        const v = row[i];
        if (r.schema.missingValues.includes(v)) return;
        if (f.type === "number") expect([f.name, v, /^-?\d+(\.\d+)?$/.test(v)]).toEqual([f.name, v, true]);
        else if (f.type === "integer") expect([f.name, v, /^-?\d+$/.test(v)]).toEqual([f.name, v, true]);
        else expect(f.type).toBe("string");
      });
      records.push(Object.fromEntries(header.map((h, i) => [h, row[i]])));
    }
    tables.set(r.name, records);
  }
  expect(readdirSync(dir).sort()).toEqual(["datapackage.json", ...(descriptor.resources as Resource[]).map((r) => r.path)].sort());
  return { descriptor, tables };
}

describe("export --fdp", () => {
  const dir = mkdtempSync(join(tmpdir(), "bda-fdp-"));
  const out = join(dir, "fdp");
  let run: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    run = await runCli(["export", SAMPLE, "--fdp", out]);
  });

  test("writes datapackage.json and a CSV per table that follow the Frictionless rules", () => {
    expect(run.stderr).toContain("datapackage.json");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const { descriptor, tables } = checkFrictionless(out);
    expect((descriptor.resources as Resource[]).map((r) => r.name)).toEqual(["t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09", "t10", "t11", "t12", "t13", "performance-indicators"]);
    expect(descriptor.fiscalPeriod).toEqual({ start: "2026-01-01", end: "2026-12-31" });
    const t03 = tables.get("t03")!;
    expect(t03.find((r) => r.code === "2010607")).toMatchObject({ name: "信息化建设", level: "项", parent_code: "20106", total: "100.00", project: "100.00", basic: "", cofog_approx: "01" });
    expect(tables.get("t03")!.find((r) => r.code === "2101102")!.cofog_approx).toBe("07");
    expect(tables.get("performance-indicators")!.length).toBeGreaterThan(50);
  });

  test("amounts are fiscal measures: CNY, the unit's factor, phase approved; dimensions by classification; COFOG marked approximate", () => {
    const descriptor = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8"));
    const field = (res: string, name: string) => (descriptor.resources as Resource[]).find((r) => r.name === res)!.schema.fields.find((f) => f.name === name)!;
    expect(field("t03", "total")).toMatchObject({ type: "number", columnType: "value", currency: "CNY", factor: 10000, phase: "approved", direction: "expenditure" });
    expect(field("t02", "total")).toMatchObject({ direction: "revenue" });
    expect(field("t03", "code").columnType).toBe("functional-classification:generic:code");
    expect(field("t06", "name").columnType).toBe("economic-classification:department:label");
    expect(field("t06", "name2").columnType).toBe("economic-classification:government:label");
    expect(field("t07", "code").columnType).toBe("revenue-classification:generic:code");
    expect(String(field("t03", "cofog_approx").description)).toMatch(/^APPROXIMATE/);
  });

  test("the same workbook gives the same files; existing files need --force; errors need --allow-errors", async () => {
    const before = readFileSync(join(out, "t03.csv"));
    const again = await runCli(["export", SAMPLE, "--fdp", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("输出文件已存在");
    expect((await runCli(["export", SAMPLE, "--fdp", out, "--force"])).code).toBe(0);
    expect(readFileSync(join(out, "t03.csv")).equals(before)).toBe(true);
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, await buildSampleWorkbook({ edits: [{ table: "T03", row: "2010607", column: "total", value: 100.5 }] }));
    const refused = await runCli(["export", bad, "--fdp", join(dir, "bad-fdp")]);
    expect(refused.code).toBe(1);
    expect(existsSync(join(dir, "bad-fdp"))).toBe(false);
    expect((await runCli(["export", bad, "--fdp", join(dir, "bad-fdp"), "--allow-errors"])).code).toBe(1);
    checkFrictionless(join(dir, "bad-fdp"));
  });
});

describe("CSV cells a spreadsheet would run as formulas", () => {
  test("= + - @ (and tab, CR) at the start of a text cell get a leading apostrophe; numbers stay numbers", () => {
    expect(["=1+1", "+86", "-x", "@SUM(A1)", "\tx", "名称", "1-2"].map(neutralise)).toEqual(["'=1+1", "'+86", "'-x", "'@SUM(A1)", "'\tx", "名称", "1-2"]);
    const { recognition, report } = analyse(readWorkbookBytes(new Uint8Array(readFileSync(SAMPLE)), "s.xlsx"));
    const pkg = buildPackage(recognition, report);
    const t03 = pkg.tables.find((t) => t.id === "T03")!;
    t03.rows[1].name = '=HYPERLINK("http://x","点")';
    t03.rows[1].amounts.total.value = "-3.00";
    const csv = new TextDecoder().decode(fiscalDataPackage(pkg).find((f) => f.path === "t03.csv")!.bytes);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点"")"`);
    expect(csv).toMatch(/,-3\.00,/);
  });
});

describe("fdpZip (the pane's download)", () => {
  test("holds every file at the root, in order, unchanged; the same package always gives the same bytes", () => {
    const r = analyse(readWorkbookBytes(new Uint8Array(readFileSync(SAMPLE)), "s.xlsx"));
    const files = fiscalDataPackage(buildPackage(r.recognition, r.report));
    const zip = fdpZip(files);
    const back = unzipSync(zip);
    expect(Object.keys(back)).toEqual(files.map((f) => f.path));
    for (const f of files) expect(Buffer.from(back[f.path]).equals(Buffer.from(f.bytes))).toBe(true);
    expect(Buffer.from(fdpZip(files)).equals(Buffer.from(zip))).toBe(true);
    // Local file headers carry the fixed DOS date 1980-01-01 00:00 (time 0x0000, date 0x0021).
    expect(Buffer.from(zip.subarray(10, 14)).toString("hex")).toBe("00002100");
  });
});
