/**
 * The 情况说明 draft (src/core/publish/draft.ts): made from the tables, it must check clean under the
 * narrative rules on the samples, the builder's variants and the metamorphic transformations; each
 * figure must be its source cell's; and a changed table figure must change the draft and catch the
 * old draft out.
 */
import Decimal from "decimal.js";
import { join } from "node:path";
import { analyse } from "../src/core/analyse";
import { buildNarrativeDraft, checkDraft, draftProblems, draftText, wanText, type NarrativeDraft } from "../src/core/publish/draft";
import { shareText } from "../src/core/publish/share";
import type { Finding } from "../src/core/report/finding";
import { parseA1, type WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { readWorkbookFile } from "../src/node/read-file";
import { buildShanghaiSnapshot, type ShanghaiOptions } from "../scripts/sample/shanghai";
import { applySteps, cloneWorkbook, startState, STEPS } from "./metamorphic/transforms";
import { base, BASES } from "./metamorphic/workbooks";

const ROOT = join(__dirname, "..");
const SHANXI = join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");
const SHANGHAI = join(ROOT, "assets", "samples", "2026-上海单位预算公开-样例.xlsx");

function draftOf(wb: WorkbookSnapshot) {
  const { recognition } = analyse(wb);
  return { recognition, draft: buildNarrativeDraft(recognition) };
}

function show(fs: Finding[]): string[] {
  return fs.map((f) => `${f.ruleId} ${f.cell}: ${f.message}`);
}

/** Clean: the only finding is coverage's count line, and it counts every figure as checked. */
function expectClean(wb: WorkbookSnapshot): NarrativeDraft {
  const { recognition, draft } = draftOf(wb);
  const findings = checkDraft(recognition, wb, draft);
  expect(show(draftProblems(findings))).toEqual([]);
  const count = findings.filter((f) => f.ruleId === "narrative/coverage");
  expect(count).toHaveLength(1);
  expect(Number(count[0].expected)).toBe(draft.paragraphs.reduce((n, p) => n + p.figures.length, 0));
  return draft;
}

/** The cell's figure in 万元, as the draft must state it (a blank cell is zero). */
function cellWan(wb: WorkbookSnapshot, sheet: string, cell: string, yuan: boolean): Decimal {
  const p = parseA1(cell)!;
  const v = wb.sheets.find((s) => s.name === sheet)!.rows[p.r]?.[p.c]?.v;
  const d = v === null || v === undefined || v === "" ? new Decimal(0) : new Decimal(String(v).replace(/,/g, ""));
  return yuan ? d.div(10000) : d;
}

describe("narrative draft: the samples", () => {
  const shanxi = readWorkbookFile(SHANXI);
  const shanghai = readWorkbookFile(SHANGHAI);

  test("Shanxi sample: the seed's figures, every one from its cell, checking clean", () => {
    const draft = expectClean(shanxi);
    expect(draft.layoutSet).toBe("shanxi-unit-2026");
    expect(draft.paragraphs.map((p) => p.id)).toEqual(["totals", "income", "expenditure", "fiscal", "gpb", "gpbBasic", "sanGong", "operatingCost"]);
    const text = draftText(draft);
    expect(text).toContain("支出预算533.48万元，其中：基本支出245.48万元，占46.01%；项目支出288.00万元，占53.99%。");
    expect(text).toContain("一般公共服务支出434.67万元，占81.48%；社会保障和就业支出63.98万元，占11.99%；卫生健康支出15.74万元，占2.95%；住房保障支出19.09万元，占3.58%");
    expect(text).toContain("人员经费229.04万元");
    // 表十 and 表十一 are empty in the seed: said so, as the seed does, with no figure invented.
    expect(text).toContain("本单位无“三公”经费预算。");
    expect(text).toContain("本单位无机关运行经费。");
    // Nothing about the previous year: no table carries it.
    expect(text).not.toMatch(/上年增|比上年|增长|减少/);
    for (const p of draft.paragraphs) {
      for (const f of p.figures) {
        expect(p.text.slice(f.start, f.end)).toBe(f.text);
        if (f.kind === "amount") expect(f.text).toBe(wanText(cellWan(shanxi, f.source.sheet, f.source.cell, false)));
        else expect(f.text).toBe(shareText(cellWan(shanxi, f.source.sheet, f.source.cell, false), cellWan(shanxi, f.base!.sheet, f.base!.cell, false)));
      }
    }
  });

  test("Shanghai sample: 元 tables stated in 万元, 三公 and 机关运行经费 itemised, checking clean", () => {
    const draft = expectClean(shanghai);
    expect(draft.layoutSet).toBe("shanghai-unit");
    const text = draftText(draft);
    expect(text).toContain("收入预算985.00万元，其中：财政拨款收入950.00万元，占96.45%；事业收入30.00万元，占3.05%；事业单位经营收入0.00万元，占0.00%；其他收入5.00万元，占0.51%。");
    expect(text).toContain("“三公”经费预算8.00万元，其中：因公出国（境）费0.00万元，公务接待费2.00万元，公务用车购置及运行费6.00万元。");
    expect(text).toContain("机关运行经费预算161.23万元。");
    const { recognition } = analyse(shanghai);
    const yuan = new Set(recognition.tables.filter((t) => t.moneyUnit?.unit === "元").map((t) => t.sheet));
    for (const p of draft.paragraphs) {
      for (const f of p.figures.filter((x) => x.kind === "amount")) {
        expect(f.text).toBe(wanText(cellWan(shanghai, f.source.sheet, f.source.cell, yuan.has(f.source.sheet))));
      }
    }
  });

  test("shares are each rounded half up on their own and may not add up to 100.00%", () => {
    expect(shareText(new Decimal(1), new Decimal(3))).toBe("33.33");
    expect(shareText(new Decimal(2), new Decimal(3))).toBe("66.67");
    expect(shareText(new Decimal("0.00125"), new Decimal(1))).toBe("0.13");
    expect(shareText(new Decimal(1), new Decimal(0))).toBeNull();
    // 1/3 + 1/3 + 1/3 is stated 33.33% three times (99.99%), never adjusted; the rules accept it.
    expect(wanText(new Decimal("1234.565"))).toBe("1234.57");
  });
});

describe("narrative draft: generated variants and metamorphic workbooks", () => {
  const seed = draftText(draftOf(base("seed").wb).draft);

  test.each(BASES)("%s: checks clean", (name, opts) => {
    const d = expectClean(base(name, opts).wb);
    // The same disclosure laid out otherwise gives the same draft (year and unit aside).
    if (!opts.year && !opts.unitName) expect(draftText(d)).toBe(seed);
  });

  test("every transformation (元 included) keeps the draft's text and its cleanliness", () => {
    const b = base("seed");
    for (const step of STEPS) {
      const s = applySteps(startState(b, 7), [step]);
      const d = expectClean(s.wb);
      expect([step.name, draftText(d)]).toEqual([step.name, seed]);
    }
  });

  test("random combinations of transformations", () => {
    const b = base("codes split", { splitCodes: true });
    const rnd = (i: number) => (i * 7919) % 13;
    for (let i = 1; i <= 4; i++) {
      const steps = STEPS.filter((_, k) => (rnd(i) + k) % 3 === 0);
      expectClean(applySteps(startState(b, i), steps).wb);
    }
  });

  const SHANGHAI_VARIANTS: Array<[string, ShanghaiOptions]> = [
    ["unit", {}],
    ["department", { who: "部门" }],
    ["2025 plain summary", { summaryColumns: "plain", year: 2025 }],
    ["split pages, codes as numbers", { splitPages: true, codesAsNumbers: true }],
    ["one sheet, shuffled", { singleSheet: true, order: "shuffled", seed: 3 }],
    ["empty 三公 table", { edits: ["total", "abroad", "reception", "vehicle", "vehiclePurchase", "vehicleRun"].map((role) => ({ table: "SH9" as const, row: "三公", role, value: 0 })) }],
  ];
  test.each(SHANGHAI_VARIANTS)("Shanghai %s: checks clean", (_, opts) => {
    expectClean(buildShanghaiSnapshot(opts).wb);
  });
});

describe("narrative draft: against the previous year's workbook", () => {
  /** Last year's workbook: every table figure × factor (two decimals). */
  function lastYear(wb: WorkbookSnapshot, factor: string): WorkbookSnapshot {
    const out = cloneWorkbook(wb);
    for (const t of analyse(wb).recognition.tables) {
      for (const r of t.rows) {
        for (const a of Object.values(r.amounts)) {
          const p = parseA1(a.cell)!;
          const cell = out.sheets.find((x) => x.name === t.sheet)!.rows[p.r]![p.c]!;
          if (typeof cell.v === "number") out.sheets.find((x) => x.name === t.sheet)!.rows[p.r]![p.c] = { ...cell, v: new Decimal(cell.v).times(factor).toDecimalPlaces(2).toNumber(), t: undefined };
        }
      }
    }
    return out;
  }

  test.each([
    ["Shanxi, up", SHANXI, "0.9", "预算收入总计533.48万元，比上年增加53.35万元，增长11.11%，其中："],
    ["Shanxi, down", SHANXI, "1.1", "一般公共预算当年支出533.48万元，比上年减少53.35万元，下降9.09%，主要用于以下方面："],
    ["Shanghai, up", SHANGHAI, "0.9", "“三公”经费预算8.00万元，比上年增加0.80万元，增长11.11%，其中："],
    ["Shanghai, level", SHANGHAI, "1", "机关运行经费预算161.23万元。机关运行经费预算与上年持平。"],
  ])("%s: each total's change and rate, exact, from both cells, checking clean", (_name, file, factor, sentence) => {
    const wb = readWorkbookFile(file);
    const last = lastYear(wb, factor);
    const previous = analyse(last).recognition;
    const { recognition } = analyse(wb);
    const yuan = new Set(recognition.tables.filter((t) => t.moneyUnit?.unit === "元").map((t) => t.sheet));
    const draft = buildNarrativeDraft(recognition, { previous });
    expect(draftText(draft)).toContain(sentence);
    expect(show(draftProblems(checkDraft(recognition, wb, draft)))).toEqual([]);
    const changes = draft.paragraphs.flatMap((p) => p.figures.filter((f) => f.kind === "change" || f.kind === "rate"));
    expect(changes.length).toBe(factor === "1" ? 0 : 2 * (draftText(draft).match(/比上年/g) ?? []).length);
    for (const f of changes) {
      // Both cells are read: this year's and last year's, the same cell of the same layout here.
      expect(f.base).toEqual(f.source);
      const now = cellWan(wb, f.source.sheet, f.source.cell, yuan.has(f.source.sheet)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const before = cellWan(last, f.base!.sheet, f.base!.cell, yuan.has(f.base!.sheet)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      expect(f.text).toBe(f.kind === "change" ? now.minus(before).abs().toFixed(2) : now.minus(before).abs().div(before).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    }
  });
});

describe("narrative draft: a changed figure", () => {
  /** Each distinct source cell of the draft, raised by one 万元: the draft follows, the old draft is caught. */
  function raiseEach(wb: WorkbookSnapshot, yuanSheets: Set<string>) {
    const { draft } = draftOf(wb);
    const sources = new Map<string, { sheet: string; cell: string }>();
    for (const p of draft.paragraphs) for (const f of p.figures) if (f.kind === "amount") sources.set(`${f.source.sheet}!${f.source.cell}`, f.source);
    expect(sources.size).toBeGreaterThan(10);
    for (const [key, src] of sources) {
      const edited = cloneWorkbook(wb);
      const yuan = yuanSheets.has(src.sheet);
      const before = cellWan(wb, src.sheet, src.cell, yuan);
      const after = before.plus(1);
      const p = parseA1(src.cell)!;
      const sheet = edited.sheets.find((s) => s.name === src.sheet)!;
      sheet.rows[p.r] = sheet.rows[p.r] ?? [];
      sheet.rows[p.r]![p.c] = { v: (yuan ? after.times(10000) : after).toNumber() };
      const next = draftOf(edited);
      const stated = next.draft.paragraphs.flatMap((q) => q.figures.filter((f) => f.kind === "amount" && `${f.source.sheet}!${f.source.cell}` === key));
      expect([key, stated.length > 0]).toEqual([key, true]);
      for (const f of stated) expect([key, f.text]).toEqual([key, wanText(after)]);
      // The old draft against the changed tables: at least one narrative warning, pointing into the text.
      const old = draftProblems(checkDraft(next.recognition, edited, draft)).filter((f) => f.severity === "warning");
      expect([key, old.length > 0]).toEqual([key, true]);
    }
  }

  test("Shanxi sample", () => {
    raiseEach(readWorkbookFile(SHANXI), new Set());
  });

  test("Shanghai sample", () => {
    const wb = readWorkbookFile(SHANGHAI);
    const { recognition } = analyse(wb);
    raiseEach(wb, new Set(recognition.tables.filter((t) => t.moneyUnit?.unit === "元").map((t) => t.sheet)));
  });
});
