/** The pane's pure parts: grouping findings, file names, addresses, strings, error text. */
import type { Finding } from "../src/core/report/finding";
import type { RecognisedTable, RecognitionResult, TableId } from "../src/core/recognise/model";
import { describeError } from "../src/excel/errors";
import { MESSAGES, tableName, tableOrdinal, translate, type Lang, type MessageKey } from "../src/taskpane/i18n";
import { paneTable } from "../src/taskpane/view";
import { exportFileName, findingTarget, FINDINGS_PAGE, foldTails, pageOf, groupFindings, groupRules, isTail, orderGroups, parseDisabledRules, previewWindow, rowOffsets, rowsInBand, sheetAddress, tableSize } from "../src/taskpane/model";

function table(id: TableId, sheet: string, project?: string): RecognisedTable {
  return {
    id,
    layoutId: `test/${id}`,
    standardName: id === "PT" ? "项目支出绩效目标表" : `标准名${id}`,
    title: { text: id, cell: "A1" },
    year: 2026,
    unitName: null,
    moneyUnit: null,
    sheet,
    range: "A1:F20",
    columns: [],
    rows: [],
    empty: false,
    notes: [],
    box: { r0: 0, c0: 0, r1: 19, c1: 5 },
    form: project
      ? {
          projectName: { text: project, cell: "B3" },
          department: null,
          implementer: null,
          attribute: null,
          period: null,
          implementationFunding: {},
          annualFunding: {},
          texts: {},
          indicators: [
            { block: "年度", level1: "产出指标", level2: "数量指标", name: { text: "n", cell: "C9" }, target: null },
            { block: "年度", level1: "效益指标", level2: "社会效益", name: { text: "m", cell: "C10" }, target: null },
          ],
        }
      : undefined,
  };
}

function finding(table: TableId | null, severity: Finding["severity"], extra: Partial<Finding> = {}): Finding {
  return { ruleId: "r", severity, table, sheet: table ? `S${table}` : null, cell: "C5", message: "m", messageEn: "m", ...extra };
}

const recognition: RecognitionResult = {
  workbook: "w.xlsx",
  layoutSet: "shanxi-unit-2026",
  year: 2026,
  unitName: null,
  tables: [table("T01", "表一"), table("T02", "表二"), table("PT", "绩效1", "项目甲"), table("PT", "绩效2", "项目乙")],
  narrative: [],
  problems: [],
};

describe("groupFindings", () => {
  test("groups by table in recognition order, workbook-wide first, PT split by project", () => {
    const fs = [
      finding("PT", "info", { tableLabel: "项目乙" }),
      finding("T02", "error"),
      finding(null, "warning"),
      finding("T02", "info", { tolerance: "0.015" }),
      finding("PT", "warning", { tableLabel: "项目甲" }),
      finding("T01", "info"),
    ];
    const groups = groupFindings({ tables: recognition.tables.map(paneTable) }, fs);
    expect(groups.map((g) => g.key)).toEqual(["*", "T01", "T02", "PT|项目甲", "PT|项目乙"]);
    const t2 = groups.find((g) => g.key === "T02")!;
    expect(t2.counts).toEqual({ error: 1, warning: 0, info: 1 });
    expect(t2.findings.map((f) => f.severity)).toEqual(["error", "info"]);
    expect(t2.recognised?.sheet).toBe("表二");
    expect(groups.find((g) => g.key === "PT|项目乙")?.recognised?.sheet).toBe("绩效2");
    expect(groups.find((g) => g.key === "PT|项目甲")?.label).toBe("项目甲");
  });

  test("Shanghai's forms (SHPT) are split by project as Shanxi's are, and named by their project in the table list", () => {
    const tables = [table("SH1", "表1"), table("SHPT", "绩效甲", "项目甲"), table("SHPT", "绩效乙", "项目乙")].map(paneTable);
    const groups = groupFindings({ tables }, [finding("SHPT", "error", { tableLabel: "项目乙" }), finding("SHPT", "warning", { tableLabel: "项目甲" }), finding("SH1", "info")]);
    expect(groups.map((g) => g.key)).toEqual(["SH1", "SHPT|项目甲", "SHPT|项目乙"]);
    expect(groups.find((g) => g.key === "SHPT|项目乙")?.recognised?.sheet).toBe("绩效乙");
    expect(groups.find((g) => g.key === "SHPT|项目乙")?.label).toBe("项目乙");
    expect(tables[1].project).toBe("项目甲");
    expect(tables[1].size).toEqual({ kind: "indicators", n: 2 });
    expect(tables[0].project).toBeUndefined();
  });

  test("a finding for a table that was not recognised still gets a group, after the others", () => {
    const groups = groupFindings({ tables: recognition.tables.map(paneTable) }, [finding("T09", "error"), finding("T01", "error")]);
    expect(groups.map((g) => g.key)).toEqual(["T01", "T09"]);
    expect(groups[1].recognised).toBeUndefined();
  });

  test("no findings, no groups", () => {
    expect(groupFindings({ tables: recognition.tables.map(paneTable) }, [])).toEqual([]);
  });
});

describe("small helpers", () => {
  test("a tail is an info that carries its tolerance", () => {
    expect(isTail(finding("T02", "info", { tolerance: "0.015" }))).toBe(true);
    expect(isTail(finding("T02", "info"))).toBe(false);
    expect(isTail(finding("T02", "error", { tolerance: "0.015" }))).toBe(false);
  });

  test("table size: rows, or indicators for a performance target table", () => {
    expect(tableSize(paneTable(recognition.tables[0]))).toEqual({ kind: "rows", n: 0 });
    expect(tableSize(paneTable(recognition.tables[2]))).toEqual({ kind: "indicators", n: 2 });
  });

  test.each([
    ["2026-单位预算公开-样例.xlsx", "2026-单位预算公开-样例-校验结果.json"],
    ["预算.XLSM", "预算-校验结果.json"],
    ["a/b:c?.xlsx", "a_b_c_-校验结果.json"],
    [".xlsx", "workbook-校验结果.json"],
  ])("export file name for %s", (name, expected) => {
    expect(exportFileName(name)).toBe(expected);
  });

  test.each([
    ["表二", "C20", "表二!C20"],
    ["Sheet 1", "A1", "'Sheet 1'!A1"],
    ["O'Brien", "B2", "'O''Brien'!B2"],
    ["预算公开表(1)", "A1", "'预算公开表(1)'!A1"],
  ])("sheet address %s!%s", (sheet, cell, expected) => {
    expect(sheetAddress(sheet, cell)).toBe(expected);
  });

  test("a finding points at its own sheet, else its table's, else nowhere", () => {
    expect(findingTarget(finding("T02", "error"))).toEqual({ sheet: "ST02", cell: "C5" });
    expect(findingTarget(finding("T02", "error", { sheet: null }), "表二")).toEqual({ sheet: "表二", cell: "C5" });
    expect(findingTarget(finding("T02", "error", { cell: null }))).toBeNull();
  });
});

describe("rule settings", () => {
  const ids = ["structure/all-tables", "sum/children", "narrative/amount", "sum/columns", "code/unknown", "cross/class-rows", "x/odd"];

  test("rules are grouped by family in the settings order, unknown prefixes last, engine order kept", () => {
    const groups = groupRules(ids.map((id) => ({ id })));
    expect(groups.map((g) => [g.family, g.rules.map((r) => r.id)])).toEqual([
      ["sum", ["sum/children", "sum/columns"]],
      ["cross", ["cross/class-rows"]],
      ["structure", ["structure/all-tables"]],
      ["narrative", ["narrative/amount"]],
      ["code", ["code/unknown"]],
      ["other", ["x/odd"]],
    ]);
  });

  test("remembered switched-off ids: only known ones, once; damaged values read as none", () => {
    expect(parseDisabledRules(JSON.stringify(["sum/children", "gone/rule", "sum/children", 3]), ids)).toEqual(["sum/children"]);
    expect(parseDisabledRules(null, ids)).toEqual([]);
    expect(parseDisabledRules("{not json", ids)).toEqual([]);
    expect(parseDisabledRules(JSON.stringify({ "sum/children": true }), ids)).toEqual([]);
  });
});

describe("i18n", () => {
  test("every string exists in both languages, with the same placeholders", () => {
    const keys = Object.keys(MESSAGES["zh-CN"]) as MessageKey[];
    expect(Object.keys(MESSAGES.en).sort()).toEqual([...keys].sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of keys) {
      expect([k, MESSAGES.en[k].length > 0, MESSAGES["zh-CN"][k].length > 0]).toEqual([k, true, true]);
      expect([k, holes(MESSAGES.en[k])]).toEqual([k, holes(MESSAGES["zh-CN"][k])]);
    }
  });

  test("placeholders are filled, unknown ones left visible", () => {
    expect(translate("zh-CN", "statsLine", { rules: 24, tables: 16 })).toBe("运行 24 条规则，检查 16 张表");
    expect(translate("en", "statsLine", { rules: 24, tables: 16 })).toBe("24 rules ran on 16 tables");
    expect(translate("en", "rows", {})).toBe("{n} rows");
    expect(translate("zh-CN", "statsLineOff", { rules: 38, tables: 16, off: 2 })).toBe("运行 38 条规则，检查 16 张表，已关闭 2 条规则");
  });

  test.each<[Lang, TableId, string]>([
    ["zh-CN", "T01", "表一"],
    ["zh-CN", "T10", "表十"],
    ["zh-CN", "T13", "表十三"],
    ["zh-CN", "PT", "绩效目标表"],
    ["en", "T11", "Table 11"],
  ])("ordinal %s %s", (lang, id, expected) => {
    expect(tableOrdinal(lang, id)).toBe(expected);
  });

  test("table names: recognised Chinese title, fixed English", () => {
    expect(tableName("zh-CN", "T02", "预算收入总表")).toBe("预算收入总表");
    expect(tableName("en", "T02", "预算收入总表")).toBe("Budget income summary");
  });
});

describe("describeError", () => {
  test("Office errors get a plain hint plus the debug details", () => {
    const e = {
      name: "RichApi.Error",
      code: "ItemNotFound",
      message: "The requested resource doesn't exist.",
      debugInfo: { code: "ItemNotFound", errorLocation: "WorksheetCollection.getItem", statement: "var item=worksheets.getItem(...);" },
    };
    const zh = describeError(e, "zh-CN");
    expect(zh.message).toBe("找不到工作表或单元格，可能已被重命名或删除。（The requested resource doesn't exist.）");
    expect(zh.details).toBe("code: ItemNotFound\nlocation: WorksheetCollection.getItem\nstatement: var item=worksheets.getItem(...);");
    expect(describeError(e, "en").message).toBe("The sheet or cell was not found; it may have been renamed or deleted. (The requested resource doesn't exist.)");
  });

  test("InputError from the .xlsx reader speaks for itself in both languages", () => {
    const e = Object.assign(new Error("x"), { zh: "文件为空：a.xlsx", en: "the file is empty: a.xlsx" });
    expect(describeError(e, "zh-CN")).toEqual({ message: "文件为空：a.xlsx", details: "" });
    expect(describeError(e, "en").message).toBe("the file is empty: a.xlsx");
  });

  test("a part of the pane that could not be loaded (webpack's ChunkLoadError) says so in the pane's words", () => {
    const e = Object.assign(new Error("Loading chunk catalogue-read failed.\n(error: https://localhost:3000/catalogue-read.179f4bc9.js)"), {
      name: "ChunkLoadError",
      type: "error",
    });
    const zh = describeError(e, "zh-CN");
    expect(zh.message).toBe(MESSAGES["zh-CN"].chunkLoadFailed);
    expect(zh.details).toContain("catalogue-read");
    expect(describeError(e, "en").message).toBe(MESSAGES.en.chunkLoadFailed);
  });

  test("unknown codes and plain errors pass their message through", () => {
    expect(describeError({ code: "Weird", message: "odd" }).message).toBe("odd");
    expect(describeError(new Error("boom")).message).toBe("boom");
    expect(describeError("text").message).toBe("text");
    expect(describeError(undefined, "en").message).toBe("Unknown error");
  });
});

describe("errors first, a severity filter, rounding tails folded", () => {
  const tail = (table: TableId, cell: string) => finding(table, "info", { cell, tolerance: "0.015" });
  const findings = [
    tail("T01", "C20"),
    tail("T01", "D20"),
    finding("T02", "warning", { cell: "B2" }),
    tail("T02", "C21"),
    finding("T02", "error", { cell: "B3" }),
    finding(null, "info", { cell: "A2" }),
    finding("PT", "error", { tableLabel: "项目乙", cell: "G7" }),
  ];
  const groups = () => groupFindings({ tables: recognition.tables.map(paneTable) }, findings);

  test("groups with errors come first, in table order; inside a group errors, then warnings, then infos", () => {
    const g = orderGroups(groups());
    expect(g.map((x) => x.key)).toEqual(["T02", "PT|项目乙", "*", "T01"]); // workbook-wide first within a rank, as groupFindings orders
    expect(g[0].findings.map((f) => `${f.severity} ${f.cell}`)).toEqual(["error B3", "warning B2", "info C21"]);
  });

  test("a tile keeps one severity and drops groups left empty", () => {
    const g = orderGroups(groups(), "error");
    expect(g.map((x) => x.key)).toEqual(["T02", "PT|项目乙"]);
    expect(g.flatMap((x) => x.findings).every((f) => f.severity === "error")).toBe(true);
    expect(orderGroups(groups(), "warning").map((x) => x.key)).toEqual(["T02"]);
    expect(orderGroups(groups(), null).flatMap((x) => x.findings)).toHaveLength(findings.length);
  });

  test("two or more tails of a table fold into one line where the first stood; opened, each shows", () => {
    const t01 = orderGroups(groups()).find((x) => x.key === "T01")!;
    const folded = foldTails(t01.findings);
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({ kind: "tails", indexes: [0, 1] });
    expect(foldTails(t01.findings, true).map((e) => e.kind)).toEqual(["finding", "finding"]);
  });

  test("a single tail is not folded, and other findings keep their lines", () => {
    const t02 = orderGroups(groups()).find((x) => x.key === "T02")!;
    expect(foldTails(t02.findings).map((e) => e.kind)).toEqual(["finding", "finding", "finding"]);
    const mixed = [finding("T03", "error"), tail("T03", "C1"), finding("T03", "warning"), tail("T03", "C2"), tail("T03", "C3")];
    expect(foldTails(mixed).map((e) => (e.kind === "tails" ? `tails×${e.findings.length}` : e.finding.severity))).toEqual(["error", "tails×3", "warning"]);
  });

  test("a long group shows a page and says how many findings are left, a folded tails line counting its own", () => {
    const many = Array.from({ length: 250 }, (_, i) => finding("T03", i % 2 ? "error" : "warning"));
    const page = pageOf(foldTails(many), 200);
    expect(page).toHaveLength(201);
    expect(page[200]).toEqual({ kind: "more", rest: 50 });
    const withTails = [...many.slice(0, 3), tail("T03", "C1"), tail("T03", "C2"), tail("T03", "C3")];
    expect(pageOf(foldTails(withTails), 3).at(-1)).toEqual({ kind: "more", rest: 3 });
    expect(pageOf(foldTails(many.slice(0, 10)), FINDINGS_PAGE)).toHaveLength(10);
  });
});

describe("previewWindow", () => {
  test("the related total row is brought into view, with the name column", () => {
    const w = previewWindow({ r: 19, c: 2 }, [{ r: 6, c: 2 }, { r: 20, c: 2 }]);
    expect(w.rows[0]).toBeLessThanOrEqual(6);
    expect(w.rows).toContain(19);
    expect(w.rows).toContain(20);
    expect(w.cols[0]).toBe(0);
  });
  test("a related cell too far away does not stretch the window past 16 rows", () => {
    const w = previewWindow({ r: 100, c: 3 }, [{ r: 5, c: 3 }]);
    expect(w.rows.length).toBeLessThanOrEqual(16);
    expect(w.rows).toContain(100);
  });
});

describe("the findings list drawn in a window", () => {
  const offsets = rowOffsets([30, 60, 60, 10, 100]); // rows at 0, 30, 90, 150, 160; total 260

  test("offsets lay the rows end to end", () => {
    expect([...offsets]).toEqual([0, 30, 90, 150, 160, 260]);
  });

  test("the rows overlapping a band, a row cut by an edge included, one touching it not", () => {
    expect(rowsInBand(offsets, 0, 30)).toEqual({ start: 0, end: 1 });
    expect(rowsInBand(offsets, 29, 31)).toEqual({ start: 0, end: 2 });
    expect(rowsInBand(offsets, 30, 150)).toEqual({ start: 1, end: 3 });
    expect(rowsInBand(offsets, 155, 156)).toEqual({ start: 3, end: 4 });
    expect(rowsInBand(offsets, 200, 10_000)).toEqual({ start: 4, end: 5 });
  });

  test("a band reaching above or below the list, or missing it", () => {
    expect(rowsInBand(offsets, -500, 40)).toEqual({ start: 0, end: 2 });
    expect(rowsInBand(offsets, -500, 10_000)).toEqual({ start: 0, end: 5 });
    expect(rowsInBand(offsets, -500, 0)).toEqual({ start: 0, end: 0 });
    expect(rowsInBand(offsets, 260, 900)).toEqual({ start: 0, end: 0 });
    expect(rowsInBand(rowOffsets([]), 0, 100)).toEqual({ start: 0, end: 0 });
  });

  test("thousands of rows: the same answer as a scan", () => {
    const heights = Array.from({ length: 5000 }, (_, i) => 20 + ((i * 37) % 90));
    const o = rowOffsets(heights);
    for (const [top, bottom] of [[0, 900], [12_345, 13_245], [o[4999] - 10, o[5000] + 500], [o[100], o[101]]]) {
      const scan = heights.map((_, i) => i).filter((i) => o[i + 1] > top && o[i] < bottom);
      expect(rowsInBand(o, top, bottom)).toEqual({ start: scan[0], end: scan[scan.length - 1] + 1 });
    }
  });
});
