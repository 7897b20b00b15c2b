import { analyseInSteps, recheckOps } from "../../core/live";
import type { AnalysisResult } from "../../core/analyse";
import { buildPackage, packageDraft, writePackageJson } from "../../core/report/package";
import { buildNarrativeDraft, checkDraft, draftProblems } from "../../core/publish/draft";
import { disclosureCharts, type DisclosureChart } from "../../core/publish/charts";
import { fdpZip, fiscalDataPackage } from "../../core/publish/fdp";
import { sha256Hex } from "../../core/report/canonical";
import { Catalogue } from "../../core/catalogue/catalogue";
import { planFill } from "../../core/catalogue/fill";
import { allRules } from "../../core/rules/all";
import type { WorkbookSnapshot } from "../../core/workbook/snapshot";
import { parseA1 } from "../../core/workbook/snapshot";
import { readWorkbookBytes } from "../../io/xlsx-read";
import { patchXlsx } from "../../io/xlsx-patch";
import { contentHash, dismissalsFor } from "../dismiss";
import { diffFindings, findingsDelta, findingTouches, groupPage, toView, VIEW_CAP, type PaneView, type PlannedFill } from "../view";
import type { Finding } from "../../core/report/finding";
import { FINDINGS_PAGE } from "../model";
import { tableReadsAfter } from "../../core/live-reads-plan";
import type { RecognisedTable } from "../../core/recognise/model";
import { isAmountRole } from "../../core/recognise/rows";
import type { Calls, CheckOptions, DraftView, Stage } from "./protocol";

/** Whether a cell is in a figure column of a recognised table (not a code, whole or split into 类/款/项, nor a name). */
function isFigureCell(result: AnalysisResult, at: { sheet: string; r: number; c: number }): boolean {
  const t = result.recognition.tables.find((x) => x.sheet === at.sheet && at.r >= x.box.r0 && at.r <= x.box.r1 && at.c >= x.box.c0 && at.c <= x.box.c1);
  const col = t?.columns.find((c) => c.c === at.c);
  return !!col && isAmountRole(col.role);
}

/**
 * What the analysis worker holds and does: the snapshot, the file's bytes (browser page) and the
 * last AnalysisResult, with Decimal figures that never leave it. The worker script only passes
 * messages to this class, so it is tested in Node as it is (test/pane-session.test.ts).
 */
export class AnalysisSession {
  private snapshot: WorkbookSnapshot | null = null;
  private bytes: Uint8Array | null = null;
  private sourceSha: string | undefined;
  private result: AnalysisResult | null = null;
  private options: CheckOptions = { disabledRules: [] };
  private fill: PlannedFill[] | null = null;
  /** Counts the analyses given to the pane (PaneView.version). */
  private version = 0;
  /** Over VIEW_CAP findings: how many of each severity the pane has asked to see, by group. */
  private wanted = new Map<string, number>();
  private readonly wantedOf = (key: string) => this.wanted.get(key) ?? FINDINGS_PAGE;

  open(args: Calls["open"]["args"], stage: (s: Stage) => void): Calls["open"]["result"] {
    stage("reading");
    const bytes = new Uint8Array(args.bytes);
    this.snapshot = readWorkbookBytes(bytes, args.name);
    this.bytes = bytes;
    this.sourceSha = undefined;
    this.result = null;
    return { name: args.name, hash: contentHash(bytes), sheets: this.snapshot.sheets.length };
  }

  load(args: Calls["load"]["args"]): null {
    if (args.append && this.snapshot) {
      // A large workbook arrives sheet by sheet (or a sheet in blocks of rows) so no one message blocks the pane.
      const offset = args.rowOffset ?? 0;
      for (const s of args.snapshot.sheets) {
        let have = this.snapshot.sheets.find((x) => x.name === s.name);
        if (!have && offset === 0) this.snapshot.sheets.push(s);
        else {
          if (!have) this.snapshot.sheets.push((have = { ...s, rows: [], merges: [] }));
          const rows = have.rows;
          s.rows.forEach((row, r) => {
            if (row) rows[offset + r] = row;
          });
          have.merges.push(...s.merges);
        }
      }
    } else {
      this.snapshot = args.snapshot;
      this.bytes = null;
      this.sourceSha = undefined;
    }
    this.result = null;
    return null;
  }

  analyse(args: Calls["analyse"]["args"], stage: (s: Stage) => void): PaneView {
    const wb = this.need();
    this.options = args.options;
    this.result = analyseInSteps(wb, { ...args.options }, stage);
    this.fill = null;
    this.wanted.clear();
    return { ...toView(this.result, this.planFill().length, (t) => tableReadsAfter(t, wb), this.wantedOf), version: ++this.version };
  }

  live(args: Calls["live"]["args"]): Calls["live"]["result"] {
    const wb = this.need();
    const before = this.result;
    if (!before) throw new Error("no analysis yet");
    const beforeFindings = before.report.findings.slice();
    const out = recheckOps(wb, before, args.ops, { ...this.options });
    this.snapshot = out.workbook;
    this.result = out.result;
    // The fill plan depends on codes and names only: a typed figure leaves it as it was.
    if (out.scope === "sheets" || out.scope === "all" || out.changed.some((ch) => !isFigureCell(out.result, ch))) this.fill = null;
    const base = this.version;
    const version = ++this.version;
    const readsOf = (t: RecognisedTable) => tableReadsAfter(t, out.workbook, out.changed);
    const after = out.result.report.findings;
    // The pane's findings are the whole list only below VIEW_CAP: a delta is told against those.
    const delta = args.base === base && beforeFindings.length <= VIEW_CAP && after.length <= VIEW_CAP ? findingsDelta(base, beforeFindings, after) : null;
    const view: PaneView = delta
      ? { ...toView({ ...out.result, report: { ...out.result.report, findings: [] } }, this.planFill().length, readsOf, this.wantedOf), version }
      : { ...toView(out.result, this.planFill().length, readsOf, this.wantedOf), version };
    return { view, ...(delta ? { delta } : {}), diff: diffFindings(beforeFindings, after, out.touched), scope: out.scope, changedCells: out.changedCells };
  }

  /** More of one group's findings (the pane's 再显示 past what its view holds): `n` of each severity. */
  page(args: Calls["page"]["args"]): Finding[] {
    const result = this.needResult();
    this.wanted.set(args.key, Math.max(args.n, this.wantedOf(args.key)));
    return groupPage(result.report.findings, args.key, args.n);
  }

  /** The findings about a cell or range selected in Excel (at most `limit`). */
  at(args: Calls["at"]["args"]): Finding[] {
    const result = this.needResult();
    const out: Finding[] = [];
    for (const f of result.report.findings) {
      if (out.length >= args.limit) break;
      if (findingTouches(f, args.sheet, args.address)) out.push({ ...f, ...(f.related ? { related: f.related.slice() } : {}) });
    }
    return out;
  }

  packageText(args: Calls["package"]["args"]): string {
    const result = this.needResult();
    const dismissed = dismissalsFor(result.report.findings, args.dismissals);
    // The same canonical bytes as the CLI's export of the same file (the browser page has the file's
    // bytes for source.sha256; in Excel there is no file, and no source member).
    let text = "";
    writePackageJson(result.recognition, result.report, (s) => (text += s), {
      sourceSha256: this.bytes ? (this.sourceSha ??= sha256Hex(this.bytes)) : undefined,
      forced: result.report.summary.errors > 0 && args.forced === true,
      dismissed: (_f, i) => {
        const d = dismissed[i];
        return d ? { reason: d.reason, note: d.note, ...(d.at ? { at: d.at } : {}) } : undefined;
      },
    });
    return text;
  }

  /** The 情况说明 draft from the tables of the last analysis, checked by the narrative rules (here, off the pane's thread). */
  draft(): DraftView {
    const result = this.needResult();
    const d = buildNarrativeDraft(result.recognition);
    const problems = draftProblems(checkDraft(result.recognition, this.need(), d)).map((f) => ({ message: f.message, messageEn: f.messageEn }));
    return { paragraphs: packageDraft(d).paragraphs, problems };
  }

  charts(): DisclosureChart[] {
    return disclosureCharts(this.needResult().recognition);
  }

  /** The data package `export --fdp` writes for the same file (the browser page has its bytes for the source hash), zipped. */
  fdpZip(args: Calls["fdpZip"]["args"]): Calls["fdpZip"]["result"] {
    const result = this.needResult();
    const pkg = buildPackage(result.recognition, result.report, {
      sourceSha256: this.bytes ? (this.sourceSha ??= sha256Hex(this.bytes)) : undefined,
      forced: result.report.summary.errors > 0 && args.forced === true,
    });
    const files = fiscalDataPackage(pkg);
    return { zip: fdpZip(files), files: files.map((f) => f.path) };
  }

  planFill(): PlannedFill[] {
    if (this.fill) return this.fill;
    const result = this.result;
    if (!result) return [];
    const year = result.recognition.year ?? new Date().getFullYear();
    const catalogue = Catalogue.forYear(year, this.options.catalogueEntries);
    if (!catalogue) return (this.fill = []);
    const plan = planFill(result.recognition, catalogue, { workbook: this.snapshot ?? undefined });
    return (this.fill = plan.changes.map((c) => ({ ...c, id: `${c.sheet}!${c.cell}` })));
  }

  patch(args: Calls["patch"]["args"]): Uint8Array {
    if (!this.bytes) throw new Error("no file to correct");
    return patchXlsx(this.bytes, args.edits);
  }

  /** The cells around one cell, for the browser page's preview: a small snapshot of that sheet. */
  slice(args: Calls["slice"]["args"]): WorkbookSnapshot {
    const wb = this.need();
    const s = wb.sheets.find((x) => x.name === args.sheet);
    const pos = parseA1(args.cell.split(":")[0]);
    if (!s || !pos) return { name: wb.name, sheets: [] };
    const rows: WorkbookSnapshot["sheets"][number]["rows"] = [];
    for (let r = Math.max(0, pos.r - 10); r <= pos.r + 10; r++) {
      const row = s.rows[r];
      if (row) rows[r] = row.slice(0, pos.c + 12).map((c) => (c ? { ...c } : c));
    }
    return { name: wb.name, sheets: [{ name: s.name, visibility: s.visibility, rows, merges: [] }] };
  }

  rules(): Calls["rules"]["result"] {
    return allRules().map((r) => ({ id: r.id, severity: r.severity, title: { ...r.title }, doc: r.doc, reads: r.reads.slice(), ...(r.figures === false ? { figures: false as const } : {}) }));
  }

  private need(): WorkbookSnapshot {
    if (!this.snapshot) throw new Error("no workbook");
    return this.snapshot;
  }

  private needResult(): AnalysisResult {
    if (!this.result) throw new Error("no analysis yet");
    return this.result;
  }
}
