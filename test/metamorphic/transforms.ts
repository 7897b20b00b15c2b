/**
 * Transformations that keep a disclosure workbook correct, applied to a WorkbookSnapshot in memory.
 * Each step rewrites the workbook and carries the cell map along: `where(sheet, cell)` says where a cell of
 * the starting workbook is now, so a finding of the original can be compared with the transformed one.
 *
 * Steps that move cells (offsets, blank rows, stacking, renaming) also rewrite formula references, as
 * Excel does. Steps that change what a cell holds (text figures, 元, codes as numbers, formulas) find
 * their cells through the builder's map of the starting workbook.
 */
import Decimal from "decimal.js";
import type { Cell, SheetSnapshot, WorkbookSnapshot } from "../../src/core/workbook/snapshot";
import { a1, colLetters, parseA1 } from "../../src/core/workbook/snapshot";
import { prng } from "../../scripts/sample/build";
import type { Base } from "./workbooks";

export interface Loc {
  sheet: string;
  r: number;
  c: number;
}

export interface State {
  base: Base;
  wb: WorkbookSnapshot;
  /** starting-workbook location → current location */
  move: (l: Loc) => Loc;
  /** rows hidden in the file (only the .xlsx path can show them) */
  hidden: Map<string, Set<number>>;
  /** Findings the transformation adds by design, as "ruleId sheet!cell" of the current workbook. */
  added: Set<string>;
  /** Amount factor from the starting workbook (10000 after 万元→元). */
  scale: number;
  rnd: () => number;
}

export interface Step {
  name: string;
  /** content steps need the starting layout; they run before any step that moves cells */
  kind: "content" | "geometry";
  apply(s: State): void;
}

export function startState(base: Base, seed: number, wb: WorkbookSnapshot = base.wb): State {
  return { base, wb: cloneWorkbook(wb), move: (l) => l, hidden: new Map(), added: new Set(), scale: 1, rnd: prng(seed) };
}

export function cloneWorkbook(wb: WorkbookSnapshot): WorkbookSnapshot {
  return {
    name: wb.name,
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      rows: s.rows.map((row) => (row ? row.map((c) => (c ? { ...c } : undefined)) : undefined)),
      merges: s.merges.map((m) => ({ ...m })),
    })),
  };
}

function loc(at: string): Loc {
  const i = at.lastIndexOf("!");
  const p = parseA1(at.slice(i + 1))!;
  return { sheet: at.slice(0, i), r: p.r, c: p.c };
}

/** The current cell for a starting "sheet!A1". */
export function whereNow(s: State, at: string): Loc {
  return s.move(loc(at));
}

export function mapAddress(s: State, at: string): string {
  const l = whereNow(s, at);
  return `${l.sheet}!${a1(l.r, l.c)}`;
}

function sheetOf(s: State, name: string): SheetSnapshot {
  const sh = s.wb.sheets.find((x) => x.name === name);
  if (!sh) throw new Error(`no sheet ${name}`);
  return sh;
}

function cellAt(s: State, l: Loc): Cell | undefined {
  return sheetOf(s, l.sheet).rows[l.r]?.[l.c];
}

function setCell(s: State, l: Loc, cell: Cell | undefined): void {
  const sh = sheetOf(s, l.sheet);
  const row = sh.rows[l.r] ?? (sh.rows[l.r] = []);
  row[l.c] = cell;
}

/** Every figure cell of the 13 tables in the starting workbook ("sheet!A1"), and those of the forms. */
export function figureCells(base: Base, opts: { forms?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const t of Object.values(base.map.tables)) {
    if (!t) continue;
    for (const row of t.rows) for (const c of Object.values(row.cells)) out.push(`${t.sheet}!${c}`);
  }
  if (opts.forms) {
    for (const p of Object.values(base.map.performance)) {
      if (!p) continue;
      for (const [field, c] of Object.entries(p.cells)) if (/^(implementation|annual)\./.test(field)) out.push(`${p.sheet}!${c}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- moving cells

const REF = /(?:'((?:[^']|'')+)'|([A-Za-z0-9_\u4e00-\u9fff]+))?(!)?\$?([A-Z]{1,3})\$?(\d{1,7})(?![\d(])/g;

/** Rewrites the references of a formula standing on `sheet` through `f`. */
function moveFormula(formula: string, sheet: string, f: (l: Loc) => Loc, newSheetOfFormula: string): string {
  return formula.replace(REF, (whole, quoted: string | undefined, bare: string | undefined, bang: string | undefined, col: string, row: string) => {
    if ((quoted || bare) && !bang) return whole; // a function name or the like, not a reference
    const refSheet = bang ? (quoted ? quoted.replace(/''/g, "'") : bare!) : sheet;
    const p = parseA1(`${col}${row}`)!;
    const to = f({ sheet: refSheet, r: p.r, c: p.c });
    const addr = a1(to.r, to.c);
    if (!bang && to.sheet === newSheetOfFormula) return addr;
    return `'${to.sheet.replace(/'/g, "''")}'!${addr}`;
  });
}

/** Moves every cell, merge and formula reference through f (a one-to-one map of locations). */
export function relocate(s: State, f: (l: Loc) => Loc, sheetOrder?: string[]): void {
  const out = new Map<string, SheetSnapshot>();
  const hidden = new Map<string, Set<number>>();
  const target = (name: string, visibility: SheetSnapshot["visibility"]): SheetSnapshot => {
    let sh = out.get(name);
    if (!sh) {
      sh = { name, visibility, rows: [], merges: [] };
      out.set(name, sh);
    }
    return sh;
  };
  for (const sh of s.wb.sheets) {
    sh.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (!cell) return;
        const to = f({ sheet: sh.name, r, c });
        const dst = target(to.sheet, sh.visibility);
        const moved = cell.f ? { ...cell, f: moveFormula(cell.f, sh.name, f, to.sheet) } : cell;
        (dst.rows[to.r] ??= [])[to.c] = moved;
      });
    });
    for (const m of sh.merges) {
      const a = f({ sheet: sh.name, r: m.r0, c: m.c0 });
      const b = f({ sheet: sh.name, r: m.r1, c: m.c1 });
      target(a.sheet, sh.visibility).merges.push({ r0: a.r, c0: a.c, r1: b.r, c1: b.c });
    }
    for (const r of s.hidden.get(sh.name) ?? []) {
      const to = f({ sheet: sh.name, r, c: 0 });
      if (!hidden.has(to.sheet)) hidden.set(to.sheet, new Set());
      hidden.get(to.sheet)!.add(to.r);
    }
    target(f({ sheet: sh.name, r: 0, c: 0 }).sheet, sh.visibility);
  }
  const order = sheetOrder ?? [...out.keys()];
  s.wb = { name: s.wb.name, sheets: order.map((n) => out.get(n)!).filter(Boolean) };
  s.hidden = hidden;
  const before = s.move;
  s.move = (l) => f(before(l));
  const added = new Set<string>();
  for (const a of s.added) {
    const [rule, at] = a.split(" ");
    const l = f(loc(at));
    added.add(`${rule} ${l.sheet}!${a1(l.r, l.c)}`);
  }
  s.added = added;
}

const randInt = (s: State, lo: number, hi: number) => lo + Math.floor(s.rnd() * (hi - lo + 1));

// ---------------------------------------------------------------- the steps

export const unmerge: Step = {
  name: "merges removed (Excel 2019 reads none)",
  kind: "content",
  apply(s) {
    for (const sh of s.wb.sheets) sh.merges = [];
  },
};

export const offsets: Step = {
  name: "tables moved (rows and columns before each sheet's content)",
  kind: "geometry",
  apply(s) {
    const by = new Map(s.wb.sheets.map((sh) => [sh.name, { dr: randInt(s, 0, 6), dc: randInt(s, 0, 3) }]));
    relocate(s, (l) => {
      const d = by.get(l.sheet)!;
      return { sheet: l.sheet, r: l.r + d.dr, c: l.c + d.dc };
    });
  },
};

export const blankRows: Step = {
  name: "empty rows between data rows",
  kind: "geometry",
  apply(s) {
    // Between two consecutive data rows of a table (never two blank rows together: that ends a table).
    const inserts = new Map<string, number[]>();
    for (const t of Object.values(s.base.map.tables)) {
      if (!t) continue;
      const rs = [...new Set(t.rows.map((row) => row.r - 1))].sort((a, b) => a - b);
      for (let i = 1; i < rs.length; i++) {
        if (rs[i] !== rs[i - 1] + 1 || s.rnd() > 0.3) continue;
        const now = s.move({ sheet: t.sheet, r: rs[i], c: 0 });
        if (!inserts.has(now.sheet)) inserts.set(now.sheet, []);
        inserts.get(now.sheet)!.push(now.r);
      }
    }
    for (const list of inserts.values()) list.sort((a, b) => a - b);
    relocate(s, (l) => {
      const list = inserts.get(l.sheet);
      if (!list) return l;
      let n = 0;
      while (n < list.length && list[n] <= l.r) n++;
      return { sheet: l.sheet, r: l.r + n, c: l.c };
    });
  },
};

export const stack: Step = {
  name: "several tables per sheet (sheets stacked, 2–3 blank rows apart)",
  kind: "geometry",
  apply(s) {
    const names = s.wb.sheets.map((sh) => sh.name);
    const groups: string[][] = [];
    for (const n of names) {
      if (groups.length === 0 || s.rnd() < 0.35) groups.push([n]);
      else groups[groups.length - 1].push(n);
    }
    const place = new Map<string, { sheet: string; dr: number }>();
    const order: string[] = [];
    groups.forEach((g, gi) => {
      const target = `合并${gi + 1}`;
      order.push(target);
      let next = 0;
      for (const n of g) {
        const sh = s.wb.sheets.find((x) => x.name === n)!;
        place.set(n, { sheet: target, dr: next });
        next += sh.rows.length + randInt(s, 2, 3);
      }
    });
    relocate(s, (l) => {
      const p = place.get(l.sheet)!;
      return { sheet: p.sheet, r: l.r + p.dr, c: l.c };
    }, order);
  },
};

const NAME_POOL = ["Sheet{i}", "附表{i}", "{i}", "预算公开表{i}", "工作表{i}", "公开{i}"];

export const renameSheets: Step = {
  name: "sheets renamed",
  kind: "geometry",
  apply(s) {
    const pattern = NAME_POOL[randInt(s, 0, NAME_POOL.length - 1)];
    const ids = s.wb.sheets.map((_, i) => i + 1).sort(() => s.rnd() - 0.5);
    const to = new Map(s.wb.sheets.map((sh, i) => [sh.name, pattern.replace("{i}", String(ids[i]))]));
    relocate(s, (l) => ({ sheet: to.get(l.sheet)!, r: l.r, c: l.c }), s.wb.sheets.map((sh) => to.get(sh.name)!));
  },
};

export const shuffleSheets: Step = {
  name: "sheets in another order",
  kind: "geometry",
  apply(s) {
    const order = s.wb.sheets.map((sh) => sh.name);
    for (let i = order.length - 1; i > 0; i--) {
      const j = randInt(s, 0, i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    relocate(s, (l) => l, order);
  },
};

export const hideRows: Step = {
  name: "rows hidden",
  kind: "content",
  apply(s) {
    for (const t of Object.values(s.base.map.tables)) {
      if (!t) continue;
      for (const row of t.rows) {
        if (s.rnd() > 0.15) continue;
        const l = s.move({ sheet: t.sheet, r: row.r - 1, c: 0 });
        if (!s.hidden.has(l.sheet)) s.hidden.set(l.sheet, new Set());
        s.hidden.get(l.sheet)!.add(l.r);
      }
    }
  },
};

/** The figure as the cell shows it: 434.67 with 0.00, 1,800,000 with #,##0. */
function shownText(cell: Cell): string {
  const v = new Decimal(String(cell.v));
  return cell.z === "#,##0" ? v.toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : v.toFixed(2);
}

export const textFigures: Step = {
  name: "figures typed as text",
  kind: "content",
  apply(s) {
    for (const at of figureCells(s.base, { forms: true })) {
      const l = whereNow(s, at);
      const cell = cellAt(s, l);
      if (!cell || typeof cell.v !== "number" || cell.f || s.rnd() > 0.5) continue;
      setCell(s, l, { v: shownText(cell), z: "@" });
      s.added.add(`structure/text-number ${l.sheet}!${a1(l.r, l.c)}`);
    }
  },
};

export const numberCodes: Step = {
  name: "codes stored as numbers",
  kind: "content",
  apply(s) {
    for (const t of Object.values(s.base.map.tables)) {
      if (!t) continue;
      for (const row of t.rows) {
        if (!row.codeCell || !row.code) continue;
        const l = whereNow(s, `${t.sheet}!${row.codeCell}`);
        const cell = cellAt(s, l);
        if (cell && typeof cell.v === "string" && /^\d+$/.test(cell.v)) setCell(s, l, { v: Number(cell.v) });
      }
    }
  },
};

/**
 * Figures linked to the table they repeat, as formulas with cached values: 表五 = 表三 where the
 * figures agree, each form's 年度资金总额 = 表十二's project × 10000.
 */
export const linkFormulas: Step = {
  name: "figures as formulas referring to other tables",
  kind: "content",
  apply(s) {
    const { map } = s.base;
    const t03 = map.tables.T03;
    const t05 = map.tables.T05;
    if (t03 && t05) {
      t05.rows.forEach((row, i) => {
        const src = t03.rows[i];
        if (!src || src.key !== row.key) return;
        for (const [role, c] of Object.entries(row.cells)) {
          if (!src.cells[role] || s.rnd() > 0.7) continue;
          const l = whereNow(s, `${t05.sheet}!${c}`);
          const from = whereNow(s, `${t03.sheet}!${src.cells[role]}`);
          const a = cellAt(s, l);
          const b = cellAt(s, from);
          if (!a || !b || a.f || typeof a.v !== "number" || a.v !== b.v) continue;
          setCell(s, l, { ...a, f: `'${from.sheet}'!${a1(from.r, from.c)}` });
        }
      });
    }
    const t12 = map.tables.T12;
    for (const p of Object.values(map.performance)) {
      if (!p || !t12) continue;
      const row = t12.rows.find((r) => r.label === p.projectName);
      const at = p.cells["annual.total"];
      if (!row || !at || !row.cells.total) continue;
      const l = whereNow(s, `${p.sheet}!${at}`);
      const from = whereNow(s, `${t12.sheet}!${row.cells.total}`);
      const a = cellAt(s, l);
      if (!a || typeof a.v !== "number") continue;
      setCell(s, l, { ...a, f: `'${from.sheet}'!${a1(from.r, from.c)}*${10000 / s.scale}` });
    }
  },
};

/** A 备注 column right of each table, with a remark on some rows. */
export const remarks: Step = {
  name: "extra 备注 column",
  kind: "content",
  apply(s) {
    for (const t of Object.values(s.base.map.tables)) {
      if (!t) continue;
      const last = Math.max(...Object.values(t.columns).map((c) => c.c));
      const top = t.headerRows[0] - 1;
      const put = (r: number, v: string) => {
        const l = s.move({ sheet: t.sheet, r, c: last + 1 });
        if (!cellAt(s, l)) setCell(s, l, { v, z: "@" });
      };
      put(top, "备注");
      for (const row of t.rows) if (s.rnd() < 0.2) put(row.r - 1, ["含上年结转", "按实际支出", "见说明"][randInt(s, 0, 2)]);
    }
  },
};

/**
 * 万元 → 元: every figure of 表一…表十三 ×10000 (format #,##0), the unit lines 单位：元.
 * The forms are in 元 already. See README: what "same findings" means here.
 */
export const yuan: Step = {
  name: "tables in 元, figures ×10000",
  kind: "content",
  apply(s) {
    for (const t of Object.values(s.base.map.tables)) {
      if (!t) continue;
      for (const row of t.rows) {
        for (const c of Object.values(row.cells)) {
          const l = whereNow(s, `${t.sheet}!${c}`);
          const cell = cellAt(s, l);
          if (!cell) continue;
          const scaled = (v: Cell["v"]) => (typeof v === "number" ? new Decimal(String(v)).times(10000).toNumber() : typeof v === "string" && v !== "" ? new Decimal(v.replace(/,/g, "")).times(10000).toFixed(0) : v);
          setCell(s, l, { ...cell, v: scaled(cell.v), z: typeof cell.v === "string" ? "@" : "#,##0" });
        }
      }
      if (t.moneyUnitCell) {
        const l = whereNow(s, `${t.sheet}!${t.moneyUnitCell}`);
        const cell = cellAt(s, l);
        if (cell && typeof cell.v === "string") setCell(s, l, { ...cell, v: cell.v.replace("万元", "元") });
        s.added.add(`structure/money-unit ${l.sheet}!${a1(l.r, l.c)}`);
      }
    }
    s.scale = 10000;
  },
};

export const STEPS: Step[] = [unmerge, textFigures, numberCodes, linkFormulas, remarks, hideRows, yuan, blankRows, offsets, stack, renameSheets, shuffleSheets];

/** Applies content steps first (they address the starting layout), then the geometry. */
export function applySteps(s: State, steps: Step[]): State {
  for (const st of steps.filter((x) => x.kind === "content")) st.apply(s);
  for (const st of steps.filter((x) => x.kind === "geometry")) st.apply(s);
  return s;
}

export { colLetters };
