import type { CellEdit } from "../../io/xlsx-patch";
import type { UserEntry } from "../../core/catalogue/catalogue";
import type { SnapshotOp } from "../../core/workbook/apply-region";
import type { RuleMeta } from "../../core/rules/types";
import type { Finding } from "../../core/report/finding";
import type { PackageDraft } from "../../core/report/package";
import type { WorkbookSnapshot } from "../../core/workbook/snapshot";
import type { Dismissal } from "../dismiss";
import type { DisclosureChart } from "../../core/publish/charts";
import type { FindingDiff, FindingsDelta, PaneView, PlannedFill } from "../view";

/** Messages between the pane and its analysis worker: all plain, structured-clonable data. */

export type Stage = "reading" | "recognising" | "checking";

export interface CheckOptions {
  disabledRules: string[];
  catalogueEntries?: UserEntry[];
  /** A layout set chosen in 报表版式 (else the best match). */
  layoutSet?: string;
}

/** A rule's description without its code, for 规则设置. */
export type RuleInfo = RuleMeta;

export interface Calls {
  /** Browser page: the file's bytes; the worker reads them (and keeps them for the corrected copy). */
  open: { args: { bytes: ArrayBuffer; name: string }; result: { name: string; hash: string; sheets: number } };
  /** Excel: the snapshot read on the main thread (Office.js lives there), possibly in pieces. */
  load: { args: { snapshot: WorkbookSnapshot; append?: boolean; /** Appended rows: the sheets' rows are the sheet's rows from this one on. */ rowOffset?: number }; result: null };
  analyse: { args: { options: CheckOptions }; result: PaneView };
  /**
   * A live re-check. With `base` (the version of the view the pane shows) and the worker still at
   * that version, the view comes without findings and `delta` tells them (view.ts findingsDelta).
   */
  live: { args: { ops: SnapshotOp[]; base?: number }; result: { view: PaneView; delta?: FindingsDelta; diff: FindingDiff; scope: string; changedCells: number } };
  /** Over VIEW_CAP findings: one group's first `n` findings of each severity. */
  page: { args: { key: string; n: number }; result: Finding[] };
  /** Over VIEW_CAP findings: those about a selected cell or range. */
  at: { args: { sheet: string; address: string; limit: number }; result: Finding[] };
  package: { args: { dismissals: Dismissal[]; forced?: boolean }; result: string };
  fillPlan: { args: Record<string, never>; result: PlannedFill[] };
  patch: { args: { edits: CellEdit[] }; result: Uint8Array };
  slice: { args: { sheet: string; cell: string }; result: WorkbookSnapshot };
  rules: { args: Record<string, never>; result: RuleInfo[] };
  /** The 情况说明 draft of the last analysis, and what the narrative rules say of it. */
  draft: { args: Record<string, never>; result: DraftView };
  /** The disclosure's charts from the last analysis (src/core/publish/charts.ts). */
  charts: { args: Record<string, never>; result: DisclosureChart[] };
  /** The Frictionless (Fiscal) Data Package as a .zip, the files `export --fdp` writes. */
  fdpZip: { args: { forced?: boolean }; result: { zip: Uint8Array; files: string[] } };
}

/** The draft as the pane shows it: the package's paragraphs, and the narrative rules' objections (none when clean). */
export interface DraftView {
  paragraphs: PackageDraft["paragraphs"];
  problems: Array<{ message: string; messageEn: string }>;
}

export type Op = keyof Calls;

export interface Request<K extends Op = Op> {
  id: number;
  op: K;
  args: Calls[K]["args"];
}

export type Reply =
  | { id: number; progress: Stage }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; zh?: string; en?: string } };
