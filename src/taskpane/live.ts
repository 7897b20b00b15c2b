import type { RangeBox } from "../core/workbook/snapshot";
import { rowsToRead, type TableReads } from "../core/live-reads";
import type { SnapshotOp } from "../core/workbook/apply-region";
import type { ChangeEvent, ExcelHost, RegionData, RegionRequest } from "./host";
import { parseRange } from "./view";

/**
 * Live checking: listens to Excel's change events, coalesces a burst (paste, fill-down, undo, a
 * co-author's edits) with a short debounce, works out what to read again — in ONE readRegions call
 * per burst — and hands the result to the analysis as snapshot operations. Knows nothing of React
 * or of the worker; tested with fake timers and an in-memory host (test/live.test.ts).
 */

/**
 * Excel raises a paste, a fill-down or an undo as one event, and the events of one action arrive
 * together after its batch; a short window coalesces them without delaying the answer to a typed
 * figure. Events that arrive while a burst is being read and checked wait for the next burst.
 */
export const DEBOUNCE_MS = 50;

export interface LivePlan {
  /** Regions to read, in one round trip. */
  requests: RegionRequest[];
  /** For each request: the whole sheet was asked for (cells outside what comes back are gone). */
  whole: boolean[];
  /** Done without reading: sheets removed and renamed. */
  local: SnapshotOp[];
}

const inside = (a: RangeBox, b: RangeBox) => a.r0 >= b.r0 && a.r1 <= b.r1 && a.c0 >= b.c0 && a.c1 <= b.c1;
const touches = (a: RangeBox, b: RangeBox) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

/**
 * What to read for a burst of events, given the recognised tables (sheet and box):
 * - cells edited within one table: the rows a recalculated SUM can move — the edited rows, their
 *   ancestors and the total rows, full width — where the table says which (`reads`, large tables
 *   whose formulas allow it: core/live-reads.ts); otherwise that whole table (recalculations raise
 *   no events);
 * - cells edited outside every table (it could be a new table, or a table growing), rows or
 *   columns inserted or deleted, a sheet added: the whole sheet;
 * - a sheet deleted or renamed: done locally, nothing to read for it (a renamed sheet's content
 *   is unchanged).
 */
export interface LiveTable {
  sheet: string;
  box: RangeBox;
  reads?: TableReads;
}

/** Past this many rows edited at once in a table, the whole table is read. */
const SPARSE_EDIT_ROWS = 200;

export function planReads(events: readonly ChangeEvent[], tables: ReadonlyArray<LiveTable>): LivePlan {
  const local: SnapshotOp[] = [];
  const wholeSheets = new Set<string>();
  const boxes = new Map<string, RangeBox[]>();
  // Tables read in part: the sheet rows wanted (under the sheet's current name).
  const partial = new Map<LiveTable, { sheet: string; rows: Set<number> }>();
  const addBox = (sheet: string, box: RangeBox) => {
    const list = boxes.get(sheet) ?? [];
    if (!list.some((b) => b.r0 === box.r0 && b.c0 === box.c0 && b.r1 === box.r1 && b.c1 === box.c1)) list.push(box);
    boxes.set(sheet, list);
  };
  // Sheet names move with renames within the burst: follow them so reads use the current name.
  const rename = (from: string, to: string) => {
    if (wholeSheets.delete(from)) wholeSheets.add(to);
    for (const p of partial.values()) if (p.sheet === from) p.sheet = to;
    const b = boxes.get(from);
    if (b) {
      boxes.delete(from);
      boxes.set(to, b);
    }
  };
  const renamedFrom = new Map<string, string>(); // current name → name the tables were recognised under
  const tablesOn = (sheet: string) => {
    const orig = renamedFrom.get(sheet) ?? sheet;
    return tables.filter((t) => t.sheet === orig);
  };
  for (const e of events) {
    switch (e.kind) {
      case "sheetAdded":
        wholeSheets.add(e.sheet);
        break;
      case "sheetDeleted":
        wholeSheets.delete(e.sheet);
        boxes.delete(e.sheet);
        for (const [t, p] of partial) if (p.sheet === e.sheet) partial.delete(t);
        local.push({ kind: "remove", sheet: e.sheet });
        break;
      case "sheetRenamed":
        rename(e.from, e.sheet);
        renamedFrom.set(e.sheet, renamedFrom.get(e.from) ?? e.from);
        local.push({ kind: "rename", from: e.from, to: e.sheet });
        break;
      case "rowsInserted":
      case "rowsDeleted":
      case "columnsInserted":
      case "columnsDeleted":
        wholeSheets.add(e.sheet);
        break;
      case "cells":
      case "format": {
        if (wholeSheets.has(e.sheet)) break;
        const box = parseRange(e.address);
        const on = tablesOn(e.sheet);
        const hit = box ? on.filter((t) => touches(t.box, box)) : [];
        if (!box || hit.length === 0 || !hit.some((t) => inside(box, t.box))) {
          wholeSheets.add(e.sheet);
          break;
        }
        const t = hit.length === 1 ? hit[0] : null;
        const rows = t?.reads && box.r1 - box.r0 < SPARSE_EDIT_ROWS ? rowsToRead(t.reads, t.box, box) : null;
        if (t && rows) {
          const p = partial.get(t) ?? { sheet: e.sheet, rows: new Set<number>() };
          p.sheet = e.sheet;
          for (const r of rows) p.rows.add(r);
          partial.set(t, p);
          break;
        }
        for (const x of hit) addBox(e.sheet, x.box);
        break;
      }
    }
  }
  // Rows of a table read in part, as runs of consecutive rows (unless the whole table is read anyway).
  for (const [t, p] of partial) {
    if (boxes.get(p.sheet)?.some((b) => inside(t.box, b))) continue;
    const rows = [...p.rows].sort((a, b) => a - b);
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
      addBox(p.sheet, { r0: rows[i], r1: rows[j], c0: t.box.c0, c1: t.box.c1 });
      i = j + 1;
    }
  }
  const requests: RegionRequest[] = [];
  const whole: boolean[] = [];
  for (const sheet of wholeSheets) {
    requests.push({ sheet });
    whole.push(true);
  }
  for (const [sheet, list] of boxes) {
    if (wholeSheets.has(sheet)) continue;
    for (const box of list) {
      requests.push({ sheet, box });
      whole.push(false);
    }
  }
  // Local operations first: the reads are in the sheets' current names.
  return { requests, whole, local };
}

/** Local operations, then the regions read, as the snapshot operations the analysis applies. */
export function opsOf(plan: LivePlan, data: readonly RegionData[]): SnapshotOp[] {
  const ops: SnapshotOp[] = [...plan.local];
  data.forEach((d, i) => ops.push({ kind: "region", data: d, whole: plan.whole[i] ?? false }));
  return ops;
}

export interface LiveDeps {
  host: Pick<ExcelHost, "watch" | "readRegions">;
  /** The tables as last recognised (sheet and box). */
  tables(): ReadonlyArray<LiveTable>;
  /** Applies a burst's operations and re-checks; resolves when the pane shows the result. */
  apply(ops: SnapshotOp[], events: readonly ChangeEvent[]): Promise<void>;
  onSelection?(sheet: string, address: string): void;
  onError?(e: unknown): void;
  /** Called when a burst starts waiting and when it is done (for a "checking…" mark). */
  onBusy?(busy: boolean): void;
  debounceMs?: number;
}

/**
 * One live session: start() subscribes, stop() removes the handlers. Bursts are processed one at a
 * time; events arriving while a burst is read and checked form the next burst.
 */
export class LiveController {
  private pending: ChangeEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private remover: (() => Promise<void>) | null = null;
  private stopped = false;
  private muted = 0;
  /** Bursts processed and region reads made, for tests and the bench. */
  readonly stats = { bursts: 0, reads: 0 };

  constructor(private readonly deps: LiveDeps) {}

  async start(): Promise<void> {
    this.stopped = false;
    const remover = await this.deps.host.watch({
      onChange: (e) => this.onChange(e),
      onSelection: (sheet, address) => this.deps.onSelection?.(sheet, address),
    });
    if (this.stopped) await remover();
    else this.remover = remover;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    const r = this.remover;
    this.remover = null;
    if (r) await r();
  }

  get active(): boolean {
    return this.remover !== null;
  }

  /**
   * Runs the add-in's own write with events ignored (the adapter filters them already; this is the
   * belt to its braces), then re-checks what was written once, so a fill never starts a loop.
   */
  async whileWriting<T>(write: () => Promise<T>, written: ReadonlyArray<{ sheet: string; cell: string }>): Promise<T> {
    this.muted++;
    let out: T;
    try {
      out = await write();
    } finally {
      this.muted--;
    }
    await this.burst(written.map((w) => ({ kind: "cells" as const, sheet: w.sheet, address: w.cell })));
    return out;
  }

  private onChange(e: ChangeEvent): void {
    if (this.stopped || this.muted > 0) return;
    this.pending.push(e);
    if (this.timer) clearTimeout(this.timer);
    this.deps.onBusy?.(true);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.deps.debounceMs ?? DEBOUNCE_MS);
  }

  /** Processes what is pending now (the debounce's end). */
  async flush(): Promise<void> {
    const events = this.pending;
    this.pending = [];
    if (events.length) await this.burst(events);
  }

  /** Bursts run one after another: events arriving meanwhile wait for the next. */
  private burst(events: ChangeEvent[]): Promise<void> {
    const next = this.chain.then(() => this.process(events));
    this.chain = next;
    return next;
  }

  private async process(events: ChangeEvent[]): Promise<void> {
    try {
      const plan = planReads(events, this.deps.tables());
      let data: RegionData[] = [];
      if (plan.requests.length) {
        this.stats.reads++;
        data = await this.deps.host.readRegions(plan.requests);
      }
      this.stats.bursts++;
      if (!this.stopped) await this.deps.apply(opsOf(plan, data), events);
    } catch (e) {
      this.deps.onError?.(e);
    } finally {
      if (!this.timer && this.pending.length === 0) this.deps.onBusy?.(false);
    }
  }
}

const LIVE_KEY = "budget-disclosure.live";

/** 实时校验 on or off, remembered in localStorage (on unless switched off). */
export function loadLiveOn(): boolean {
  try {
    return localStorage.getItem(LIVE_KEY) !== "off";
  } catch {
    return true;
  }
}

export function saveLiveOn(on: boolean): void {
  try {
    localStorage.setItem(LIVE_KEY, on ? "on" : "off");
  } catch {
    // refused: the choice lasts the session
  }
}
