/**
 * 插入为 Excel 图表 and 写入新工作表 through the Excel adapter (src/excel/publish.ts) against the
 * Excel simulator at the manifest's floor (ExcelApi 1.7) and above: a new sheet whose name collides
 * with none, the cells and native charts in one batch, nothing written into the user's sheets, and a
 * check of the workbook afterwards giving the findings it gave before.
 */
import * as path from "path";
import { analyse, type AnalysisResult } from "../src/core/analyse";
import { disclosureCharts } from "../src/core/publish/charts";
import { CELL_TEXT_LIMIT, reassemblePackage, SHEET_MARKERS } from "../src/core/publish/addin-sheets";
import { writePackageJson } from "../src/core/report/package";
import type { WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { createExcelHost } from "../src/excel/host";
import { readWorkbookFile } from "../src/node/read-file";
import type { ExcelHost } from "../src/taskpane/host";
import { chartsSheet, packageSheet } from "../src/taskpane/publish";
import { createSimulator, installGlobals, SimError, type Simulator } from "./excel-sim";

const SAMPLE = path.join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");
const sample = readWorkbookFile(SAMPLE);
const expected = analyse(sample);
const charts = disclosureCharts(expected.recognition);

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

function open(level: string, snap: WorkbookSnapshot = sample): { sim: Simulator; host: ExcelHost } {
  const sim = createSimulator(JSON.parse(JSON.stringify(snap)) as WorkbookSnapshot, { apiVersion: level });
  restore = installGlobals(sim);
  return { sim, host: createExcelHost(level) };
}

function outcome(r: AnalysisResult) {
  return { findings: r.report.findings, summary: r.report.summary, tables: r.recognition.tables.map((t) => `${t.id} ${t.sheet} ${t.range}`), narrative: r.recognition.narrative };
}

/** Every user cell as it stands, to prove none was touched. */
function userCells(sim: Simulator): string {
  return JSON.stringify(sim.model.sheets.filter((s) => sample.sheets.some((x) => x.name === s.name)).map((s) => [s.name, s.rows]));
}

test.each(["1.7", "1.13"])("ExcelApi %s: the charts' sheet with native pie and column charts in two round trips; a later check is unchanged", async (level) => {
  const { sim, host } = open(level);
  const before = userCells(sim);
  const s0 = sim.host.syncs;
  const out = await host.addSheet(chartsSheet(charts, "zh"));
  expect(sim.host.syncs - s0).toBe(2);
  expect(out.sheet).toBe("图表数据");
  expect(userCells(sim)).toBe(before);
  expect(sim.driver.value("图表数据", "A1")).toBe(SHEET_MARKERS.charts);

  const got = sim.driver.charts("图表数据");
  expect(got.map((c) => [c.chartType, c.title])).toEqual([
    ["Pie", "收入预算图"],
    ["Pie", "支出预算图"],
    ["ColumnClustered", "一般公共预算当年拨款结构图"],
  ]);
  got.forEach((c, i) => {
    expect(c.series).toHaveLength(1);
    expect(c.series[0].name).toBe("金额（万元）");
    expect(c.series[0].categories).toEqual(charts[i].points.map((p) => p.label));
    expect(c.series[0].values).toEqual(charts[i].points.map((p) => Number(p.amount)));
    expect(c.position).not.toBeNull();
  });
  expect(got[0].showPercentage).toBe(true);

  const again = analyse(await host.readWorkbook());
  expect(again.recognition.workbook).toBe(expected.recognition.workbook);
  expect(outcome(again)).toEqual(outcome(expected));
});

test("a name the workbook has (in any case) is never reused, and that sheet's cells stay as they were", async () => {
  const { sim, host } = open("1.7");
  sim.driver.addSheet("图表数据", [["我的笔记"]]);
  sim.driver.addSheet("图表数据 (2)", [["另一张"]]);
  const out = await host.addSheet(chartsSheet(charts, "zh"));
  expect(out.sheet).toBe("图表数据 (3)");
  expect(sim.driver.value("图表数据", "A1")).toBe("我的笔记");
  expect(sim.driver.charts("图表数据")).toEqual([]);
  const en = await host.addSheet(chartsSheet(charts, "en"));
  expect(en.sheet).toBe("Chart data");
  expect(sim.driver.charts("Chart data").map((c) => c.title)).toEqual(charts.map((c) => c.title.en));
});

test("the package in a new sheet: text cells under the cell limit, in request-sized blocks, read back to the same bytes; a later check is unchanged", async () => {
  const { sim, host } = open("1.7");
  let text = "";
  writePackageJson(expected.recognition, expected.report, (s) => (text += s));
  // A package of a department (several MB): more than one request.
  const big = text.slice(0, -1) + `,"padding":"${"表=-+@".repeat(600_000)}"}`;
  for (const t of [text, big]) {
    const spec = packageSheet(t, "zh");
    const out = await host.addSheet(spec);
    const ws = sim.model.sheetByName(out.sheet)!;
    for (let r = spec.firstRow - 1; r < spec.rows.length; r++) {
      const cell = ws.rows[r]![0]!;
      expect(typeof cell.value).toBe("string");
      expect((cell.value as string).length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
      expect(cell.formula).toBeUndefined();
      expect(cell.numberFormat).toBe("@");
    }
  }
  expect(sim.host.history.length).toBeGreaterThan(4);
  const wb = await host.readWorkbook();
  expect(reassemblePackage(wb.sheets.find((s) => s.name === "数据包JSON")!)).toBe(text);
  expect(reassemblePackage(wb.sheets.find((s) => s.name === "数据包JSON (2)")!)).toBe(big);
  expect(outcome(analyse(wb))).toEqual(outcome(expected));
});

describe("the simulator refuses what Excel refuses", () => {
  test("a cell of more than 32,767 characters, a bad sheet name, an unknown chart type, a chart over another sheet's range", async () => {
    const { sim } = open("1.7");
    const run = (f: (ctx: ReturnType<Simulator["context"]>) => void) => {
      const ctx = sim.context();
      f(ctx);
      return ctx.sync();
    };
    await expect(run((ctx) => (ctx.workbook.worksheets.getItem("表一").getRange("Z1").values = [["x".repeat(CELL_TEXT_LIMIT + 1)]]))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(run((ctx) => ctx.workbook.worksheets.add("a/b"))).rejects.toBeInstanceOf(SimError);
    await expect(run((ctx) => ctx.workbook.worksheets.add("x".repeat(32)))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(run((ctx) => ctx.workbook.worksheets.add("表一"))).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await expect(
      run((ctx) => {
        const ws = ctx.workbook.worksheets.getItem("表一");
        ws.charts.add("Pyramid3D", ws.getRange("A1:B2"), "Columns");
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      run((ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.getItem("表一").charts.add("Pie", sheets.getItem("表二").getRange("A1:B2"), "Columns");
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    // Loaded only after sync, like every proxy.
    const ctx = sim.context();
    const list = ctx.workbook.worksheets.getItem("表一").charts.load("items/name");
    expect(() => list.items).toThrow(/not available/);
    await ctx.sync();
    expect(list.items).toEqual([]);
  });
});
