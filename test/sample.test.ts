import * as XLSX from "@e965/xlsx";
import Decimal from "decimal.js";
import { readFileSync } from "fs";
import { join } from "path";
import { buildSample, buildSampleWorkbook, cellOf, fieldOf, findRow, shuffle } from "../scripts/sample/build";
import { sampleNarrative, samplePerformance, sampleTables, STANDARD_TABLE_IDS, StandardTableId } from "../scripts/sample/data";
import { buildLargeWorkbook, largeTables } from "../scripts/sample/large";

const SHIPPED = join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");

function read(buffer: Buffer): XLSX.WorkBook {
  return XLSX.read(buffer, { cellFormula: true, cellNF: true });
}

function cell(wb: XLSX.WorkBook, sheet: string, address: string): XLSX.CellObject | undefined {
  const ws = wb.Sheets[sheet];
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return ws[address] as XLSX.CellObject | undefined;
}

function merges(wb: XLSX.WorkBook, sheet: string): string[] {
  return (wb.Sheets[sheet]["!merges"] ?? []).map((m) => XLSX.utils.encode_range(m));
}

function col(c: number): string {
  return XLSX.utils.encode_col(c);
}

const TEXT_ROLES = new Set(["code", "name", "name2"]);
const role = (column: string) => column.slice(column.indexOf(".") + 1);
const dec = (s: string) => new Decimal(s === "" ? 0 : s);
const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(dec(x)), new Decimal(0)).toFixed(2);

describe("data/sample-2026 reproduces the seed's totals", () => {
  test("T02 合计 533.48 is the sum of its 类 rows, 21011 keeps the seed's rounding tail", () => {
    const t = sampleTables.T02;
    const classes = t.rows.filter((r) => /^\d{3}$/.test(r[0]));
    expect(classes.map((r) => r[0])).toEqual(["201", "208", "210", "221"]);
    expect(sum(classes.map((r) => r[2]))).toBe("533.48");
    expect(t.rows[0][2]).toBe("533.48");
    const r21011 = t.rows.find((r) => r[0] === "21011")!;
    const kids = t.rows.filter((r) => /^21011\d\d$/.test(r[0]));
    expect(r21011[2]).toBe("12.68");
    expect(sum(kids.map((r) => r[2]))).toBe("12.67");
  });

  test("T03/T05: 合计 533.48 = 基本 245.48 + 项目 288.00, both equal row by row", () => {
    for (const id of ["T03", "T05"] as const) {
      const t = sampleTables[id];
      const classes = t.rows.filter((r) => /^\d{3}$/.test(r[0]));
      expect([sum(classes.map((r) => r[2])), sum(classes.map((r) => r[3])), sum(classes.map((r) => r[4]))]).toEqual(["533.48", "245.48", "288.00"]);
      expect(t.rows[0].slice(2)).toEqual(["533.48", "245.48", "288.00"]);
      for (const r of t.rows) expect(sum([r[3], r[4]])).toBe(dec(r[2]).toFixed(2));
    }
    expect(sampleTables.T05.rows).toEqual(sampleTables.T03.rows);
  });

  test("T06 合计 245.48 = 人员 229.04 + 公用 16.44; 工资福利支出 220.63 vs items 220.61", () => {
    const t = sampleTables.T06;
    const classes = t.rows.filter((r, i) => i > 0 && r[1] === "");
    expect(sum(classes.map((r) => r[2]))).toBe("245.48");
    expect(t.rows[0].slice(2)).toEqual(["245.48", "229.04", "16.44"]);
    const wage = t.rows.filter((r) => r[1] === "工资福利支出");
    expect(sum(wage.map((r) => r[2]))).toBe("220.61");
    expect(t.rows.find((r) => r[0] === "工资福利支出")![2]).toBe("220.63");
  });

  test("T01/T04 class rows add up to 533.48; T12 projects add up to 288.00 and match the PT funding in 元", () => {
    for (const id of ["T01", "T04"] as const) {
      const t = sampleTables[id];
      const ci = t.columns.indexOf("expenditure.total");
      expect(sum(t.rows.slice(0, 30).map((r) => r[ci]))).toBe("533.48");
    }
    const t12 = sampleTables.T12.rows;
    expect(sum(t12.slice(1).map((r) => r[1]))).toBe(t12[0][1]);
    expect(t12[0][1]).toBe("288.00");
    for (const p of samplePerformance) {
      const row = t12.find((r) => r[0] === p.projectName)!;
      expect(dec(p.funding.annual.total.replace(/,/g, "")).toFixed(0)).toBe(dec(row[1]).times(10000).toFixed(0));
      const f = p.funding.annual;
      expect(sum([f.central, f.provincial, f.local, f.self, f.other].map((x) => x.replace(/,/g, "")))).toBe(dec(f.total.replace(/,/g, "")).toFixed(2));
    }
  });

  test("empty tables keep their note, narrative keeps the seed's own mistakes", () => {
    for (const id of ["T07", "T08", "T09", "T10", "T11", "T13"] as const) expect(sampleTables[id].notes).toEqual(["注：本表无数据"]);
    expect(sampleTables.T01.notes).toEqual(["注：本套报表因取数时四舍五入，部分金额可能存在尾差"]);
    const text = sampleNarrative.paragraphs.join("\n");
    expect(sampleNarrative.paragraphs[0]).toBe("一、单位预算收支数据变动情况及原因");
    expect(sampleNarrative.paragraphs[sampleNarrative.paragraphs.length - 1]).toBe("本部门无其他说明。");
    expect(text).toContain("一般公共预算支出434.67万元");
    expect(text).toContain("其他运转类项目3个，涉及金额0万元");
    expect(text).toContain("政府采购货物预算0.80万元");
  });
});

describe("buildSample (default)", () => {
  let wb: XLSX.WorkBook;
  let map: Awaited<ReturnType<typeof buildSample>>["map"];
  beforeAll(async () => {
    const built = await buildSample();
    wb = read(built.buffer);
    map = built.map;
  });

  test("sheets 表一…表十三, 绩效目标表1…3, 情况说明", () => {
    expect(wb.SheetNames).toEqual([
      "表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九", "表十", "表十一", "表十二", "表十三",
      "绩效目标表1", "绩效目标表2", "绩效目标表3", "情况说明",
    ]);
    expect(map.sheets).toEqual(wb.SheetNames);
  });

  test("titles, unit lines and title merges at the mapped cells", () => {
    for (const id of STANDARD_TABLE_IDS) {
      const t = map.tables[id]!;
      expect(cell(wb, t.sheet, t.titleCell)?.v).toBe(sampleTables[id].title);
      expect(cell(wb, t.sheet, t.unitNameCell)?.v).toBe("单位名称：晋城经济技术开发区财政管理运营部");
      expect(cell(wb, t.sheet, t.moneyUnitCell!)?.v).toBe("单位：万元");
      const width = sampleTables[id].columns.length;
      const r = Number(t.titleCell.slice(1));
      expect(merges(wb, t.sheet)).toContain(`A${r}:${col(width - 1)}${r}`);
    }
    expect(cell(wb, "表一", map.tables.T01!.captionCell!)?.v).toBe("预算公开表1");
    expect(map.tables.T02!.captionCell).toBeUndefined();
  });

  test("T02 header merges as in the seed: 项目 over 编码/名称, 本年收入 over six columns, 上年结转 vertical", () => {
    const [h1, h2] = map.tables.T02!.headerRows;
    expect(merges(wb, "表二")).toEqual(expect.arrayContaining([`A${h1}:B${h1}`, `C${h1}:H${h1}`, `I${h1}:I${h2}`]));
    expect(cell(wb, "表二", `C${h1}`)?.v).toBe("本年收入");
    expect(cell(wb, "表二", `I${h1}`)?.v).toBe("上年结转");
    expect(cell(wb, "表二", `D${h2}`)?.v).toBe("一般公共预算");
    const t12 = map.tables.T12!.headerRows;
    expect([1, 2, 3, 4, 5, 6, 7].map((n, i) => cell(wb, "表十二", `${col(i)}${t12[2]}`)?.v)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test("every figure and name of every table sits where the data file puts it, amounts as 0.00 numbers, codes as text", () => {
    let amounts = 0;
    for (const id of STANDARD_TABLE_IDS) {
      const t = map.tables[id]!;
      const data = sampleTables[id];
      const first = Math.max(...t.headerRows) + 1;
      data.rows.forEach((row, i) => {
        row.forEach((expected, c) => {
          const got = cell(wb, t.sheet, `${col(c)}${first + i}`);
          const r = role(data.columns[c]);
          if (expected === "") {
            expect(got?.v ?? "").toBe("");
          } else if (TEXT_ROLES.has(r)) {
            expect(got?.v).toBe(expected);
            if (r === "code" && /^\d+$/.test(expected)) expect([got?.t, got?.z]).toEqual(["s", "@"]);
          } else {
            expect(got?.t).toBe("n");
            expect((got?.v as number).toFixed(2)).toBe(expected);
            expect(got?.z).toBe("0.00");
            amounts++;
          }
        });
      });
    }
    expect(amounts).toBeGreaterThan(150);
  });

  test("map: T02 2010607 = 100.00, T06 合计 245.48, T04's two 一般公共预算 lines told apart by group", () => {
    const a = cellOf(map, "T02", "2010607", "total");
    expect(cell(wb, "表二", a)?.v).toBe(100);
    expect(cell(wb, "表二", findRow(map, "T02", "2010607").nameCell)?.v).toBe("信息化建设");
    expect(cell(wb, "表六", cellOf(map, "T06", "合计", "total"))?.v).toBe(245.48);
    expect(cell(wb, "表六", cellOf(map, "T06", "合计", "personnel"))?.v).toBe(229.04);
    expect(() => findRow(map, "T04", "一般公共预算")).toThrow(/ambiguous/);
    const current = findRow(map, "T04", { label: "一般公共预算", side: "income", group: "current" });
    const carry = findRow(map, "T04", { label: "一般公共预算", side: "income", group: "carry" });
    expect(cell(wb, "表四", current.cells.amount)?.v).toBe(533.48);
    expect(cell(wb, "表四", carry.cells.amount)).toBeUndefined();
    expect(carry.r).toBeGreaterThan(current.r);
    const cls = findRow(map, "T01", { label: "一般公共服务支出", side: "expenditure" });
    expect([cls.kind, cls.level, cell(wb, "表一", cls.cells.total)?.v]).toEqual(["subject", "类", 434.67]);
    expect(findRow(map, "T12", "晋城经济技术开发区财政管理运营部").kind).toBe("total");
    expect(findRow(map, "T12", "财政项目评审费").kind).toBe("project");
    expect(findRow(map, "T10", "公务用车购置费").depth).toBe(1);
  });

  test("notes under T01 and under the empty tables", () => {
    expect(cell(wb, "表一", map.tables.T01!.noteCells[0])?.v).toBe("注：本套报表因取数时四舍五入，部分金额可能存在尾差");
    for (const id of ["T07", "T08", "T09", "T10", "T11", "T13"] as const) {
      const t = map.tables[id]!;
      expect(cell(wb, t.sheet, t.noteCells[0])?.v).toBe("注：本表无数据");
    }
  });

  test("no formulas by default", () => {
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name];
      expect(Object.keys(ws).filter((k) => !k.startsWith("!") && (ws[k] as XLSX.CellObject).f)).toEqual([]);
    }
  });

  test("performance forms: title, year line, funding in 元 as #,##0 numbers, indicators", () => {
    const p = map.performance.PT1!;
    expect(p.sheet).toBe("绩效目标表1");
    expect(cell(wb, p.sheet, p.titleCell)?.v).toBe(samplePerformance[0].title);
    expect(cell(wb, p.sheet, p.yearCell)?.v).toBe("(2026年度)");
    expect(cell(wb, p.sheet, p.cells.projectName)?.v).toBe("财政项目评审费");
    expect(cell(wb, p.sheet, p.cells.department)?.v).toBe("605-晋城经济技术开发区财政管理运营部");
    const total = cell(wb, p.sheet, fieldOf(map, "PT1", "annual.total"));
    expect([total?.v, total?.z, total?.w]).toEqual([1800000, "#,##0", "1,800,000"]);
    expect(cell(wb, p.sheet, p.cells["implementation.local"])?.v).toBe(1800000);
    expect(cell(wb, p.sheet, p.cells["implementation.central"])?.v).toBe(0);
    expect(cell(wb, "绩效目标表3", map.performance.PT3!.cells["annual.total"])?.v).toBe(80000);
    expect(cell(wb, "绩效目标表2", map.performance.PT2!.cells["text.项目设立必要性"])?.v).toBe(samplePerformance[1].texts["项目设立必要性"]);
    const cost = p.indicators.find((x) => x.block === "年度" && x.name === "项目评审服务成本")!;
    expect(cell(wb, p.sheet, cost.targetCell)?.v).toBe("≤145万元");
    expect(cell(wb, p.sheet, cost.level2Cell)?.v).toBe("成本指标");
    // 一级 merged vertically over its rows, 实施期 on the left of 年度
    const out = p.indicators.filter((x) => x.level1 === "产出指标" && x.block === "实施期");
    const lastRow = Math.max(...out.map((x) => Number(x.nameCell.replace(/^[A-Z]+/, ""))));
    expect(merges(wb, p.sheet)).toContain(`${out[0].level1Cell}:${out[0].level1Cell.replace(/\d+$/, String(lastRow))}`);
    expect(out[0].nameCell.charCodeAt(0)).toBeLessThan(cost.nameCell.charCodeAt(0));
    expect(p.indicators.filter((x) => x.block === "实施期")).toHaveLength(samplePerformance[0].indicators.implementation.length);
  });

  test("情况说明: one paragraph per row in column A", () => {
    const n = map.narrative!;
    expect(n.sheet).toBe("情况说明");
    expect(n.paragraphs.map((p) => p.cell).slice(0, 3)).toEqual(["A1", "A2", "A3"]);
    n.paragraphs.forEach((p, i) => expect(cell(wb, "情况说明", p.cell)?.v).toBe(sampleNarrative.paragraphs[i]));
  });
});

describe("variants", () => {
  const only = { performance: false, narrative: false } as const;

  test("shuffled order differs from standard and is deterministic per seed", async () => {
    const a = await buildSample({ order: "shuffled", seed: 7 });
    const b = await buildSample({ order: "shuffled", seed: 7 });
    const c = await buildSample({ order: "shuffled", seed: 8 });
    const std = (await buildSample()).map.sheets;
    expect(a.map.sheets).not.toEqual(std);
    expect([...a.map.sheets].sort()).toEqual([...std].sort());
    expect(b.map.sheets).toEqual(a.map.sheets);
    expect(c.map.sheets).not.toEqual(a.map.sheets);
    expect(read(a.buffer).SheetNames).toEqual(a.map.sheets);
    expect(shuffle([1, 2], 3)).not.toEqual([1, 2]);
  });

  test("sheet naming schemes", async () => {
    const a = await buildSample({ sheetNames: "预算公开表", ...only });
    expect(a.map.sheets.slice(0, 3)).toEqual(["预算公开表1", "预算公开表2", "预算公开表3"]);
    const g = await buildSample({ sheetNames: "generic" });
    expect(read(g.buffer).SheetNames).toEqual(g.map.sheets.map((_, i) => `Sheet${i + 1}`));
    const custom = await buildSample({ sheetNames: { T03: "支出总表" }, ...only });
    expect(custom.map.tables.T03!.sheet).toBe("支出总表");
    expect(custom.map.tables.T02!.sheet).toBe("表二");
  });

  test("singleSheet stacks all 13 titles on one sheet", async () => {
    const s = await buildSample({ layout: "singleSheet" });
    const wb = read(s.buffer);
    expect(wb.SheetNames).toHaveLength(1);
    const sheet = wb.SheetNames[0];
    const titles = STANDARD_TABLE_IDS.map((id) => cell(wb, sheet, s.map.tables[id]!.titleCell)?.v);
    expect(titles).toEqual(STANDARD_TABLE_IDS.map((id) => sampleTables[id].title));
    expect(cell(wb, sheet, cellOf(s.map, "T03", "2010607", "total"))?.v).toBe(100);
    expect(cell(wb, sheet, s.map.performance.PT2!.cells.projectName)?.v).toBe("财政信息系统网络运维费");
    const rows = STANDARD_TABLE_IDS.map((id) => Number(s.map.tables[id]!.titleCell.slice(1)));
    expect([...rows].sort((x, y) => x - y)).toEqual(rows);
  });

  test("row and column offsets move every block", async () => {
    const s = await buildSample({ rowOffset: 3, colOffset: 2, ...only });
    const wb = read(s.buffer);
    expect(s.map.tables.T02!.titleCell).toBe("C4");
    expect(cell(wb, "表二", "C4")?.v).toBe("2026年预算收入总表");
    expect(cellOf(s.map, "T02", "2010607", "total")).toBe("E11");
    expect(cell(wb, "表二", "E11")?.v).toBe(100);
  });

  test("codesAsNumbers writes numeric code cells", async () => {
    const s = await buildSample({ codesAsNumbers: true, tables: ["T02"], ...only });
    const wb = read(s.buffer);
    const c = cell(wb, "表二", findRow(s.map, "T02", "2010607").codeCell!);
    expect([c?.t, c?.v]).toEqual(["n", 2010607]);
  });

  test("noCodes empties the code column and indents names by level; drop removes the column", async () => {
    const s = await buildSample({ noCodes: true, tables: ["T03"], ...only });
    const wb = read(s.buffer);
    const item = findRow(s.map, "T03", "2010607");
    expect(cell(wb, "表三", item.codeCell!)?.v ?? "").toBe("");
    expect(cell(wb, "表三", item.nameCell)?.v).toBe("\u3000\u3000\u3000\u3000信息化建设");
    expect(cell(wb, "表三", findRow(s.map, "T03", "20106").nameCell)?.v).toBe("\u3000\u3000财政事务");
    expect(cell(wb, "表三", findRow(s.map, "T03", "201").nameCell)?.v).toBe("一般公共服务支出");
    expect(cell(wb, "表三", findRow(s.map, "T03", "合计").nameCell)?.v).toBe("合计");
    expect(findRow(s.map, "T03", "合计").nameCell.startsWith("B")).toBe(true);

    const d = await buildSample({ noCodes: "drop", tables: ["T03"], ...only });
    const wd = read(d.buffer);
    const header = d.map.tables.T03!.headerRows.flatMap((r) => ["A", "B", "C", "D"].map((c) => cell(wd, "表三", `${c}${r}`)?.v));
    expect(header).not.toContain("科目编码");
    expect(cell(wd, "表三", findRow(d.map, "T03", "2010607").nameCell)?.v).toBe("\u3000\u3000\u3000\u3000信息化建设");
    expect(cellOf(d.map, "T03", "2010607", "total").startsWith("B")).toBe(true);
  });

  test("mergedHeaders false repeats labels without merges", async () => {
    const s = await buildSample({ mergedHeaders: false, tables: ["T02"], ...only });
    const wb = read(s.buffer);
    const [h1, h2] = s.map.tables.T02!.headerRows;
    expect(merges(wb, "表二")).toEqual([`A1:I1`]);
    expect(["C", "D", "H"].map((c) => cell(wb, "表二", `${c}${h1}`)?.v)).toEqual(["本年收入", "本年收入", "本年收入"]);
    expect(cell(wb, "表二", `I${h2}`)?.v).toBe("上年结转");
  });

  test("year and unit name rewrite titles, headers, PT year line and narrative", async () => {
    const s = await buildSample({ year: 2027, unitName: "某某单位" });
    const wb = read(s.buffer);
    expect(cell(wb, "表一", s.map.tables.T01!.titleCell)?.v).toBe("2027年预算收支总表");
    expect(cell(wb, "表三", `C${s.map.tables.T03!.headerRows[0]}`)?.v).toBe("2027年预算数");
    expect(cell(wb, "表二", s.map.tables.T02!.unitNameCell)?.v).toBe("单位名称：某某单位");
    expect(cell(wb, "表十二", findRow(s.map, "T12", "某某单位").nameCell)?.v).toBe("某某单位");
    expect(cell(wb, "绩效目标表1", s.map.performance.PT1!.yearCell)?.v).toBe("(2027年度)");
    expect(cell(wb, "绩效目标表1", s.map.performance.PT1!.cells.department)?.v).toBe("605-某某单位");
    expect(cell(wb, "情况说明", "A2")?.v).toMatch(/^2027年度某某单位预算收入总计533.48万元/);
    for (const id of STANDARD_TABLE_IDS) expect(String(cell(wb, s.map.tables[id]!.sheet, s.map.tables[id]!.titleCell)?.v)).not.toContain("2026");
  });

  test("captions above every title", async () => {
    const s = await buildSample({ captions: true, ...only });
    const wb = read(s.buffer);
    expect(STANDARD_TABLE_IDS.map((id) => cell(wb, s.map.tables[id]!.sheet, s.map.tables[id]!.captionCell!)?.v)).toEqual(
      STANDARD_TABLE_IDS.map((_, i) => `预算公开表${i + 1}`),
    );
    const none = await buildSample({ captions: false, tables: ["T01"], ...only });
    expect(none.map.tables.T01!.captionCell).toBeUndefined();
    expect(none.map.tables.T01!.titleCell).toBe("A1");
  });

  test("formulas: SUM with cached results where the figures add up, typed figures where the seed has a tail", async () => {
    const s = await buildSample({ formulas: true, ...only });
    const wb = read(s.buffer);
    const total = cell(wb, "表三", cellOf(s.map, "T03", "合计", "total"))!;
    expect(total.f).toMatch(/^SUM\(/);
    expect(total.v).toBe(533.48);
    const sec = cell(wb, "表三", cellOf(s.map, "T03", "20106", "total"))!;
    expect(sec.f).toBe(`SUM(${cellOf(s.map, "T03", "2010607", "total")}:${cellOf(s.map, "T03", "2010699", "total")})`);
    expect(sec.v).toBe(434.67);
    const tail = cell(wb, "表三", cellOf(s.map, "T03", "21011", "total"))!;
    expect([tail.f, tail.v]).toEqual([undefined, 12.68]);
    expect(findRow(s.map, "T03", "21011").formulas).toBeUndefined();
    const wage = cell(wb, "表六", cellOf(s.map, "T06", "工资福利支出", "total"))!;
    expect([wage.f, wage.v]).toEqual([undefined, 220.63]);
    expect(cell(wb, "表六", cellOf(s.map, "T06", "合计", "total"))?.f).toMatch(/^SUM\(/);
    expect(cell(wb, "表十二", cellOf(s.map, "T12", "晋城经济技术开发区财政管理运营部", "total"))?.f).toBe("SUM(B7:B9)");
    const grand = cell(wb, "表一", cellOf(s.map, "T01", { label: "收入总计", side: "income" }, "amount"))!;
    expect([grand.f, grand.v]).toEqual(["SUM(B36:B37)", 533.48]);
    expect(findRow(s.map, "T03", "合计").formulas).toEqual(["total", "basic", "project"]);
  });

  test("edits change exactly the mapped cell", async () => {
    const base = await buildSample({ ...only });
    const s = await buildSample({
      ...only,
      edits: [
        { table: "T03", row: "2010607", column: "total", value: 100.01 },
        { table: "T06", row: "办公费", column: "public", value: "十元" },
      ],
    });
    const wb = read(s.buffer);
    const wb0 = read(base.buffer);
    const at = cellOf(s.map, "T03", "2010607", "total");
    const c = cell(wb, "表三", at)!;
    expect([c.v, c.z]).toEqual([100.01, "0.00"]);
    expect(cell(wb, "表六", cellOf(s.map, "T06", "办公费", "public"))?.v).toBe("十元");
    const diff = (name: string) => {
      const a = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1 });
      const b = XLSX.utils.sheet_to_json<unknown[]>(wb0.Sheets[name], { header: 1 });
      let n = 0;
      a.forEach((row, r) => row.forEach((v, k) => (v !== b[r]?.[k] ? n++ : 0)));
      return n;
    };
    expect(diff("表三")).toBe(1);
    expect(diff("表二")).toBe(0);

    const pt = await buildSample({ edits: [{ table: "PT1", field: "annual.total", value: 1900000 }] });
    expect(cell(read(pt.buffer), "绩效目标表1", fieldOf(pt.map, "PT1", "annual.total"))?.v).toBe(1900000);
    await expect(buildSample({ edits: [{ table: "T03", row: "9999999", column: "total", value: 1 }] })).rejects.toThrow(/no row/);
  });

  test("mutate hook sees the workbook and the map", async () => {
    const s = await buildSample({
      ...only,
      mutate: (wb, map) => {
        wb.getWorksheet(map.tables.T05!.sheet)!.getCell(cellOf(map, "T05", "221", "basic")).value = 19.1;
      },
    });
    expect(cell(read(s.buffer), "表五", cellOf(s.map, "T05", "221", "basic"))?.v).toBe(19.1);
  });
});

test("the shipped sample equals a fresh build, cell by cell", async () => {
  const fresh = read(await buildSampleWorkbook());
  const shipped = read(readFileSync(SHIPPED));
  expect(shipped.SheetNames).toEqual(fresh.SheetNames);
  for (const name of fresh.SheetNames) {
    const a = XLSX.utils.sheet_to_json(shipped.Sheets[name], { header: 1, raw: true });
    const b = XLSX.utils.sheet_to_json(fresh.Sheets[name], { header: 1, raw: true });
    expect(a).toEqual(b);
    expect(merges(shipped, name)).toEqual(merges(fresh, name));
  }
  expect(shipped.Props?.CreatedDate?.toISOString()).toBe("2026-01-15T00:00:00.000Z");
});

test("building twice gives the same bytes", async () => {
  const a = await buildSampleWorkbook();
  await new Promise((r) => setTimeout(r, 1100));
  const b = await buildSampleWorkbook();
  expect(a.equals(b)).toBe(true);
  expect(a.equals(readFileSync(SHIPPED))).toBe(true);
});

describe("large workbook", () => {
  const cents = (s: string) => (s === "" ? 0 : Number(s.replace(".", "")));

  test("synthetic tables are consistent: parents = children, T05 = T03, cross-table totals", () => {
    const t = largeTables({ subjectRows: 3000, projects: 40 });
    const rows = t.T03.rows.slice(1);
    expect(rows.length * 3).toBeGreaterThan(2500);
    const byCode = new Map(rows.map((r) => [r[0], r]));
    for (const r of rows) {
      expect(cents(r[2])).toBe(cents(r[3]) + cents(r[4]));
      if (r[0].length === 7) continue;
      const kids = rows.filter((k) => k[0].length === r[0].length + 2 && k[0].startsWith(r[0]));
      expect(kids.length).toBeGreaterThan(0);
      for (const c of [2, 3, 4]) expect(kids.reduce((a, k) => a + cents(k[c]), 0)).toBe(cents(r[c]));
    }
    const classes = rows.filter((r) => r[0].length === 3);
    expect(classes).toHaveLength(30);
    for (const c of [2, 3, 4]) expect(classes.reduce((a, k) => a + cents(k[c]), 0)).toBe(cents(t.T03.rows[0][c]));
    expect(t.T05.rows).toEqual(t.T03.rows);
    expect(t.T02.rows.map((r) => r[2])).toEqual(t.T03.rows.map((r) => r[2]));
    expect(byCode.get("201")![2]).toBe(t.T01.rows[0][3]);
    expect(t.T01.rows.find((r) => r[0] === "收入总计")![1]).toBe(t.T03.rows[0][2]);
    expect(t.T04.rows.find((r) => r[0] === "收入总计")![1]).toBe(t.T03.rows[0][2]);
    expect(t.T06.rows[0][2]).toBe(t.T03.rows[0][3]);
    expect(cents(t.T06.rows[0][3]) + cents(t.T06.rows[0][4])).toBe(cents(t.T06.rows[0][2]));
    const t06Classes = t.T06.rows.slice(1).filter((r) => r[1] === "");
    expect(t06Classes.reduce((a, r) => a + cents(r[2]), 0)).toBe(cents(t.T06.rows[0][2]));
    expect(t.T12.rows).toHaveLength(41);
    expect(t.T12.rows.slice(1).reduce((a, r) => a + cents(r[1]), 0)).toBe(cents(t.T12.rows[0][1]));
    expect(t.T12.rows[0][1]).toBe(t.T03.rows[0][4]);
  });

  // How long this takes is printed by npm run bench; the test checks that it is written.
  test("full size (100,000 subject rows, 5,000 projects) is written", async () => {
    const buffer = await buildLargeWorkbook({ subjectRows: 100000, projects: 5000 });
    // Reading 100,000 rows back would double the test's time; the structure is checked at a smaller size below.
    expect(buffer.length).toBeGreaterThan(2_000_000);
  });

  test("the written workbook holds the 13 tables with all subject and project rows", async () => {
    const buffer = await buildLargeWorkbook({ subjectRows: 6000, projects: 300 });
    const wb = XLSX.read(buffer);
    expect(wb.SheetNames).toEqual(["表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九", "表十", "表十一", "表十二", "表十三"]);
    const data = largeTables({ subjectRows: 6000, projects: 300 });
    for (const [sheet, id] of [["表三", "T03"], ["表十二", "T12"]] as const) {
      const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet], { header: 1, raw: true, defval: "" });
      const body = rows.slice(rows.length - data[id].rows.length);
      expect(body.map((r) => r.map((v) => (typeof v === "number" ? v.toFixed(2) : v)))).toEqual(data[id].rows);
    }
  });
});

test("every standard table id has data", () => {
  const ids: StandardTableId[] = STANDARD_TABLE_IDS;
  expect(ids.map((id) => sampleTables[id].id)).toEqual(ids);
});
