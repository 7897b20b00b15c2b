import { buildSample, type SampleMap, type SampleOptions } from "../scripts/sample/build";
import { sampleTables } from "../scripts/sample/data";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { recognise } from "../src/core/recognise/recognise";
import type { RecognisedTable, RecognitionResult } from "../src/core/recognise/model";
import { parseA1, type WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { analyse, type AnalysisResult } from "../src/core/analyse";
import { parseAmountCell } from "../src/core/money/amount";
import { readFileSync } from "fs";
import { join } from "path";

async function recogniseSample(opts: SampleOptions = {}): Promise<{ result: RecognitionResult; map: SampleMap }> {
  const { buffer, map } = await buildSample(opts);
  const wb = readWorkbookBytes(new Uint8Array(buffer), "sample.xlsx");
  return { result: recognise(wb), map };
}

const STANDARD = ["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10", "T11", "T12", "T13"] as const;

/** Every table of the map is recognised on its sheet, with the same rows, codes, levels and amount cells. */
function assertMatchesMap(result: RecognitionResult, map: SampleMap, opts: { codes?: boolean } = {}): void {
  expect(result.problems).toEqual([]);
  for (const id of STANDARD) {
    const tm = map.tables[id];
    if (!tm) continue;
    const found = result.tables.filter((t) => t.id === id);
    expect(found).toHaveLength(1);
    const t = found[0];
    expect({ id, sheet: t.sheet }).toEqual({ id, sheet: tm.sheet });
    expect(t.title.cell).toBe(tm.titleCell);
    expect(t.moneyUnit?.unit).toBe("万元");
    const rows = tm.rows.filter((r) => r.kind !== "subject" || r.label !== "" || r.code);
    expect({ id, rows: t.rows.length }).toEqual({ id, rows: rows.length });
    for (const rm of rows) {
      const row = t.rows.find((x) => x.r === rm.r - 1 && (x.side ?? null) === (rm.side ?? null));
      expect({ id, key: rm.key, found: !!row }).toEqual({ id, key: rm.key, found: true });
      if (!row) continue;
      expect({ id, key: rm.key, kind: row.kind, label: row.label }).toEqual({ id, key: rm.key, kind: rm.kind, label: rm.label });
      if (rm.kind === "subject" && rm.level) expect({ id, key: rm.key, level: row.level, depth: row.depth }).toEqual({ id, key: rm.key, level: rm.level, depth: rm.depth });
      if (opts.codes !== false && rm.code && rm.codeCell) expect({ id, code: row.code?.text, cell: row.code?.cell }).toEqual({ id, code: rm.code, cell: rm.codeCell });
      if (rm.group) expect(row.group).toBe(rm.group);
      for (const [role, ac] of Object.entries(row.amounts)) expect({ id, key: rm.key, role, cell: ac.cell }).toEqual({ id, key: rm.key, role, cell: rm.cells[role] });
    }
  }
}

/** Figures of the data files, as the recogniser reads them. */
function figuresOf(t: RecognisedTable): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of t.rows) {
    const key = `${row.side ? row.side + ":" : ""}${row.group ? row.group + ":" : ""}${row.code?.text ?? row.totalKind ?? row.label}`;
    for (const [role, ac] of Object.entries(row.amounts)) out[`${key}.${role}`] = ac.amount.value.toFixed(ac.amount.decimals);
  }
  return out;
}

describe("recognising the sample workbook", () => {
  let result: RecognitionResult;
  let map: SampleMap;
  beforeAll(async () => {
    ({ result, map } = await recogniseSample());
  });

  test("finds all 13 tables and the 3 performance target tables, nothing unplaced", () => {
    expect(result.tables.map((t) => t.id)).toEqual([...STANDARD, "PT", "PT", "PT"]);
    expect(result.problems).toEqual([]);
    expect(result.year).toBe(2026);
    expect(result.unitName).toBe("晋城经济技术开发区财政管理运营部");
  });

  test("rows, codes, levels and cells match the generated layout", () => {
    assertMatchesMap(result, map);
  });

  test("exact figures of the seed", () => {
    const t = (id: string) => result.tables.find((x) => x.id === id)!;
    expect(figuresOf(t("T02"))).toMatchObject({ "合计.total": "533.48", "201.total": "434.67", "2010607.gpb": "100.00", "21011.total": "12.68", "2101102.total": "8.67", "2101103.total": "4.00", "2210201.total": "19.09" });
    expect(figuresOf(t("T03"))).toMatchObject({ "合计.basic": "245.48", "合计.project": "288.00", "2010650.basic": "146.67" });
    expect(figuresOf(t("T01"))).toMatchObject({ "income:一般公共预算.amount": "533.48", "expenditure:一般公共服务支出.total": "434.67", "expenditure:支出总计.current": "533.48" });
    expect(figuresOf(t("T04"))).toMatchObject({ "income:current:一般公共预算.amount": "533.48", "expenditure:住房保障支出.gpb": "19.09" });
    expect(figuresOf(t("T06"))).toMatchObject({ "合计.total": "245.48", "合计.personnel": "229.04", "合计.public": "16.44", "工资福利支出.total": "220.63", "奖励金.personnel": "3.06" });
    expect(figuresOf(t("T12"))).toMatchObject({ "合计.total": "288.00", "财政项目评审费.gpb": "180.00" });
    // every figure of T02, T03, T05 equals the data file
    for (const id of ["T02", "T03", "T05"] as const) {
      const data = sampleTables[id];
      const figs = figuresOf(t(id));
      let compared = 0;
      for (const cells of data.rows) {
        const rec = Object.fromEntries(data.columns.map((c, i) => [c, cells[i] ?? ""]));
        for (const role of ["total", "gpb", "basic", "project"]) {
          const v = rec[role];
          if (!v) continue;
          const key = `${rec.code || "合计"}.${role}`;
          expect({ id, key, v: figs[key] }).toEqual({ id, key, v });
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(20);
    }
  });

  test("empty tables are present, empty, with their note", () => {
    for (const id of ["T07", "T08", "T09", "T10", "T11", "T13"]) {
      const t = result.tables.find((x) => x.id === id)!;
      expect({ id, empty: t.empty }).toEqual({ id, empty: true });
      expect(t.notes.map((n) => n.text)).toContain("注：本表无数据");
    }
    for (const id of ["T01", "T02", "T03", "T04", "T05", "T06", "T12"]) expect(result.tables.find((x) => x.id === id)!.empty).toBe(false);
  });

  test("performance target forms: names, funding in 元, indicators", () => {
    const pts = result.tables.filter((t) => t.id === "PT");
    for (const key of ["PT1", "PT2", "PT3"] as const) {
      const pm = map.performance[key]!;
      const t = pts.find((x) => x.sheet === pm.sheet)!;
      expect(t.moneyUnit?.unit).toBe("元");
      expect(t.year).toBe(2026);
      expect(t.form?.projectName?.text).toBe(pm.projectName);
      expect(t.form?.annualFunding.total?.cell).toBe(pm.cells["annual.total"]);
      expect(t.form?.implementationFunding.total?.cell).toBe(pm.cells["implementation.total"]);
      const names = t.form!.indicators.map((i) => `${i.block}|${i.name.text}|${i.target?.text ?? ""}`).sort();
      // the form prints 二级 lines without an indicator (生态效益, 可持续影响): nothing to read there
      const expected = pm.indicators.filter((i) => i.name !== "").map((i) => `${i.block}|${i.name}|${i.target}`).sort();
      expect(names).toEqual(expected);
    }
    const review = pts.find((t) => t.form?.projectName?.text === "财政项目评审费")!;
    expect(review.form!.annualFunding.total!.amount.value.toString()).toBe("1800000");
    expect(review.form!.annualFunding.local!.amount.value.toString()).toBe("1800000");
    const cost = review.form!.indicators.filter((i) => i.level2 === "成本指标" || i.level1 === "成本指标");
    expect(cost.map((i) => i.target?.text)).toContain("≤145万元");
  });

  test("the narrative sheet is passed on paragraph by paragraph", () => {
    const paras = result.narrative.filter((p) => p.sheet === map.narrative!.sheet);
    expect(paras.map((p) => p.text)).toEqual(map.narrative!.paragraphs.map((p) => p.text));
    expect(result.narrative.some((p) => /^预算公开表/.test(p.text))).toBe(false);
  });
});

describe("recognising variants", () => {
  const variants: Array<[string, SampleOptions]> = [
    ["shuffled sheets with generic names", { order: "shuffled", seed: 7, sheetNames: "generic" }],
    ["sheets named 预算公开表N with captions", { sheetNames: "预算公开表", captions: true }],
    ["all tables on one sheet", { layout: "singleSheet" }],
    ["all tables on one sheet, shuffled", { layout: "singleSheet", order: "shuffled", seed: 3 }],
    ["offset by blank rows and columns", { rowOffset: 3, colOffset: 2 }],
    ["codes stored as numbers", { codesAsNumbers: true }],
    ["codes split into 类/款/项 columns", { splitCodes: true }],
    ["headers not merged", { mergedHeaders: false }],
    ["headers written once, unmerged (表一/四/九 two-level: 金额 once over 小计…, the other side on one row)", { mergedHeaders: "once" }],
    ["headers written once, two-row labels in the lower row", { mergedHeaders: "bottom" }],
    ["another year and unit", { year: 2027, unitName: "某某县教育局" }],
    ["formulas in sums", { formulas: true }],
  ];
  test.each(variants)("%s", async (_name, opts) => {
    const { result, map } = await recogniseSample(opts);
    expect(result.tables.filter((t) => t.id !== "PT").map((t) => t.id).sort()).toEqual([...STANDARD]);
    expect(result.tables.filter((t) => t.id === "PT")).toHaveLength(3);
    assertMatchesMap(result, map);
    if (opts.year) expect(result.year).toBe(opts.year);
    if (opts.unitName) expect(result.unitName).toBe(opts.unitName);
  });

  test("no codes: levels read from the indentation of names", async () => {
    const { result, map } = await recogniseSample({ noCodes: "drop" });
    expect(result.problems).toEqual([]);
    for (const id of ["T02", "T03", "T05"] as const) {
      const t = result.tables.find((x) => x.id === id)!;
      const tm = map.tables[id]!;
      expect(t.rows.some((r) => r.code)).toBe(false);
      for (const rm of tm.rows.filter((r) => r.kind === "subject")) {
        const row = t.rows.find((x) => x.r === rm.r - 1)!;
        expect({ id, code: rm.code, level: row.level, label: row.label }).toEqual({ id, code: rm.code, level: rm.level, label: rm.label });
      }
    }
  });

  test("a title without a header is reported with its cell, not skipped", async () => {
    const { buffer } = await buildSample({ tables: ["T02"], performance: false, narrative: false });
    const wb = readWorkbookBytes(new Uint8Array(buffer), "x.xlsx");
    const sheet = wb.sheets[0];
    // wipe everything under the title
    const title = recognise(wb).tables[0].title.cell;
    const { r } = parseA1(title)!;
    sheet.rows.length = r + 1;
    const res = recognise(wb);
    expect(res.tables).toHaveLength(0);
    expect(res.problems).toEqual([expect.objectContaining({ kind: "unplaced-table", sheet: sheet.name, cell: title })]);
  });

  test("an unknown header label is reported with its cell", async () => {
    const { buffer, map } = await buildSample({ tables: ["T03"], performance: false, narrative: false });
    const wb = readWorkbookBytes(new Uint8Array(buffer), "x.xlsx");
    const tm = map.tables.T03!;
    const col = tm.columns["basic"];
    const hr = tm.headerRows[tm.headerRows.length - 1] - 1;
    wb.sheets.find((s) => s.name === tm.sheet)!.rows[hr]![col.c] = { v: "基本经费支出" };
    const res = recognise(wb);
    expect(res.problems.map((p) => p.kind).sort()).toEqual(["missing-column", "unknown-header"]);
    expect(res.problems.find((p) => p.kind === "unknown-header")!.cell).toBe(`${col.letter}${hr + 1}`);
  });
});

/** Everything analyse() says about a workbook, as plain data: tables with their columns and rows, problems, findings. */
function analysisView(a: AnalysisResult): unknown {
  const plain = JSON.parse(JSON.stringify(a.recognition)) as { tables: Array<Record<string, unknown>> };
  for (const t of plain.tables) delete t.box; // range says the same
  return { recognition: plain, findings: a.report.findings, summary: a.report.summary };
}

function withoutMerges(wb: WorkbookSnapshot): WorkbookSnapshot {
  return { ...wb, sheets: wb.sheets.map((s) => ({ ...s, merges: [] })) };
}

describe("recognition does not depend on merge information (Excel 2019 cannot read merged areas)", () => {
  const bytes = readFileSync(join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx"));
  const wb = readWorkbookBytes(new Uint8Array(bytes), "2026-单位预算公开-样例.xlsx");

  test("the shipped sample has merged headers to strip", () => {
    expect(wb.sheets.reduce((n, s) => n + s.merges.length, 0)).toBeGreaterThan(20);
  });

  test("the sample with every merge removed gives the same tables, columns, rows and findings", () => {
    const merged = analyse(wb);
    const bare = analyse(withoutMerges(wb));
    expect(merged.report.summary.errors).toBe(0);
    expect(bare.recognition.problems).toEqual([]);
    expect(analysisView(bare)).toEqual(analysisView(merged));
  });

  test.each([
    ["headers not merged, labels repeated", { mergedHeaders: false }],
    ["merges stripped, codes dropped", { noCodes: "drop" }],
    ["merges stripped, on one sheet with offsets", { layout: "singleSheet", rowOffset: 2, colOffset: 3 }],
  ] as Array<[string, SampleOptions]>)("%s: same as merged", async (_name, opts) => {
    const { buffer } = await buildSample(opts);
    const variant = readWorkbookBytes(new Uint8Array(buffer), "v.xlsx");
    const merged = analyse(variant);
    expect(merged.recognition.problems).toEqual([]);
    expect(analysisView(analyse(withoutMerges(variant)))).toEqual(analysisView(merged));
  });
});

describe("表六's 政府 economic names (issue 10 §1): any name the 30x→50x correspondence allows checks clean", () => {
  const only: SampleOptions = { tables: ["T05", "T06"], performance: false, narrative: false };
  const findingsOf = async (opts: SampleOptions) => {
    const { buffer, map } = await buildSample({ ...only, ...opts });
    const a = analyse(readWorkbookBytes(new Uint8Array(buffer), "t06.xlsx"));
    return { a, map, brief: a.report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.sheet}!${f.cell}`) };
  };
  let seed: string[];
  beforeAll(async () => {
    seed = (await findingsOf({})).brief;
  });
  const cases: Array<[string, SampleOptions]> = [];
  for (const economicNames of ["seed", "agencyItem", "agencyClass", "institutionItem", "institutionClass"] as const) {
    for (const economicClassRows of [false, true]) cases.push([`${economicNames}${economicClassRows ? ", class rows named too" : ""}`, { economicNames, economicClassRows }]);
  }
  test.each(cases)("%s", async (_name, opts) => {
    const { a, map, brief } = await findingsOf(opts);
    expect(brief).toEqual(seed);
    const t06 = a.recognition.tables.find((t) => t.id === "T06")!;
    const tm = map.tables.T06!;
    // class rows stay classes when they carry a 政府 class name
    expect(t06.rows.filter((r) => r.kind === "subject").map((r) => `${r.label}:${r.level}`)).toEqual(tm.rows.filter((r) => r.kind === "subject").map((r) => `${r.label}:${r.level}`));
    if (opts.economicNames !== "seed") expect(t06.rows.filter((r) => r.name2).length).toBeGreaterThanOrEqual(16);
  });
});

describe("a row's figures are their cells as parseAmountCell reads them", () => {
  test("amount, decimals, scaled integer, address, formula and JSON form of every figure of the sample (plain, rounded and text figures), and the cells of names and codes", () => {
    const bytes = readFileSync(join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx"));
    const wb = readWorkbookBytes(new Uint8Array(bytes), "2026-单位预算公开-样例.xlsx");
    const first = recognise(wb);
    // Some figures not plain: more decimals stored than shown, and typed as text (new cell objects: cells are never changed in place).
    const t3 = first.tables.find((t) => t.id === "T03")!;
    const sheet = wb.sheets.find((s) => s.name === t3.sheet)!;
    const edits = t3.rows.slice(1, 4).map((row) => parseA1(row.amounts.total.cell)!);
    sheet.rows[edits[0].r]![edits[0].c] = { v: 12.3456789, z: "0.00" };
    sheet.rows[edits[1].r]![edits[1].c] = { v: "1,234.50" };
    sheet.rows[edits[2].r]![edits[2].c] = { v: 7.25, z: "0.00", f: "SUM(C1:C2)" };
    const result = recognise(wb);
    let figures = 0;
    const kinds = new Set<string>();
    for (const t of result.tables) {
      const s = wb.sheets.find((x) => x.name === t.sheet)!;
      for (const row of t.rows) {
        // the name and code keep their cells too (addresses made when asked for)
        for (const tc of [row.name, row.code, row.name2]) {
          if (!tc) continue;
          expect(JSON.parse(JSON.stringify(tc))).toEqual({ text: tc.text, cell: tc.cell });
          if (tc.text === "" || tc === row.code) continue;
          const at = parseA1(tc.cell)!;
          expect([tc.cell, String(s.rows[at.r]?.[at.c]?.v ?? "").trim()]).toEqual([tc.cell, tc.text]);
        }
        if (row.code) {
          const at = parseA1(row.code.cell)!;
          expect([row.code.cell, String(s.rows[at.r]?.[at.c]?.v ?? "").trim()]).toEqual([row.code.cell, row.code.text]);
        }
        for (const ac of Object.values(row.amounts)) {
          figures++;
          const at = parseA1(ac.cell)!;
          const cell = s.rows[at.r]?.[at.c];
          const p = parseAmountCell(cell);
          if (p.kind !== "amount") throw new Error(`${t.id} ${ac.cell}: ${p.kind}`);
          kinds.add(p.amount.scaled === undefined ? (p.amount.fromText ? "text" : "rounded") : "plain");
          const a = ac.amount;
          expect([ac.cell, a.value.toString(), a.raw.toString(), a.decimals, a.fromText, a.scaled, ac.formula]).toEqual([ac.cell, p.amount.value.toString(), p.amount.raw.toString(), p.amount.decimals, p.amount.fromText, p.amount.scaled, cell?.f]);
          expect(JSON.parse(JSON.stringify(ac))).toEqual({ amount: JSON.parse(JSON.stringify(p.amount)), cell: ac.cell, ...(cell?.f ? { formula: cell.f } : {}) });
        }
      }
    }
    expect([...kinds].sort()).toEqual(["plain", "rounded", "text"]);
    expect(figures).toBeGreaterThan(100);
  });
});
