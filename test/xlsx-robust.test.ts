/**
 * Named regression cases for bad and hostile workbooks (found by hand and by test/fuzz.test.ts).
 * Cases that once hung run through the fuzz test's killable child (test/fuzz.test.ts, "regressions").
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { analyse } from "../src/core/analyse";
import { InputError, readWorkbookBytes } from "../src/io/xlsx-read";
import { MAX_PART_BYTES, MAX_SST_BYTES } from "../src/io/limits";
import { readWorkbookFile } from "../src/node/read-file";

const SAMPLE = new Uint8Array(readFileSync(join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx")));

function edit(f: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(SAMPLE);
  f(files);
  return zipSync(files);
}

const sheetXml = (files: Record<string, Uint8Array>, n: number): string => strFromU8(files[`xl/worksheets/sheet${n}.xml`]);

/** Sets the inflated size the central directory declares for `entry` (a zip that lies, or a bomb's header). */
function declareSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const b = zip.slice();
  const name = strToU8(entry);
  for (let p = 0; p + 46 < b.length; p++) {
    if (b[p] !== 0x50 || b[p + 1] !== 0x4b || b[p + 2] !== 1 || b[p + 3] !== 2) continue;
    const len = b[p + 28] | (b[p + 29] << 8);
    if (len === name.length && name.every((c, i) => b[p + 46 + i] === c)) {
      new DataView(b.buffer).setUint32(p + 24, size, true);
      return b;
    }
  }
  throw new Error(`no entry ${entry}`);
}

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("no error thrown");
}

describe("a file cut short or with broken zip structure", () => {
  test.each([10, 100, 450, 2000, SAMPLE.length - 1])("cut to %i bytes: 文件不完整或已损坏, naming the file", (n) => {
    const e = inputError(() => readWorkbookBytes(SAMPLE.slice(0, n), "坏.xlsx"));
    expect(e.zh).toMatch(/^文件不完整或已损坏：坏\.xlsx/);
  });

  test("an entry whose compressed data is garbage is corrupt, not left to SheetJS", () => {
    const z = SAMPLE.slice();
    // the first local header's data starts after its 30-byte header and name: scramble it
    const start = 30 + (z[26] | (z[27] << 8)) + (z[28] | (z[29] << 8));
    for (let i = start; i < start + 40; i++) z[i] ^= 0x5a;
    expect(inputError(() => readWorkbookBytes(z, "x.xlsx")).zh).toContain("已损坏");
  });
});

describe("sizes and limits", () => {
  test("a sheet declaring more than MAX_PART_BYTES is reported unreadable by name, not read as empty, and no table is called missing", () => {
    const bytes = declareSize(SAMPLE, "xl/worksheets/sheet3.xml", MAX_PART_BYTES + 1);
    const wb = readWorkbookBytes(bytes, "big.xlsx");
    const s = wb.sheets.find((x) => x.unreadable);
    expect(s?.name).toBe("表三");
    expect(s?.rows).toEqual([]);
    const r = analyse(wb);
    const p = r.recognition.problems.find((x) => x.kind === "unreadable-sheet");
    expect(p?.message).toMatch(/^工作表 表三 无法读取：工作表过大/);
    expect(r.report.findings.filter((f) => f.ruleId === "structure/all-tables")).toEqual([]);
  });

  test("a part that inflates to more than its declared size (a lying zip bomb) stops there: corrupt", () => {
    const bytes = declareSize(SAMPLE, "xl/worksheets/sheet2.xml", 100);
    expect(inputError(() => readWorkbookBytes(bytes, "bomb.xlsx")).zh).toContain("已损坏");
  });

  test("shared strings over MAX_SST_BYTES: the workbook is refused with the reason", () => {
    const bytes = declareSize(SAMPLE, "xl/sharedStrings.xml", MAX_SST_BYTES + 1);
    expect(inputError(() => readWorkbookBytes(bytes, "sst.xlsx")).zh).toMatch(/共享字符串部分过大.*sst\.xlsx/);
  });

  test.each([
    ["row 2^31", '<c r="A2147483648"><v>1</v></c>'],
    ["row 1,048,577", '<c r="B1048577"><v>1</v></c>'],
    ["column past XFD", '<c r="ZZZZZ5"><v>1</v></c>'],
  ])("a cell at %s makes its sheet unreadable (it used to loop over a sparse array)", (_what, cell) => {
    const bytes = edit((files) => {
      files["xl/worksheets/sheet2.xml"] = strToU8(sheetXml(files, 2).replace("</row>", `${cell}</row>`));
    });
    const wb = readWorkbookBytes(bytes, "far.xlsx");
    const r = analyse(wb);
    expect(r.recognition.problems.find((x) => x.kind === "unreadable-sheet")?.message).toMatch(/^工作表 表二 无法读取：单元格地址超出 Excel 的范围/);
    expect(r.recognition.tables.length).toBeGreaterThan(10); // the other sheets are read
  });

  test("a cell in column XFD is read; rows spanning too many cells make the sheet unreadable", () => {
    const ok = edit((files) => {
      files["xl/worksheets/sheet17.xml"] = strToU8(sheetXml(files, 17).replace("</sheetData>", '<row r="5000"><c r="XFD5000"><v>1</v></c></row></sheetData>'));
    });
    const s17 = readWorkbookBytes(ok, "ok.xlsx").sheets[16];
    expect(s17.unreadable).toBeUndefined();
    expect(s17.rows[4999]?.[16383]).toEqual({ v: 1 });
    const rows = Array.from({ length: 2100 }, (_, i) => `<row r="${i + 100}"><c r="XFD${i + 100}"><v>1</v></c></row>`).join("");
    const wide = edit((files) => {
      files["xl/worksheets/sheet17.xml"] = strToU8(sheetXml(files, 17).replace("</sheetData>", `${rows}</sheetData>`));
    });
    const s = readWorkbookBytes(wide, "wide.xlsx").sheets[16];
    expect(s.unreadable?.zh).toMatch(/各行跨越的单元格/);
  });
});

describe("misleading results", () => {
  test("a workbook without its shared-strings part keeps its numbers and says its text is missing (it was called empty)", () => {
    const bytes = edit((files) => {
      delete files["xl/sharedStrings.xml"];
    });
    const wb = readWorkbookBytes(bytes, "nosst.xlsx");
    const t2 = wb.sheets.find((s) => s.name === "表二")!;
    expect(t2.rows.some((row) => row?.some((c) => typeof c?.v === "number"))).toBe(true);
    expect(t2.unreadable?.zh).toMatch(/文字单元格无法读取：工作簿缺少共享字符串部分/);
    const r = analyse(wb);
    expect(r.report.findings.filter((f) => f.ruleId === "structure/all-tables")).toEqual([]);
  });

  test("formulas without cached values: told once to recalculate, and no sum errors on them", () => {
    let n = 0;
    const bytes = edit((files) => {
      for (const k of [2, 3]) {
        files[`xl/worksheets/sheet${k}.xml`] = strToU8(
          sheetXml(files, k).replace(/<c r="([C-E]\d+)"([^>t]*)><v>[^<]*<\/v><\/c>/g, (_m, r: string, a: string) => (n++, `<c r="${r}"${a}><f>SUM(C9:C10)</f></c>`)),
        );
      }
    });
    expect(n).toBeGreaterThan(50);
    const r = analyse(readWorkbookBytes(bytes, "script.xlsx"));
    const told = r.recognition.problems.filter((p) => p.kind === "uncalculated");
    expect(told).toHaveLength(1);
    expect(told[0].message).toMatch(/^公式没有计算结果：请在 Excel 中打开、重新计算并保存/);
    expect(r.report.summary.errors).toBe(0);
    // without the note, the same cells read as blank gave dozens of sum errors
    const clean = analyse(readWorkbookBytes(SAMPLE, "s.xlsx"));
    expect(clean.recognition.problems.filter((p) => p.kind === "uncalculated")).toEqual([]);
  });
});

describe("inputs that are not regular files end at once", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bda-robust-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(["/dev/zero", "/dev/urandom"])("%s is refused before a byte is read", (dev) => {
    expect(inputError(() => readWorkbookFile(dev)).zh).toMatch(/^不是普通文件/);
  });

  test("a FIFO is refused (reading it would wait for a writer forever)", () => {
    const fifo = join(dir, "pipe.xlsx");
    execFileSync("mkfifo", [fifo]);
    expect(inputError(() => readWorkbookFile(fifo)).zh).toMatch(/^不是普通文件/);
  });

  test("a folder is refused", () => {
    expect(inputError(() => readWorkbookFile(dir)).zh).toMatch(/^这是一个文件夹/);
  });

  test("a regular file is read whole", () => {
    const f = join(dir, "ok.xlsx");
    writeFileSync(f, SAMPLE);
    expect(readWorkbookFile(f).sheets).toHaveLength(17);
  });
});
