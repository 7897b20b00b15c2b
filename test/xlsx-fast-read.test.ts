import * as XLSX from "@e965/xlsx";
import * as ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { join } from "path";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { buildSampleWorkbook, type SampleOptions } from "../scripts/sample/build";
import { builtinNumberFormats, FastReadUnsupported, readXlsxFast } from "../src/io/xlsx-fast-read";
import { InputError, MAX_ROWS, readWithSheetJS, readWorkbookBytes } from "../src/io/xlsx-read";
import type { WorkbookSnapshot } from "../src/core/workbook/snapshot";

const SAMPLE = join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");

/** The fast reader must give exactly what the SheetJS path gives (sparse holes and absent keys included). */
function expectSame(bytes: Uint8Array, name = "t.xlsx"): WorkbookSnapshot {
  const fast = readXlsxFast(bytes, name, MAX_ROWS);
  const slow = readWithSheetJS(bytes, name);
  // SheetJS drops a formula stored without its value; the fast reader notes where (sheet.uncalculated)
  const cells = { ...fast, sheets: fast.sheets.map(({ uncalculated: _u, ...s }) => s) };
  expect(cells).toStrictEqual(slow);
  return fast;
}

// ---- hand-written packages ------------------------------------------------------------------

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

interface RawSheet {
  name: string;
  state?: string;
  /** inner XML of <worksheet> */
  body: string;
  /** relationship target; default worksheets/sheetN.xml */
  target?: string;
  type?: string;
}

function rawWorkbook(sheets: RawSheet[], opts: { sst?: string[]; numFmts?: string; xfs?: string[] } = {}): Uint8Array {
  const files: Zippable = {};
  const overrides: string[] = ['<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'];
  const rels: string[] = [];
  const entries: string[] = [];
  sheets.forEach((s, i) => {
    const target = s.target ?? `worksheets/sheet${i + 1}.xml`;
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    files[path] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${s.body}</worksheet>`);
    overrides.push(`<Override PartName="/${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    const type = s.type ?? "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
    rels.push(`<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`);
    entries.push(`<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`);
  });
  if (opts.sst) {
    files["xl/sharedStrings.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<sst ${NS} count="${opts.sst.length}" uniqueCount="${opts.sst.length}">${opts.sst.map((s) => `<si>${s}</si>`).join("")}</sst>`);
    overrides.push('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
    rels.push(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  const xfs = opts.xfs ?? ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  files["xl/styles.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet ${NS}>${opts.numFmts ?? ""}<fonts count="1"><font><sz val="11"/></font></fonts>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs></styleSheet>`,
  );
  overrides.push('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
  rels.push(`<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`);
  files["[Content_Types].xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
  );
  files["xl/workbook.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<workbook ${NS}><sheets>${entries.join("")}</sheets></workbook>`);
  return zipSync(files);
}

function sheetData(rows: string, after = ""): string {
  return `<sheetData>${rows}</sheetData>${after}`;
}

describe("readXlsxFast gives what the SheetJS path gives", () => {
  test("the shipped sample", () => {
    const snap = expectSame(new Uint8Array(readFileSync(SAMPLE)), "样例.xlsx");
    expect(snap.sheets.length).toBeGreaterThan(13);
    expect(snap.sheets[0].name).toBe("表一");
    expect(snap.sheets.some((s) => s.merges.length > 0)).toBe(true);
  });

  test.each<[string, SampleOptions]>([
    ["formulas", { formulas: true }],
    ["codesAsNumbers", { codesAsNumbers: true }],
    ["noCodes", { noCodes: true }],
    ["singleSheet with offsets", { layout: "singleSheet", rowOffset: 2, colOffset: 1 }],
    ["mergedHeaders false", { mergedHeaders: false }],
  ])("generated sample: %s", async (_label, opts) => {
    const snap = expectSame(new Uint8Array(await buildSampleWorkbook(opts)));
    const cells = snap.sheets.flatMap((s) => s.rows.flatMap((r) => (r ?? []).filter(Boolean)));
    expect(cells.length).toBeGreaterThan(100);
    if (opts.formulas) expect(cells.some((c) => c?.f?.startsWith("SUM("))).toBe(true);
  });

  test("shared formulas are expanded for dependents, absolute references stay", () => {
    const bytes = rawWorkbook([
      {
        name: "S",
        body: sheetData(
          '<row r="4"><c r="C4"><f t="shared" ref="C4:E4" si="0">SUM(C5:C7)</f><v>6</v></c><c r="D4"><f t="shared" si="0"/><v>15</v></c><c r="E4"><f t="shared" si="0"></f><v>24</v></c></row>' +
            '<row r="5"><c r="C5"><v>1</v></c><c r="D5"><v>4</v></c><c r="E5"><v>7</v></c><c r="F5"><f t="shared" ref="F5:F7" si="1">C5*$C$5+_xlfn.STDEV.S(C$5:$D5)</f><v>1</v></c></row>' +
            '<row r="6"><c r="C6"><v>2</v></c><c r="D6"><v>5</v></c><c r="E6"><v>8</v></c><c r="F6"><f t="shared" si="1"/><v>2</v></c></row>' +
            '<row r="7"><c r="C7"><v>3</v></c><c r="D7"><v>6</v></c><c r="E7"><v>9</v></c><c r="F7"><f t="shared" si="1"/><v>3</v></c></row>',
        ),
      },
    ]);
    const snap = expectSame(bytes);
    const rows = snap.sheets[0].rows;
    expect(rows[3]?.[2]).toEqual({ v: 6, f: "SUM(C5:C7)" });
    expect(rows[3]?.[3]).toEqual({ v: 15, f: "SUM(D5:D7)" });
    expect(rows[3]?.[4]).toEqual({ v: 24, f: "SUM(E5:E7)" });
    expect(rows[4]?.[5]?.f).toBe("C5*$C$5+STDEV.S(C$5:$D5)");
    expect(rows[6]?.[5]?.f).toBe("C7*$C$5+STDEV.S(C$5:$D7)");
  });

  test("shared formulas written by ExcelJS", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("汇总");
    for (let r = 5; r <= 7; r++) for (let c = 3; c <= 5; c++) ws.getCell(r, c).value = r * c;
    ws.getCell("C4").value = { formula: "SUM(C5:C7)", result: 54, shareType: "shared", ref: "C4:E4" } as ExcelJS.CellValue;
    ws.getCell("D4").value = { sharedFormula: "C4", result: 72 } as ExcelJS.CellValue;
    ws.getCell("E4").value = { sharedFormula: "C4", result: 90 } as ExcelJS.CellValue;
    ws.getCell("F4").value = { formula: "$C$5+C5", result: 30 } as ExcelJS.CellValue;
    const snap = expectSame(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(snap.sheets[0].rows[3]?.[4]?.f).toBe("SUM(E5:E7)");
    expect(snap.sheets[0].rows[3]?.[5]?.f).toBe("$C$5+C5");
  });

  test("errors, booleans, inline and formula strings, entities, whitespace, cells and rows without r", () => {
    const bytes = rawWorkbook(
      [
        {
          name: "Mixed &amp; more",
          body: sheetData(
            '<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B1" t="e"><v>#REF!</v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="e"><v>#NAME?</v></c>' +
              '<c r="E1" t="e"><v>#NULL!</v></c><c r="F1" t="e"><v>#NUM!</v></c><c r="G1" t="e"><f>A1</f><v>#VALUE!</v></c><c r="H1" t="e"><v>#SPILL!</v></c></row>' +
              '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="b"><f>TRUE()</f><v>1</v></c><c r="D2" t="inlineStr"><is><t xml:space="preserve">  行内 文字 </t></is></c>' +
              '<c r="E2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="F2" t="str"><f>""</f><v></v></c><c r="G2" t="str"><v></v></c><c r="H2" t="str"><f>NA()</f><v>#N/A</v></c></row>' +
              '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c><c r="D3" t="s"><v>3</v></c><c r="E3" t="s"><v>4</v></c><c r="F3" t="s"><v>5</v></c></row>' +
              '<row r="5"><c t="s"><v>0</v></c><c><v>2.5</v></c><c r="E5"><v>-0.125</v></c><c><v>1.5E-3</v></c><c><f>E5</f></c><c><v>12345678901234567</v></c></row>' +
              '<row><c><v>7</v></c><c t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></is></c></row>' +
              '<row r="9" spans="1:3"/><row><c r="B10"><v>10</v></c></row>' +
              '<row r="12"><c r="A12" t="str"><v>x &amp;amp; y&#20013;</v></c><c r="B12" t="inlineStr"><is><t>line1&#13;&#10;line2</t></is></c><c r="C12"><v>3</v></c></row>',
          ),
        },
      ],
      {
        sst: [
          "<t>&lt;tag&gt; &amp; &quot;q&quot; &#20013;&#x6587;</t>",
          '<t xml:space="preserve">  两端空格  </t>',
          "<r><t>富</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 文本</t></r><rPh sb=\"0\" eb=\"1\"><t>フ</t></rPh><phoneticPr fontId=\"1\"/>",
          "<t>under_x005F_score_x000D_</t>",
          "<t></t>",
          "<t>中文</t><rPh sb=\"0\" eb=\"1\"><t>チュウ</t></rPh>",
        ],
      },
    );
    const snap = expectSame(bytes);
    const rows = snap.sheets[0].rows;
    expect(snap.sheets[0].name).toBe("Mixed & more");
    expect(rows[0]?.[0]).toEqual({ v: "#DIV/0!", f: "1/0", error: true });
    expect(rows[0]?.[7]).toEqual({ v: "#VALUE!", error: true });
    expect(rows[1]?.[0]).toEqual({ v: true });
    expect(rows[1]?.[3]).toEqual({ v: "  行内 文字 " });
    expect(rows[1]?.[5]).toEqual({ v: "", f: '""' });
    expect(rows[1]?.[6]).toBeUndefined();
    expect(rows[1]?.[7]).toEqual({ v: "#N/A", f: "NA()", error: true });
    expect(rows[2]?.[0]).toEqual({ v: '<tag> & "q" 中文' });
    expect(rows[2]?.[2]).toEqual({ v: "富 文本" });
    expect(rows[2]?.[4]).toBeUndefined();
    expect(rows[2]?.[5]).toEqual({ v: "中文" });
    expect(rows[4]?.[1]).toEqual({ v: 2.5 });
    expect(rows[4]?.[5]).toEqual({ v: 1.5e-3 });
    expect(rows[5]?.[0]).toEqual({ v: 7 });
    expect(rows[6]).toBeUndefined();
    expect(rows[9]?.[1]).toEqual({ v: 10 });
  });

  test("rows out of order, a row written twice, holes and a far column: each row as SheetJS has it", () => {
    // the reader copies each finished row into an array of its own length; a row it comes back to,
    // and one too long to copy (a cell in column CW), must still hold every cell
    const bytes = rawWorkbook([
      {
        name: "Order",
        body: sheetData(
          '<row r="3"><c r="A3"><v>1</v></c><c r="C3"><v>3</v></c></row>' +
            '<row r="1"><c r="B1"><v>2</v></c></row>' +
            '<row r="3"><c r="E3"><v>5</v></c></row>' +
            '<row r="4"><c r="A4"><v>4</v></c><c r="CW4"><v>101</v></c></row>' +
            '<row r="6"><c r="D6"><v>6</v></c></row>',
        ),
      },
    ]);
    const rows = expectSame(bytes).sheets[0].rows;
    expect(rows[2]).toEqual([{ v: 1 }, undefined, { v: 3 }, undefined, { v: 5 }]);
    expect(rows[2]?.length).toBe(5);
    expect(1 in (rows[2] ?? [])).toBe(false);
    expect(rows[0]?.[1]).toEqual({ v: 2 });
    expect(rows[3]?.[100]).toEqual({ v: 101 });
    expect(rows[5]?.length).toBe(4);
  });

  test("hidden and veryHidden sheets, absolute targets, merges, custom and built-in formats, a date", () => {
    const bytes = rawWorkbook(
      [
        { name: "可见", body: sheetData('<row r="1"><c r="A1" s="1"><v>1234.5</v></c><c r="B1" s="2"><v>-3</v></c><c r="C1" s="3"><v>0.25</v></c></row>') },
        { name: "隐藏", state: "hidden", target: "/xl/worksheets/hidden.xml", body: sheetData('<row r="1"><c r="A1" s="4"><v>46037</v></c><c r="B1" s="5" t="s"><v>0</v></c><c r="C1" s="6"><v>7</v></c></row>') },
        {
          name: "深度隐藏",
          state: "veryHidden",
          body: sheetData('<row r="2"><c r="B2" s="7"><v>5</v></c><c r="C2" s="8"><v>6</v></c></row>', '<mergeCells count="2"><mergeCell ref="B2:D3"/><mergeCell ref="A5:A9"/></mergeCells>'),
        },
      ],
      {
        sst: ["<t>2010607</t>"],
        numFmts: '<numFmts count="3"><numFmt numFmtId="176" formatCode="#,##0.00_ "/><numFmt numFmtId="177" formatCode="0.00;[Red]\\-0.00"/><numFmt numFmtId="178" formatCode="&quot;¥&quot;#,##0.00"/></numFmts>',
        xfs: [0, 176, 177, 10, 14, 49, 178, 4, 39].map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`),
      },
    );
    const snap = expectSame(bytes);
    expect(snap.sheets.map((s) => s.visibility)).toEqual(["visible", "hidden", "veryHidden"]);
    expect(snap.sheets[0].rows[0]).toEqual([{ v: 1234.5, z: "#,##0.00_ " }, { v: -3, z: "0.00;[Red]\\-0.00" }, { v: 0.25, z: "0.00%" }]);
    expect(snap.sheets[1].rows[0]).toEqual([{ v: 46037, z: "m/d/yy" }, { v: "2010607", z: "@" }, { v: 7, z: '"¥"#,##0.00' }]);
    expect(snap.sheets[2].merges).toEqual([
      { r0: 1, c0: 1, r1: 2, c1: 3 },
      { r0: 4, c0: 0, r1: 8, c1: 0 },
    ]);
  });

  test("workbooks written by SheetJS", () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([
      ["科目编码", "科目名称", "金额", "比例", "日期"],
      ["201", "一般公共服务支出", 434.67, 0.5, new Date(Date.UTC(2026, 0, 15))],
      ["20101", "人大事务 & 代表", 12.5, true, "  空格  "],
    ]);
    ws["C2"].z = "#,##0.00_ ";
    ws["D2"].z = "0.00%";
    ws["C4"] = { t: "n", v: 447.17, f: "SUM(C2:C3)" };
    ws["D4"] = { t: "e", v: 0x07, f: "1/0" };
    ws["!ref"] = "A1:E4";
    ws["!merges"] = [{ s: { r: 0, c: 3 }, e: { r: 0, c: 4 } }];
    XLSX.utils.book_append_sheet(wb, ws, "表一");
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["隐藏的"]]), "Hidden");
    wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
    for (const bookSST of [false, true]) {
      const out = XLSX.write(wb, { type: "array", bookType: "xlsx", bookSST, cellDates: false }) as ArrayBuffer;
      const snap = expectSame(new Uint8Array(out));
      expect(snap.sheets[1].visibility).toBe("hidden");
      expect(snap.sheets[0].rows[3]?.[3]).toEqual({ v: "#DIV/0!", f: "1/0", error: true });
    }
  });

  test("an ExcelJS workbook with rich text, dates, errors and formats", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("单位");
    ws.getCell("A1").value = { richText: [{ text: "富" }, { text: "文本", font: { bold: true } }] };
    ws.getCell("A2").value = new Date(Date.UTC(2026, 0, 15));
    ws.getCell("A3").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    ws.getCell("A4").value = 1234.5;
    ws.getCell("A4").numFmt = "#,##0.00_ ";
    ws.getCell("A5").value = { formula: "A4*2", result: 2469 } as ExcelJS.CellValue;
    ws.getCell("A6").value = " 前后空格 ";
    ws.getCell("A7").value = false;
    ws.mergeCells("B1:C2");
    wb.addWorksheet("隐", { state: "hidden" }).getCell("A1").value = 1;
    wb.addWorksheet("深", { state: "veryHidden" }).getCell("A1").value = 2;
    const snap = expectSame(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(snap.sheets[0].rows[0]?.[0]).toEqual({ v: "富文本" });
    expect(snap.sheets.map((s) => s.visibility)).toEqual(["visible", "hidden", "veryHidden"]);
  });

  test("without Node's zlib (as in the browser) fflate inflates, to the same snapshot", async () => {
    const bytes = new Uint8Array(await buildSampleWorkbook({ formulas: true }));
    const proc = process as { getBuiltinModule?: unknown };
    const saved = proc.getBuiltinModule;
    proc.getBuiltinModule = undefined;
    try {
      await jest.isolateModulesAsync(async () => {
        const fresh = await import("../src/io/xlsx-fast-read");
        expect(fresh.readXlsxFast(bytes, "t.xlsx", MAX_ROWS)).toStrictEqual(readWithSheetJS(bytes, "t.xlsx"));
      });
    } finally {
      proc.getBuiltinModule = saved;
    }
  });

  test("the row limit drops rows past it, like sheetRows", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
    const bytes = rawWorkbook([{ name: "S", body: sheetData(rows) }]);
    const fast = readXlsxFast(bytes, "t", 10);
    expect(fast.sheets[0].rows.length).toBe(10);
    const XLSXread = XLSX.read(bytes, { type: "array", dense: true, sheetRows: 10 });
    expect((XLSXread.Sheets.S["!data"] as unknown[]).length).toBe(10);
  });

  test("a value repeated with the same format is one cell object; -0, other formats and formulas are not shared", () => {
    const bytes = rawWorkbook(
      [
        {
          name: "A",
          body: sheetData(
            '<row r="1"><c r="A1" s="1"><v>1.5</v></c><c r="B1" s="1"><v>1.5</v></c><c r="C1" s="2"><v>1.5</v></c><c r="D1"><v>1.5</v></c></row>' +
              '<row r="2"><c r="A2"><v>0</v></c><c r="B2"><v>-0</v></c><c r="C2"><v>-0</v></c><c r="D2"><v>0</v></c></row>' +
              '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s" s="1"><v>0</v></c><c r="C3" t="s"><v>0</v></c><c r="D3"><f>A1</f><v>1.5</v></c></row>',
          ),
        },
        { name: "B", body: sheetData('<row r="1"><c r="A1" s="1"><v>1.5</v></c><c r="B1" t="s"><v>0</v></c></row>') },
      ],
      { sst: ["<t>文字</t>"], numFmts: '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>', xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="2"/>', '<xf numFmtId="164"/>'] },
    );
    const [a, b] = expectSame(bytes).sheets.map((s) => s.rows);
    expect(a[0]![0]).toBe(a[0]![1]);
    expect(b[0]![0]).toBe(a[0]![0]);
    expect(a[0]![2]).toEqual({ v: 1.5, z: "0.0" });
    expect(a[0]![3]).toEqual({ v: 1.5 });
    expect(a[1]![0]).toBe(a[1]![3]);
    expect(Object.is(a[1]![1]!.v, -0) && Object.is(a[1]![2]!.v, -0) && Object.is(a[1]![0]!.v, 0)).toBe(true);
    expect(a[2]![0]).toBe(a[2]![2]);
    expect(b[0]![1]).toBe(a[2]![0]);
    expect(a[2]![1]).toEqual({ v: "文字", z: "0.00" });
    expect(a[2]![3]).toEqual({ v: 1.5, f: "A1" });
  });

  test("shared strings are shared by (string, style): a style index past the styles does not stand for another string", () => {
    // 3 styles: the keys of (string i, style s) are i × 4 + s + 1; string 0 in the unknown style 7
    // would have met string 2 without a style (key 8) had 7 been taken as it is.
    const bytes = rawWorkbook(
      [
        {
          name: "A",
          body: sheetData(
            '<row r="1"><c r="A1" t="s" s="7"><v>0</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s" s="2"><v>1</v></c><c r="D1" t="s" s="1"><v>1</v></c></row>' +
              '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s" s="7"><v>2</v></c><c r="C2" t="s" s="2"><v>1</v></c><c r="D2" t="s" s="0"><v>2</v></c></row>',
          ),
        },
      ],
      { sst: ["<t>甲</t>", "<t>乙</t>", "<t>丙</t>"], numFmts: '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>', xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="2"/>', '<xf numFmtId="164"/>'] },
    );
    const [a] = expectSame(bytes).sheets.map((s) => s.rows);
    expect(a[0]!.map((c) => c?.v)).toEqual(["甲", "丙", "乙", "乙"]);
    expect(a[1]!.map((c) => c?.v)).toEqual(["甲", "丙", "乙", "丙"]);
    expect(a[0]![2]).toBe(a[1]![2]);
    expect(a[0]![2]).not.toBe(a[0]![3]);
    expect(a[0]![1]).toBe(a[1]![1]); // no style and an unknown one: the same plain cell
  });

  test("the built-in format table is SheetJS's", () => {
    XLSX.read(rawWorkbook([{ name: "S", body: sheetData("") }]), { type: "array" }); // resets SheetJS's table
    const theirs = XLSX.SSF.get_table() as Record<number, string>;
    const ours = builtinNumberFormats();
    for (let id = 0; id < 400; id++) expect([id, ours[id]]).toEqual([id, theirs[id]]);
  });
});

describe("what the fast reader leaves to SheetJS", () => {
  test("a date-typed cell falls back and still reads", () => {
    const bytes = rawWorkbook([{ name: "S", body: sheetData('<row r="1"><c r="A1" t="d"><v>2026-01-15T00:00:00Z</v></c><c r="B1"><v>3</v></c></row>') }]);
    expect(() => readXlsxFast(bytes, "t")).toThrow(FastReadUnsupported);
    expect(readWorkbookBytes(bytes, "t")).toStrictEqual(readWithSheetJS(bytes, "t"));
  });

  test("a chart sheet falls back", () => {
    const bytes = rawWorkbook([
      { name: "S", body: sheetData('<row r="1"><c r="A1"><v>3</v></c></row>') },
      { name: "图", body: "", target: "chartsheets/sheet1.xml", type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" },
    ]);
    expect(() => readXlsxFast(bytes, "t")).toThrow(FastReadUnsupported);
    const snap = readWorkbookBytes(bytes, "t");
    expect(snap).toStrictEqual(readWithSheetJS(bytes, "t"));
    expect(snap.sheets.map((s) => s.name)).toEqual(["S", "图"]);
  });

  test("unusual cell markup (single-quoted attributes, a comment in sheetData) falls back and reads the same", () => {
    for (const rows of [`<row r="1"><c r='A1' s="0"><v>1</v></c></row>`, '<row r="1"><!-- note --><c r="A1"><v>1</v></c></row>']) {
      const bytes = rawWorkbook([{ name: "S", body: sheetData(rows) }]);
      expect(() => readXlsxFast(bytes, "t")).toThrow(FastReadUnsupported);
      expect(readWorkbookBytes(bytes, "t")).toStrictEqual(readWithSheetJS(bytes, "t"));
    }
  });

  test("a corrupt zip still says 已损坏", () => {
    const good = new Uint8Array(readFileSync(SAMPLE));
    const bad = good.slice(0, 2000);
    let err: unknown;
    try {
      readWorkbookBytes(bad, "坏.xlsx");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).zh).toContain("已损坏");
  });

  test("a zip that is not a workbook says 已损坏, an empty workbook says 没有任何数据", () => {
    const notBook = zipSync({ "readme.txt": strToU8("hello") });
    expect(() => readWorkbookBytes(notBook, "a.xlsx")).toThrow(/已损坏/);
    const empty = rawWorkbook([{ name: "S", body: sheetData("") }]);
    expect(() => readWorkbookBytes(empty, "b.xlsx")).toThrow(/没有任何数据/);
  });

  test("the fast path is the one taken for an ordinary workbook", () => {
    const bytes = new Uint8Array(readFileSync(SAMPLE));
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toContain("xl/workbook.xml");
    expect(() => readXlsxFast(bytes, "s")).not.toThrow();
  });
});
