/**
 * Shanghai's unit and department disclosures (issue 8): the generated sample and its variants are
 * recognised with the Shanghai layout sets and check clean; single-figure errors are found where
 * they were made, by the generic sum rules and the set's declared relations; the reference files in
 * ../shared/reference/layouts/shanghai are recognised (skipped when that folder is absent).
 */
import * as fs from "fs";
import * as path from "path";
import { analyse, recheckEdit } from "../src/core/analyse";
import { layoutSetById, LAYOUT_SETS } from "../src/core/layouts/registry";
import { relationTables } from "../src/core/layouts/types";
import { allRules } from "../src/core/rules/all";
import { CODED_TABLES } from "../src/core/catalogue/rules/common";
import type { Finding } from "../src/core/report/finding";
import type { WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { buildShanghaiSnapshot, buildShanghaiWorkbook, type ShanghaiOptions } from "../scripts/sample/shanghai";
import { SHANGHAI_SAMPLE_PATH } from "../scripts/make-shanghai-sample";

const NINE = ["SH1", "SH2", "SH3", "SH4", "SH5", "SH6", "SH7", "SH8", "SH9"];

async function build(opts: ShanghaiOptions = {}) {
  const { buffer, map } = await buildShanghaiWorkbook(opts);
  return { wb: readWorkbookBytes(new Uint8Array(buffer), "shanghai.xlsx"), map };
}

const notInfo = (fs: Finding[]) => fs.filter((f) => f.severity !== "info").map((f) => `${f.ruleId} ${f.sheet}!${f.cell} ${f.message}`);

describe("the Shanghai sample", () => {
  test("the checked-in sample is the one the builder writes, and checks clean", async () => {
    const wb = readWorkbookBytes(new Uint8Array(fs.readFileSync(SHANGHAI_SAMPLE_PATH)), path.basename(SHANGHAI_SAMPLE_PATH));
    const built = (await build()).wb;
    const cells = (w: WorkbookSnapshot) => w.sheets.map((s) => [s.name, s.rows.map((r) => (r ?? []).map((c) => c?.v ?? null))]);
    expect(cells(wb)).toEqual(cells(built));
    const { recognition, report } = analyse(wb);
    expect(recognition.layoutSet).toBe("shanghai-unit");
    expect(recognition.tables.map((t) => t.id)).toEqual(NINE);
    expect(recognition.problems).toEqual([]);
    expect(recognition.year).toBe(2026);
    expect(recognition.unitName).toBe("上海市普陀区样例事务中心");
    expect(notInfo(report.findings)).toEqual([]);
    // No table of the Shanxi set is reported missing, and the tables are read with their columns.
    expect(report.findings.some((f) => f.ruleId === "structure/all-tables")).toBe(false);
    const sh2 = recognition.tables.find((t) => t.id === "SH2")!;
    expect(sh2.columns.map((c) => c.role)).toEqual(["code1", "code2", "code3", "name", "total", "fiscal", "business", "operating", "other"]);
    expect(sh2.rows.find((r) => r.code?.text === "2120104")?.amounts.total?.amount.value.toFixed(2)).toBe("1800000.00");
    const sh9 = recognition.tables.find((t) => t.id === "SH9")!;
    expect(sh9.moneyUnit?.unit).toBe("万元");
    expect(Object.keys(sh9.rows[0].amounts).sort()).toEqual(["abroad", "operatingCost", "reception", "total", "vehicle", "vehiclePurchase", "vehicleRun"].sort());
  });

  const variants: Array<[string, ShanghaiOptions, string]> = [
    ["department", { who: "部门" }, "shanghai-department"],
    ["2025, 收支总表 without the 人员/公用 split", { year: 2025, summaryColumns: "plain" }, "shanghai-unit"],
    ["支出总表 over two pages (header repeated)", { splitPages: true }, "shanghai-unit"],
    ["empty table as a single 无 row", { emptyStyle: "none-row" }, "shanghai-unit"],
    ["款/项 as numbers", { codesAsNumbers: true }, "shanghai-unit"],
    ["sheets shuffled", { order: "shuffled", seed: 7 }, "shanghai-unit"],
    ["all tables on one sheet", { singleSheet: true }, "shanghai-unit"],
    ["department, shuffled, split pages, numbers", { who: "部门", order: "shuffled", seed: 3, splitPages: true, codesAsNumbers: true }, "shanghai-department"],
    ["支出总表 over two pages, title and unit line repeated on the second (PDF to Excel)", { splitPages: true, repeatTitle: true }, "shanghai-unit"],
    ["all on one sheet, 支出总表's title repeated mid-table", { singleSheet: true, splitPages: true, repeatTitle: true }, "shanghai-unit"],
    ["department, shuffled, title repeated", { who: "部门", order: "shuffled", seed: 5, splitPages: true, repeatTitle: true }, "shanghai-department"],
  ];
  test.each(variants)("variant: %s — nine tables, no problems, clean", async (_name, opts, set) => {
    const { wb } = await build(opts);
    const { recognition, report } = analyse(wb);
    expect(recognition.layoutSet).toBe(set);
    expect([...recognition.tables.map((t) => t.id)].sort()).toEqual(NINE);
    expect(recognition.problems).toEqual([]);
    expect(notInfo(report.findings)).toEqual([]);
  });

  test("headers without merges (as Excel 2019 reads them) read the same columns", async () => {
    const { wb } = await build();
    const merged = analyse(wb);
    for (const s of wb.sheets) s.merges = [];
    const { recognition, report } = analyse(wb);
    expect(recognition.tables.map((t) => [t.id, t.columns.map((c) => `${c.side ?? ""}:${c.role}@${c.letter}`)])).toEqual(
      merged.recognition.tables.map((t) => [t.id, t.columns.map((c) => `${c.side ?? ""}:${c.role}@${c.letter}`)]),
    );
    expect(notInfo(report.findings)).toEqual([]);
  });

  test.each([
    ["header", { splitPages: true }],
    ["title, unit line and header", { splitPages: true, repeatTitle: true }],
  ])("the split pages' repeated %s: one table, not read as data", async (_name, opts) => {
    const { wb, map } = await build(opts);
    const sh3s = analyse(wb).recognition.tables.filter((t) => t.id === "SH3");
    expect(sh3s).toHaveLength(1);
    const sh3 = sh3s[0];
    expect(sh3.title.cell).toBe(map.tables.SH3.titleCell);
    expect(sh3.rows.find((r) => r.kind === "total")?.amounts.total?.cell).toBe(map.tables.SH3.rows.total.total);
    expect(sh3.rows.filter((r) => r.bad).length).toBe(0);
    expect(sh3.rows.filter((r) => r.kind === "total").length).toBe(1);
    expect(sh3.rows.some((r) => r.label === "类" || r.label === "功能分类科目名称")).toBe(false);
  });

  // One wrong figure each; the finding must be at the cell that was changed (or the total it breaks).
  const errors: Array<[string, ShanghaiOptions["edits"], string, (map: Awaited<ReturnType<typeof build>>["map"]) => string]> = [
    ["an economic item off by 1 元", [{ table: "SH8", row: "30201", role: "total", value: 300001 }, { table: "SH8", row: "30201", role: "public", value: 300001 }], "sum/children", (m) => `${m.tables.SH8.sheet}!${m.tables.SH8.rows["302"].total}`],
    ["收入总表 and 支出总表 disagree on a 项", [{ table: "SH2", row: "2120104", role: "total", value: 1800001 }], "cross/declared-relations", (m) => `${m.tables.SH2.sheet}!${m.tables.SH2.rows["2120104"].total}`],
    ["一般公共预算表 合计 off the 财政拨款收支总表", [{ table: "SH5", row: "total", role: "total", value: 9000100 }], "cross/declared-relations", (m) => `${m.tables.SH5.sheet}!${m.tables.SH5.rows.total.total}`],
    ["人员经费 of the 收支总表 off the economic table", [{ table: "SH1", row: "总计", role: "personnel", value: 4710001 }], "cross/declared-relations", (m) => `${m.tables.SH8.sheet}!${m.tables.SH8.rows.total.personnel}`],
    ["三公 合计 not the sum of its parts (万元)", [{ table: "SH9", row: "三公", role: "total", value: 9 }], "sum/columns", (m) => `${m.tables.SH9.sheet}!${m.tables.SH9.rows["三公"].total}`],
  ];
  test.each(errors)("finds %s", async (_name, edits, rule, cell) => {
    const { wb, map } = await build({ edits });
    const { report } = analyse(wb);
    const errs = report.findings.filter((f) => f.severity === "error");
    expect(errs.map((f) => `${f.ruleId} ${f.sheet}!${f.cell}`)).toContain(`${rule} ${cell(map)}`);
  });

  test("three-public figures in 万元 at shown precision: a tail within rounding is no error", async () => {
    // 8.00 = 0.00 + 2.00 + 6.00 exactly; 6.00 = 0.00 + 6.00. A 万元 figure rounded from 元 (161.23) is no sum.
    const { wb } = await build();
    const { report } = analyse(wb);
    expect(report.findings.filter((f) => f.table === "SH9" && f.severity !== "info")).toEqual([]);
  });
});

describe("layout sets", () => {
  test("every set declares relations between its own tables only, each under a rule that exists", () => {
    const ruleIds = new Set(allRules().map((r) => r.id));
    for (const set of LAYOUT_SETS) {
      const ids = new Set(set.tables.map((t) => t.id));
      for (const rel of set.relations ?? []) {
        for (const t of relationTables(rel)) expect(`${set.id} ${rel.id} ${t}`).toBe(`${set.id} ${rel.id} ${ids.has(t) ? t : "(not in the set)"}`);
        expect(ruleIds.has(rel.rule ?? "cross/declared-relations")).toBe(true);
      }
    }
    // The Shanxi relations report under the cross/* rules they always had; Shanghai's under cross/declared-relations.
    const shanxi = layoutSetById("shanxi-unit-2026")!.relations ?? [];
    expect(new Set(shanxi.map((r) => r.rule))).toEqual(
      new Set(["cross/summary-totals", "cross/income-sources", "cross/class-rows", "cross/gpb-expenditure", "cross/basic-economic", "cross/project-total", "cross/economic-functional", "cross/govfund"]),
    );
    expect((layoutSetById("shanghai-unit")!.relations ?? []).every((r) => r.rule === undefined)).toBe(true);
  });
});

const REFERENCE_DIR = path.resolve(__dirname, "../../shared/reference/layouts/shanghai");
const haveReference = fs.existsSync(REFERENCE_DIR);
const ref = haveReference ? test : test.skip;

function readReference(name: string): WorkbookSnapshot {
  return readWorkbookBytes(new Uint8Array(fs.readFileSync(path.join(REFERENCE_DIR, name))), name);
}

describe(haveReference ? "the Shanghai reference files" : "the Shanghai reference files (skipped: shared/reference/layouts/shanghai not found next to the repository)", () => {
  ref("the 2025 municipal unit budget: nine tables, no false errors, the real 1 元 slip of 302 found", () => {
    const { recognition, report } = analyse(readReference("shanghai-municipal-finance-bureau-2025-unit.xlsx"));
    expect(recognition.layoutSet).toBe("shanghai-unit");
    expect(recognition.tables.map((t) => t.id)).toEqual(NINE);
    expect(recognition.problems).toEqual([]);
    expect(recognition.year).toBe(2025);
    expect(recognition.unitName).toBe("上海市财政局");
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    // 302 商品和服务支出 is printed 24,840,779 while its items add up to 24,840,778: a 1 元 tail
    // of figures printed in whole 元 (19 items), reported as 尾差 at the class row.
    const slip = report.findings.filter((f) => f.ruleId === "sum/children" && f.sheet === "单位一般公共预算拨款基本支出明细表");
    expect(slip.map((f) => `${f.severity} ${f.cell} ${f.expected} ${f.actual}`)).toEqual(["info D20 24840778 24840779", "info F20 24840778 24840779"]);
    // The empty 政府性基金 and 国有资本经营 tables carry no 空表 note: said as a warning, nothing else.
    expect(notInfo(report.findings)).toEqual([
      expect.stringMatching(/^structure\/empty-note 单位政府性基金拨款表!A2/),
      expect.stringMatching(/^structure\/empty-note 单位国有资本经营预算拨款表!A2/),
    ]);
  });

  ref.each([
    ["putuo-2026-unit-template.xlsx", "shanghai-unit"],
    ["putuo-2026-department-template.xlsx", "shanghai-department"],
  ])("the blank template %s: the nine tables of %s, no table missing, no figure errors", (name, set) => {
    const { recognition, report } = analyse(readReference(name));
    expect(recognition.layoutSet).toBe(set);
    expect(recognition.tables.map((t) => t.id)).toEqual(NINE);
    expect(recognition.year).toBe(2026);
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("tables that match no layout", () => {
  test("a Shanghai workbook read as Shanxi: every table with figures is reported with its cell, title and nearest known table", async () => {
    const { wb, map } = await build();
    const { recognition } = analyse(wb, { layoutSet: "shanxi-unit-2026" });
    expect(recognition.tables).toEqual([]);
    const un = recognition.problems.filter((p) => p.kind === "unrecognised-table");
    // SH7 is empty: no column of figures, nothing that looks like a table's body.
    expect(un.map((p) => `${p.sheet}!${p.cell}`)).toEqual(
      (["SH1", "SH2", "SH3", "SH4", "SH5", "SH6", "SH8", "SH9"] as const).map((k) => `${map.tables[k].sheet}!${map.tables[k].titleCell}`),
    );
    expect(un[1].message).toBe("“2026年预算单位收入预算总表”看起来是一张表（有表头和数字列），但不是版式 shanxi-unit-2026 中的任何一张表，未读取；最接近的已知表为表2《预算单位收入预算总表》（版式 shanghai-unit，可用 --layout 指定）");
    expect(un[1].messageEn).toContain('the nearest known table is SH2 "预算单位收入预算总表" (layout shanghai-unit; --layout chooses it)');
  });

  test("an unknown table among Shanghai ones: reported with the nearest table of the set, the others read", async () => {
    const { wb } = await build();
    const sheet = wb.sheets.find((s) => s.name === "单位支出总表")!;
    // Rename the title to one no layout knows: 项目支出明细表.
    sheet.rows[1]![0] = { v: "2026年预算单位项目支出明细表" };
    const { recognition } = analyse(wb);
    expect(recognition.tables.map((t) => t.id)).toEqual(NINE.filter((id) => id !== "SH3"));
    const un = recognition.problems.filter((p) => p.kind === "unrecognised-table");
    expect(un).toHaveLength(1);
    expect(un[0]).toMatchObject({ sheet: "单位支出总表", cell: "A2" });
    expect(un[0].message).toMatch(/^“2026年预算单位项目支出明细表”看起来是一张表.*最接近的已知表为表3《预算单位支出预算总表》（版式 shanghai-unit）$/);
  });
});

describe("Shanghai narratives (编制说明 per subject, changes inside enumerations, 万元 against 元)", () => {
  test("the sample's text: every figure about the tables is checked, no warning", async () => {
    const { wb } = await build();
    const { report } = analyse(wb);
    const narrative = report.findings.filter((f) => f.ruleId.startsWith("narrative/"));
    expect(narrative.filter((f) => f.severity !== "info")).toEqual([]);
    // 34 figures: all but 政府采购 (4), the count of 绩效目标 projects and the 比上年 changes (2 checked against their own rates) …
    expect(narrative.find((f) => f.message.startsWith("说明中 34 个数字"))?.message).toBe("说明中 34 个数字，已核对 26 个");
    // … and 涉及项目预算资金352.77万元 is the project total (3,527,654.33 元), no longer left unchecked.
    expect(narrative.filter((f) => f.message.includes("涉及项目预算资金"))).toEqual([]);
  });

  test.each([
    ["事业收入30万元", "事业收入31万元"],
    ["“城乡社区支出”科目769万元", "“城乡社区支出”科目760万元"],
    ["公务接待费2.00万元", "公务接待费3.00万元"],
    ["一般公共预算拨款支出预算900万元", "一般公共预算拨款支出预算910万元"],
    ["涉及项目预算资金352.77万元", "涉及项目预算资金362.77万元"],
  ])("a wrong figure in the text (%s → %s) is found against the table in 元", async (from, to) => {
    const { wb } = await build();
    let cell = "";
    for (const s of wb.sheets) {
      s.rows.forEach((row, r) =>
        row?.forEach((x, c) => {
          if (x && typeof x.v === "string" && x.v.includes(from)) {
            x.v = x.v.replace(from, to);
            cell = `${s.name}!${String.fromCharCode(65 + c)}${r + 1}`;
          }
        }),
      );
    }
    expect(cell).not.toBe("");
    const { report } = analyse(wb);
    const wrong = report.findings.filter((f) => f.ruleId === "narrative/amount");
    expect(wrong.map((f) => `${f.sheet}!${f.cell}`)).toEqual([cell]);
  });

  test("涉及项目预算资金 may be less than the 项目支出 (projects without a target), never more", async () => {
    const { wb } = await build();
    for (const s of wb.sheets) for (const row of s.rows) for (const x of row ?? []) if (x && typeof x.v === "string") x.v = x.v.replace("涉及项目预算资金352.77万元", "涉及项目预算资金300.00万元");
    const { report } = analyse(wb);
    expect(report.findings.filter((f) => f.ruleId.startsWith("narrative/") && f.severity !== "info")).toEqual([]);
  });

  ref("the 2025 municipal budget's 涉及项目预算资金4,222.51万元 (12 projects of 4,427.31万元) is no warning", () => {
    const { report } = analyse(readReference("shanghai-municipal-finance-bureau-2025-unit.xlsx"));
    expect(report.findings.filter((f) => f.ruleId.startsWith("narrative/") && f.severity !== "info")).toEqual([]);
  });
});

describe("narrative/empty-table-statement on Shanghai's tables (表9 holds 三公 and 机关运行经费 side by side)", () => {
  const NO_SANGONG = ["abroad", "reception", "vehicle", "vehiclePurchase", "vehicleRun", "total"].map((role) => ({ table: "SH9" as const, row: "三公", role, value: 0 }));
  let sheet9: Awaited<ReturnType<typeof build>>["map"]["tables"]["SH9"];
  /** The sample with a sentence added to its 编制说明. */
  async function saying(sentence: string, edits: ShanghaiOptions["edits"] = []) {
    const { wb, map } = await build({ edits });
    sheet9 = map.tables.SH9;
    const sheet = wb.sheets.find((s) => s.name === "单位编制说明")!;
    const r = sheet.rows.length;
    sheet.rows[r] = [{ v: sentence }];
    const { report } = analyse(wb);
    return report.findings.filter((f) => f.ruleId === "narrative/empty-table-statement").map((f) => `${f.sheet}!${f.cell} ${f.related?.join(",")} ${f.actual}`);
  }

  test("no 三公 while 表9 has its 机关运行经费: no warning", async () => {
    expect(await saying("本单位无“三公”经费预算。", NO_SANGONG)).toEqual([]);
  });
  test("no 三公 while 表9 has 公务接待费: the warning points at the 三公 figure, not the 机关运行经费", async () => {
    const got = await saying("本单位无“三公”经费预算。");
    expect(got).toEqual([expect.stringMatching(new RegExp(` ${sheet9.sheet}!${sheet9.rows["三公"].total} 8\\.00$`))]);
  });
  test("no 机关运行经费 while 表9 has it: a warning at the 机关运行经费 cell", async () => {
    const got = await saying("本单位无机关运行经费预算。", NO_SANGONG);
    expect(got).toEqual([expect.stringMatching(new RegExp(` ${sheet9.sheet}!${sheet9.rows["三公"].operatingCost} 161\\.23$`))]);
  });
  test("no 政府性基金 while 表6 has figures: a warning; no 国有资本经营预算 with 表7 empty: none", async () => {
    expect(await saying("本单位无政府性基金预算。")).toHaveLength(1);
    expect(await saying("本单位无国有资本经营预算。")).toEqual([]);
  });
});

describe("cross/declared-relations (its messages)", () => {
  const run = async (edits: ShanghaiOptions["edits"]) => {
    const { wb, map } = await build({ edits });
    return { findings: analyse(wb).report.findings.filter((f) => f.ruleId === "cross/declared-relations"), map };
  };

  test("the clean sample: nothing", async () => {
    expect((await run([])).findings).toEqual([]);
  });

  test("equal: the same figure in two tables, with both cells, expected and actual", async () => {
    const { findings, map } = await run([{ table: "SH2", row: "2120104", role: "total", value: 1800001 }]);
    const f = findings.find((x) => x.cell === map.tables.SH2.rows["2120104"].total)!;
    expect(f.message).toBe("表2 2120104 城管执法（合计） 1800001.00，表3 2120104 城管执法（合计） 1800000.00，差 1.00");
    expect(f.messageEn).toBe("Table 2 2120104 城管执法 (total) 1800001.00, Table 3 2120104 城管执法 (total) 1800000.00, difference 1.00");
    expect(f).toMatchObject({ severity: "error", table: "SH2", expected: "1800000.00", actual: "1800001.00" });
    expect(f.related).toEqual([`${map.tables.SH2.sheet}!${map.tables.SH2.rows["2120104"].total}`, `${map.tables.SH3.sheet}!${map.tables.SH3.rows["2120104"].total}`]);
  });

  test("sum: a total against parts in another table, with the allowed tail", async () => {
    const { findings, map } = await run([{ table: "SH3", row: "total", role: "basic", value: 6322346.67 }, { table: "SH3", row: "total", role: "total", value: 9850001 }]);
    const f = findings.find((x) => x.cell === map.tables.SH3.rows.total.basic)!;
    expect(f.message).toBe("表3 合计（基本支出） 6322346.67，表1 支出总计（人员经费） + 表1 支出总计（公用经费） 之和 6322345.67，差 1.00（允许尾差 ±0.015）");
    expect(f.severity).toBe("error");
  });

  test("人员经费: equal to the 收支总表's when all basic expenditure is 一般公共预算, else never more (one finding either way)", async () => {
    const equal = await run([
      { table: "SH8", row: "total", role: "personnel", value: 4710100 },
      { table: "SH8", row: "total", role: "total", value: 6322445.67 },
    ]);
    expect(equal.findings.filter((x) => x.cell === equal.map.tables.SH8.rows.total.personnel).map((x) => x.message)).toEqual([
      "表8 合计（人员经费） 4710100.00，表1 支出总计（人员经费） 4710000.00，差 100.00",
    ]);
    // 支出总表's basic expenditure larger than the 一般公共预算 one: other money pays part of it.
    const atMost = await run([
      { table: "SH8", row: "total", role: "personnel", value: 4710100 },
      { table: "SH3", row: "total", role: "basic", value: 6422345.67 },
    ]);
    expect(atMost.findings.filter((x) => x.cell === atMost.map.tables.SH8.rows.total.personnel).map((x) => x.message)).toEqual([
      "表8 合计（人员经费） 4710100.00，大于表1 支出总计（人员经费） 4710000.00（应不超过），超出 100.00",
    ]);
  });

  test("rows by class label: the 收支总表's class against the 支出总表's", async () => {
    const { findings } = await run([{ table: "SH1", row: "住房保障支出", role: "total", value: 500100 }]);
    expect(findings.map((f) => f.message)).toContain("表1 住房保障支出（合计） 500100.00，表3 221 住房保障支出（合计） 500000.00，差 100.00");
  });
});

describe("Shanghai's subject codes against the catalogue (类/款/项 columns)", () => {
  const read = () => readWorkbookBytes(new Uint8Array(fs.readFileSync(SHANGHAI_SAMPLE_PATH)), "上海样例.xlsx");
  const codeFindings = (fs: Finding[]) => fs.filter((f) => f.ruleId.startsWith("code/")).map((f) => `${f.ruleId} ${f.severity} ${f.sheet}!${f.cell}`);
  /** The sample with one cell changed (sheet, A1 address, new value). */
  function edited(sheet: string, at: string, v: string): WorkbookSnapshot {
    const wb = read();
    const c = at.charCodeAt(0) - 65;
    const r = Number(at.slice(1)) - 1;
    const row = wb.sheets.find((x) => x.name === sheet)!.rows[r]!;
    row[c] = { ...row[c], v };
    return wb;
  }

  test("the coded tables are the layouts' (functional and economic kinds with a code column), Shanxi's first as before", () => {
    expect(CODED_TABLES).toEqual([
      { id: "T02", kind: "functional" },
      { id: "T03", kind: "functional" },
      { id: "T05", kind: "functional" },
      { id: "T06", kind: "deptEconomic" },
      { id: "T07", kind: "revenue" },
      { id: "T08", kind: "functional" },
      { id: "T09", kind: "revenue", side: "income" },
      { id: "T09", kind: "functional", side: "expenditure" },
      { id: "SH2", kind: "functional" },
      { id: "SH3", kind: "functional" },
      { id: "SH5", kind: "functional" },
      { id: "SH6", kind: "functional" },
      { id: "SH7", kind: "functional" },
      { id: "SH8", kind: "deptEconomic" },
    ]);
  });

  test("the sample: every code read is checked and none is found wrong", () => {
    const { report } = analyse(read());
    expect(codeFindings(report.findings)).toEqual([]);
  });

  test.each([
    ["a 项 the catalogue does not have (21201 98)", "单位一般公共预算拨款表", "C19", "98", ["code/unknown warning 单位一般公共预算拨款表!C19"]],
    ["a name that is another code's (事业单位医疗 → 行政单位医疗)", "单位支出总表", "D15", "行政单位医疗", ["code/name-mismatch error 单位支出总表!D15"]],
    ["an economic item renamed (办公费 → 印刷费)", "单位一般公共预算拨款基本支出明细表", "C17", "印刷费", ["code/name-mismatch error 单位一般公共预算拨款基本支出明细表!C17"]],
    ["a 项 under another 款 than its own (210 12 02 under 21011)", "单位收入总表", "B15", "12", ["code/level error 单位收入总表!C15"]],
  ])("finds %s, at the cell", (_name, sheet, at, v, want) => {
    const { report } = analyse(edited(sheet, at, v));
    expect(codeFindings(report.findings)).toEqual(expect.arrayContaining(want));
  });

  ref.each(["putuo-2026-unit-template.xlsx", "putuo-2026-department-template.xlsx"])(
    "the official template %s: its 2290804 and 2230105 rows agree with the catalogue (no code finding)",
    (name) => {
      const { recognition, report } = analyse(readReference(name));
      const codes = recognition.tables.flatMap((t) => t.rows.map((r) => `${r.code?.text ?? ""} ${r.name.text}`));
      expect(codes).toEqual(expect.arrayContaining(["2290804 福利彩票销售机构的业务费支出", "2230105 国有企业退休人员社会化管理补助支出"]));
      expect(codeFindings(report.findings)).toEqual([]);
    },
  );

  ref("the 2025 municipal unit budget: no code finding", () => {
    const { report } = analyse(readReference("shanghai-municipal-finance-bureau-2025-unit.xlsx"));
    expect(codeFindings(report.findings)).toEqual([]);
  });
});

describe("Shanghai's 财政项目支出绩效目标填报表 forms (performance rules by table kind)", () => {
  const withForms = () => buildShanghaiSnapshot({ forms: true });
  const perf = (fs: Finding[]) => fs.filter((f) => f.ruleId.startsWith("performance/")).map((f) => `${f.ruleId} ${f.severity} ${f.sheet}!${f.cell} ${f.tableLabel ?? ""}`);
  function setCell(wb: WorkbookSnapshot, sheet: string, at: string, v: string | number): void {
    const c = at.charCodeAt(0) - 65;
    const r = Number(at.slice(1)) - 1;
    const row = wb.sheets.find((x) => x.name === sheet)!.rows[r]!;
    row[c] = { ...row[c], v };
  }

  test("the sample with two forms: both read (funds 财政资金/其他资金, cost indicators), no performance finding", () => {
    const { wb, map } = withForms();
    const { recognition, report } = analyse(wb);
    const forms = recognition.tables.filter((t) => t.id === "SHPT");
    expect(forms.map((t) => t.form?.projectName?.text)).toEqual(map.forms!.map((f) => f.projectName));
    expect(forms[1].form!.annualFunding.local?.amount.value.toFixed(2)).toBe("400000.00");
    expect(forms[1].form!.annualFunding.other?.amount.value.toFixed(2)).toBe("100000.00");
    expect(forms[0].form!.indicators.filter((i) => i.level2 === "经济成本指标").map((i) => `${i.block} ${i.target?.text}`)).toEqual(["实施期 ≤120万元", "年度 ≤120万元", "实施期 ≤60万元", "年度 ≤60万元"]);
    expect(notInfo(report.findings)).toEqual([]);
    expect(perf(report.findings)).toEqual([]);
  });

  test.each([
    ["年度 财政资金 off the total (funding-split)", 1, "annual.fiscal", 300000, "performance/funding-split error", "annual.total"],
    ["a cost cap above the project's funds (cost-cap)", 1, "annualCost.1", "≤60万元", "performance/cost-cap warning", "annualCost.1"],
    ["a part of the 项目概况 above its cost indicator (text-cost)", 0, "text.项目概况", "本项目用于辖区城市管理综合执法。（1）执法巡查（130万元）；（2）案件办理（50万元）。", "performance/text-cost warning", "text.项目概况"],
  ])("finds %s at the form's cell", (_name, form, key, v, rule, at) => {
    const { wb, map } = withForms();
    const f = map.forms![form];
    setCell(wb, f.sheet, f.cells[key], v);
    const { report } = analyse(wb);
    expect(perf(report.findings)).toContain(`${rule} ${f.sheet}!${f.cells[at]} ${f.projectName}`);
  });
});

describe("live re-check of a code typed into Shanghai's split 类/款/项 columns", () => {
  // A code part is not a figure: retyping it (as a number, or another code) re-reads the sheet,
  // and the result equals a full check. It was once taken for a figure column named "code1".
  const read = () => readWorkbookBytes(new Uint8Array(fs.readFileSync(SHANGHAI_SAMPLE_PATH)), "上海样例.xlsx");
  const { recognition } = analyse(read());
  const edits: Array<{ sheet: string; r: number; c: number; to: (v: unknown) => unknown }> = [];
  for (const t of recognition.tables) {
    for (const col of t.columns.filter((x) => /^code[123]$/.test(x.role))) {
      for (const row of t.rows.filter((x) => x.code).slice(0, 3)) {
        const r = Number(/\d+$/.exec(row.name.cell)![0]) - 1;
        edits.push({ sheet: t.sheet, r, c: col.c, to: (v) => Number(v) });
        edits.push({ sheet: t.sheet, r, c: col.c, to: (v) => String(Number(v) + 1).padStart(String(v).length, "0") });
      }
    }
  }

  test("every edit gives the findings of a full check", () => {
    expect(edits.length).toBeGreaterThan(20);
    let changedSomething = 0;
    for (const e of edits) {
      const wb = read();
      const previous = analyse(wb);
      const row = wb.sheets.find((s) => s.name === e.sheet)!.rows[e.r]!;
      const cell = row[e.c];
      if (!cell || cell.v === null || cell.v === undefined || cell.v === "") continue;
      row[e.c] = { ...cell, v: e.to(cell.v) as string | number };
      const address = `${String.fromCharCode(65 + e.c)}${e.r + 1}`;
      const live = recheckEdit(wb, previous, e.sheet, address);
      const full = analyse(wb);
      expect({ address, findings: live.report.findings }).toEqual({ address, findings: full.report.findings });
      if (full.report.findings.length !== previous.report.findings.length) changedSomething++;
    }
    // another code in a 类/款/项 cell changes what is found somewhere, so the comparison has teeth
    expect(changedSomething).toBeGreaterThan(0);
  });
});
