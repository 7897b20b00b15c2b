import type { ChangeEvent } from "../taskpane/host";
import type { RangeBox } from "../core/workbook/snapshot";

/**
 * Pure helpers for the Excel adapter's live side: requirement-set levels, turning Excel's event
 * arguments into the pane's ChangeEvents, and recognising the add-in's own writes on hosts that
 * cannot say so (ExcelApi 1.7). No Office.js here.
 */

/** Levels the adapter tells apart, highest first. */
export const API_LEVELS = ["1.17", "1.16", "1.15", "1.14", "1.13", "1.12", "1.11", "1.10", "1.9", "1.8", "1.7", "1.6", "1.5", "1.4", "1.3", "1.2", "1.1"];

export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The highest level `supported` admits ("1.0" when none): isSetSupported is asked from the top down. */
export function highestLevel(supported: (version: string) => boolean): string {
  for (const v of API_LEVELS) if (supported(v)) return v;
  return "1.0";
}

/** Excel's WorksheetChangedEventArgs, as far as the adapter reads them. */
export interface ChangedArgs {
  worksheetId: string;
  address: string;
  changeType?: string;
  triggerSource?: string;
}

const CHANGE_KINDS: Record<string, ChangeEvent["kind"]> = {
  RangeEdited: "cells",
  RowInserted: "rowsInserted",
  RowDeleted: "rowsDeleted",
  ColumnInserted: "columnsInserted",
  ColumnDeleted: "columnsDeleted",
  // Cells shifted down or right move whole tables: the pane re-reads the sheet, as for rows.
  CellInserted: "rowsInserted",
  CellDeleted: "rowsDeleted",
};

/** The pane's ChangeEvent for a change on sheet `sheet`; unknown change types are cell edits. */
export function toChangeEvent(args: ChangedArgs, sheet: string): ChangeEvent {
  const kind = CHANGE_KINDS[args.changeType ?? "RangeEdited"] ?? "cells";
  return { kind, sheet, address: stripSheet(args.address) } as ChangeEvent;
}

function stripSheet(address: string): string {
  const i = address.lastIndexOf("!");
  return i >= 0 ? address.slice(i + 1) : address;
}

/** "B3", "B3:D9", "3:5", "B:D" → 0-based box; null for anything else. */
export function addressBox(address: string): RangeBox | null {
  const parts = stripSheet(address).replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length > 2) return null;
  const one = (p: string) => {
    const m = /^([A-Z]{0,3})(\d{0,7})$/.exec(p);
    if (!m || (!m[1] && !m[2])) return null;
    let c = -1;
    if (m[1]) {
      c = 0;
      for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
      c -= 1;
    }
    return { r: m[2] ? Number(m[2]) - 1 : -1, c };
  };
  const a = one(parts[0]);
  const b = parts.length > 1 ? one(parts[1]) : a;
  if (!a || !b) return null;
  return {
    r0: a.r < 0 ? 0 : a.r,
    c0: a.c < 0 ? 0 : a.c,
    r1: b.r < 0 ? 1_048_575 : b.r,
    c1: b.c < 0 ? 16_383 : b.c,
  };
}

const inside = (x: RangeBox, y: RangeBox) => x.r0 >= y.r0 && x.r1 <= y.r1 && x.c0 >= y.c0 && x.c1 <= y.c1;

/**
 * The add-in's own writes, remembered so their change events can be dropped where Excel can tell
 * neither by triggerSource (1.14) nor by runtime.enableEvents (1.8): each written cell expects a
 * number of events (one per command that touched it) for a short while, and an event whose address
 * lies inside such a cell consumes one. A person's edit of the same cell in that moment is lost to
 * live checking until the next edit; the window is kept short for that reason.
 */
export class OwnWrites {
  private entries: Array<{ sheet: string; box: RangeBox; left: number; until: number }> = [];

  constructor(
    private now: () => number = () => Date.now(),
    private windowMs = 3000,
  ) {}

  expect(sheet: string, address: string, events: number): void {
    const box = addressBox(address);
    if (box) this.entries.push({ sheet, box, left: events, until: this.now() + this.windowMs });
  }

  /** Withdraws what a failed write had announced. */
  forget(sheet: string, address: string): void {
    const box = addressBox(address);
    if (box) this.entries = this.entries.filter((e) => !(e.sheet === sheet && inside(box, e.box) && inside(e.box, box)));
  }

  /** True (and consumed) when the event is one of ours. */
  isOwn(sheet: string, address: string): boolean {
    const t = this.now();
    this.entries = this.entries.filter((e) => e.left > 0 && e.until >= t);
    const box = addressBox(address);
    if (!box) return false;
    const hit = this.entries.find((e) => e.sheet === sheet && inside(box, e.box));
    if (!hit) return false;
    hit.left--;
    return true;
  }

  get size(): number {
    return this.entries.length;
  }
}

/** What a cell holds, as CellWrite.expect speaks of it: null when empty, a formula with its "=". */
export function heldText(value: unknown, formula: unknown): string | null {
  if (typeof formula === "string" && formula.startsWith("=") && formula !== value) return formula;
  if (value === null || value === undefined || value === "") return null;
  return String(value);
}
