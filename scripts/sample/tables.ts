/**
 * Renders one standard table (表一…表十三) from its data file into a position-free block, and says
 * where each row and column went.
 */
import Decimal from "decimal.js";
import type { TableData } from "./data";
import { addr, Block, CellSpec, merge, newBlock, put } from "./grid";
import { INDENT_UNIT, normaliseLabel, TOTAL_LABELS } from "./labels";
import type { ColumnMap, RowMap, SampleTableKey, TableMap } from "./map";

/** How subject codes are written: text cells (seed), numbers, empty cells with indented names, or no column. */
export type CodeMode = "text" | "number" | "empty" | "drop";

export type HeaderStyle = boolean | "once" | "bottom";

export interface TableRenderOptions {
  caption: boolean;
  /** true: merged areas; false: the label repeated over the area; "once": written once in its first cell,
   * no merge (a file saved that way, or Excel 2019 reading it); "bottom": as "once", but a label standing
   * over two rows is written in the lower one. */
  mergedHeaders: HeaderStyle;
  codes: CodeMode;
  formulas: boolean;
  unitLine: string;
  moneyUnitLine: string;
}

type Side = "income" | "expenditure" | undefined;

interface RelRow extends Omit<RowMap, "r" | "nameCell" | "codeCell" | "cells"> {
  r: number;
  nameC: number;
  codeC?: number;
  cellsC: Record<string, number>;
}

export interface RelTable {
  key: SampleTableKey;
  title: string;
  captionR?: number;
  titleR: number;
  unitR: number;
  moneyUnitC: number;
  headerR: number[];
  columns: Record<string, { role: string; side?: "income" | "expenditure"; c: number }>;
  rows: RelRow[];
  noteR: number[];
}

function splitRole(col: string): { side: Side; role: string } {
  const dot = col.indexOf(".");
  if (dot < 0) return { side: undefined, role: col };
  return { side: col.slice(0, dot) as Side, role: col.slice(dot + 1) };
}

const TEXT_ROLES = new Set(["code", "name", "name2"]);

/** Removes one column from the header grid, moving a merged label that started in it. */
function dropHeaderColumn(header: TableData["header"], col: number): TableData["header"] {
  const rows = header.rows.map((r) => [...r]);
  const merges: number[][] = [];
  for (const [r0, c0, r1, c1] of header.merges) {
    if (c0 === col && c1 > col) rows[r0][c0 + 1] = rows[r0][c0];
    const n0 = c0 > col ? c0 - 1 : c0;
    const n1 = c1 >= col ? c1 - 1 : c1;
    if (n1 >= n0 && !(r0 === r1 && n0 === n1)) merges.push([r0, n0, r1, n1]);
  }
  return { rows: rows.map((r) => r.filter((_, i) => i !== col)), merges };
}

/** Drops code columns, moving a total's label (合计 written in the code column) to the name column. */
function withoutCodeColumns(data: TableData): TableData {
  let columns = [...data.columns];
  let rows = data.rows.map((r) => [...r]);
  let header = data.header;
  for (;;) {
    const ci = columns.findIndex((c) => splitRole(c).role === "code");
    if (ci < 0) break;
    const side = splitRole(columns[ci]).side;
    const ni = columns.findIndex((c) => splitRole(c).role === "name" && splitRole(c).side === side);
    rows = rows.map((r) => {
      if (ni >= 0 && !/^\d+$/.test(r[ci]) && r[ci] !== "" && r[ni] === "") r[ni] = r[ci];
      return r.filter((_, i) => i !== ci);
    });
    header = dropHeaderColumn(header, ci);
    columns = columns.filter((_, i) => i !== ci);
  }
  return { ...data, columns, rows, header };
}

interface SideRow {
  row: number; // data row index
  side: Side;
  kind: RowMap["kind"];
  name: string;
  label: string;
  code?: string;
  level?: RowMap["level"];
  depth: number;
  totalKind?: string;
  group?: RowMap["group"];
}

const LEVELS: Record<number, RowMap["level"]> = { 3: "类", 5: "款", 7: "项" };

/** Row kinds, levels and groups, per side of the table. */
function classify(data: TableData): SideRow[] {
  const sides = [...new Set(data.columns.map((c) => splitRole(c).side))];
  const out: SideRow[] = [];
  for (const side of sides) {
    const idx = (role: string) => data.columns.findIndex((c) => splitRole(c).side === side && splitRole(c).role === role);
    const ci = idx("code");
    const ni = idx("name");
    const n2 = idx("name2");
    const amountIdx = data.columns.map((c, i) => ({ c: splitRole(c), i })).filter((x) => x.c.side === side && !TEXT_ROLES.has(x.c.role)).map((x) => x.i);
    let group: RowMap["group"] = side === "income" && data.id === "T04" ? "current" : undefined;
    let projectTotalSeen = false;
    data.rows.forEach((cells, row) => {
      const code = ci >= 0 ? cells[ci] : "";
      const nameText = (ni >= 0 ? cells[ni] : "") || (/^\d+$/.test(code) ? "" : code);
      if (nameText === "" && code === "" && amountIdx.every((i) => cells[i] === "")) return;
      const label = normaliseLabel(nameText);
      const base = { row, side, name: nameText, label };
      if (/^\d+$/.test(code)) {
        const level = LEVELS[code.length];
        out.push({ ...base, kind: "subject", code, level, depth: level === "类" ? 0 : level === "款" ? 1 : 2 });
      } else if (TOTAL_LABELS.has(label) && !(data.id === "T12" || data.id === "T13")) {
        if (label === "上年财政拨款结转") group = "carry";
        out.push({ ...base, kind: "total", totalKind: label, depth: 0 });
      } else if ((data.id === "T12" || data.id === "T13") && !projectTotalSeen) {
        projectTotalSeen = true;
        out.push({ ...base, kind: "total", totalKind: "合计", depth: 0 });
      } else if (data.id === "T12" || data.id === "T13") {
        out.push({ ...base, kind: "project", depth: 0 });
      } else if (data.id === "T06") {
        const item = data.classRows ? !data.classRows.includes(row) : n2 >= 0 && cells[n2] !== "";
        out.push({ ...base, kind: "subject", level: item ? "款" : "类", depth: item ? 1 : 0 });
      } else if (side === "expenditure" && /^[一二三四五六七八九十]+、/.test(nameText)) {
        out.push({ ...base, kind: "subject", level: "类", depth: 0 });
      } else {
        out.push({ ...base, kind: "line", depth: /^[①②③④⑤⑥⑦⑧⑨⑩]/.test(nameText) ? 1 : 0, ...(group ? { group } : {}) });
      }
    });
  }
  return out;
}

/** Rows whose figures the given row adds up (for SUM formulas). */
function childrenOf(rows: SideRow[], i: number): number[] {
  const me = rows[i];
  const same = rows.map((r, k) => ({ r, k })).filter((x) => x.r.side === me.side);
  if (me.kind === "total") {
    const byKind = (kinds: string[]) => same.filter((x) => x.r.kind === "total" && kinds.includes(x.r.totalKind ?? "")).map((x) => x.k);
    switch (me.totalKind) {
      case "收入总计":
        return byKind(["本年收入合计", "上年结转", "上年财政拨款结转"]);
      case "支出总计":
        return byKind(["本年支出合计", "年终结转"]);
      case "上年结转":
      case "年终结转":
        return [];
      case "上年财政拨款结转":
        return same.filter((x) => x.r.group === "carry" && x.r.kind !== "total").map((x) => x.k);
      default:
        return same
          .filter((x) => x.r.kind !== "total" && x.r.depth === 0 && (x.r.group === undefined || x.r.group === "current"))
          .map((x) => x.k);
    }
  }
  const pos = same.findIndex((x) => x.k === i);
  const kids: number[] = [];
  for (let j = pos + 1; j < same.length; j++) {
    const r = same[j].r;
    if (r.kind === "total" || r.depth <= me.depth) break;
    if (r.depth === me.depth + 1) kids.push(same[j].k);
  }
  return kids;
}

const WIDTHS: Record<string, number> = { code: 12, name: 34, name2: 24 };

function columnWidth(data: TableData, col: string): number {
  const { side, role } = splitRole(col);
  if (role === "name" && side) return side === "income" ? 24 : 32;
  if (role === "name" && (data.id === "T12" || data.id === "T13")) return 40;
  if (role === "name" && (data.id === "T10" || data.id === "T11")) return 30;
  return WIDTHS[role] ?? 15;
}

/** Renders a table at (0,0). */
export function renderTable(source: TableData, opts: TableRenderOptions): { block: Block; rel: RelTable } {
  const data = opts.codes === "drop" ? withoutCodeColumns(source) : source;
  const width = data.columns.length;
  const b = newBlock(width);
  data.columns.forEach((col, c) => (b.colWidths[c] = columnWidth(data, col)));
  let r = 0;
  let captionR: number | undefined;
  if (opts.caption) {
    put(b, r, 0, { v: data.caption, kind: "caption" });
    captionR = r++;
  }
  const titleR = r++;
  put(b, titleR, 0, { v: data.title, kind: "title" });
  merge(b, titleR, 0, titleR, width - 1);
  b.rowHeights.set(titleR, 30);
  const unitR = r++;
  put(b, unitR, 0, { v: opts.unitLine, kind: "unitLine" });
  put(b, unitR, width - 1, { v: opts.moneyUnitLine, kind: "moneyUnit" });

  // Header: labels of merged areas fill every covered cell when merges are switched off.
  const headerR: number[] = [];
  const h0 = r;
  const hrows = data.header.rows.map((row) => [...row]);
  if (opts.mergedHeaders === false) {
    for (const [r0, c0, r1, c1] of data.header.merges) {
      for (let rr = r0; rr <= r1; rr++) for (let cc = c0; cc <= c1; cc++) hrows[rr][cc] = data.header.rows[r0][c0];
    }
  } else if (opts.mergedHeaders === "bottom") {
    for (const [r0, c0, r1] of data.header.merges) {
      if (r1 === r0) continue;
      hrows[r1][c0] = hrows[r0][c0];
      hrows[r0][c0] = "";
    }
  }
  hrows.forEach((row, hr) => {
    row.forEach((label, c) => {
      const v = /^\d+$/.test(label) ? Number(label) : label === "" ? null : label;
      put(b, h0 + hr, c, { v, kind: "header" });
    });
    headerR.push(h0 + hr);
  });
  if (opts.mergedHeaders === true) for (const [r0, c0, r1, c1] of data.header.merges) merge(b, h0 + r0, c0, h0 + r1, c1);
  r = h0 + hrows.length;

  // Kinds and levels come from the codes, so classify before any code column is dropped.
  const classified = classify(source);
  const d0 = r;
  const roles = data.columns.map(splitRole);
  const formulaAt = new Map<string, CellSpec["sum"]>();
  if (opts.formulas) {
    const values: Array<Array<Decimal | null>> = data.rows.map((cells) =>
      cells.map((v, c) => (TEXT_ROLES.has(roles[c].role) || v === "" ? null : new Decimal(v))),
    );
    classified.forEach((row, i) => {
      const kids = childrenOf(classified, i);
      if (kids.length === 0) return;
      roles.forEach((cr, c) => {
        if (cr.side !== row.side || TEXT_ROLES.has(cr.role)) return;
        const parent = values[row.row][c];
        if (parent === null) return;
        const sum = kids.reduce((acc, k) => acc.plus(values[classified[k].row][c] ?? 0), new Decimal(0));
        // Staff type over a SUM where the rounded figures do not add up (the seed's 尾差 rows): keep the figure.
        if (!sum.equals(parent)) return;
        formulaAt.set(`${row.row}:${c}`, {
          refs: kids.map((k) => [d0 + classified[k].row, c] as [number, number]),
          result: parent.toNumber(),
        });
      });
    });
  }

  const indented = opts.codes === "empty" || opts.codes === "drop";
  const depthOf = new Map<string, number>();
  for (const row of classified) if (row.code) depthOf.set(`${row.row}:${row.side}`, row.depth);
  data.rows.forEach((cells, i) => {
    cells.forEach((v, c) => {
      const { side, role } = roles[c];
      let spec: CellSpec;
      if (role === "code") {
        if (/^\d+$/.test(v) && opts.codes === "empty") spec = { v: null, kind: "code" };
        else if (/^\d+$/.test(v) && opts.codes === "number") spec = { v: Number(v), kind: "codeNumber" };
        else spec = { v: v === "" ? null : v, kind: "code" };
      } else if (role === "name" || role === "name2") {
        const depth = role === "name" ? depthOf.get(`${i}:${side}`) : undefined;
        const indent = depth && indented ? INDENT_UNIT.repeat(depth) : "";
        spec = { v: v === "" ? null : indent + v, kind: "text" };
      } else {
        const sum = formulaAt.get(`${i}:${c}`);
        spec = { v: v === "" ? null : Number(v), kind: "amount", ...(sum ? { sum } : {}) };
      }
      put(b, d0 + i, c, spec);
    });
  });
  // In 'empty' mode a total written in the code column moves to the name column, as exports without codes show it.
  if (opts.codes === "empty") {
    data.rows.forEach((cells, i) => {
      roles.forEach((cr, c) => {
        if (cr.role !== "code" || cells[c] === "" || /^\d+$/.test(cells[c])) return;
        const ni = roles.findIndex((x) => x.side === cr.side && x.role === "name");
        if (ni < 0 || cells[ni] !== "") return;
        put(b, d0 + i, c, { v: null, kind: "code" });
        put(b, d0 + i, ni, { v: cells[c], kind: "text" });
      });
    });
  }
  r = d0 + data.rows.length;

  const noteR: number[] = [];
  for (const note of data.notes) {
    put(b, r, 0, { v: note, kind: "note" });
    noteR.push(r++);
  }

  const columns: RelTable["columns"] = {};
  data.columns.forEach((col, c) => {
    const { side, role } = splitRole(col);
    columns[col] = { role, ...(side ? { side } : {}), c };
  });
  const rows: RelRow[] = classified.map((row) => {
    const nameRole = roles.findIndex((x) => x.side === row.side && x.role === "name");
    const codeRole = roles.findIndex((x) => x.side === row.side && x.role === "code");
    // Where the label actually stands: 合计 of 表二 sits in the code column.
    const labelInCode = codeRole >= 0 && !row.code && data.rows[row.row][codeRole] !== "" && opts.codes !== "empty";
    const cellsC: Record<string, number> = {};
    roles.forEach((cr, c) => {
      if (cr.side === row.side && !TEXT_ROLES.has(cr.role)) cellsC[cr.role] = c;
    });
    const formulas = Object.entries(cellsC).filter(([, c]) => formulaAt.has(`${row.row}:${c}`)).map(([role]) => role);
    const depth = row.depth;
    const shownName = row.code && indented && depth > 0 ? INDENT_UNIT.repeat(depth) + row.name : row.name;
    return {
      key: row.code ?? row.label,
      ...(row.side ? { side: row.side } : {}),
      kind: row.kind,
      name: shownName,
      label: row.label,
      ...(row.code ? { code: row.code } : {}),
      ...(row.level ? { level: row.level } : {}),
      depth,
      ...(row.totalKind ? { totalKind: row.totalKind } : {}),
      ...(row.group ? { group: row.group } : {}),
      r: d0 + row.row,
      nameC: labelInCode ? codeRole : nameRole,
      ...(codeRole >= 0 && opts.codes !== "drop" ? { codeC: codeRole } : {}),
      cellsC,
      ...(formulas.length ? { formulas } : {}),
    };
  });
  return {
    block: b,
    rel: {
      key: data.id,
      title: data.title,
      ...(captionR !== undefined ? { captionR } : {}),
      titleR,
      unitR,
      moneyUnitC: width - 1,
      headerR,
      columns,
      rows,
      noteR,
    },
  };
}

/** Turns block-relative positions into sheet addresses. */
export function placeTableMap(rel: RelTable, block: Block, sheet: string, r0: number, c0: number): TableMap {
  const A = (r: number, c: number) => addr(r0 + r, c0 + c);
  const columns: Record<string, ColumnMap> = {};
  for (const [key, col] of Object.entries(rel.columns)) {
    columns[key] = { role: col.role, ...(col.side ? { side: col.side } : {}), c: c0 + col.c, letter: A(0, col.c).replace(/\d+$/, "") };
  }
  const rows: RowMap[] = rel.rows.map((row) => {
    const { r, nameC, codeC, cellsC, ...rest } = row;
    const cells: Record<string, string> = {};
    for (const [role, c] of Object.entries(cellsC)) cells[role] = A(r, c);
    return { ...rest, r: r0 + r + 1, nameCell: A(r, nameC), ...(codeC !== undefined ? { codeCell: A(r, codeC) } : {}), cells };
  });
  const top = rel.captionR ?? rel.titleR;
  return {
    key: rel.key,
    sheet,
    title: rel.title,
    titleCell: A(rel.titleR, 0),
    ...(rel.captionR !== undefined ? { captionCell: A(rel.captionR, 0) } : {}),
    unitNameCell: A(rel.unitR, 0),
    moneyUnitCell: A(rel.unitR, rel.moneyUnitC),
    headerRows: rel.headerR.map((r) => r0 + r + 1),
    range: `${A(top, 0)}:${A(block.height - 1, block.width - 1)}`,
    columns,
    rows,
    noteCells: rel.noteR.map((r) => A(r, 0)),
  };
}
