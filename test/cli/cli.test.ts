import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { strToU8, unzipSync, zipSync } from "fflate";
import { buildSampleWorkbook } from "../../scripts/sample/build";
import { displayWidth } from "../../src/core/report/width";
import { canonicalJson } from "../../src/core/report/canonical";
import { expectValidPackage } from "../package-valid";
import { SAMPLE, runCli as run } from "./run";



const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bda-cli-"));
});

describe("check on the sample workbook", () => {
  test("JSON follows the publication contract, exit 0, input untouched", async () => {
    const before = sha(SAMPLE);
    const r = await run(["check", SAMPLE, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const pkg = JSON.parse(r.stdout);
    expectValidPackage(pkg);
    expect(Object.keys(pkg)).toEqual(expect.arrayContaining(["workbook", "year", "unitName", "tables", "findings", "summary"]));
    expect(pkg.year).toBe(2026);
    expect(pkg.unitName).toBe("晋城经济技术开发区财政管理运营部");
    expect(pkg.tables.map((t: { id: string }) => t.id)).toEqual(["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10", "T11", "T12", "T13", "PT", "PT", "PT"]);
    for (const t of pkg.tables) expect(Object.keys(t)).toEqual(expect.arrayContaining(["id", "title", "sheet", "range", "rows", "empty"]));
    const t02 = pkg.tables.find((t: { id: string }) => t.id === "T02");
    expect(t02.rows.find((r: { code?: string }) => r.code === "2010607").amounts.total).toEqual({ value: "100.00", cell: "C8" });
    expect(pkg.summary.errors).toBe(0);
    expect(pkg.summary.rulesRun).toBeGreaterThan(20);
    expect(pkg.summary.tablesChecked).toBe(16);
    expect(sha(SAMPLE)).toBe(before);
  });

  test("text report is in Chinese, grouped by table, with the rounding tails", async () => {
    const r = await run(["check", SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("识别到 16 张表");
    expect(r.stdout).toMatch(/── 表二 ──[\s\S]*表二!C20[\s\S]*尾差/);
    expect(r.stdout).toContain("汇总：错误 0");
  });

  test("an error in a copy gives exit 1 and points at the cell", async () => {
    const bytes = await buildSampleWorkbook({ edits: [{ table: "T03", row: "2010607", column: "total", value: 100.5 }] });
    const p = join(dir, "broken.xlsx");
    writeFileSync(p, bytes);
    const r = await run(["check", p, "--format", "json"]);
    expect(r.code).toBe(1);
    const pkg = JSON.parse(r.stdout);
    const errors = pkg.findings.filter((f: { severity: string }) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((f: { sheet: string; cell: string }) => f.sheet === "表三" && f.cell === "C8")).toBe(true);
  });

  test("text columns line up by display width, severity words in the chosen language, no trailing blanks", async () => {
    for (const [lang, words] of [["zh", ["错误", "警告", "提示"]], ["en", ["error", "warning", "info"]]] as const) {
      const r = await run(["check", SAMPLE, "--lang", lang]);
      expect(r.code).toBe(0);
      const lines = r.stdout.split("\n");
      for (const l of lines) expect(l).toBe(l.trimEnd());
      // Finding lines: " mark  severity  Sheet!A1  message  [rule]" — the message starts at the same display column on every line.
      const findings = lines.filter((l) => /^ [✗!i] {2}/.test(l));
      expect(findings.length).toBeGreaterThan(5);
      const starts = new Set(
        findings.map((l) => {
          const m = /^ [✗!i] {2}(\S+) +(\S+!\S+) +/.exec(l)!;
          expect(words).toContain(m[1]);
          return displayWidth(m[0]);
        }),
      );
      expect(starts.size).toBe(1);
      // The table list aligns its sheet!range column across 表一 … 表十三 and the performance tables.
      const tables = lines.filter((l) => /^ {3}(T\d\d|PT) /.test(l));
      expect(tables).toHaveLength(16);
      const rangeAt = new Set(tables.map((l) => displayWidth(l.slice(0, l.search(/\S+!A\d+:/)))));
      expect(rangeAt.size).toBe(1);
      // Each finding says its figures once: no 应为/实为 appended after a message that has them.
      if (lang === "zh") expect(findings.filter((l) => l.includes("尾差")).every((l) => !l.includes("应为"))).toBe(true);
      else expect(r.stdout).toMatch(/^Summary: 0 errors, 3 warnings, 9 infos$/m);
    }
  });

  test("--lang refuses anything but zh and en", async () => {
    const r = await run(["check", SAMPLE, "--lang", "xx"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--lang 只能是 zh 或 en，收到“xx”");
    expect(r.stderr).toContain('--lang must be zh or en, got "xx"');
    expect((await run(["rules", "--lang", "fr"])).code).toBe(2);
  });

  test("a rule switched off by id does not run; an unknown id is refused", async () => {
    const r = await run(["check", SAMPLE, "--format", "json", "--disable", "sum/children"]);
    const pkg = JSON.parse(r.stdout);
    expect(pkg.findings.some((f: { ruleId: string }) => f.ruleId === "sum/children")).toBe(false);
    expect(pkg.summary.disabledRules).toEqual(["sum/children"]);
    const bad = await run(["check", SAMPLE, "--disable", "no/such-rule"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("未知的规则 ID：no/such-rule");
  });
});

describe("bad input: one clear message, exit 2, no stack trace", () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ["a text file", () => write("notes.xlsx", "这不是工作簿"), /不是 Excel 工作簿/],
    ["an empty file", () => write("empty-file.xlsx", ""), /文件为空/],
    ["a corrupt zip", () => write("corrupt.xlsx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 7)])), /已损坏/],
    ["a password-protected workbook", () => write("locked.xlsx", encrypted()), /密码保护/],
    ["a workbook with no data", () => write("blank.xlsx", blankWorkbook()), /没有任何数据/],
    ["a missing file", () => join(dir, "nope.xlsx"), /找不到文件/],
  ];
  test.each(cases)("%s", async (_name, make, message) => {
    const p = make();
    const r = await run(["check", p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test("a sheet with a million blank rows is read and the tables are still recognised", async () => {
    const p = write("million.xlsx", withMillionBlankRows(readFileSync(SAMPLE)));
    const r = await run(["check", p, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tables).toHaveLength(16);
  });

  test("unknown command and bad options", async () => {
    expect((await run(["frobnicate"])).code).toBe(2);
    const r = await run(["check", SAMPLE, "--format", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format 只能是 text 或 json");
  });
});

describe("batch check of a folder", () => {
  test("checks every workbook with workers, ends with a summary table, exit 2 when one is unreadable", async () => {
    const folder = join(dir, "units");
    mkdirSync(folder);
    copyFileSync(SAMPLE, join(folder, "a-单位.xlsx"));
    writeFileSync(join(folder, "b-有错.xlsx"), await buildSampleWorkbook({ edits: [{ table: "T02", row: "201", column: "total", value: 400 }] }));
    writeFileSync(join(folder, "c-坏.xlsx"), "not a workbook");
    writeFileSync(join(folder, "readme.txt"), "ignored");
    const r = await run(["check", folder, "--jobs", "2"]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split("\n");
    expect(lines[lines.length - 1]).toBe("共 3 个文件：1 个通过，1 个有错误，1 个无法读取");
    expect(r.stdout).toMatch(/a-单位\.xlsx\s+2026\s+晋城经济技术开发区财政管理运营部\s+16\s+0\s+\d+\s+\d+\s+通过/);
    expect(r.stdout).toMatch(/b-有错\.xlsx.*有错误/);
    expect(r.stdout).toMatch(/c-坏\.xlsx.*无法读取/);
    const json = await run(["check", folder, "--format", "json"]);
    const doc = JSON.parse(json.stdout);
    expect(doc.files).toHaveLength(3);
    // each workbook's package in a batch is the same format, sealed and with its workbook's SHA-256
    expectValidPackage(doc.files[0]);
    expect(doc.files[0].source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.files[2].error.zh).toMatch(/不是 Excel 工作簿/);
  });
});

describe("export", () => {
  test("writes the JSON package to a file and refuses to overwrite without --force", async () => {
    const out = join(dir, "package.json");
    const r = await run(["export", SAMPLE, "-o", out]);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(out, "utf8"));
    expect(pkg.format).toBe("budget-disclosure-package");
    expect(pkg.tables).toHaveLength(16);
    expectValidPackage(pkg);
    const again = await run(["export", SAMPLE, "-o", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("输出文件已存在");
  });

  test("the same workbook gives the same bytes: canonical JSON, sealed, with the workbook's SHA-256", async () => {
    const a = join(dir, "same-a.json");
    const b = join(dir, "same-b.json");
    expect((await run(["export", SAMPLE, "-o", a])).code).toBe(0);
    expect((await run(["export", SAMPLE, "-o", b])).code).toBe(0);
    const bytes = readFileSync(a);
    expect(bytes.equals(readFileSync(b))).toBe(true);
    const pkg = JSON.parse(bytes.toString("utf8"));
    expect(canonicalJson(pkg)).toBe(bytes.toString("utf8"));
    expect(pkg.source.sha256).toBe(sha(SAMPLE));
    expect(pkg.generatedAt).toBeUndefined();
    // standard output: the same bytes and a newline
    const out = await run(["export", SAMPLE]);
    expect(out.stdout).toBe(bytes.toString("utf8") + "\n");
    const stamped = await run(["export", SAMPLE, "--timestamp"]);
    const withTime = JSON.parse(stamped.stdout);
    expect(withTime.generatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expectValidPackage(withTime);
  });

  test("a workbook with errors is refused unless --allow-errors, and a forced package says so", async () => {
    const p = write("errors.xlsx", await buildSampleWorkbook({ edits: [{ table: "T03", row: "2010607", column: "total", value: 100.5 }] }));
    const out = join(dir, "errors.json");
    const refused = await run(["export", p, "-o", out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--allow-errors");
    expect(existsSync(out)).toBe(false);
    const forced = await run(["export", p, "-o", out, "--allow-errors"]);
    expect(forced.code).toBe(1);
    const pkg = JSON.parse(readFileSync(out, "utf8"));
    expect(pkg.forced).toBe(true);
    expect(pkg.summary.errors).toBeGreaterThan(0);
    expectValidPackage(pkg);
    const clean = JSON.parse((await run(["export", SAMPLE])).stdout);
    expect("forced" in clean).toBe(false);
  });
});

describe("validate-package", () => {
  let good: string;
  beforeAll(async () => {
    good = join(dir, "valid.json");
    await run(["export", SAMPLE, "-o", good]);
  });

  test("a package from export is valid: exit 0", async () => {
    const r = await run(["validate-package", good]);
    expect(r.stdout).toContain("数据包有效");
    expect(r.code).toBe(0);
  });

  test("a changed figure breaks the seal: exit 1, pointer /sha256", async () => {
    const pkg = JSON.parse(readFileSync(good, "utf8"));
    pkg.tables[1].rows[2].amounts.total.value = "1.00";
    const p = write("tampered.json", JSON.stringify(pkg, null, 2));
    const r = await run(["validate-package", p]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\/sha256\s+校验值不符/);
  });

  test("schema errors: each with its JSON pointer and message, in Chinese or English", async () => {
    const pkg = JSON.parse(readFileSync(good, "utf8"));
    delete pkg.layoutSet;
    pkg.tables[1].rows[2].amounts.total.value = 12.5;
    const p = write("invalid.json", JSON.stringify(pkg));
    const zh = await run(["validate-package", p]);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain("/  缺少必需的字段“layoutSet”");
    expect(zh.stdout).toContain("/tables/1/rows/2/amounts/total/value  类型应为 string");
    const en = await run(["validate-package", p, "--lang", "en"]);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain("must have required property 'layoutSet'");
    expect(en.stdout).toContain("/tables/1/rows/2/amounts/total/value  must be string");
  });

  test("not JSON, or no file: exit 2 with one line", async () => {
    const notJson = await run(["validate-package", write("not.json", "{ nope")]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain("不是有效的 JSON 数据包");
    expect(notJson.stderr).not.toMatch(/\n\s+at /);
    const missing = await run(["validate-package", join(dir, "missing.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("找不到文件");
  });
});

function write(name: string, data: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

/** An OLE container with the streams Excel writes for a password-protected workbook. */
function encrypted(): Uint8Array {
  const CFB = (XLSX as unknown as { CFB: { utils: { cfb_new(): unknown; cfb_add(c: unknown, n: string, d: Uint8Array): void }; write(c: unknown, o: object): Uint8Array } }).CFB;
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, "/EncryptionInfo", new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
  CFB.utils.cfb_add(cfb, "/EncryptedPackage", new Uint8Array(64).fill(1));
  return CFB.write(cfb, { type: "array" }) as Uint8Array;
}

function blankWorkbook(): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), "Sheet1");
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
}

/** Adds a sheet of 1,000,000 formatted but empty rows, as a stray fill-down leaves behind. */
function withMillionBlankRows(xlsx: Uint8Array): Uint8Array {
  const files = unzipSync(xlsx);
  const rows: string[] = [];
  for (let r = 1; r <= 1_000_000; r++) rows.push(`<row r="${r}" s="0" customFormat="1"/>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:Z1000000"/><sheetData>${rows.join("")}</sheetData></worksheet>`;
  files["xl/worksheets/sheet_blank.xml"] = strToU8(sheet);
  const td = new TextDecoder();
  let wbXml = td.decode(files["xl/workbook.xml"]);
  wbXml = wbXml.replace("</sheets>", `<sheet name="空白" sheetId="999" r:id="rIdBlank"/></sheets>`);
  files["xl/workbook.xml"] = strToU8(wbXml);
  let rels = td.decode(files["xl/_rels/workbook.xml.rels"]);
  rels = rels.replace("</Relationships>", `<Relationship Id="rIdBlank" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet_blank.xml"/></Relationships>`);
  files["xl/_rels/workbook.xml.rels"] = strToU8(rels);
  let types = td.decode(files["[Content_Types].xml"]);
  types = types.replace("</Types>", `<Override PartName="/xl/worksheets/sheet_blank.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`);
  files["[Content_Types].xml"] = strToU8(types);
  return zipSync(files);
}
