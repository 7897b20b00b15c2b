/**
 * Publication helpers in core: the disclosure's charts from the analysed tables (both layout sets),
 * and the add-in's own sheets (the JSON package cut into cells, the charts' data): recognition
 * skips them, so a workbook holding them checks exactly as before, and the package reassembles to
 * the same bytes — on snapshots and through a real .xlsx written by ExcelJS and read back.
 */
import * as path from "path";
import * as ExcelJS from "exceljs";
import Decimal from "decimal.js";
import { analyse, type AnalysisResult } from "../src/core/analyse";
import { disclosureCharts } from "../src/core/publish/charts";
import {
  CELL_TEXT_LIMIT,
  PACKAGE_FIRST_ROW,
  PackageSheetError,
  SHEET_MARKERS,
  addinSheetKind,
  chartSheetRows,
  chunkText,
  percentToFraction,
  packageSheetRows,
  reassemblePackage,
  uniqueSheetName,
} from "../src/core/publish/addin-sheets";
import { writePackageJson } from "../src/core/report/package";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { parseA1 } from "../src/core/workbook/snapshot";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { readWorkbookFile } from "../src/node/read-file";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");
const SHANGHAI = path.join(ROOT, "assets", "samples", "2026-上海单位预算公开-样例.xlsx");

const sample = readWorkbookFile(SAMPLE);
const result = analyse(sample);

function packageText(r: AnalysisResult): string {
  let text = "";
  writePackageJson(r.recognition, r.report, (s) => (text += s));
  return text;
}

function sheetOf(name: string, rows: CellValue[][]): SheetSnapshot {
  return { name, visibility: "visible", merges: [], rows: rows.map((row) => row.map((v) => (v === null || v === undefined ? undefined : { v }))) };
}

function cellValue(wb: WorkbookSnapshot, sheet: string, cell: string): CellValue | undefined {
  const p = parseA1(cell)!;
  return wb.sheets.find((s) => s.name === sheet)?.rows[p.r]?.[p.c]?.v;
}

/** What a check says, compared whole: every finding and the recognised tables. */
function outcome(r: AnalysisResult) {
  return { findings: r.report.findings, summary: r.report.summary, tables: r.recognition.tables.map((t) => `${t.id} ${t.sheet} ${t.range}`), narrative: r.recognition.narrative, problems: r.recognition.problems };
}

describe("disclosureCharts", () => {
  const charts = disclosureCharts(result.recognition);
  const byId = new Map(charts.map((c) => [c.id, c]));

  test("the Shanxi sample has the seed's 收入预算图 and 一般公共预算当年拨款结构图, and the basic/project split", () => {
    expect(charts.map((c) => [c.id, c.type, c.table])).toEqual([
      ["income", "pie", "T02"],
      ["expenditure", "pie", "T03"],
      ["gpbStructure", "bar", "T05"],
    ]);
    expect(byId.get("income")!.title.zh).toBe("收入预算图");
    expect(byId.get("gpbStructure")!.title.zh).toBe("一般公共预算当年拨款结构图");
  });

  test("shares are the ones the 情况说明 states (exact quotients rounded half-up)", () => {
    const shares = (id: string) => byId.get(id)!.points.map((p) => [p.label, p.amount, p.share]);
    expect(shares("expenditure")).toEqual([
      ["基本支出", "245.48", "46.01"],
      ["项目支出", "288.00", "53.99"],
    ]);
    expect(shares("gpbStructure")).toEqual([
      ["一般公共服务支出", "434.67", "81.48"],
      ["社会保障和就业支出", "63.98", "11.99"],
      ["卫生健康支出", "15.74", "2.95"],
      ["住房保障支出", "19.09", "3.58"],
    ]);
    const income = byId.get("income")!;
    expect(income.total).toBe("533.48");
    expect(income.points[0]).toMatchObject({ label: "一般公共预算", amount: "533.48", share: "100.00" });
    // Sources with nothing are listed at the chart's precision with 0 %.
    expect(income.points.slice(1).map((p) => [p.amount, p.share])).toEqual(income.points.slice(1).map(() => ["0.00", "0.00"]));
  });

  test("every point names the cell that holds its figure, and the total is the exact sum", () => {
    for (const c of charts) {
      let sum = new Decimal(0);
      for (const p of c.points) {
        const v = cellValue(sample, p.sheet, p.cell);
        if (p.amount === "0.00" && (v === undefined || v === null || v === "")) continue;
        expect(new Decimal(String(v)).equals(p.amount)).toBe(true);
        sum = sum.plus(p.amount);
      }
      expect(sum.equals(c.total)).toBe(true);
    }
  });

  test("Shanghai tables (元) give the same charts from their own table kinds and columns", () => {
    const sh = analyse(readWorkbookFile(SHANGHAI));
    const got = disclosureCharts(sh.recognition);
    expect(got.map((c) => [c.id, c.table, c.unit])).toEqual([
      ["income", "SH2", "元"],
      ["expenditure", "SH3", "元"],
      ["gpbStructure", "SH5", "元"],
    ]);
    const income = got[0];
    expect(income.points.map((p) => p.label)).toEqual(["财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"]);
    // The sources add up to the table's own 合计 cell.
    const sh2 = sh.recognition.tables.find((t) => t.id === "SH2")!;
    const total = sh2.rows.find((r) => r.kind === "total")!.amounts.total.amount.value;
    expect(total.equals(income.total)).toBe(true);
    // The classes of 一般公共预算 add up to its total row.
    const sh5 = sh.recognition.tables.find((t) => t.id === "SH5")!;
    expect(sh5.rows.find((r) => r.kind === "total")!.amounts.total.amount.value.equals(got[2].total)).toBe(true);
    for (const c of got) {
      const pct = c.points.reduce((s, p) => s.plus(p.share), new Decimal(0));
      expect(pct.minus(100).abs().lessThanOrEqualTo(new Decimal("0.005").times(c.points.length))).toBe(true);
    }
  });

  test("a workbook without the tables has no charts", () => {
    expect(disclosureCharts(analyse({ name: "x.xlsx", sheets: [sheetOf("Sheet1", [["hello"]])] }).recognition)).toEqual([]);
  });
});

describe("chunkText", () => {
  test("pieces rejoin to the text, stay under the limit, never split a surrogate pair nor start with = + - @", () => {
    const alphabet = ["a", "=", "+", "-", "@", "表", "😀", '"', "1"];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 50; n++) {
      let text = "";
      const len = Math.floor(rand() * 400);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      const max = 8 + Math.floor(rand() * 20);
      const parts = chunkText(text, max);
      expect(parts.join("")).toBe(text);
      for (const [i, p] of parts.entries()) {
        expect(p.length).toBeLessThanOrEqual(max);
        expect(p.length).toBeGreaterThan(0);
        expect(/[\uD800-\uDBFF]$/.test(p)).toBe(false);
        if (i > 0) expect(/^[=+\-@]/.test(p)).toBe(false);
      }
    }
  });
});

describe("the package in a sheet", () => {
  const text = packageText(result);
  // A large text too: the sample's package is below one cell's limit.
  const big = text + " ".repeat(0) + JSON.stringify({ pad: "表".repeat(70_000) });

  test("the marker row, then column A in pieces under Excel's cell limit; reassembly gives the identical text", () => {
    for (const t of [text, big]) {
      const rows = packageSheetRows(t);
      expect(rows[0][0]).toBe(SHEET_MARKERS.package);
      expect(rows[0][1]).toContain(`A${PACKAGE_FIRST_ROW}:A${rows.length}`);
      for (const r of rows.slice(1)) expect(r[0].length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
      const sheet = sheetOf("数据包JSON", rows);
      expect(addinSheetKind(sheet)).toBe("package");
      expect(reassemblePackage(sheet)).toBe(t);
    }
    expect(packageSheetRows(big).length).toBeGreaterThan(3);
  });

  test("a truncated sheet is refused", () => {
    const rows = packageSheetRows(big);
    rows.pop();
    expect(() => reassemblePackage(sheetOf("x", rows))).toThrow(PackageSheetError);
    expect(() => reassemblePackage(sample.sheets[0])).toThrow(PackageSheetError);
  });

  test("a workbook holding the package and the charts' sheets checks exactly as before", () => {
    const { rows } = chartSheetRows(disclosureCharts(result.recognition));
    const wb: WorkbookSnapshot = { ...sample, sheets: [...sample.sheets, sheetOf("数据包JSON", packageSheetRows(big)), sheetOf("图表数据", rows)] };
    expect(outcome(analyse(wb))).toEqual(outcome(result));
    // Without the marker the same cells are not harmless: the check is not the same (so the marker is what keeps it).
    const unmarked: WorkbookSnapshot = { ...sample, sheets: [...sample.sheets, sheetOf("数据包JSON", [["说明"], ...packageSheetRows(text).slice(1)]), sheetOf("图表数据", [["说明"], ...rows.slice(1)])] };
    expect(outcome(analyse(unmarked))).not.toEqual(outcome(result));
  });

  test("through a real .xlsx: ExcelJS adds both sheets to the sample, the reader reads it back, same findings and the same package bytes", async () => {
    const book = new ExcelJS.Workbook();
    const fs = await import("fs");
    await book.xlsx.load(fs.readFileSync(SAMPLE).slice().buffer as ArrayBuffer);
    const pkgWs = book.addWorksheet(uniqueSheetName("数据包JSON", book.worksheets.map((w) => w.name)));
    packageSheetRows(text).forEach((row, r) => row.forEach((v, c) => (pkgWs.getCell(r + 1, c + 1).value = v)));
    const chartWs = book.addWorksheet("图表数据");
    chartSheetRows(disclosureCharts(result.recognition)).rows.forEach((row, r) => row.forEach((v, c) => (chartWs.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const wb = readWorkbookBytes(bytes, path.basename(SAMPLE));
    expect(outcome(analyse(wb))).toEqual(outcome(result));
    const back = reassemblePackage(wb.sheets.find((s) => s.name === pkgWs.name)!);
    expect(Buffer.from(back, "utf8").equals(Buffer.from(text, "utf8"))).toBe(true);
  }, 60_000);
});

describe("the charts' sheet", () => {
  test("one block per chart: title, header, a row per point with the amount as a number and the share as the exact fraction", () => {
    const charts = disclosureCharts(result.recognition);
    const { rows, blocks } = chartSheetRows(charts);
    expect(rows[0][0]).toBe(SHEET_MARKERS.charts);
    blocks.forEach((b, i) => {
      expect(b.chart).toBe(charts[i]);
      expect(rows[b.titleRow][0]).toBe(charts[i].title.zh);
      expect(rows[b.r0 - 1].slice(0, 2)).toEqual(["项目", "金额（万元）"]);
      expect(rows.slice(b.r0, b.r1 + 1)).toEqual(charts[i].points.map((p) => [p.label, Number(p.amount), Number(percentToFraction(p.share)), `${p.sheet}!${p.cell}`]));
    });
    expect(["46.01", "100.00", "2.95", "0.00", "-3.5", "7"].map(percentToFraction)).toEqual(["0.4601", "1.0000", "0.0295", "0.0000", "-0.035", "0.07"]);
  });
});

describe("uniqueSheetName", () => {
  test("never a name the workbook has (case aside), never over 31 characters or with characters Excel refuses", () => {
    expect(uniqueSheetName("图表数据", ["表一"])).toBe("图表数据");
    expect(uniqueSheetName("图表数据", ["图表数据", "图表数据 (2)"])).toBe("图表数据 (3)");
    expect(uniqueSheetName("Charts", ["charts"])).toBe("Charts (2)");
    expect(uniqueSheetName("a/b:c*?[d]", [])).toBe("a_b_c___d_");
    const long = "长".repeat(40);
    const name = uniqueSheetName(long, [long.slice(0, 31)]);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name.endsWith(" (2)")).toBe(true);
  });
});
