import type { Cell, RangeBox, SheetSnapshot, WorkbookSnapshot } from "./snapshot";

/**
 * Cells of one rectangle of a sheet as the host read them again (the pane's RegionData, restated
 * here so the core depends on no shell). `rows[i]?.[j]` is the cell at (box.r0 + i, box.c0 + j).
 * `merges: null` when the host cannot tell merged areas (old Excel): the old ones are kept.
 */
export interface RegionCells {
  sheet: string;
  box: RangeBox;
  rows: Array<Array<Cell | undefined> | undefined>;
  merges: RangeBox[] | null;
  missing?: boolean;
}

/** A change to the workbook's content the live check applies before re-checking. */
export type SnapshotOp =
  | { kind: "region"; data: RegionCells; /** the whole sheet was read: cells outside the box are gone */ whole?: boolean }
  | { kind: "remove"; sheet: string }
  | { kind: "rename"; from: string; to: string };

const intersects = (a: RangeBox, b: RangeBox) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  if (!a || a.v === null) return !b || b.v === null;
  if (!b) return false;
  return a.v === b.v && a.f === b.f && (a.z ?? "General") === (b.z ?? "General") && !!a.error === !!b.error && (a.t === undefined || b.t === undefined || a.t === b.t);
}

/** Trailing empty rows dropped, so `rows.length` stays "last non-empty row + 1" as the readers make it. */
function trim(rows: SheetSnapshot["rows"]): void {
  let n = rows.length;
  while (n > 0) {
    const row = rows[n - 1];
    if (row && row.some((c) => c !== undefined && c.v !== null)) break;
    n--;
  }
  rows.length = n;
}

export interface ApplyResult {
  workbook: WorkbookSnapshot;
  /** Sheet, 0-based row and column of every cell whose content differs from before. */
  changed: Array<{ sheet: string; r: number; c: number }>;
  /** Sheets added, removed or renamed, or whose merged areas changed: these need their tables found again. */
  structural: Set<string>;
}

/**
 * Applies what the host read again to a snapshot. Pure: the snapshot given is not modified (only the
 * touched sheets and rows are copied), and the cells that really changed are listed, so a re-check
 * can tell a typed figure from a change of structure.
 */
export function applyOps(wb: WorkbookSnapshot, ops: readonly SnapshotOp[]): ApplyResult {
  const sheets = wb.sheets.slice();
  const changed: ApplyResult["changed"] = [];
  const structural = new Set<string>();
  const copied = new Set<SheetSnapshot>();
  const own = (i: number): SheetSnapshot => {
    const s = sheets[i];
    if (copied.has(s)) return s;
    const c: SheetSnapshot = { ...s, rows: s.rows.slice(), merges: s.merges.slice() };
    copied.add(c);
    sheets[i] = c;
    return c;
  };
  for (const op of ops) {
    if (op.kind === "remove") {
      const i = sheets.findIndex((s) => s.name === op.sheet);
      if (i >= 0) sheets.splice(i, 1);
      structural.add(op.sheet);
      continue;
    }
    if (op.kind === "rename") {
      const i = sheets.findIndex((s) => s.name === op.from);
      if (i >= 0) {
        const s = own(i);
        s.name = op.to;
      }
      structural.add(op.from);
      structural.add(op.to);
      continue;
    }
    const d = op.data;
    let i = sheets.findIndex((s) => s.name === d.sheet);
    if (d.missing) {
      if (i >= 0) sheets.splice(i, 1);
      structural.add(d.sheet);
      continue;
    }
    if (i < 0) {
      const s: SheetSnapshot = { name: d.sheet, visibility: "visible", rows: [], merges: [] };
      copied.add(s);
      sheets.push(s);
      i = sheets.length - 1;
      structural.add(d.sheet);
    }
    const s = own(i);
    const b = d.box;
    const r1 = op.whole ? Math.max(b.r1, s.rows.length - 1) : b.r1;
    const r0 = op.whole ? 0 : b.r0;
    for (let r = r0; r <= r1; r++) {
      const inRows = r >= b.r0 && r <= b.r1;
      const fresh = inRows ? d.rows[r - b.r0] : undefined;
      const old = s.rows[r];
      const width = op.whole ? Math.max(old?.length ?? 0, b.c1 + 1) : b.c1 + 1;
      const c0 = op.whole ? 0 : b.c0;
      let row: Array<Cell | undefined> | undefined;
      for (let c = c0; c < width; c++) {
        const inBox = inRows && c >= b.c0 && c <= b.c1;
        const next = inBox ? fresh?.[c - b.c0] : undefined;
        const norm = next && next.v !== null ? next : undefined;
        if (sameCell(old?.[c], norm)) continue;
        row ??= old ? old.slice() : [];
        row[c] = norm;
        changed.push({ sheet: s.name, r, c });
      }
      if (row) {
        let n = row.length;
        while (n > 0 && row[n - 1] === undefined) n--;
        row.length = n;
        s.rows[r] = n ? row : undefined;
      }
    }
    trim(s.rows);
    if (d.merges) {
      const keep = op.whole ? [] : s.merges.filter((m) => !intersects(m, b));
      const next = [...keep, ...d.merges];
      const key = (m: RangeBox) => `${m.r0},${m.c0},${m.r1},${m.c1}`;
      const before = new Set(s.merges.map(key));
      if (next.length !== s.merges.length || next.some((m) => !before.has(key(m)))) structural.add(s.name);
      s.merges = next;
    }
  }
  return { workbook: { ...wb, sheets }, changed, structural };
}
