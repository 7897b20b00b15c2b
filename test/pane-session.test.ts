/**
 * The analysis worker's session, run in Node as the worker runs it, and the pane's pure state:
 * the plain view, dismissals and their fingerprints, the fill ledger.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../src/core/analyse";
import { recheckOps } from "../src/core/live";
import type { Finding } from "../src/core/report/finding";
import { canonicalJson } from "../src/core/report/canonical";
import { packageDraft, writePackageJson } from "../src/core/report/package";
import { buildNarrativeDraft } from "../src/core/publish/draft";
import { expectValidPackage } from "./package-valid";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { buildSample } from "../scripts/sample/build";
import { contentHash, dismiss, dismissalsFor, fingerprint, parseDismissals, pruneDismissals, undismiss } from "../src/taskpane/dismiss";
import { afterRevert, defaultTicks, fillWrites, parseLedger, recordFill, revertWrites } from "../src/taskpane/ledger";
import { applyFindingsDelta, diffFindings, findingKeys, findingTouches, groupPage, parseRange, toView, VIEW_CAP, type PlannedFill } from "../src/taskpane/view";
import { FINDINGS_PAGE, findingGroupKey, groupFindings } from "../src/taskpane/model";
import { loadInPieces } from "../src/taskpane/load";
import type { Engine } from "../src/taskpane/engine";
import { buildLargeWorkbook } from "../scripts/sample/large";
import { AnalysisSession } from "../src/taskpane/worker/session";
import { parseA1 } from "../src/core/workbook/snapshot";
import type { Calls, Stage } from "../src/taskpane/worker/protocol";

const SAMPLE = join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");
const sampleBytes = () => {
  const b = readFileSync(SAMPLE);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** The words just before a draft figure: what it is said of. */
function p0(d: { paragraphs: Array<{ text: string; figures: Array<{ start: number }> }> }, f: { start: number }): string {
  const p = d.paragraphs.find((x) => x.figures.includes(f as never))!;
  return /[\u4e00-\u9fff]+$/.exec(p.text.slice(0, f.start))?.[0] ?? "";
}

function finding(over: Partial<Finding> = {}): Finding {
  return { ruleId: "sum/columns", severity: "error", table: "T03", sheet: "表三", cell: "C8", message: "合计不等", messageEn: "sum differs", expected: "10.00", actual: "11.00", ...over };
}

describe("AnalysisSession (the worker's state)", () => {
  test("the 情况说明 draft: the package's paragraphs, plain data, clean; after a live edit, the new figure", () => {
    const session = new AnalysisSession();
    session.open({ bytes: sampleBytes(), name: "样例.xlsx" }, () => undefined);
    expect(() => session.draft()).toThrow("no analysis yet");
    session.analyse({ options: { disabledRules: [] } }, () => undefined);
    const d = session.draft();
    const core = analyse(readWorkbookBytes(new Uint8Array(sampleBytes()), "样例.xlsx"));
    expect(d.paragraphs).toEqual(packageDraft(buildNarrativeDraft(core.recognition)).paragraphs);
    expect(d.problems).toEqual([]);
    expect(structuredClone(d)).toEqual(d);
    // 表六's 人员经费 合计 typed anew: the draft says the new figure.
    const personnel = d.paragraphs.find((p) => p.id === "gpbBasic")!.figures.find((f) => p0(d, f) === "人员经费")!;
    const at = parseA1(personnel.cell)!;
    session.live({ ops: [{ kind: "region", data: { sheet: personnel.sheet, box: { r0: at.r, c0: at.c, r1: at.r, c1: at.c }, rows: [[{ v: 230.04, z: "0.00" }]], merges: null } }] });
    const after = session.draft().paragraphs.find((p) => p.id === "gpbBasic")!.figures.find((f) => f.cell === personnel.cell)!;
    expect(after.text).toBe("230.04");
    // 人员经费 + 公用经费 no longer make 基本支出: the draft, true to the tables, says they disagree.
    expect(session.draft().problems.map((p) => p.message).join()).toContain("245.48");
  });

  test("reads, recognises and checks in stages; the view is plain data equal to the core's findings", () => {
    const session = new AnalysisSession();
    const stages: Stage[] = [];
    const opened = session.open({ bytes: sampleBytes(), name: "样例.xlsx" }, (s) => stages.push(s));
    expect(opened.sheets).toBeGreaterThan(13);
    expect(opened.hash).toBe(contentHash(new Uint8Array(sampleBytes())));
    const view = session.analyse({ options: { disabledRules: [] } }, (s) => stages.push(s));
    expect(stages).toEqual(["reading", "recognising", "checking"]);
    const core = analyse(readWorkbookBytes(new Uint8Array(sampleBytes()), "样例.xlsx"));
    expect(view.report.findings).toEqual(core.report.findings);
    expect(view.recognition.tables.map((t) => t.id)).toEqual(core.recognition.tables.map((t) => t.id));
    // What crosses postMessage: survives structured cloning and JSON unchanged (no Decimal, no functions).
    expect(structuredClone(view)).toEqual(view);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(view.fillable).toBe(0); // the sample has all its codes
  });

  test("a snapshot loaded in blocks of rows (as the Excel pane sends it) is checked as the whole one, and the pane keeps none of it", async () => {
    const wb = readWorkbookBytes(new Uint8Array(sampleBytes()), "样例.xlsx");
    const whole = new AnalysisSession();
    whole.load({ snapshot: structuredClone(wb) });
    const want = whole.analyse({ options: { disabledRules: [] } }, () => undefined);
    const inBlocks = new AnalysisSession();
    // The worker's side of each message: a structured clone of what the pane posted, then load.
    const engine = {
      call: (<K extends "load">(op: K, args: Calls[K]["args"]) => {
        expect(op).toBe("load");
        return Promise.resolve(inBlocks.load(structuredClone(args)));
      }) as Engine["call"],
    };
    const rowsBefore = wb.sheets.reduce((n, s) => n + s.rows.filter(Boolean).length, 0);
    await loadInPieces(engine, wb, 7); // blocks small enough that every table is cut across them
    expect(rowsBefore).toBeGreaterThan(100);
    // The pane let every row go once sent.
    expect(wb.sheets.map((s) => s.rows.length)).toEqual(wb.sheets.map(() => 0));
    const got = inBlocks.analyse({ options: { disabledRules: [] } }, () => undefined);
    expect(got.report.findings.length).toBeGreaterThan(0);
    expect(got.report).toEqual(want.report);
    expect(got.recognition).toEqual(want.recognition);
  });

  test("the pane's 报表版式 setting: the best match by default, the chosen set when one is chosen", () => {
    const b = readFileSync(join(__dirname, "..", "assets", "samples", "2026-上海单位预算公开-样例.xlsx"));
    const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    const session = new AnalysisSession();
    session.open({ bytes, name: "上海.xlsx" }, () => undefined);
    const auto = session.analyse({ options: { disabledRules: [] } }, () => undefined);
    expect(auto.recognition.layoutSet).toBe("shanghai-unit");
    expect(auto.recognition.tables).toHaveLength(9);
    const forced = session.analyse({ options: { disabledRules: [], layoutSet: "shanxi-unit-2026" } }, () => undefined);
    expect(forced.recognition.layoutSet).toBe("shanxi-unit-2026");
    expect(forced.recognition.tables).toHaveLength(0);
  });

  test("a live burst re-checks the snapshot and says what is new and what was resolved", () => {
    const session = new AnalysisSession();
    session.open({ bytes: sampleBytes(), name: "s.xlsx" }, () => undefined);
    session.analyse({ options: { disabledRules: [] } }, () => undefined);
    const box = { r0: 7, c0: 2, r1: 7, c1: 2 };
    const wrong = session.live({ ops: [{ kind: "region", data: { sheet: "表三", box, rows: [[{ v: 100.5 }]], merges: null } }] });
    expect(wrong.scope).toBe("cells");
    expect(wrong.diff.added.length).toBeGreaterThan(0);
    expect(wrong.diff.resolved).toEqual([]);
    expect(wrong.view.report.summary.errors).toBeGreaterThan(0);
    const original = readWorkbookBytes(new Uint8Array(sampleBytes()), "s.xlsx").sheets.find((s) => s.name === "表三")!.rows[7]![2]!;
    const fixed = session.live({ ops: [{ kind: "region", data: { sheet: "表三", box, rows: [[original]], merges: null } }] });
    expect(fixed.view.report.summary.errors).toBe(0);
    expect(fixed.diff.added).toEqual([]);
    expect(fixed.diff.resolved.length).toBe(wrong.diff.added.length);
  });

  test("a live burst against the view the pane shows sends a small delta of its findings, equal to the whole list", () => {
    const session = new AnalysisSession();
    session.open({ bytes: sampleBytes(), name: "s.xlsx" }, () => undefined);
    const shown = structuredClone(session.analyse({ options: { disabledRules: [] } }, () => undefined));
    expect(shown.version).toBe(1);
    const box = { r0: 7, c0: 2, r1: 7, c1: 2 };
    const op = (v: number) => ({ ops: [{ kind: "region" as const, data: { sheet: "表三", box, rows: [[{ v }]], merges: null } }] });
    const wrong = structuredClone(session.live({ ...op(100.5), base: shown.version }));
    expect(wrong.delta).toBeDefined();
    expect(wrong.view.report.findings).toEqual([]);
    expect(wrong.delta!.fresh.length).toBeLessThan(wrong.delta!.from.length);
    const findings = applyFindingsDelta(shown.report.findings, wrong.delta!);
    expect(findings.filter((f) => f.severity === "error").length).toBe(wrong.view.report.summary.errors);
    // The same burst without a base (or against a view the pane no longer has) sends every finding.
    const again = new AnalysisSession();
    again.open({ bytes: sampleBytes(), name: "s.xlsx" }, () => undefined);
    again.analyse({ options: { disabledRules: [] } }, () => undefined);
    const full = again.live({ ...op(100.5), base: 99 });
    expect(full.delta).toBeUndefined();
    expect(findings).toEqual(full.view.report.findings);
    // A second burst continues from the view after the first.
    const next = session.live({ ...op(100.6), base: wrong.view.version });
    expect(next.delta?.base).toBe(wrong.view.version);
  });

  test("a workbook with thousands of findings: the view holds each group's first page with true counts; more and a cell's findings come from the worker", async () => {
    const bytes = await buildLargeWorkbook({ subjectRows: 4000, projects: 50 });
    const session = new AnalysisSession();
    session.open({ bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, name: "large.xlsx" }, () => undefined);
    const view = session.analyse({ options: { disabledRules: [] } }, () => undefined);
    const core = analyse(readWorkbookBytes(new Uint8Array(bytes), "large.xlsx"));
    const all = core.report.findings;
    expect(all.length).toBeGreaterThan(VIEW_CAP);
    expect(view.findingsTotal).toBe(all.length);
    expect(view.report.summary).toEqual(core.report.summary);
    expect(view.report.findings.length).toBeLessThan(all.length);
    // each group: its counts, and its first FINDINGS_PAGE findings of each severity, in order
    const groups = groupFindings(view.recognition, all);
    for (const g of groups) {
      expect(view.groups![g.key]).toEqual(g.counts);
      for (const sev of ["error", "warning", "info"] as const) {
        const want = g.findings.filter((f) => f.severity === sev).slice(0, FINDINGS_PAGE);
        expect(view.report.findings.filter((f) => findingGroupKey(f) === g.key && f.severity === sev)).toEqual(want);
      }
    }
    const big = groups.reduce((a, b) => (b.findings.length > a.findings.length ? b : a));
    const more = session.page({ key: big.key, n: 2 * FINDINGS_PAGE });
    expect(more.length).toBe((["error", "warning", "info"] as const).reduce((n, sev) => n + Math.min(big.counts[sev], 2 * FINDINGS_PAGE), 0));
    expect(more.length).toBeGreaterThan(view.report.findings.filter((x) => findingGroupKey(x) === big.key).length);
    expect(more).toEqual(groupPage(all, big.key, 2 * FINDINGS_PAGE));
    const f = big.findings[big.findings.length - 1];
    expect(session.at({ sheet: f.sheet!, address: f.cell!, limit: 50 })).toContainEqual(f);
    // new and resolved, told from the places the re-check touched, are those of comparing every finding
    const t03 = core.recognition.tables.find((t) => t.id === "T03")!;
    const row = t03.rows.find((r) => r.kind === "subject" && r.amounts.total && r.code?.text.length === 7)!;
    const at = parseRange(row.amounts.total.cell)!;
    const op = { kind: "region" as const, data: { sheet: t03.sheet, box: { r0: at.r0, c0: at.c0, r1: at.r0, c1: at.c0 }, rows: [[{ v: 12345.67 }]], merges: null } };
    const out = recheckOps(readWorkbookBytes(new Uint8Array(bytes), "large.xlsx"), core, [op]);
    expect(out.touched).toBeDefined();
    const copies = (fs: Finding[]) => fs.map((f) => ({ ...f }));
    const hinted = diffFindings(all, out.result.report.findings, out.touched);
    expect(hinted.added.length).toBeGreaterThan(0);
    expect(hinted).toEqual(diffFindings(copies(all), copies(out.result.report.findings)));
    // a live burst keeps what the pane asked for, and sends no delta over a selection
    const live = session.live({ ops: [], base: view.version });
    expect(live.delta).toBeUndefined();
  });

  test("the JSON package marks dismissed findings (kept, not deleted)", () => {
    const session = new AnalysisSession();
    session.open({ bytes: sampleBytes(), name: "s.xlsx" }, () => undefined);
    const view = session.analyse({ options: { disabledRules: [] } }, () => undefined);
    const f = view.report.findings[0];
    const list = dismiss([], f, "  与批复一致 ", new Date("2026-12-01T10:00:00Z"));
    const pkg = JSON.parse(session.packageText({ dismissals: list })) as { findings: Array<Finding & { dismissed?: unknown }> };
    expect(pkg.findings).toHaveLength(view.report.findings.length);
    expect(pkg.findings[0].dismissed).toEqual({ reason: "verified", note: "与批复一致", at: "2026-12-01T10:00:00.000Z" });
    expect(pkg.findings.slice(1).every((x) => x.dismissed === undefined)).toBe(true);
    expectValidPackage(pkg);
  });

  test("the browser page's package is the CLI's: the same canonical bytes, the file's SHA-256 (pure JS = Node's crypto)", () => {
    const bytes = sampleBytes();
    const session = new AnalysisSession();
    session.open({ bytes, name: "s.xlsx" }, () => undefined);
    session.analyse({ options: { disabledRules: [] } }, () => undefined);
    const text = session.packageText({ dismissals: [] });
    const u8 = new Uint8Array(bytes);
    const { recognition, report } = analyse(readWorkbookBytes(u8, "s.xlsx"));
    const sourceSha256 = createHash("sha256").update(u8).digest("hex");
    let cli = "";
    writePackageJson(recognition, report, (c) => (cli += c), { sourceSha256 });
    expect(text).toBe(cli);
    expect(JSON.parse(text).source.sha256).toBe(sourceSha256);
    expect(JSON.parse(text).sha256).toBe(createHash("sha256").update(canonicalJson({ ...JSON.parse(text), sha256: undefined })).digest("hex"));
    expectValidPackage(JSON.parse(text));
  });

  test("fill plan of a workbook with emptied codes, and the corrected copy made by the patcher", async () => {
    const { buffer, map } = await buildSample({ noCodes: "empty", performance: false, narrative: false });
    const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    const session = new AnalysisSession();
    session.open({ bytes, name: "空编码.xlsx" }, () => undefined);
    const view = session.analyse({ options: { disabledRules: [] } }, () => undefined);
    const plan = session.planFill();
    expect(view.fillable).toBe(plan.length);
    expect(plan.length).toBe(60);
    expect(plan.every((c) => c.id === `${c.sheet}!${c.cell}` && c.before === null)).toBe(true);
    const copy = session.patch({ edits: plan.map((c) => ({ sheet: c.sheet, cell: c.cell, value: c.after })) });
    const again = new AnalysisSession();
    again.open({ bytes: copy.buffer.slice(copy.byteOffset, copy.byteOffset + copy.byteLength) as ArrayBuffer, name: "copy.xlsx" }, () => undefined);
    expect(again.analyse({ options: { disabledRules: [] } }, () => undefined).fillable).toBe(0);
    const t3 = map.tables.T03!;
    const row = t3.rows.find((r) => r.code && r.codeCell)!;
    const cell = readWorkbookBytes(copy, "copy.xlsx").sheets.find((s) => s.name === t3.sheet)!.rows;
    const { r, c } = { r: Number(row.codeCell!.replace(/^[A-Z]+/, "")) - 1, c: row.codeCell!.charCodeAt(0) - 65 };
    expect(String(cell[r]![c]!.v)).toBe(row.code);
  });

  test("a code written through the live check leaves the fill plan one cell shorter", async () => {
    const { buffer } = await buildSample({ noCodes: "empty", performance: false, narrative: false });
    const session = new AnalysisSession();
    session.open({ bytes: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer, name: "e.xlsx" }, () => undefined);
    const before = session.analyse({ options: { disabledRules: [] } }, () => undefined).fillable;
    const c = session.planFill()[0];
    const m = /^([A-Z]+)(\d+)$/.exec(c.cell)!;
    const r = Number(m[2]) - 1;
    const col = m[1].charCodeAt(0) - 65;
    const out = session.live({ ops: [{ kind: "region", data: { sheet: c.sheet, box: { r0: r, c0: col, r1: r, c1: col }, rows: [[{ v: c.after, z: "@" }]], merges: null } }] });
    expect(out.view.fillable).toBe(before - 1);
    expect(session.planFill().some((x) => x.id === c.id)).toBe(false);
  });

  test("the preview slice holds the cells around one cell and nothing else", () => {
    const session = new AnalysisSession();
    session.open({ bytes: sampleBytes(), name: "s.xlsx" }, () => undefined);
    const slice = session.slice({ sheet: "表三", cell: "C15" });
    expect(slice.sheets).toHaveLength(1);
    const rows = slice.sheets[0].rows;
    expect(rows[14]).toBeDefined();
    expect(rows[2]).toBeUndefined();
    expect(session.slice({ sheet: "没有", cell: "A1" }).sheets).toEqual([]);
  });

  test("rule descriptions for 规则设置 come from the worker as plain data", () => {
    const rules = new AnalysisSession().rules();
    expect(rules.length).toBeGreaterThan(20);
    expect(structuredClone(rules)).toEqual(rules);
  });
});

describe("view helpers", () => {
  test("new and resolved findings are told apart by rule and place, not by figures", () => {
    const a = finding();
    const b = finding({ cell: "D9" });
    const aChanged = finding({ actual: "12.00" });
    const c = finding({ ruleId: "cross/x", cell: "E3" });
    const d = diffFindings([a, b], [aChanged, c]);
    expect(d.added).toEqual(findingKeys([aChanged, c]).slice(1));
    expect(d.resolved).toEqual([b]);
    // two findings of one rule on one cell stay two
    expect(new Set(findingKeys([a, a])).size).toBe(2);
  });

  test("ranges and which findings are about a selected cell", () => {
    expect(parseRange("B3")).toEqual({ r0: 2, c0: 1, r1: 2, c1: 1 });
    expect(parseRange("$D$9:B3")).toEqual({ r0: 2, c0: 1, r1: 8, c1: 3 });
    expect(parseRange("C:C")).toMatchObject({ r0: 0, c0: 2, c1: 2 });
    expect(parseRange("5:6")).toMatchObject({ r0: 4, r1: 5, c0: 0 });
    expect(parseRange("nonsense!")).toBeNull();
    const f = finding({ related: ["C9", "表五!D4", "'表 六'!B2"] });
    expect(findingTouches(f, "表三", "C8")).toBe(true);
    expect(findingTouches(f, "表三", "B1:C9")).toBe(true);
    expect(findingTouches(f, "表三", "C9")).toBe(true);
    expect(findingTouches(f, "表五", "D4")).toBe(true);
    expect(findingTouches(f, "表 六", "B2")).toBe(true);
    expect(findingTouches(f, "表三", "D8")).toBe(false);
    expect(findingTouches(f, "表五", "C8")).toBe(false);
  });

  test("toView keeps a PT table's project and its size", () => {
    const core = analyse(readWorkbookBytes(new Uint8Array(sampleBytes()), "s.xlsx"));
    const view = toView(core);
    const pt = view.recognition.tables.find((t) => t.id === "PT")!;
    expect(pt.project).toBe(core.recognition.tables.find((t) => t.id === "PT")!.form!.projectName!.text);
    expect(pt.size.kind).toBe("indicators");
    expect(view.recognition.tables.find((t) => t.id === "T03")!.size).toEqual({ kind: "rows", n: core.recognition.tables.find((t) => t.id === "T03")!.rows.length });
  });
});

describe("dismissals", () => {
  test("a dismissal applies to its finding until the figures change, then the finding comes back", () => {
    const f = finding();
    const list = dismiss([], f, "已与批复核对", new Date("2026-12-01T00:00:00Z"));
    expect(dismissalsFor([f, finding({ cell: "D9" })], list).map((d) => d?.note)).toEqual(["已与批复核对", undefined]);
    expect(dismissalsFor([finding({ actual: "11.50" })], list)).toEqual([undefined]);
    expect(dismissalsFor([finding({ expected: "10.50" })], list)).toEqual([undefined]);
    expect(dismissalsFor([finding({ table: "T05" })], list)).toEqual([undefined]);
    // the figures back as they were: dismissed again
    expect(dismissalsFor([finding()], list)[0]?.note).toBe("已与批复核对");
    expect(fingerprint(f)).not.toBe(fingerprint(finding({ ruleId: "sum/children" })));
  });

  test("dismissing twice keeps one; undismiss removes it; notes are bounded", () => {
    const f = finding();
    let list = dismiss([], f, "a", new Date(0));
    list = dismiss(list, f, "b".repeat(500), new Date(0));
    expect(list).toHaveLength(1);
    expect(list[0].note).toHaveLength(200);
    expect(undismiss(list, f)).toEqual([]);
  });

  test("stored text is parsed defensively; pruning keeps the matching ones", () => {
    const list = dismiss([], finding(), "n", new Date(0));
    expect(parseDismissals(JSON.stringify(list))).toEqual(list);
    expect(parseDismissals("{bad")).toEqual([]);
    expect(parseDismissals(JSON.stringify({ a: 1 }))).toEqual([]);
    expect(parseDismissals(JSON.stringify([{ fingerprint: 3 }, ...list]))).toEqual(list);
    expect(pruneDismissals(list, [finding()], 0)).toEqual(list);
    expect(pruneDismissals(list, [], 0)).toEqual([]);
  });

  test("content hash: same bytes same key, any byte changed another", () => {
    const a = new Uint8Array([1, 2, 3, 4, 5]);
    const b = new Uint8Array([1, 2, 3, 4, 6]);
    expect(contentHash(a)).toBe(contentHash(new Uint8Array([1, 2, 3, 4, 5])));
    expect(contentHash(a)).not.toBe(contentHash(b));
  });
});

describe("fill ledger", () => {
  const change = (cell: string, after: string, confidence = 1): PlannedFill => ({
    id: `表三!${cell}`,
    table: "T03",
    sheet: "表三",
    cell,
    before: null,
    after,
    kind: "code",
    reason: "名称与目录一致",
    reasonEn: "name as in the catalogue",
    confidence,
  });

  test("writes expect an empty cell and set text; low confidence starts unticked", () => {
    const changes = [change("A8", "2010601"), change("A9", "2010602", 0.7)];
    expect(fillWrites(changes)).toEqual([
      { sheet: "表三", cell: "A8", expect: null, value: "2010601", text: true },
      { sheet: "表三", cell: "A9", expect: null, value: "2010602", text: true },
    ]);
    expect([...defaultTicks(changes)]).toEqual(["表三!A8"]);
  });

  test("the ledger records what was written, survives a round trip through text, and reverts only unchanged cells", () => {
    const writes = fillWrites([change("A8", "2010601"), change("A9", "2010602"), change("A10", "2010603")]);
    const ledger = recordFill(null, { written: writes.slice(0, 2), skipped: [{ write: writes[2], reason: "changed", found: "x" }] }, new Date(0))!;
    expect(ledger.entries).toEqual([
      { sheet: "表三", cell: "A8", before: null, after: "2010601" },
      { sheet: "表三", cell: "A9", before: null, after: "2010602" },
    ]);
    const reopened = parseLedger(JSON.stringify(ledger))!;
    expect(reopened).toEqual(ledger);
    const back = revertWrites(reopened);
    expect(back).toEqual([
      { sheet: "表三", cell: "A8", expect: "2010601", value: null },
      { sheet: "表三", cell: "A9", expect: "2010602", value: null },
    ]);
    // the user typed over A9 since: it is left and named
    const { report, ledger: rest } = afterRevert(reopened, { written: [back[0]], skipped: [{ write: back[1], reason: "changed", found: "2010699" }] });
    expect(report.restored.map((e) => e.cell)).toEqual(["A8"]);
    expect(report.left).toEqual([{ sheet: "表三", cell: "A9", before: null, after: "2010602", found: "2010699", reason: "changed" }]);
    expect(rest).toBeNull();
  });

  test("the ledger keeps the number format a fill replaced with text, and the revert puts it back", () => {
    const [w] = fillWrites([change("A8", "2010601")]);
    const ledger = recordFill(null, { written: [{ ...w, formatBefore: "0.00" }], skipped: [] }, new Date(0))!;
    expect(ledger.entries).toEqual([{ sheet: "表三", cell: "A8", before: null, after: "2010601", format: "0.00" }]);
    const reopened = parseLedger(JSON.stringify(ledger))!;
    expect(revertWrites(reopened)).toEqual([{ sheet: "表三", cell: "A8", expect: "2010601", value: null, format: "0.00" }]);
    // a damaged format is dropped, not written
    const damaged = parseLedger(JSON.stringify({ ...ledger, entries: [{ ...ledger.entries[0], format: 7 }] }))!;
    expect(revertWrites(damaged)).toEqual([{ sheet: "表三", cell: "A8", expect: "2010601", value: null }]);
  });

  test("a second fill adds to the ledger; a protected sheet keeps its entries for another try", () => {
    const first = recordFill(null, { written: fillWrites([change("A8", "1")]), skipped: [] }, new Date(0));
    const second = recordFill(first, { written: fillWrites([change("A9", "2")]), skipped: [] }, new Date(1))!;
    expect(second.entries.map((e) => e.cell)).toEqual(["A8", "A9"]);
    const back = revertWrites(second);
    const { ledger } = afterRevert(second, { written: [], skipped: back.map((w) => ({ write: w, reason: "protected" as const })) });
    expect(ledger!.entries.map((e) => e.cell)).toEqual(["A8", "A9"]);
    expect(parseLedger("garbage")).toBeNull();
    expect(parseLedger(JSON.stringify({ version: 2, entries: [] }))).toBeNull();
  });
});
