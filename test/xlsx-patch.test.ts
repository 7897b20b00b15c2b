import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import * as ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { Catalogue } from "../src/core/catalogue/catalogue";
import { planFill, type FillPlan } from "../src/core/catalogue/fill";
import { recognise } from "../src/core/recognise/recognise";
import { patchXlsx, PatchError, type CellEdit } from "../src/io/xlsx-patch";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { runFill } from "../src/node/fill-command";
import { buildSample, type SampleMap } from "../scripts/sample/build";

const dec = new TextDecoder();
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Every cell of every sheet as SheetJS reads it: value, type, formula, number format. */
function cellsOf(bytes: Uint8Array): Map<string, string> {
  const wb = XLSX.read(bytes, { type: "array", cellFormula: true, cellNF: true });
  const out = new Map<string, string>();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    for (const [addr, c] of Object.entries(ws)) {
      if (addr.startsWith("!")) continue;
      const cell = c as XLSX.CellObject;
      out.set(`${name}!${addr}`, JSON.stringify({ v: cell.v ?? null, t: cell.t, f: cell.f ?? null, z: cell.z ?? null }));
    }
    out.set(`${name}!merges`, JSON.stringify(ws["!merges"] ?? []));
  }
  return out;
}

/** A sheet's XML with the given cells cut out, so that everything else can be compared exactly. */
function withoutCells(xml: string, refs: string[]): string {
  let out = xml;
  for (const ref of refs) out = out.replace(new RegExp(`<c r="${ref}"(?:[^>]*/>|[^>]*>.*?</c>)`), `<c r="${ref}"/>`);
  return out;
}

function sheetPart(bytes: Uint8Array, sheet: string): string {
  const files = unzipSync(bytes);
  const wb = dec.decode(files["xl/workbook.xml"]);
  const rels = dec.decode(files["xl/_rels/workbook.xml.rels"]);
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="(\\w+)"`).exec(wb)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
  return `xl/${target}`;
}

describe("patchXlsx on the sample workbook with its codes emptied", () => {
  let input: Uint8Array;
  let output: Uint8Array;
  let plan: FillPlan;
  let map: SampleMap;

  beforeAll(async () => {
    const built = await buildSample({ noCodes: "empty", formulas: true });
    input = new Uint8Array(built.buffer);
    map = built.map;
    const wb = readWorkbookBytes(input, "in.xlsx");
    plan = planFill(recognise(wb), Catalogue.forYear(2026)!, { workbook: wb });
    const before = sha(input);
    output = patchXlsx(input, plan.changes.map((c) => ({ sheet: c.sheet, cell: c.cell, value: c.after })));
    expect(sha(input)).toBe(before); // the input buffer is not touched
  });

  test("only the planned cells differ: values, types, formulas, number formats and merges elsewhere are equal", () => {
    expect(plan.changes.length).toBe(60);
    const a = cellsOf(input);
    const b = cellsOf(output);
    const planned = new Map(plan.changes.map((c) => [`${c.sheet}!${c.cell}`, c.after]));
    const keys = new Set([...a.keys(), ...b.keys()]);
    let compared = 0;
    for (const k of keys) {
      if (planned.has(k)) {
        expect([k, JSON.parse(b.get(k)!).v]).toEqual([k, planned.get(k)]);
        continue;
      }
      expect([k, b.get(k)]).toEqual([k, a.get(k)]);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
    // the formulas of the sample survived (formulas: true writes SUMs)
    expect([...b.values()].some((v) => JSON.parse(v).f)).toBe(true);
  });

  test("every zip part but the patched sheets is byte-for-byte the same; patched sheets differ only in those cells", () => {
    const fa = unzipSync(input);
    const fb = unzipSync(output);
    expect(Object.keys(fb).sort()).toEqual(Object.keys(fa).sort());
    const patchedParts = new Map<string, string[]>();
    for (const c of plan.changes) {
      const part = sheetPart(input, c.sheet);
      patchedParts.set(part, [...(patchedParts.get(part) ?? []), c.cell]);
    }
    expect(patchedParts.size).toBe(3);
    for (const name of Object.keys(fa)) {
      const refs = patchedParts.get(name);
      if (!refs) {
        expect([name, Buffer.from(fb[name]).equals(Buffer.from(fa[name]))]).toEqual([name, true]);
        continue;
      }
      const xa = dec.decode(fa[name]);
      const xb = dec.decode(fb[name]);
      expect(xb).not.toBe(xa);
      expect(withoutCells(xb, refs)).toBe(withoutCells(xa, refs));
    }
  });

  test("filled cells keep their style and are inline strings", () => {
    const part = sheetPart(output, map.tables.T02!.sheet);
    const xml = dec.decode(unzipSync(output)[part]);
    const orig = dec.decode(unzipSync(input)[part]);
    const style = /<c r="A6" s="(\d+)"/.exec(orig)![1];
    expect(xml).toContain(`<c r="A6" s="${style}" t="inlineStr"><is><t>201</t></is></c>`);
  });

  test("the copy opens in a second reader and recognises with every code in place", async () => {
    const book = new ExcelJS.Workbook();
    // exceljs types want an older Buffer; the ArrayBuffer it accepts too avoids the mismatch
    await book.xlsx.load(output.slice().buffer as ArrayBuffer);
    const t02 = map.tables.T02!;
    const row = t02.rows.find((r) => r.code === "2010650")!;
    expect(book.getWorksheet(t02.sheet)!.getCell(row.codeCell!).value).toBe("2010650");
    const wb = readWorkbookBytes(output, "out.xlsx");
    const rec = recognise(wb);
    const again = planFill(rec, Catalogue.forYear(2026)!, { workbook: wb });
    expect(again.changes).toEqual([]);
    const codes = rec.tables.find((t) => t.id === "T02")!.rows.filter((r) => r.code).map((r) => r.code!.text);
    expect(codes).toEqual(t02.rows.filter((r) => r.code).map((r) => r.code));
  });
});

/** A minimal package by hand, for the shapes a generated sample never has. */
function handMade(opts: { sheet1?: string; sheet2?: string } = {}): Uint8Array {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const sheet1 =
    opts.sheet1 ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${ns}><dimension ref="A1:C5"/><cols><col min="2" max="2" width="12" style="3" customWidth="1"/></cols><sheetData>` +
      `<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1</v></c></row>` +
      `<row r="3" spans="1:3" s="2" customFormat="1"/>` +
      `<row r="5"><c r="B5"><f>C1*2</f><v>2</v></c><c r="C5"><f t="shared" ref="C5:C6" si="0">C1</f><v>1</v></c></row>` +
      `</sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells></worksheet>`;
  const sheet2 = opts.sheet2 ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${ns}><sheetData/></worksheet>`;
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        `<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${ns}><sheets><sheet name="数据&amp;表" sheetId="1" r:id="rId1"/><sheet name="空表" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(sheet1),
    "xl/worksheets/sheet2.xml": strToU8(sheet2),
    "xl/sharedStrings.xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>科目编码</t></si></sst>`),
    "xl/styles.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="4"><xf/><xf numFmtId="49" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="49" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    "xl/calcChain.xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B5" i="1"/><c r="C5" i="1"/></calcChain>`),
  };
  return zipSync(files);
}

function sheetXml(bytes: Uint8Array, part = "xl/worksheets/sheet1.xml"): string {
  return dec.decode(unzipSync(bytes)[part]);
}

describe("patchXlsx: inserting cells and rows", () => {
  const input = handMade();
  const before = sha(input);
  const edits: CellEdit[] = [
    { sheet: "数据&表", cell: "B1", value: "201" },
    { sheet: "数据&表", cell: "E1", value: 12.5 },
    { sheet: "数据&表", cell: "A3", value: "20106" },
    { sheet: "数据&表", cell: "A2", value: "一般公共服务支出" },
    { sheet: "数据&表", cell: "B7", value: ' <a & "b"> ' },
    { sheet: "空表", cell: "C2", value: "新" },
  ];
  const out = patchXlsx(input, edits);

  test("the input bytes are not modified", () => {
    expect(sha(input)).toBe(before);
  });

  test("cells go in column order inside their row, rows in row order", () => {
    const xml = sheetXml(out);
    expect([...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 5, 7]);
    const row1 = /<row r="1"[^>]*>(.*?)<\/row>/.exec(xml)![1];
    expect([...row1.matchAll(/<c r="([A-Z]+1)"/g)].map((m) => m[1])).toEqual(["A1", "B1", "C1", "E1"]);
    expect(xml).toContain('<row r="1" spans="1:5">');
    expect(xml).toContain('<dimension ref="A1:E7"/>');
    expect(sheetXml(out, "xl/worksheets/sheet2.xml")).toContain('<sheetData><row r="2"><c r="C2" t="inlineStr"><is><t>新</t></is></c></row></sheetData>');
  });

  test("new cells take the row style, else the column style; text is escaped and spaces kept", () => {
    const xml = sheetXml(out);
    expect(xml).toContain('<c r="B1" s="3" t="inlineStr"><is><t>201</t></is></c>');
    expect(xml).toContain('<row r="3" spans="1:3" s="2" customFormat="1"><c r="A3" s="2" t="inlineStr">');
    expect(xml).toContain('<c r="B7" s="3" t="inlineStr"><is><t xml:space="preserve"> &lt;a &amp; &quot;b&quot;&gt; </t></is></c>');
    expect(xml).toContain('<c r="E1"><v>12.5</v></c>');
  });

  test("SheetJS reads the values back; merges, formulas and the untouched parts stay", () => {
    const wb = XLSX.read(out, { type: "array", cellFormula: true });
    const ws = wb.Sheets["数据&表"];
    expect([ws.B1.v, ws.E1.v, ws.A3.v, ws.A2.v, ws.B7.v]).toEqual(["201", 12.5, "20106", "一般公共服务支出", ' <a & "b"> ']);
    expect(ws.B5.f).toBe("C1*2");
    expect(ws["!merges"]).toEqual([{ s: { r: 0, c: 0 }, e: { r: 1, c: 0 } }]);
    expect(wb.Sheets["空表"].C2.v).toBe("新");
    const fa = unzipSync(input);
    const fb = unzipSync(out);
    for (const name of ["xl/calcChain.xml", "xl/styles.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "[Content_Types].xml"]) {
      expect(Buffer.from(fb[name]).equals(Buffer.from(fa[name]))).toBe(true);
    }
  });

  test("the last edit of a cell wins", () => {
    const xml = sheetXml(patchXlsx(input, [{ sheet: "空表", cell: "A1", value: "甲" }, { sheet: "空表", cell: "A1", value: "乙" }]), "xl/worksheets/sheet2.xml");
    expect(xml).toContain("<t>乙</t>");
    expect(xml).not.toContain("<t>甲</t>");
  });
});

describe("patchXlsx: formulas and refusals", () => {
  const input = handMade();

  test("overwriting a plain formula removes calcChain and its references, nothing else", () => {
    const out = patchXlsx(input, [{ sheet: "数据&表", cell: "B5", value: 3 }]);
    const files = unzipSync(out);
    expect(files["xl/calcChain.xml"]).toBeUndefined();
    expect(dec.decode(files["xl/_rels/workbook.xml.rels"])).not.toContain("calcChain");
    expect(dec.decode(files["[Content_Types].xml"])).not.toContain("calcChain");
    expect(dec.decode(files["[Content_Types].xml"])).toContain("sharedStrings");
    expect(sheetXml(out)).toContain('<c r="B5"><v>3</v></c>');
    const ws = XLSX.read(out, { type: "array", cellFormula: true }).Sheets["数据&表"];
    expect([ws.B5.v, ws.B5.f]).toEqual([3, undefined]);
  });

  test.each([
    [[{ sheet: "数据&表", cell: "C5", value: "x" }], "共享"],
    [[{ sheet: "没有", cell: "A1", value: "x" }], "没有工作表"],
    [[{ sheet: "空表", cell: "1A", value: "x" }], "不是单元格地址"],
    [[{ sheet: "空表", cell: "A1", value: Number.NaN }], "有限数字"],
  ])("refuses %j", (edits, why) => {
    expect(() => patchXlsx(input, edits as CellEdit[])).toThrow(PatchError);
    expect(() => patchXlsx(input, edits as CellEdit[])).toThrow(why);
  });

  test("refuses bytes that are not a zip, and rows without numbers", () => {
    expect(() => patchXlsx(strToU8("not a zip"), [{ sheet: "a", cell: "A1", value: 1 }])).toThrow(PatchError);
    const noR = handMade({ sheet1: '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>' });
    expect(() => patchXlsx(noR, [{ sheet: "数据&表", cell: "A1", value: 2 }])).toThrow("行号");
  });
});

describe("fill command", () => {
  let dir: string;
  let inPath: string;
  let map: SampleMap;
  const io = () => {
    const out = { stdout: "", stderr: "" };
    return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "fill-"));
    const built = await buildSample({ noCodes: "empty", performance: false, narrative: false });
    map = built.map;
    inPath = join(dir, "输入.xlsx");
    writeFileSync(inPath, built.buffer);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const tsx = join(__dirname, "..", "node_modules", ".bin", "tsx");
    return new Promise((res) => {
      execFile(tsx, [join(__dirname, "..", "src", "node", "fill-command-main.ts"), ...args], { cwd: join(__dirname, "..") }, (err, stdout, stderr) => {
        res({ code: err ? (typeof err.code === "number" ? err.code : 99) : 0, stdout, stderr });
      });
    });
  }

  test("as a child process: writes the filled copy, prints the plan, leaves the input unchanged", async () => {
    const before = sha(readFileSync(inPath));
    const outPath = join(dir, "输出.xlsx");
    const r = await runMain([inPath, "-o", outPath]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("填写计划");
    expect(r.stdout).toContain("（空） → 2010650");
    expect(sha(readFileSync(inPath))).toBe(before);
    const ws = XLSX.read(readFileSync(outPath)).Sheets[map.tables.T02!.sheet];
    const row = map.tables.T02!.rows.find((x) => x.code === "2101102")!;
    expect(ws[row.codeCell!].v).toBe("2101102");
  });

  test("as a child process: refuses to write over the input", async () => {
    const before = sha(readFileSync(inPath));
    const r = await runMain([inPath, "-o", inPath, "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("输出文件不能是输入文件");
    expect(sha(readFileSync(inPath))).toBe(before);
  });

  test("an existing output is refused without --force and replaced with it", async () => {
    const outPath = join(dir, "existing.xlsx");
    writeFileSync(outPath, "old");
    const a = io();
    expect(await runFill([inPath, "-o", outPath], a.io)).toBe(2);
    expect(a.out.stderr).toContain("--force");
    expect(readFileSync(outPath, "utf8")).toBe("old");
    const b = io();
    expect(await runFill([inPath, "-o", outPath, "--force"], b.io)).toBe(0);
    expect(readFileSync(outPath).subarray(0, 2).toString()).toBe("PK");
  });

  test("--dry-run writes nothing; --format json gives the plan as data", async () => {
    const outPath = join(dir, "dry.xlsx");
    const a = io();
    expect(await runFill([inPath, "-o", outPath, "--dry-run", "--format", "json"], a.io)).toBe(0);
    expect(existsSync(outPath)).toBe(false);
    const json = JSON.parse(a.out.stdout);
    expect(json.output).toBeNull();
    expect(json.year).toBe(2026);
    expect(json.changes).toHaveLength(60);
    expect(json.summary).toMatchObject({ codes: 60, names: 0, errors: 0 });
  });

  test("bad arguments and unreadable input exit with 2", async () => {
    for (const args of [[inPath], [], [inPath, "--dry-run", "--format", "xml"], [join(dir, "nope.xlsx"), "--dry-run"], [inPath, "--dry-run", "--year", "26"]]) {
      const a = io();
      expect([args.join(" "), await runFill(args, a.io)]).toEqual([args.join(" "), 2]);
      expect(a.out.stderr).not.toBe("");
    }
    const notXlsx = join(dir, "text.xlsx");
    writeFileSync(notXlsx, "hello");
    const b = io();
    expect(await runFill([notXlsx, "--dry-run"], b.io)).toBe(2);
  });

  test("a malformed --catalogue is refused with its line; a good one is used", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "科目编码,科目名称\n201,一般公共服务支出\n20x06,财政事务\n");
    const a = io();
    expect(await runFill([inPath, "--dry-run", "--catalogue", bad], a.io)).toBe(2);
    expect(a.out.stderr).toContain("第 3 行");
    const good = join(dir, "good.csv");
    writeFileSync(good, "科目编码,科目名称\n2010650,事业运行（改）\n");
    const b = io();
    expect(await runFill([inPath, "--dry-run", "--format", "json", "--catalogue", good], b.io)).toBe(0);
    const json = JSON.parse(b.out.stdout);
    expect(json.catalogue).toContain("用户");
    // the seed still says 事业运行, the old name, which the override keeps as an alias
    expect(json.changes.map((c: { after: string }) => c.after)).toContain("2010650");
  });

  test("a disagreement in the plan exits with 1, and the copy is still written", async () => {
    const t02 = map.tables.T02!;
    const row = t02.rows.find((x) => x.code === "2010650")!;
    const built = await buildSample({ noCodes: "empty", performance: false, narrative: false, edits: [{ sheet: t02.sheet, cell: row.codeCell!, value: "2010601" }] });
    const p = join(dir, "wrong.xlsx");
    writeFileSync(p, built.buffer);
    const a = io();
    expect(await runFill([p, "-o", join(dir, "wrong-out.xlsx")], a.io)).toBe(1);
    expect(a.out.stdout).toContain("[错误]");
    expect(a.out.stdout).toContain("2010601");
    expect(existsSync(join(dir, "wrong-out.xlsx"))).toBe(true);
  });
});
