import * as XLSX from "@e965/xlsx";
import type { RangeBox, WorkbookSnapshot } from "../../src/core/workbook/snapshot";
import { a1, colLetters, parseA1 } from "../../src/core/workbook/snapshot";
import { summedCells } from "../../src/core/rules/structure/formula";

/**
 * The workbook behind the Excel simulator: sheets of cells (value, formula, number format), merged
 * areas, document settings, the selection, and the events the host raises. Plain TypeScript with
 * no Node APIs, so it runs under jest and bundled into a page.
 *
 * Recalculation: formulas that add up cells of their own sheet (SUM(C7:C9), SUM(C7,C9), C7+C8 —
 * what the budget tables hold) are recalculated when a cell they depend on changes, through chains
 * of them, as Excel does, and raise no event (Excel raises none for recalculated cells). Other
 * formulas keep the value they were loaded with.
 *
 * Not simulated: other formulas' recalculation, styles other than the number format, undo.
 */

export type SimValue = string | number | boolean;

export interface SimCell {
  /** "" for an empty cell. */
  value: SimValue;
  /** With the leading "=", or undefined for a constant. */
  formula?: string;
  /** "General" when unset. */
  numberFormat: string;
}

/** A chart on a sheet (ExcelApi 1.1 subset): its data range, by columns or rows, and what was set on it. */
export interface SimChart {
  name: string;
  chartType: string;
  /** Data range on its own sheet. */
  source: RangeBox;
  seriesBy: "Auto" | "Columns" | "Rows";
  title: string;
  legendPosition: string;
  showPercentage: boolean;
  /** Top-left and bottom-right cells it covers, once setPosition was called. */
  position: { from: string; to: string } | null;
}

/** One series as Excel makes it from a chart's data range: a name, its categories and its values. */
export interface SimSeries {
  name: string;
  categories: string[];
  values: SimValue[];
}

/** Excel's limit on the characters of one cell. */
export const CELL_TEXT_LIMIT = 32_767;

export interface SimSheet {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  /** rows[r][c], 0-based, sparse. */
  rows: Array<Array<SimCell | undefined> | undefined>;
  merges: RangeBox[];
  /** Charts on the sheet, in the order they were added. */
  charts?: SimChart[];
}

/** One event as the host raises it, before it is shaped into Excel's event arguments. */
export type SimEvent =
  | {
      type: "WorksheetChanged";
      worksheetId: string;
      address: string;
      changeType: "RangeEdited" | "RowInserted" | "RowDeleted" | "ColumnInserted" | "ColumnDeleted" | "CellInserted" | "CellDeleted";
      source: "Local" | "Remote";
      triggerSource: "ThisLocalAddin" | "Unknown";
      details?: { valueBefore: SimValue; valueAfter: SimValue; valueTypeBefore: string; valueTypeAfter: string };
    }
  | { type: "WorksheetAdded" | "WorksheetDeleted" | "WorksheetActivated"; worksheetId: string; source: "Local" }
  | { type: "WorksheetNameChanged"; worksheetId: string; nameBefore: string; nameAfter: string; source: "Local" }
  | { type: "WorksheetSelectionChanged"; worksheetId: string; address: string };

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

const EMPTY: SimCell = { value: "", numberFormat: "General" };

/** Text Excel displays for a value under a number format (General for numbers: up to 11 significant digits). */
export function displayText(value: SimValue, numberFormat: string): string {
  if (value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  try {
    return String(XLSX.SSF.format(numberFormat === "@" ? "General" : numberFormat, value));
  } catch {
    return String(value);
  }
}

function valueType(v: SimValue): string {
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return /^#/.test(v) ? "Error" : "String";
}

/** Parses "B3", "$B$3", "B3:D9", "3:5" (rows) or "B:D" (columns) into a box. */
export function parseAddress(address: string): RangeBox {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const parts = a.replace(/\$/g, "").toUpperCase().split(":");
  const one = (p: string): { r: number | null; c: number | null } => {
    const m = /^([A-Z]{0,3})(\d{0,7})$/.exec(p);
    if (!m || (m[1] === "" && m[2] === "")) throw new SimError("InvalidArgument", `The argument is invalid or missing: ${address}`);
    let c: number | null = null;
    if (m[1]) {
      c = 0;
      for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
      c -= 1;
    }
    return { r: m[2] ? Number(m[2]) - 1 : null, c };
  };
  const p0 = one(parts[0]);
  const p1 = parts.length > 1 ? one(parts[1]) : p0;
  const box = {
    r0: p0.r ?? 0,
    c0: p0.c ?? 0,
    r1: p1.r ?? MAX_ROWS - 1,
    c1: p1.c ?? MAX_COLS - 1,
  };
  if (box.r0 > box.r1 || box.c0 > box.c1) throw new SimError("InvalidArgument", `The argument is invalid or missing: ${address}`);
  return box;
}

/** The cells a summing formula of its own sheet adds up, or null. */
function refsOf(formula: string): Set<string> | null {
  return summedCells(formula, { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 });
}

export function boxAddress(b: RangeBox): string {
  if (b.c0 === 0 && b.c1 === MAX_COLS - 1) return `${b.r0 + 1}:${b.r1 + 1}`;
  if (b.r0 === 0 && b.r1 === MAX_ROWS - 1) return `${colLetters(b.c0)}:${colLetters(b.c1)}`;
  const tl = a1(b.r0, b.c0);
  return b.r0 === b.r1 && b.c0 === b.c1 ? tl : `${tl}:${a1(b.r1, b.c1)}`;
}

/** Sheet names are quoted in addresses when they are not plain words, as Excel does. */
export function qualified(sheet: string, b: RangeBox): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${boxAddress(b)}`;
}

/** An error shaped like OfficeExtension.Error: code, message, debugInfo. */
export class SimError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    location?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation: location };
  }
}

export type EventSink = (e: SimEvent) => void;

export class SimModel {
  name: string;
  sheets: SimSheet[] = [];
  settings = new Map<string, unknown>();
  activeSheetId: string;
  selection: { sheetId: string; box: RangeBox };
  private nextId = 1;
  /** The add-in's runtime.enableEvents (1.8): events raised while false are not delivered. */
  eventsEnabled = true;
  private sinks: EventSink[] = [];

  constructor(snapshot: WorkbookSnapshot) {
    this.name = snapshot.name;
    for (const s of snapshot.sheets) {
      const sheet = this.makeSheet(s.name);
      sheet.visibility = s.visibility === "hidden" ? "Hidden" : s.visibility === "veryHidden" ? "VeryHidden" : "Visible";
      sheet.merges = s.merges.map((m) => ({ ...m }));
      s.rows.forEach((row, r) => {
        row?.forEach((c, col) => {
          if (!c) return;
          const value: SimValue = c.v === null || c.v === undefined ? "" : c.v;
          if (value === "" && !c.f && !c.z) return;
          const cell: SimCell = { value, numberFormat: c.z ?? "General" };
          if (c.f) cell.formula = `=${c.f}`;
          (sheet.rows[r] ??= [])[col] = cell;
        });
      });
      this.sheets.push(sheet);
    }
    if (this.sheets.length === 0) this.sheets.push(this.makeSheet("Sheet1"));
    this.activeSheetId = this.sheets[0].id;
    this.selection = { sheetId: this.activeSheetId, box: { r0: 0, c0: 0, r1: 0, c1: 0 } };
  }

  private makeSheet(name: string): SimSheet {
    return { id: `{00000000-0001-0000-${String(this.nextId++).padStart(4, "0")}-000000000000}`, name, visibility: "Visible", protected: false, rows: [], merges: [] };
  }

  subscribe(sink: EventSink): () => void {
    this.sinks.push(sink);
    return () => {
      this.sinks = this.sinks.filter((s) => s !== sink);
    };
  }

  /** Raises an event (dropped while the add-in has events turned off). */
  raise(e: SimEvent): void {
    if (!this.eventsEnabled) return;
    for (const s of this.sinks) s(e);
  }

  sheetByName(name: string): SimSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetByKey(key: string): SimSheet | undefined {
    return this.sheets.find((s) => s.id === key) ?? this.sheetByName(key);
  }

  cell(sheet: SimSheet, r: number, c: number): SimCell {
    return sheet.rows[r]?.[c] ?? EMPTY;
  }

  /** Bounding box of non-empty cells (valuesOnly) or of any stored cell; null when there are none. */
  usedBox(sheet: SimSheet, valuesOnly: boolean): RangeBox | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    sheet.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (!cell) return;
        if (valuesOnly && cell.value === "" && !cell.formula) return;
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r);
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      });
    });
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  /**
   * Sets a cell as Excel does when a value is typed or written: "=…" is a formula, a numeric string
   * becomes a number unless the cell is text-formatted ("@"), "" clears the value (format stays).
   */
  setInput(sheet: SimSheet, r: number, c: number, input: SimValue | null): void {
    if (input === null) return;
    if (typeof input === "string" && input.length > CELL_TEXT_LIMIT) throw new SimError("InvalidArgument", `A cell can hold at most ${CELL_TEXT_LIMIT} characters (${input.length} given).`);
    const prev = this.cell(sheet, r, c);
    const next: SimCell = { value: "", numberFormat: prev.numberFormat };
    if (typeof input === "string" && input.startsWith("=") && input.length > 1) {
      next.formula = input;
      next.value = prev.formula === input ? prev.value : this.evaluate(sheet, input) ?? 0;
    } else if (typeof input === "string" && prev.numberFormat !== "@" && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(input.trim())) {
      next.value = Number(input.trim());
    } else {
      next.value = input;
    }
    this.store(sheet, r, c, next);
    this.recalcFrom(sheet, a1(r, c));
  }

  // ---- recalculation of summing formulas ----------------------------------------------------------

  /** Formula cells of a sheet by address, with the cells they add up (null: not a simple sum). */
  private formulaCells = new WeakMap<SimSheet, Map<string, { r: number; c: number; refs: Set<string> | null }>>();

  private formulasOf(sheet: SimSheet): Map<string, { r: number; c: number; refs: Set<string> | null }> {
    let m = this.formulaCells.get(sheet);
    if (!m) {
      m = new Map();
      sheet.rows.forEach((row, r) => row?.forEach((cell, c) => cell?.formula && m!.set(a1(r, c), { r, c, refs: refsOf(cell.formula) })));
      this.formulaCells.set(sheet, m);
    }
    return m;
  }

  /** The value of a summing formula over the sheet's cells now, or null for any other formula. */
  private evaluate(sheet: SimSheet, formula: string): number | null {
    const refs = refsOf(formula);
    if (!refs) return null;
    let sum = 0;
    for (const ref of refs) {
      const p = parseA1(ref)!;
      const v = this.cell(sheet, p.r, p.c).value;
      if (typeof v === "number") sum += v;
    }
    return Number(sum.toPrecision(15)); // Excel keeps 15 significant digits
  }

  /** After `address` changed: every summing formula depending on it, directly or through others, recalculated. */
  private recalcFrom(sheet: SimSheet, address: string): void {
    const formulas = this.formulasOf(sheet);
    if (formulas.size === 0) return;
    const queue = [address];
    let budget = formulas.size * 4 + 16; // a circular reference stops here, as Excel's would not converge
    while (queue.length && budget-- > 0) {
      const changed = queue.shift()!;
      for (const [at, f] of formulas) {
        if (!f.refs?.has(changed)) continue;
        const cell = sheet.rows[f.r]?.[f.c];
        if (!cell?.formula) continue;
        const v = this.evaluate(sheet, cell.formula);
        if (v === null || v === cell.value) continue;
        sheet.rows[f.r]![f.c] = { ...cell, value: v };
        queue.push(at);
      }
    }
  }

  setFormat(sheet: SimSheet, r: number, c: number, format: string | null): void {
    if (format === null) return;
    const prev = this.cell(sheet, r, c);
    this.store(sheet, r, c, { ...prev, numberFormat: format });
  }

  private store(sheet: SimSheet, r: number, c: number, cell: SimCell): void {
    const formulas = this.formulaCells.get(sheet);
    if (formulas) {
      if (cell.formula) formulas.set(a1(r, c), { r, c, refs: refsOf(cell.formula) });
      else formulas.delete(a1(r, c));
    }
    if (cell.value === "" && !cell.formula && cell.numberFormat === "General") {
      const row = sheet.rows[r];
      if (row) row[c] = undefined;
      return;
    }
    (sheet.rows[r] ??= [])[c] = cell;
  }

  changedEvent(sheet: SimSheet, box: RangeBox, triggerSource: "ThisLocalAddin" | "Unknown", before?: SimValue, after?: SimValue): SimEvent {
    const e: SimEvent = { type: "WorksheetChanged", worksheetId: sheet.id, address: boxAddress(box), changeType: "RangeEdited", source: "Local", triggerSource };
    if (before !== undefined && after !== undefined && box.r0 === box.r1 && box.c0 === box.c1) {
      e.details = { valueBefore: before, valueAfter: after, valueTypeBefore: valueType(before), valueTypeAfter: valueType(after) };
    }
    return e;
  }

  /** Inserts (count > 0) or deletes (count < 0) whole rows at row index `at`, moving cells and merges. */
  shiftRows(sheet: SimSheet, at: number, count: number): void {
    this.formulaCells.delete(sheet); // addresses move (formulas are not rewritten: not simulated)
    if (count > 0) sheet.rows.splice(at, 0, ...new Array<undefined>(count).fill(undefined));
    else sheet.rows.splice(at, -count);
    const moved: RangeBox[] = [];
    for (const m of sheet.merges) {
      if (count < 0 && m.r0 >= at && m.r1 < at - count) continue;
      const shift = (r: number) => (r >= at ? Math.max(at, r + count) : r);
      moved.push({ ...m, r0: shift(m.r0), r1: count > 0 ? (m.r1 >= at ? m.r1 + count : m.r1) : shift(m.r1) });
    }
    sheet.merges = moved;
  }

  addSheet(name: string): SimSheet {
    if (this.sheetByName(name)) throw new SimError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
    const s = this.makeSheet(name);
    this.sheets.push(s);
    return s;
  }

  /**
   * The series a chart shows, made the way Excel makes them from its range by columns: a first
   * column of text gives the categories, every other column one series (a text first row names them).
   */
  chartSeries(sheet: SimSheet, chart: SimChart): SimSeries[] {
    const { r0, c0, r1, c1 } = chart.source;
    const at = (r: number, c: number) => this.cell(sheet, r, c).value;
    const headerRow = c1 > c0 && typeof at(r0, c0 + 1) === "string" && at(r0, c0 + 1) !== "";
    const first = headerRow ? r0 + 1 : r0;
    const textFirstColumn = typeof at(first, c0) === "string";
    const categories: string[] = [];
    for (let r = first; r <= r1; r++) categories.push(textFirstColumn ? String(at(r, c0)) : String(r - first + 1));
    const out: SimSeries[] = [];
    for (let c = textFirstColumn ? c0 + 1 : c0; c <= c1; c++) {
      const values: SimValue[] = [];
      for (let r = first; r <= r1; r++) values.push(at(r, c));
      out.push({ name: headerRow ? String(at(r0, c)) : `Series${out.length + 1}`, categories, values });
    }
    return out;
  }

  /** Settings and cells as plain data, to survive a page reload (the browser harness keeps it in sessionStorage). */
  exportState(): string {
    return JSON.stringify({ name: this.name, sheets: this.sheets, settings: [...this.settings], nextId: this.nextId, activeSheetId: this.activeSheetId });
  }

  importState(json: string): void {
    const s = JSON.parse(json) as { name: string; sheets: SimSheet[]; settings: Array<[string, unknown]>; nextId: number; activeSheetId: string };
    this.name = s.name;
    this.sheets = s.sheets.map((sh) => ({ ...sh, rows: sh.rows.map((r) => (r ? r.map((c) => c ?? undefined) : undefined)) }));
    this.settings = new Map(s.settings);
    this.nextId = s.nextId;
    this.activeSheetId = s.activeSheetId;
  }
}
