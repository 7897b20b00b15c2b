import type { CellWrite, WriteOutcome } from "./host";
import type { PlannedFill } from "./view";

/**
 * The fill ledger: which cells 填写编码 wrote, what they held before and what was written, kept in
 * the workbook (host.saveState) so 撤销填写 works after the pane is closed and opened again. A
 * revert restores only cells that still hold what we wrote.
 */

export const LEDGER_KEY = "budget-disclosure.fill-ledger";

export interface LedgerEntry {
  sheet: string;
  cell: string;
  before: string | null;
  after: string;
  /** The cell's number format before the fill wrote it as text (put back by 撤销填写). */
  format?: string;
}

export interface FillLedger {
  version: 1;
  /** ISO time of the last fill. */
  at: string;
  entries: LedgerEntry[];
}

/** The writes for the ticked changes: each target must still be empty; codes written as text. */
export function fillWrites(changes: readonly PlannedFill[]): CellWrite[] {
  return changes.map((c) => ({ sheet: c.sheet, cell: c.cell, expect: c.before, value: c.after, text: true }));
}

/** The ledger after a fill: the cells written added to what an earlier fill left. */
export function recordFill(previous: FillLedger | null, outcome: WriteOutcome, at: Date): FillLedger | null {
  const entries = [...(previous?.entries ?? [])];
  for (const w of outcome.written) {
    if (w.value === null) continue;
    const i = entries.findIndex((e) => e.sheet === w.sheet && e.cell === w.cell);
    const format = i >= 0 ? entries[i].format : w.formatBefore;
    const entry: LedgerEntry = { sheet: w.sheet, cell: w.cell, before: i >= 0 ? entries[i].before : w.expect, after: w.value, ...(format !== undefined ? { format } : {}) };
    if (i >= 0) entries[i] = entry;
    else entries.push(entry);
  }
  return entries.length ? { version: 1, at: at.toISOString(), entries } : null;
}

/** The writes that put every ledger cell back, each only if it still holds what we wrote. */
export function revertWrites(ledger: FillLedger): CellWrite[] {
  return ledger.entries.map((e) => ({ sheet: e.sheet, cell: e.cell, expect: e.after, value: e.before, ...(e.format !== undefined ? { format: e.format } : {}) }));
}

export interface RevertReport {
  restored: LedgerEntry[];
  /** Cells left as they are because they no longer hold what we wrote (or could not be written). */
  left: Array<LedgerEntry & { found?: string; reason: "changed" | "protected" | "missingSheet" }>;
}

/**
 * What a revert did. The ledger is then cleared (a cell the user changed since is theirs now);
 * cells refused because their sheet is protected stay in the ledger for another try.
 */
export function afterRevert(ledger: FillLedger, outcome: WriteOutcome): { report: RevertReport; ledger: FillLedger | null } {
  const at = (s: string, c: string) => ledger.entries.find((e) => e.sheet === s && e.cell === c)!;
  const restored = outcome.written.map((w) => at(w.sheet, w.cell)).filter(Boolean);
  const left = outcome.skipped.map((s) => ({ ...at(s.write.sheet, s.write.cell), found: s.found, reason: s.reason }));
  const retry = left.filter((l) => l.reason === "protected").map(({ sheet, cell, before, after, format }) => ({ sheet, cell, before, after, ...(format !== undefined ? { format } : {}) }));
  return { report: { restored, left }, ledger: retry.length ? { ...ledger, entries: retry } : null };
}

export function parseLedger(text: string | null): FillLedger | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as FillLedger;
    if (!v || v.version !== 1 || !Array.isArray(v.entries)) return null;
    const entries = v.entries
      .filter((e) => e && typeof e.sheet === "string" && typeof e.cell === "string" && typeof e.after === "string" && (e.before === null || typeof e.before === "string"))
      .map(({ sheet, cell, before, after, format }) => ({ sheet, cell, before, after, ...(typeof format === "string" ? { format } : {}) }));
    return entries.length ? { version: 1, at: String(v.at ?? ""), entries } : null;
  } catch {
    return null;
  }
}

/** Low-confidence changes start unticked. */
export const TICK_CONFIDENCE = 0.85;
export function defaultTicks(changes: readonly PlannedFill[]): Set<string> {
  return new Set(changes.filter((c) => c.confidence >= TICK_CONFIDENCE).map((c) => c.id));
}
