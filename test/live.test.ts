/** The live controller with fake timers and an in-memory host (the Office.js boundary). */
import type { ChangeEvent, RegionData, RegionRequest, WatchHandlers } from "../src/taskpane/host";
import { DEBOUNCE_MS, LiveController, planReads, type LiveDeps } from "../src/taskpane/live";
import type { SnapshotOp } from "../src/core/workbook/apply-region";

const T3 = { sheet: "表三", box: { r0: 0, c0: 0, r1: 30, c1: 6 } };
const T4 = { sheet: "表三", box: { r0: 34, c0: 0, r1: 50, c1: 6 } };
const T5 = { sheet: "表五", box: { r0: 0, c0: 0, r1: 20, c1: 8 } };
const tables = [T3, T4, T5];

class FakeHost {
  handlers: WatchHandlers | null = null;
  reads: RegionRequest[][] = [];
  removed = 0;
  async watch(h: WatchHandlers) {
    this.handlers = h;
    return async () => {
      this.handlers = null;
      this.removed++;
    };
  }
  async readRegions(regions: RegionRequest[]): Promise<RegionData[]> {
    this.reads.push(regions);
    return regions.map((r) => ({ sheet: r.sheet, box: r.box ?? { r0: 0, c0: 0, r1: 0, c1: 0 }, rows: [], merges: null }));
  }
  emit(e: ChangeEvent) {
    this.handlers?.onChange(e);
  }
}

function setup(extra: Partial<LiveDeps> = {}) {
  const host = new FakeHost();
  const applied: Array<{ ops: SnapshotOp[]; events: readonly ChangeEvent[] }> = [];
  const live = new LiveController({
    host,
    tables: () => tables,
    apply: async (ops, events) => {
      applied.push({ ops, events });
    },
    ...extra,
  });
  return { host, live, applied };
}

/** Lets the debounce fire and the promise chain settle. */
async function settle(ms = 300) {
  jest.advanceTimersByTime(ms);
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("planReads", () => {
  test("an edit inside a table reads that whole table", () => {
    const p = planReads([{ kind: "cells", sheet: "表三", address: "C8" }], tables);
    expect(p.requests).toEqual([{ sheet: "表三", box: T3.box }]);
    expect(p.whole).toEqual([false]);
  });
  test("edits in two tables of one sheet and another sheet: each table once", () => {
    const p = planReads(
      [
        { kind: "cells", sheet: "表三", address: "C8" },
        { kind: "cells", sheet: "表三", address: "D9:E12" },
        { kind: "cells", sheet: "表三", address: "C40" },
        { kind: "cells", sheet: "表五", address: "B3" },
      ],
      tables,
    );
    expect(p.requests).toEqual([
      { sheet: "表三", box: T3.box },
      { sheet: "表三", box: T4.box },
      { sheet: "表五", box: T5.box },
    ]);
  });
  test("an edit outside every table, or across a table's edge, reads the whole sheet (a new or growing table)", () => {
    expect(planReads([{ kind: "cells", sheet: "表三", address: "K80" }], tables).requests).toEqual([{ sheet: "表三" }]);
    expect(planReads([{ kind: "cells", sheet: "表三", address: "A30:A32" }], tables).requests).toEqual([{ sheet: "表三" }]);
    expect(planReads([{ kind: "cells", sheet: "新表", address: "A1" }], tables).requests).toEqual([{ sheet: "新表" }]);
  });
  test("rows or columns inserted or deleted read the whole sheet, once, whatever else was edited there", () => {
    const p = planReads(
      [
        { kind: "cells", sheet: "表五", address: "C5" },
        { kind: "rowsInserted", sheet: "表五", address: "7:7" },
        { kind: "cells", sheet: "表五", address: "C8" },
        { kind: "columnsDeleted", sheet: "表三", address: "D:D" },
      ],
      tables,
    );
    expect(p.requests).toEqual([{ sheet: "表五" }, { sheet: "表三" }]);
    expect(p.whole).toEqual([true, true]);
  });
  test("sheets deleted and renamed are done locally; an edit on a renamed sheet reads its table under the new name", () => {
    const p = planReads(
      [
        { kind: "sheetDeleted", sheet: "表五" },
        { kind: "sheetRenamed", sheet: "表3", from: "表三" },
        { kind: "cells", sheet: "表3", address: "C8" },
        { kind: "sheetAdded", sheet: "Sheet1" },
      ],
      tables,
    );
    expect(p.local).toEqual([
      { kind: "remove", sheet: "表五" },
      { kind: "rename", from: "表三", to: "表3" },
    ]);
    expect(p.requests).toEqual([{ sheet: "Sheet1" }, { sheet: "表3", box: T3.box }]);
  });
  test("an unreadable address reads the whole sheet", () => {
    expect(planReads([{ kind: "cells", sheet: "表三", address: "??" }], tables).requests).toEqual([{ sheet: "表三" }]);
  });
});

describe("LiveController", () => {
  test("a burst of edits is coalesced: one read, one re-check, after the debounce", async () => {
    const { host, live, applied } = setup();
    await live.start();
    // Each event comes within the debounce of the one before: together they are one burst.
    host.emit({ kind: "cells", sheet: "表三", address: "C8" });
    jest.advanceTimersByTime(DEBOUNCE_MS - 10);
    host.emit({ kind: "cells", sheet: "表三", address: "C9" });
    jest.advanceTimersByTime(DEBOUNCE_MS - 10);
    host.emit({ kind: "cells", sheet: "表五", address: "D4" });
    await settle(DEBOUNCE_MS - 10);
    expect(host.reads).toHaveLength(0); // still within the debounce of the last event
    await settle(DEBOUNCE_MS);
    expect(host.reads).toHaveLength(1);
    expect(host.reads[0]).toEqual([
      { sheet: "表三", box: T3.box },
      { sheet: "表五", box: T5.box },
    ]);
    expect(applied).toHaveLength(1);
    expect(applied[0].events).toHaveLength(3);
    expect(applied[0].ops.map((o) => o.kind)).toEqual(["region", "region"]);
    expect(live.stats).toEqual({ bursts: 1, reads: 1 });
  });

  test("only sheet deletions: no read at all", async () => {
    const { host, live, applied } = setup();
    await live.start();
    host.emit({ kind: "sheetDeleted", sheet: "表五" });
    await settle();
    expect(host.reads).toHaveLength(0);
    expect(applied[0].ops).toEqual([{ kind: "remove", sheet: "表五" }]);
  });

  test("events during a re-check form the next burst, processed after it", async () => {
    let release!: () => void;
    const { host, live, applied } = setup({
      apply: async (ops, events) => {
        applied.push({ ops, events });
        if (applied.length === 1) await new Promise<void>((r) => (release = r));
      },
    });
    await live.start();
    host.emit({ kind: "cells", sheet: "表三", address: "C8" });
    await settle();
    expect(applied).toHaveLength(1);
    host.emit({ kind: "cells", sheet: "表五", address: "C8" });
    await settle();
    expect(applied).toHaveLength(1); // waits for the first
    release();
    await settle(0);
    expect(applied).toHaveLength(2);
    expect(host.reads).toHaveLength(2);
  });

  test("the add-in's own writes raise no burst; what was written is re-checked once", async () => {
    const { host, live, applied } = setup();
    await live.start();
    await live.whileWriting(async () => {
      host.emit({ kind: "cells", sheet: "表三", address: "A8" }); // as if the adapter let one through
      return 1;
    }, [{ sheet: "表三", cell: "A8" }]);
    await settle();
    expect(applied).toHaveLength(1);
    expect(host.reads).toEqual([[{ sheet: "表三", box: T3.box }]]);
  });

  test("selection is passed on; stop() removes the handlers and drops what was pending", async () => {
    const selected: string[] = [];
    const { host, live, applied } = setup({ onSelection: (s, a) => selected.push(`${s}!${a}`) });
    await live.start();
    host.handlers!.onSelection!("表三", "C8");
    expect(selected).toEqual(["表三!C8"]);
    host.emit({ kind: "cells", sheet: "表三", address: "C8" });
    await live.stop();
    await settle();
    expect(host.removed).toBe(1);
    expect(host.handlers).toBeNull();
    expect(applied).toHaveLength(0);
    expect(live.active).toBe(false);
  });

  test("a failed read is reported, and the next burst still runs", async () => {
    const errors: unknown[] = [];
    const { host, live, applied } = setup({ onError: (e) => errors.push(e) });
    let fail = true;
    host.readRegions = async (r) => {
      if (fail) {
        fail = false;
        throw new Error("InvalidOperation");
      }
      return r.map((q) => ({ sheet: q.sheet, box: q.box!, rows: [], merges: null }));
    };
    await live.start();
    host.emit({ kind: "cells", sheet: "表三", address: "C8" });
    await settle();
    expect(errors).toHaveLength(1);
    host.emit({ kind: "cells", sheet: "表三", address: "C8" });
    await settle();
    expect(applied).toHaveLength(1);
  });
});
