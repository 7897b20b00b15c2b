import type { CellEdit } from "../../io/xlsx-patch";
import type { UserEntry } from "../../core/catalogue/catalogue";
import type { SnapshotOp } from "../../core/workbook/apply-region";
import type { RuleMeta } from "../../core/rules/types";
import type { WorkbookSnapshot } from "../../core/workbook/snapshot";
import type { Dismissal } from "../dismiss";
import type { FindingDiff, PaneView, PlannedFill } from "../view";

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
  load: { args: { snapshot: WorkbookSnapshot; append?: boolean }; result: null };
  analyse: { args: { options: CheckOptions }; result: PaneView };
  live: { args: { ops: SnapshotOp[] }; result: { view: PaneView; diff: FindingDiff; scope: string; changedCells: number } };
  package: { args: { dismissals: Dismissal[] }; result: string };
  fillPlan: { args: Record<string, never>; result: PlannedFill[] };
  patch: { args: { edits: CellEdit[] }; result: Uint8Array };
  slice: { args: { sheet: string; cell: string }; result: WorkbookSnapshot };
  rules: { args: Record<string, never>; result: RuleInfo[] };
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
