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

/** A cell the add-in wrote (ExcelApi 1.7), awaiting the events of that write. */
export interface OwnWrite {
  sheet: string;
  box: RangeBox;
  /** What the cell holds after the write (heldText's terms: null when empty). */
  value: string | null;
  /** Events still expected (one per command that touched the cell). */
  left: number;
  until: number;
}

/**
 * The add-in's own writes, remembered so their change events can be dropped where Excel can tell
 * neither by triggerSource (1.14) nor by runtime.enableEvents (1.8), and where its events carry no
 * values (details: 1.9). Exact: an event is ours only when it lies in a cell we wrote, that write
 * still expects an event, and the cell holds what we wrote (the adapter reads it, watch.ts); each
 * such event consumes one. A cell that holds anything else was changed by the user: the event is
 * theirs, and so are later ones there (the write is forgotten). A user's edit is therefore never
 * taken for ours, however many events Excel raises for a write; one that puts back exactly what we
 * wrote changes nothing.
 */
export class OwnWrites {
  private entries: OwnWrite[] = [];

  constructor(
    private now: () => number = () => Date.now(),
    private windowMs = 3000,
  ) {}

  expect(sheet: string, address: string, value: string | null, events: number): void {
    const box = addressBox(address);
    if (box) this.entries.push({ sheet, box, value, left: events, until: this.now() + this.windowMs });
  }

  /** Withdraws what a failed write had announced. */
  forget(sheet: string, address: string): void {
    const box = addressBox(address);
    if (box) this.entries = this.entries.filter((e) => !(e.sheet === sheet && inside(box, e.box) && inside(e.box, box)));
  }

  /** The write an event at `address` may come from (not consumed), or null: then it is not ours. */
  candidate(sheet: string, address: string): OwnWrite | null {
    const t = this.now();
    this.entries = this.entries.filter((e) => e.left > 0 && e.until >= t);
    const box = addressBox(address);
    if (!box) return null;
    return this.entries.find((e) => e.sheet === sheet && inside(box, e.box)) ?? null;
  }

  /**
   * Given what the candidate's cell holds now: true (one event consumed) when it is what we wrote;
   * false when the user changed it, and the write is forgotten.
   */
  settle(entry: OwnWrite, held: string | null): boolean {
    if (!this.entries.includes(entry) || entry.left <= 0) return false;
    if (held === entry.value) {
      entry.left--;
      return true;
    }
    this.entries = this.entries.filter((e) => e !== entry);
    return false;
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
