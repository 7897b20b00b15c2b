import { CellAmount, parseAmountCell, plainFigureDecimals, type Amount } from "../money/amount";
import { a1, type Cell } from "../workbook/snapshot";
import type { TableLayout } from "../layouts/types";
import type { AmountCell, BadAmountCell, SubjectLevel, TableColumn, TableRow, TextCell } from "./model";
import { indentOf, normaliseLabel, parseTitle, rowLabel } from "./normalise";
import type { SheetView } from "./sheet-view";
import { headerVocabulary, type HeaderInfo } from "./header";

export interface RowsResult {
  rows: TableRow[];
  notes: TextCell[];
  /** last row of the table (0-based), notes included */
  lastRow: number;
}

const LEVEL_BY_LENGTH: Record<number, SubjectLevel> = { 3: "类", 5: "款", 7: "项" };
const DEPTH: Record<SubjectLevel, number> = { 类: 0, 款: 1, 项: 2 };

function isNote(text: string): boolean {
  return /^\s*(注|说明)\s*[:：\d一二三、.]/.test(text) || /^\s*注\s*$/.test(text);
}

interface Side {
  side?: "income" | "expenditure";
  code?: TableColumn;
  /** 类 | 款 | 项 columns holding the parts of the code (201 | 06 | 07) */
  codeParts?: Array<TableColumn | undefined>;
  /** the parts of the last coded row: a 款 row may write only 06 under its 类 */
  lastParts?: string[];
  name?: TableColumn;
  name2?: TableColumn;
  amounts: TableColumn[];
}

/** A column of figures, not the code (whole or split into 类/款/项), the name or the second name. */
export function isAmountRole(role: string): boolean {
  return role !== "code" && !/^code[123]$/.test(role) && role !== "name" && role !== "name2";
}

function sidesOf(layout: TableLayout, header: HeaderInfo): Side[] {
  const sides = new Map<string, Side>();
  for (const col of header.columns) {
    const key = col.side ?? "";
    let s = sides.get(key);
    if (!s) {
      s = { side: col.side, amounts: [] };
      sides.set(key, s);
    }
    if (col.role === "code") s.code = col;
    else if (/^code[123]$/.test(col.role)) (s.codeParts ??= [])[Number(col.role[4]) - 1] = col;
    else if (col.role === "name") s.name = col;
    else if (col.role === "name2") s.name2 = col;
    else if (isAmountRole(col.role)) s.amounts.push(col);
  }
  const order = layout.columns.map((c) => c.side ?? "");
  return [...sides.values()].sort((a, b) => order.indexOf(a.side ?? "") - order.indexOf(b.side ?? ""));
}

/**
 * Reads the data rows under a header until the notes, two blank rows, or `to`.
 * Each row keeps the address of every value it holds.
 */
export function readRows(view: SheetView, layout: TableLayout, header: HeaderInfo, to: number, unitName: string | null): RowsResult {
  const sides = sidesOf(layout, header);
  const rows: TableRow[] = [];
  const notes: TextCell[] = [];
  const totals = new Set(layout.totals ?? []);
  const classLabels = new Set(layout.classLabels ?? []);
  const unitLabel = unitName ? normaliseLabel(unitName) : null;
  let blanks = 0;
  let lastRow = header.r1;
  let inNotes = false;
  const group: Record<string, string | undefined> = {};
  if (layout.groupStarts) group.income = "current";
  let projectTotalSeen = false;
  let economicClass: string | null = null;

  const vocab = layout.gapsInside ? new Set(headerVocabulary(layout).map(normaliseLabel)) : null;
  for (let r = header.r1 + 1; r <= to; r++) {
    if (view.isBlankRow(r, header.c0, header.c1)) {
      blanks++;
      if (blanks >= 2 && (rows.length > 0 || notes.length > 0)) {
        // A printed page's blank lines before its 收入总计, or the rest of a table on the next page.
        const next = vocab && !inNotes ? resumeAfterGap(view, layout, header, r + 1, Math.min(to, r + 60), totals, vocab) : -1;
        if (next < 0) break;
        r = next - 1;
        blanks = 0;
      }
      continue;
    }
    blanks = 0;
    // A table split over pages repeats its header rows (and the 编制单位/单位：元 line): not data.
    if (vocab && isRepeatedHeader(view, r, header.c0, header.c1, vocab)) continue;
    // the first text's column and the text (firstText's object a row, ~100,000 for a large workbook, left out)
    const fc = firstTextColumn(view, r, header.c0, header.c1);
    const first = fc < 0 ? null : textAt(view, r, fc);
    if (inNotes || (first !== null && isNote(first))) {
      if (first === null) continue;
      inNotes = true;
      notes.push({ text: first, cell: view.address(r, fc) });
      lastRow = r;
      continue;
    }
    lastRow = r;
    for (let si = 0; si < sides.length; si++) {
      const side = sides[si];
      const row = readSideRow(view, r, side);
      if (!row) continue;
      const key = side.side ?? "";
      if (totals.has(row.label) || (row.code && totals.has(normaliseLabel(row.code.text)))) {
        row.kind = "total";
        row.totalKind = row.label;
        if (layout.groupStarts?.[row.label]) group[key] = layout.groupStarts[row.label];
      } else {
        switch (layout.rowModel) {
          case "summary":
            if (side.side === "income") {
              row.kind = "line";
              if (group[key]) row.group = group[key];
            } else {
              row.kind = "subject";
              row.level = "类";
              row.depth = 0;
            }
            break;
          case "lines":
            row.kind = "line";
            // A one-row table without a name column (Shanghai's 三公 table): its row is the 预算数.
            if (!side.name && row.label === "") row.label = "预算数";
            if (/^[①-⑳⑴-⒇]/.test(row.name.text.trim())) row.depth = 1;
            break;
          case "projects":
            if (!projectTotalSeen && rows.length === 0 && unitLabel !== null && row.label === unitLabel) {
              row.kind = "total";
              row.totalKind = "合计";
            } else row.kind = "project";
            break;
          case "economic":
            row.kind = "subject";
            if (row.code && LEVEL_BY_LENGTH[row.code.text.length]) {
              row.level = row.code.text.length === 3 ? "类" : "款";
              row.depth = row.level === "类" ? 0 : 1;
            } else if (classLabels.has(row.label) && (!row.name2?.text || row.label !== economicClass)) {
              // A class row may carry its 政府 class name (工资福利支出 | 机关工资福利支出); only an item named
              // like its own class (其他支出 under 其他支出) has a class label and is not a class.
              row.level = "类";
              row.depth = 0;
              economicClass = row.label;
            } else {
              row.level = "款";
              row.depth = 1;
            }
            break;
          default:
            row.kind = "subject";
            if (row.code) {
              const level = LEVEL_BY_LENGTH[row.code.text.length];
              if (level) {
                row.level = level;
                row.depth = DEPTH[level];
              }
            }
        }
      }
      if (row.kind === "total") projectTotalSeen = true;
      rows.push(row);
    }
  }
  if (layout.rowModel === "subjects" || layout.rowModel === "twoSided") levelsFromIndent(rows);
  return { rows, notes, lastRow };
}

const META_LINE = /^(编制|填报)?单位(名称)?[:：]|^(金额)?单位[:：]\s*(万元|元)$/;

/** A row of header labels only (项目 | 收入预算, 类 | 款 | 项), or the unit/money-unit line, repeated inside a table. */
function isRepeatedHeader(view: SheetView, r: number, c0: number, c1: number, vocab: Set<string>): boolean {
  const row = view.row(r);
  if (!row) return false;
  let labels = 0;
  for (let c = c0; c <= Math.min(c1, row.length - 1); c++) {
    const x = row[c];
    if (!x || x.v === null || x.v === "") continue;
    if (typeof x.v !== "string") return false;
    const t = x.v.trim();
    if (t === "") continue;
    if (META_LINE.test(t)) return true;
    if (!vocab.has(normaliseLabel(t))) return false;
    labels++;
  }
  return labels >= 2;
}

/**
 * After blank rows: the first row at which the table goes on — a total row of the layout, a repeated
 * header, or data rows after a repeated header — or −1 when the table has ended.
 */
function resumeAfterGap(view: SheetView, layout: TableLayout, header: HeaderInfo, from: number, to: number, totals: Set<string>, vocab: Set<string>): number {
  for (let r = from; r <= to; r++) {
    if (view.isBlankRow(r, header.c0, header.c1)) continue;
    if (isRepeatedHeader(view, r, header.c0, header.c1, vocab)) return r;
    const first = firstText(view, r, header.c0, header.c1);
    if (first && totals.has(rowLabel(first.text))) return r;
    // The next page may repeat the title and the 编制单位/单位：元 line above the header (PDF turned into Excel).
    if (first && (isOwnTitle(first.text, layout) || PAGE_HEAD_LINE.test(first.text.trim()))) continue;
    return -1;
  }
  return -1;
}

/** 编制单位：… / 单位：元, the line between a title and its header. */
const PAGE_HEAD_LINE = /^(?:编制|填报)?单位(?:名称)?[:：]|(?:金额)?单位[:：]\s*(?:万元|元)$/;

/** The layout's own title (any year), as a table run over pages repeats it. */
function isOwnTitle(text: string, layout: TableLayout): boolean {
  if (text.length > 80 || !text.includes("表")) return false;
  const { core } = parseTitle(text);
  return layout.titles.some((t) => normaliseLabel(t) === core);
}

/** Without codes, the level is read from indentation: the distinct indents, smallest first, are 类, 款, 项. */
function levelsFromIndent(rows: TableRow[]): void {
  const bySide = new Map<string, TableRow[]>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.kind !== "subject" || row.level) continue;
    const k = row.side ?? "";
    if (!bySide.has(k)) bySide.set(k, []);
    bySide.get(k)!.push(row);
  }
  for (const list of bySide.values()) {
    const indents = [...new Set(list.map((r) => r.indent))].sort((a, b) => a - b).slice(0, 3);
    for (const row of list) {
      const d = indents.indexOf(row.indent);
      const depth = d < 0 ? 2 : d;
      row.depth = depth;
      row.level = (["类", "款", "项"] as SubjectLevel[])[depth];
    }
  }
}

function firstText(view: SheetView, r: number, c0: number, c1: number): { text: string; c: number } | null {
  const c = firstTextColumn(view, r, c0, c1);
  return c < 0 ? null : { text: textAt(view, r, c), c };
}

/** The column of the first non-blank cell of row r within c0…c1, or -1. */
function firstTextColumn(view: SheetView, r: number, c0: number, c1: number): number {
  const row = view.row(r);
  if (!row) return -1;
  for (let c = c0; c <= Math.min(c1, row.length - 1); c++) {
    const x = row[c];
    if (!x || x.v === null || x.v === "") continue;
    if (typeof x.v !== "string") return c;
    if (x.v.trim()) return c;
  }
  return -1;
}

/** The text firstText gives for a cell firstTextColumn found: a string trimmed, anything else as view.text. */
function textAt(view: SheetView, r: number, c: number): string {
  const x = view.cell(r, c)!;
  return typeof x.v !== "string" ? view.text(r, c) : x.v.trim();
}

/**
 * A plain figure of a row: one object that is both the AmountCell and its Amount (`amount` is the
 * object itself), holding its cell (the value, decimals and formula come from it) and its position,
 * whose A1 address is built only when asked for (a finding, the JSON package). A figure and a
 * PlainAmount apart were 56 + 48 bytes and a boxed double for `scaled`; this is 64 bytes, and
 * ~240,000 of them live through the whole check of a 100,000-row workbook. Note for serialising:
 * JSON.stringify of the figure gives the AmountCell form; of `figure.amount` alone, the same object,
 * that form too (nothing stringifies a row's amount on its own; the package writes figures itself).
 */
class CellFigure extends CellAmount implements AmountCell {
  constructor(
    src: Cell,
    decimals: number,
    readonly r: number,
    readonly c: number,
  ) {
    super(src, decimals);
  }
  get amount(): Amount {
    return this;
  }
  get formula(): string | undefined {
    return this.src.f;
  }
  get cell(): string {
    return a1(this.r, this.c);
  }
  override toJSON(): object {
    const f = this.src.f;
    return { amount: super.toJSON(), cell: this.cell, ...(f ? { formula: f } : {}) };
  }
}

/**
 * A row's name or code (TextCell) whose A1 address is built only when asked for: 48 bytes where an
 * object and its address string were 40 + 24, and no address made while reading 100,000 rows.
 * Column -1: no cell (a row without a name column), address "".
 */
class RowText implements TextCell {
  constructor(
    readonly text: string,
    readonly r: number,
    readonly c: number,
  ) {}
  get cell(): string {
    return this.c < 0 ? "" : a1(this.r, this.c);
  }
  toJSON(): object {
    return { text: this.text, cell: this.cell };
  }
}

/** Any other figure (rounded, typed as text) with its cell: the address built only when asked for. */
class OtherFigure implements AmountCell {
  constructor(
    readonly amount: Amount,
    readonly r: number,
    readonly c: number,
    readonly formula?: string,
  ) {}
  get cell(): string {
    return a1(this.r, this.c);
  }
  toJSON(): object {
    return { amount: this.amount, cell: this.cell, ...(this.formula ? { formula: this.formula } : {}) };
  }
}

/**
 * Where the cell of a recognised row's name, code or figure is when its address is made on demand
 * (its `cell` is then a1(r, c)): r × 16384 + c (a sheet has 16,384 columns), or -1 for any other
 * (read its `cell`). A writer can put the address down from it without making the string (the
 * package's rows: ~240,000 addresses for a 100,000-row workbook).
 */
export function cellPosition(x: TextCell | AmountCell): number {
  if (!(x instanceof CellFigure || x instanceof OtherFigure || x instanceof RowText)) return -1;
  const { r, c } = x;
  // inside Excel's grid only (the package writer reserves room for its addresses: 3 letters, 7 digits)
  return r >= 0 && r < 1048576 && c >= 0 && c < 16384 ? r * 16384 + c : -1;
}

function codeText(view: SheetView, r: number, c: number): string {
  const x = view.cell(r, c);
  if (!x || x.v === null) return "";
  return view.text(r, c).trim();
}

function readSideRow(view: SheetView, r: number, side: Side): TableRow | null {
  let code: TextCell | undefined;
  let nameText = "";
  // the name's column, -1 for none (no address)
  let nameC = -1;
  if (side.code) {
    const t = codeText(view, r, side.code.c);
    if (t) {
      if (/^\d+$/.test(t)) code = new RowText(t, r, side.code.c);
      else {
        // "合计" often sits in the code column, merged over the name.
        nameText = view.text(r, side.code.c);
        nameC = side.code.c;
      }
    }
  }
  if (!side.code && side.codeParts) {
    // 类 | 款 | 项: the code is the parts written, the deepest one its cell; 合计 may stand in 类.
    const parts: string[] = [];
    let deepest = -1;
    for (let i = 0; i < side.codeParts.length; i++) {
      const part = side.codeParts[i];
      let t = part ? codeText(view, r, part.c) : "";
      // 款 and 项 typed as numbers lose their leading zero (06 → 6): they are two digits.
      if (i > 0 && /^\d$/.test(t) && typeof view.cell(r, part!.c)?.v === "number") t = `0${t}`;
      parts.push(/^\d+$/.test(t) ? t : "");
      if (!part || t === "") continue;
      if (/^\d+$/.test(t)) deepest = i;
      else if (deepest < 0 && nameText === "") {
        nameText = view.text(r, part.c);
        nameC = part.c;
      }
    }
    if (deepest >= 0 && nameC < 0) {
      // Parts left empty above the deepest one are those of the rows above (06 under 201).
      for (let i = 0; i < deepest; i++) if (parts[i] === "") parts[i] = side.lastParts?.[i] ?? "";
      side.lastParts = parts.slice(0, deepest + 1);
      code = new RowText(parts.slice(0, deepest + 1).join(""), r, side.codeParts[deepest]!.c);
    }
  }
  if (side.name) {
    const t = view.text(r, side.name.c);
    if (t.trim() && !nameText) {
      nameText = t;
      nameC = side.name.c;
    }
    if (nameC < 0) nameC = side.name.c;
  }
  const amounts: Record<string, AmountCell> = {};
  let bad: BadAmountCell[] | undefined;
  let anyAmount = false;
  for (const col of side.amounts) {
    const cell = view.cell(r, col.c);
    if (!cell) continue;
    const d = plainFigureDecimals(cell);
    if (d >= 0) {
      amounts[col.role] = new CellFigure(cell, d, r, col.c);
      anyAmount = true;
      continue;
    }
    const p = parseAmountCell(cell);
    if (p.kind === "amount") {
      amounts[col.role] = new OtherFigure(p.amount, r, col.c, cell.f);
      anyAmount = true;
    } else if (p.kind === "error" || p.kind === "invalid") {
      (bad ??= []).push({ cell: view.address(r, col.c), text: p.text, kind: p.kind });
      anyAmount = true;
    }
  }
  if (!code && !nameText.trim() && !anyAmount) return null;
  // code and level are in the literal (undefined when absent: optional members, JSON leaves them out),
  // so that the row keeps them in its own slots: added afterwards they cost a property array a row
  // (120 bytes a row in all instead of 96). The rarer members are still added when present.
  const row: TableRow = {
    kind: "subject",
    name: new RowText(nameText.trim(), r, nameC),
    label: rowLabel(nameText),
    depth: 0,
    indent: indentOf(nameText),
    amounts,
    r,
    code,
    level: undefined,
  };
  if (side.side) row.side = side.side;
  if (bad) row.bad = bad;
  if (side.name2) {
    const t = view.text(r, side.name2.c).trim();
    if (t) row.name2 = new RowText(t, r, side.name2.c);
  }
  return row;
}
