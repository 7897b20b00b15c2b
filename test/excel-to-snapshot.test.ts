import * as XLSX from "@e965/xlsx";
import { planBlocks, toCell, toMerges, toSheetSnapshot, toSheetSnapshotSliced, toVisibility, type RangeData } from "../src/excel/to-snapshot";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import type { Cell } from "../src/core/workbook/snapshot";

describe("toCell", () => {
  test.each<[string, unknown, string | undefined, unknown, unknown, Cell | undefined]>([
    ["empty cell", "", "", "", "General", undefined],
    ["number under a fixed format keeps the shown text", 434.67, "434.67", 434.67, "0.00", { v: 434.67, z: "0.00", t: "434.67" }],
    ["number under General drops the text (Excel shortens it to the column)", 434.67, "434.7", 434.67, "General", { v: 434.67 }],
    ["#### in a narrow column is not a figure", 1800000, "########", 1800000, "#,##0", { v: 1800000, z: "#,##0" }],
    ["formula loses its =", 12.68, "12.68", "=SUM(C20:C21)", "0.00", { v: 12.68, z: "0.00", t: "12.68", f: "SUM(C20:C21)" }],
    ["text", "一般公共服务支出", "一般公共服务支出", "一般公共服务支出", "General", { v: "一般公共服务支出" }],
    ["text-formatted code keeps @", "2010607", "2010607", "2010607", "@", { v: "2010607", z: "@" }],
    ["text typed as '=abc is not a formula", "=abc", "=abc", "=abc", "@", { v: "=abc", z: "@" }],
    ["error value from a formula", "#REF!", "#REF!", "=C5+#REF!", "General", { v: "#REF!", f: "C5+#REF!", error: true }],
    ["formula returning empty text is kept", "", "", '=IF(C5=0,"",C5)', "General", { v: "", f: 'IF(C5=0,"",C5)' }],
    ["boolean", true, "TRUE", true, "General", { v: true }],
  ])("%s", (_name, value, text, formula, format, expected) => {
    expect(toCell(value, text, formula, format)).toEqual(expected);
  });
});

describe("toSheetSnapshot", () => {
  const block: RangeData = {
    rowIndex: 2,
    columnIndex: 1,
    values: [
      ["科目编码", "", 533.48],
      ["", "", ""],
      ["201", "一般公共服务支出", 434.67],
    ],
    text: [
      ["科目编码", "", "533.48"],
      ["", "", ""],
      ["201", "一般公共服务支出", "434.67"],
    ],
    formulas: [
      ["科目编码", "", "=D5"],
      ["", "", ""],
      ["201", "一般公共服务支出", 434.67],
    ],
    numberFormat: [
      ["General", "General", "0.00"],
      ["General", "General", "General"],
      ["@", "General", "0.00"],
    ],
  };

  test("places cells at sheet positions, sparse, with empty rows left out", () => {
    const s = toSheetSnapshot("表二", "Visible", [block]);
    expect(s.rows.length).toBe(5);
    expect(s.rows[0]).toBeUndefined();
    expect(s.rows[3]).toBeUndefined();
    expect(s.rows[2]?.[0]).toBeUndefined();
    expect(s.rows[2]?.[1]).toEqual({ v: "科目编码" });
    expect(s.rows[2]?.[2]).toBeUndefined();
    expect(s.rows[2]?.[3]).toEqual({ v: 533.48, z: "0.00", t: "533.48", f: "D5" });
    expect(s.rows[4]?.[1]).toEqual({ v: "201", z: "@" });
  });

  test("trailing rows of empty strings do not lengthen the sheet", () => {
    const s = toSheetSnapshot("x", "Visible", [{ rowIndex: 0, columnIndex: 0, values: [["a"], [""], [""]] }]);
    expect(s.rows.length).toBe(1);
  });

  test("blocks read separately join into one sheet", () => {
    const a: RangeData = { rowIndex: 0, columnIndex: 0, values: [["a", 1]] };
    const b: RangeData = { rowIndex: 1, columnIndex: 0, values: [["b", 2]] };
    const s = toSheetSnapshot("x", "Hidden", [a, b]);
    expect(s.rows.map((r) => r?.map((c) => c?.v))).toEqual([["a", 1], ["b", 2]]);
    expect(s.visibility).toBe("hidden");
  });

  test("turned into cells in slices that yield: the same sheet, with the event loop given turns", async () => {
    const values = Array.from({ length: 1600 }, (_, r) => (r % 7 === 3 ? ["", ""] : [`行${r}`, r * 1.5]));
    const blocks: RangeData[] = [
      { rowIndex: 2, columnIndex: 1, values: values.slice(0, 1200), numberFormat: values.slice(0, 1200).map(() => ["@", "0.00"]) },
      { rowIndex: 1202, columnIndex: 1, values: values.slice(1200) },
    ];
    const areas = [{ rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 3 }];
    let pauses = 0;
    const sliced = await toSheetSnapshotSliced("x", "Visible", blocks, areas, () => {
      pauses++;
      return Promise.resolve();
    });
    expect(sliced).toEqual(toSheetSnapshot("x", "Visible", blocks, areas));
    expect(pauses).toBe(4); // 1,200 rows in three slices of 500, 400 in one
  });

  test("visibility names from Excel", () => {
    expect(toVisibility("Visible")).toBe("visible");
    expect(toVisibility("Hidden")).toBe("hidden");
    expect(toVisibility("VeryHidden")).toBe("veryHidden");
    expect(toVisibility(undefined)).toBe("visible");
  });
});

describe("toMerges", () => {
  test("boxes are inclusive, deduplicated and sorted; single cells are not merges", () => {
    const m = toMerges([
      { rowIndex: 4, columnIndex: 0, rowCount: 2, columnCount: 1 },
      { rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 8 },
      { rowIndex: 4, columnIndex: 0, rowCount: 2, columnCount: 1 },
      { rowIndex: 9, columnIndex: 9, rowCount: 1, columnCount: 1 },
    ]);
    expect(m).toEqual([
      { r0: 0, c0: 0, r1: 0, c1: 7 },
      { r0: 4, c0: 0, r1: 5, c1: 0 },
    ]);
  });
});

describe("planBlocks", () => {
  test("a small range is one block", () => {
    expect(planBlocks(60, 9)).toEqual([{ rowOffset: 0, rowCount: 60 }]);
  });
  test("long sheets are split at 5,000 rows, the last block short", () => {
    const p = planBlocks(12_001, 10);
    expect(p.map((b) => b.rowCount)).toEqual([5000, 5000, 2001]);
    expect(p.map((b) => b.rowOffset)).toEqual([0, 5000, 10000]);
  });
  test("wide sheets get fewer rows per block so a block stays within the cell budget", () => {
    const p = planBlocks(1000, 400, 100_000);
    expect(p.every((b) => b.rowCount * 400 <= 100_000)).toBe(true);
    expect(p.reduce((n, b) => n + b.rowCount, 0)).toBe(1000);
  });
  test("an empty range has no blocks", () => {
    expect(planBlocks(0, 5)).toEqual([]);
  });
});

/**
 * The contract with src/io/xlsx-read.ts: the same sheet, read from an .xlsx file or from Excel,
 * gives the same cells (apart from `t`, which only Excel reports).
 */
describe("same snapshot as the .xlsx reader", () => {
  test("numbers, formats, formulas, text codes, errors and merges agree", () => {
    const ws: XLSX.WorkSheet = {};
    const put = (addr: string, cell: XLSX.CellObject) => (ws[addr] = cell);
    put("A1", { t: "s", v: "2026年预算收入总表" });
    put("A3", { t: "s", v: "科目编码" });
    put("B3", { t: "s", v: "科目名称" });
    put("C3", { t: "s", v: "合计" });
    put("A4", { t: "s", v: "201", z: "@" });
    put("B4", { t: "s", v: "一般公共服务支出" });
    put("C4", { t: "n", v: 434.67, z: "0.00", f: "SUM(C5:C5)" });
    put("A5", { t: "s", v: "20106", z: "@" });
    put("C5", { t: "n", v: 434.67, z: "0.00" });
    put("C6", { t: "e", v: 0x17, f: "C4+#REF!" });
    put("D6", { t: "b", v: false });
    ws["!ref"] = "A1:D6";
    ws["!merges"] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "表二");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
    const fromFile = readWorkbookBytes(bytes, "t.xlsx").sheets[0];

    const fromExcel = toSheetSnapshot(
      "表二",
      "Visible",
      [
        {
          rowIndex: 0,
          columnIndex: 0,
          values: [
            ["2026年预算收入总表", "", "", ""],
            ["", "", "", ""],
            ["科目编码", "科目名称", "合计", ""],
            ["201", "一般公共服务支出", 434.67, ""],
            ["20106", "", 434.67, ""],
            ["", "", "#REF!", false],
          ],
          formulas: [
            ["2026年预算收入总表", "", "", ""],
            ["", "", "", ""],
            ["科目编码", "科目名称", "合计", ""],
            ["201", "一般公共服务支出", "=SUM(C5:C5)", ""],
            ["20106", "", 434.67, ""],
            ["", "", "=C4+#REF!", false],
          ],
          numberFormat: [
            ["General", "General", "General", "General"],
            ["General", "General", "General", "General"],
            ["General", "General", "General", "General"],
            ["@", "General", "0.00", "General"],
            ["@", "General", "0.00", "General"],
            ["General", "General", "General", "General"],
          ],
        },
      ],
      [{ rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 4 }],
    );
    expect(fromExcel).toEqual(fromFile);
  });
});
