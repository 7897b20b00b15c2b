import Decimal from "decimal.js";
import type { DisclosurePackage, PackageRow, PackageTable } from "../report/package";

/**
 * A disclosure package back to the workbook: every table at the place it came from (same sheet, same
 * cells), in the standard layout — title, unit name and money unit lines, headers (merged where a
 * label spans columns or rows), figures with a number format showing their decimals, 本表无数据 and
 * other notes — the performance target forms and the 情况说明. A total that is exactly the sum of the
 * rows under it is written as a SUM formula with the figure as its cached value, so a reader that
 * does not recalculate still sees the figure; a total that is not (a rounding tail) stays a figure.
 *
 * Pure: the result is plain data that an .xlsx writer turns into a file (src/io/xlsx-write.ts).
 */
export interface OutCell {
  t: "s" | "n";
  v: string | number;
  /** Number format. */
  z?: string;
  /** Formula without "=". */
  f?: string;
}

export interface OutSheet {
  name: string;
  cells: Map<string, OutCell>;
  merges: string[];
  /** Column widths in characters, by column index. */
  cols: number[];
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function colLetters(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function parseCell(a: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a);
  if (!m) throw new Error(`not a cell address: ${a}`);
  return { r: Number(m[2]) - 1, c: colIndex(m[1]) };
}

const addr = (r: number, c: number) => `${colLetters(c)}${r + 1}`;
const range = (r0: number, c0: number, r1: number, c1: number) => `${addr(r0, c0)}:${addr(r1, c1)}`;

/** "#,##0.00" for a figure shown with two decimals: the reader counts the decimals from the format. */
export function numberFormat(value: string): string {
  const d = value.includes(".") ? value.length - value.indexOf(".") - 1 : 0;
  return d ? `#,##0.${"0".repeat(d)}` : "#,##0";
}

class Sheet implements OutSheet {
  cells = new Map<string, OutCell>();
  merges: string[] = [];
  cols: number[] = [];
  constructor(readonly name: string) {}
  text(r: number, c: number, v: string): void {
    this.cells.set(addr(r, c), { t: "s", v });
  }
  figure(a: string, value: string, f?: string): void {
    this.cells.set(a, { t: "n", v: Number(value), z: numberFormat(value), ...(f ? { f } : {}) });
  }
  free(r: number, c: number): boolean {
    return c >= 0 && !this.cells.has(addr(r, c));
  }
  merge(r0: number, c0: number, r1: number, c1: number): void {
    if (r1 > r0 || c1 > c0) this.merges.push(range(r0, c0, r1, c1));
  }
  width(c: number, w: number): void {
    this.cols[c] = Math.max(this.cols[c] ?? 0, w);
  }
}

function parseRange(s: string): { r0: number; c0: number; r1: number; c1: number } {
  const [a, b] = s.split(":");
  const p = parseCell(a);
  const q = parseCell(b ?? a);
  return { r0: p.r, c0: p.c, r1: q.r, c1: q.c };
}

const WIDTH: Record<string, number> = { code: 12, code1: 6, code2: 6, code3: 6, name: 34, name2: 26 };
/** One level of indentation of a name without a code (two full-width spaces, as such tables write it). */
const INDENT = "\u3000\u3000";

function renderTable(sh: Sheet, t: PackageTable): void {
  const box = parseRange(t.range);
  // title, merged across the table
  sh.text(box.r0, box.c0, t.title);
  sh.merge(box.r0, box.c0, box.r0, box.c1);
  // unit name line, and the money unit (on the same line, at its own cell)
  const unitLine = box.r0 + 1;
  if (t.unitName !== null) sh.text(unitLine, box.c0, `单位名称：${t.unitName}`);
  if (t.moneyUnit?.cell) {
    const mu = parseCell(t.moneyUnit.cell);
    const existing = sh.cells.get(t.moneyUnit.cell);
    if (existing && existing.t === "s") sh.text(mu.r, mu.c, `${existing.v}    单位：${t.moneyUnit.unit}`);
    else sh.text(mu.r, mu.c, `单位：${t.moneyUnit.unit}`);
  }
  // headers: depth d, directly above the first row (or below the unit line when there are no rows)
  const depth = Math.max(1, ...t.columns.map((c) => c.header.length));
  const firstRow = t.rows.length ? Math.min(...t.rows.map((r) => parseCell(r.cell).r)) : unitLine + 1 + depth;
  const top = firstRow - depth;
  const cols = t.columns.map((c) => ({ ...c, c: colIndex(c.column) })).sort((a, b) => a.c - b.c);
  for (let level = 0; level < depth; level++) {
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i];
      const h = col.header;
      if (level >= h.length) continue;
      const leaf = level === h.length - 1;
      if (leaf) {
        sh.text(top + level, col.c, h[level]);
        sh.merge(top + level, col.c, top + depth - 1, col.c);
        continue;
      }
      // a group label: written once over the adjacent columns that share it (and what is above it)
      const prev = cols[i - 1];
      const same = (x: (typeof cols)[number] | undefined) => !!x && x.header.length > level + 1 && x.header.slice(0, level + 1).join("\u0000") === h.slice(0, level + 1).join("\u0000");
      if (same(prev) && prev!.c === col.c - 1) continue;
      let j = i;
      while (same(cols[j + 1]) && cols[j + 1].c === cols[j].c + 1) j++;
      sh.text(top + level, col.c, h[level]);
      sh.merge(top + level, col.c, top + level, cols[j].c);
    }
  }
  for (const col of cols) sh.width(col.c, WIDTH[col.role] ?? 14);
  // rows
  const codeCol = (side?: string) => cols.find((c) => c.role === "code" && (c.side ?? undefined) === (side ?? undefined));
  const name2Col = cols.find((c) => c.role === "name2");
  // Without codes the level is in the indentation (the package keeps the level, not the spaces);
  // codes split into 类/款/项 columns are written from their own level, 06 under 201.
  const indentLevels = !t.columns.some((c) => c.role === "name2");
  const split = ["code1", "code2", "code3"].map((role) => cols.find((c) => c.role === role));
  const SEGMENT: Record<string, [number, number, number]> = { 类: [0, 0, 3], 款: [1, 3, 5], 项: [2, 5, 7] };
  for (const row of t.rows) {
    const at = parseCell(row.cell);
    const depth = row.level ? SEGMENT[row.level][0] : 0;
    if (row.name) sh.text(at.r, at.c, row.kind === "subject" && !row.code && indentLevels && depth ? INDENT.repeat(depth) + row.name : row.name);
    if (row.code !== undefined && split[0]) {
      const seg = row.level ? SEGMENT[row.level] : undefined;
      const col = seg ? split[seg[0]] : undefined;
      if (seg && col && row.code.length >= seg[2]) sh.text(at.r, col.c, row.code.slice(seg[1], seg[2]));
      else if (split[0]) sh.text(at.r, split[0].c, row.code);
    } else if (row.code !== undefined) {
      const cc = codeCol(row.side);
      if (cc && !(row.name && cc.c === at.c)) sh.text(at.r, cc.c, row.code);
      else if (!row.name) sh.text(at.r, at.c, row.code);
    }
    if (row.name2 !== undefined && name2Col) sh.text(at.r, name2Col.c, row.name2);
  }
  const formulas = sumFormulas(t);
  for (const row of t.rows) for (const [role, a] of Object.entries(row.amounts)) sh.figure(a.cell, a.value, formulas.get(`${row.cell}|${role}`));
  // notes (注：…, 本表无数据) on the last lines of the table
  const lastRow = t.rows.length ? Math.max(...t.rows.map((r) => parseCell(r.cell).r)) : firstRow - 1;
  const from = Math.max(lastRow + 1, box.r1 - t.notes.length + 1);
  t.notes.forEach((n, i) => {
    sh.text(from + i, box.c0, n);
    sh.merge(from + i, box.c0, from + i, box.c1);
  });
}

/**
 * SUM formulas for the totals that are sums: in a table with subject codes, a 类/款 row whose figure
 * is exactly the sum of the rows whose parent it is, and the 合计 row over the 类 rows. Keyed by
 * "row cell|role".
 */
function sumFormulas(t: PackageTable): Map<string, string> {
  const out = new Map<string, string>();
  if (!t.columns.some((c) => c.role === "code")) return out;
  const children = new Map<PackageRow, PackageRow[]>();
  const bySide = new Map<string, PackageRow[]>();
  for (const row of t.rows) {
    const side = row.side ?? "";
    if (!bySide.has(side)) bySide.set(side, []);
    bySide.get(side)!.push(row);
  }
  for (const rows of bySide.values()) {
    const byCode = new Map<string, PackageRow>();
    for (const row of rows) if (row.kind === "subject" && row.code) byCode.set(row.code, row);
    const total = rows.find((r) => r.kind === "total" && r.totalKind === "合计");
    for (const row of rows) {
      if (row.kind !== "subject") continue;
      const parent = row.parentCode ? byCode.get(row.parentCode) : row.level === "类" ? total : undefined;
      if (!parent) continue;
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent)!.push(row);
    }
  }
  for (const [parent, kids] of children) {
    for (const [role, a] of Object.entries(parent.amounts)) {
      const cells = kids.map((k) => k.amounts[role]).filter((x) => x !== undefined);
      if (!cells.length) continue;
      const sum = cells.reduce((s, x) => s.plus(x.value), new Decimal(0));
      if (!sum.equals(a.value)) continue; // a rounding tail: the figure as written, not a formula
      const f = `SUM(${runs(cells.map((x) => x.cell))})`;
      if (f.length < 8000) out.set(`${parent.cell}|${role}`, f);
    }
  }
  return out;
}

/** ["C6","C7","C8","C10"] → "C6:C8,C10". */
function runs(cells: string[]): string {
  const ps = cells.map(parseCell).sort((a, b) => a.r - b.r);
  const out: string[] = [];
  for (let i = 0; i < ps.length; ) {
    let j = i;
    while (j + 1 < ps.length && ps[j + 1].r === ps[j].r + 1 && ps[j + 1].c === ps[i].c) j++;
    out.push(j > i ? `${addr(ps[i].r, ps[i].c)}:${addr(ps[j].r, ps[j].c)}` : addr(ps[i].r, ps[i].c));
    i = j + 1;
  }
  return out.join(",");
}

interface FormData {
  projectName: { text: string; cell: string } | null;
  department: { text: string; cell: string } | null;
  implementer: { text: string; cell: string } | null;
  attribute: { text: string; cell: string } | null;
  period: { text: string; cell: string } | null;
  implementationFunding: Record<string, { value: string; cell: string } | null>;
  annualFunding: Record<string, { value: string; cell: string } | null>;
  texts: Record<string, { text: string; cell: string }>;
  indicators: Array<{ block: string; level1: string; level2: string; level3: string; cell: string; target: { text: string; cell: string } | null }>;
}

const FUNDING_LABEL: Record<string, [string, string]> = {
  total: ["实施期资金总额:", "年度资金总额:"],
  central: ["其中:中央财政资金", "其中:中央财政资金"],
  provincial: ["省级财政资金", "省级财政资金"],
  local: ["市县(区)财政资金", "市县(区)财政资金"],
  self: ["单位自筹", "单位自筹"],
  other: ["其他资金", "其他资金"],
};

/** The project performance target form (项目支出绩效目标表), read back by its labels. */
function renderForm(sh: Sheet, t: PackageTable): void {
  const box = parseRange(t.range);
  const f = t.form as FormData;
  sh.text(box.r0, box.c0, t.title);
  sh.merge(box.r0, box.c0, box.r0, box.c1);
  if (t.year !== null) {
    sh.text(box.r0 + 1, box.c0, `(${t.year}年度)`);
    sh.merge(box.r0 + 1, box.c0, box.r0 + 1, box.c1);
  }
  const labelled = (label: string, v: { text: string; cell: string } | null, left: boolean) => {
    if (!v) return;
    const at = parseCell(v.cell);
    sh.text(at.r, at.c, v.text);
    sh.text(at.r, left ? box.c0 : at.c - 1, label);
  };
  labelled("项目名称", f.projectName, true);
  labelled("主管部门及代码", f.department, true);
  labelled("实施单位", f.implementer, false);
  labelled("项目属性", f.attribute, true);
  labelled("项目日期", f.period, false);
  const funding = (x: FormData["annualFunding"], annual: number) => {
    for (const [k, v] of Object.entries(x)) {
      if (!v) continue;
      const at = parseCell(v.cell);
      sh.figure(v.cell, v.value);
      sh.text(at.r, at.c - 1, FUNDING_LABEL[k]?.[annual] ?? k);
      if (k === "total" && annual === 0 && sh.free(at.r, box.c0)) sh.text(at.r, box.c0, "项目资金(元)");
    }
  };
  funding(f.implementationFunding, 0);
  funding(f.annualFunding, 1);
  for (const [label, v] of Object.entries(f.texts)) {
    const at = parseCell(v.cell);
    sh.text(at.r, at.c, v.text);
    if (label === "总体目标(实施期)") {
      sh.text(at.r, box.c0, "总体目标");
      sh.text(at.r - 1, at.c, "实施期目标");
    } else if (label === "总体目标(年度)") sh.text(at.r - 1, at.c, "年度目标");
    else sh.text(at.r, box.c0, label);
  }
  let first = true;
  const last: Record<string, { level1: string; level2: string }> = {};
  for (const i of f.indicators) {
    const at = parseCell(i.cell);
    if (first) {
      sh.text(at.r, box.c0, "绩效指标");
      first = false;
    }
    const prev = last[i.block];
    const l1 = !!i.level1 && (!prev || prev.level1 !== i.level1);
    const l2 = !!i.level2 && (!prev || prev.level2 !== i.level2);
    // 一级 two columns left; where that is taken (the 年度 block, right of the 实施期 targets) in the
    // 二级 column, as such forms write 成本指标
    if (l1 && sh.free(at.r, at.c - 2)) sh.text(at.r, at.c - 2, i.level1);
    else if (l1 && !l2) sh.text(at.r, at.c - 1, i.level1);
    if (l2) sh.text(at.r, at.c - 1, i.level2);
    last[i.block] = { level1: i.level1, level2: i.level2 };
    sh.text(at.r, at.c, i.level3);
    if (i.target) {
      const tc = parseCell(i.target.cell);
      sh.text(tc.r, tc.c, i.target.text);
    }
  }
  // The package keeps indicators, not the empty 二级指标 rows between them (生态效益 with nothing
  // under it), and two blank rows would end the form when it is read again: a blank row inside the
  // grid gets, in each block, the standard 效益 label the block lacks (or its last label again),
  // which reads as a group without indicators.
  const rows = f.indicators.map((i) => parseCell(i.cell).r);
  if (rows.length) {
    const blocks = [...new Set(f.indicators.map((i) => i.block))].map((b) => {
      const mine = f.indicators.filter((i) => i.block === b);
      return { c: parseCell(mine[0].cell).c - 1, used: new Set(mine.map((i) => i.level2)), last: mine[mine.length - 1].level2 };
    });
    for (let r = Math.min(...rows); r <= Math.max(box.r1, ...rows); r++) {
      let blank = true;
      for (let c = box.c0; c <= box.c1 && blank; c++) if (!sh.free(r, c)) blank = false;
      if (!blank) continue;
      for (const b of blocks) {
        const label = BENEFIT_LEVEL2.find((l) => !b.used.has(l)) ?? b.last;
        b.used.add(label);
        if (label) sh.text(r, b.c, label);
      }
    }
  }
  for (let c = box.c0; c <= box.c1; c++) sh.width(c, c === box.c0 ? 12 : 18);
}

const BENEFIT_LEVEL2 = ["经济效益", "社会效益", "生态效益", "可持续影响"];

export function renderPackage(pkg: DisclosurePackage): OutSheet[] {
  const sheets = new Map<string, Sheet>();
  const sheet = (name: string) => {
    let s = sheets.get(name);
    if (!s) sheets.set(name, (s = new Sheet(name)));
    return s;
  };
  for (const t of pkg.tables) {
    if (t.form) renderForm(sheet(t.sheet), t);
    else renderTable(sheet(t.sheet), t);
  }
  for (const p of pkg.narrative.paragraphs) {
    const sh = sheet(p.sheet);
    const at = parseCell(p.cell);
    sh.text(at.r, at.c, p.text);
    sh.width(at.c, 100);
  }
  return [...sheets.values()];
}
