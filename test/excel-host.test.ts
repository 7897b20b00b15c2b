/**
 * The Excel adapter (src/excel/host.ts and the modules beside it) against the Excel simulator:
 * the real Office.js calls, at the API levels the manifest admits, with round trips counted.
 */
import * as path from "path";
import { readWorkbookFile } from "../src/node/read-file";
import { createExcelHost, detectApiVersion } from "../src/excel/host";
import type { ChangeEvent, ExcelHost } from "../src/taskpane/host";
import type { WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { createSimulator, installGlobals, type Simulator } from "./excel-sim";

const SAMPLE = path.join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");
const sample = readWorkbookFile(SAMPLE);

function small(): WorkbookSnapshot {
  return {
    name: "t.xlsx",
    sheets: [
      {
        name: "表一",
        visibility: "visible",
        rows: [[{ v: "科目编码" }, { v: "科目名称" }, { v: "金额" }], [{ v: "201" }, { v: "一般公共服务支出" }, { v: 3.5, z: "0.00" }], [undefined, { v: "人大事务" }, { v: 1.5, z: "0.00" }], [undefined, { v: "政协事务" }, { v: 2, z: "0.00" }]],
        merges: [{ r0: 0, c0: 0, r1: 0, c1: 1 }],
      },
      { name: "表二", visibility: "visible", rows: [[{ v: "x" }]], merges: [] },
    ],
  };
}

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

function open(level: string, snap: WorkbookSnapshot = small(), payloadLimit?: number): { sim: Simulator; host: ExcelHost } {
  const sim = createSimulator(snap, { apiVersion: level, payloadLimit });
  restore = installGlobals(sim);
  return { sim, host: createExcelHost() };
}

/** Round trips spent by `f`. */
async function trips<T>(sim: Simulator, f: () => Promise<T>): Promise<{ value: T; syncs: number; reads: number }> {
  const s0 = sim.host.syncs;
  const r0 = sim.host.reads;
  const value = await f();
  return { value, syncs: sim.host.syncs - s0, reads: sim.host.reads - r0 };
}

test.each(["1.7", "1.8", "1.9", "1.13", "1.14", "1.17"])("apiVersion is the highest ExcelApi level supported (%s)", (level) => {
  const sim = createSimulator(small(), { apiVersion: level });
  restore = installGlobals(sim);
  expect(detectApiVersion()).toBe(level);
  expect(createExcelHost().apiVersion).toBe(level);
});

describe.each(["1.7", "1.9", "1.13"])("ExcelApi %s", (level) => {
  const merges = level === "1.13";

  test("opening the sample: two round trips to read, one to watch, none for the state; merges only on 1.13", async () => {
    const { sim, host } = open(level, sample);
    sim.model.settings.set("bda.dismissed", '["x"]');
    const read = await trips(sim, () => host.readWorkbook());
    expect(read.syncs).toBe(2);
    expect(read.value.sheets.map((s) => s.name)).toEqual(sample.sheets.map((s) => s.name));
    expect(read.value.sheets.reduce((n, s) => n + s.merges.length, 0)).toBe(merges ? sample.sheets.reduce((n, s) => n + s.merges.length, 0) : 0);
    const w = await trips(sim, () => host.watch({ onChange: () => undefined }));
    expect(w.syncs).toBe(1);
    const st = await trips(sim, () => host.loadState("bda.dismissed"));
    expect(st).toMatchObject({ value: '["x"]', syncs: 0 });
  });

  test("progress is told in sheets", async () => {
    const { host } = open(level, sample);
    const seen: Array<[number, number]> = [];
    await host.readWorkbook((d, t) => seen.push([d, t]));
    expect(seen[0]).toEqual([0, sample.sheets.length]);
    expect(seen[seen.length - 1]).toEqual([sample.sheets.length, sample.sheets.length]);
  });

  test("readRegions: several regions in one round trip, in sheet coordinates; a whole sheet when no box", async () => {
    const { sim, host } = open(level);
    await host.readWorkbook();
    sim.driver.type("表一", "C3", 7);
    const r = await trips(sim, () =>
      host.readRegions([{ sheet: "表一", box: { r0: 0, c0: 0, r1: 3, c1: 2 } }, { sheet: "表二" }]),
    );
    expect(r.syncs).toBe(1);
    const [a, b] = r.value;
    expect(a.box).toEqual({ r0: 0, c0: 0, r1: 3, c1: 2 });
    expect(a.rows[2]?.[2]).toEqual({ v: 7, z: "0.00", t: "7.00" });
    expect(a.rows[2]?.[0]).toBeUndefined();
    expect(a.merges).toEqual(merges ? [{ r0: 0, c0: 0, r1: 0, c1: 1 }] : null);
    expect(b).toMatchObject({ sheet: "表二", box: { r0: 0, c0: 0, r1: 0, c1: 0 } });
    expect(b.rows[0]?.[0]).toEqual({ v: "x" });
  });

  test("readRegions: a deleted sheet comes back missing, the others are read", async () => {
    const { sim, host } = open(level);
    await host.readWorkbook();
    sim.driver.deleteSheet("表二");
    // The adapter did not hear of it (not watching): the batch fails, the list is read, then the rest.
    const r = await trips(sim, () => host.readRegions([{ sheet: "表二" }, { sheet: "表一", box: { r0: 1, c0: 2, r1: 1, c1: 2 } }]));
    expect(r.value[0]).toMatchObject({ sheet: "表二", missing: true, rows: [] });
    expect(r.value[1].rows[0]?.[0]?.v).toBe(3.5); // rows relative to the box (B2 → C2)
    expect(r.syncs).toBe(3);
  });

  test("readRegions over the payload limit reads region by region in blocks", async () => {
    const big: WorkbookSnapshot = { name: "big", sheets: [{ name: "S", visibility: "visible", rows: Array.from({ length: 3000 }, (_, i) => [{ v: `行${i}` }, { v: i, z: "0.00" }]), merges: [] }] };
    const { sim, host } = open(level, big, 200_000);
    const r = await host.readRegions([{ sheet: "S" }]);
    expect(r[0].box).toEqual({ r0: 0, c0: 0, r1: 2999, c1: 1 });
    expect(r[0].rows[2999]?.[1]?.v).toBe(2999); // the box starts at A1: relative is absolute here
    expect(r[0].merges).toBeNull();
    expect(sim.host.syncs).toBeGreaterThan(2);
  });

  test("watch: typing, pasting, inserting rows, adding and deleting sheets, selecting; the remover takes every handler away", async () => {
    const { sim, host } = open(level);
    await host.readWorkbook();
    const events: ChangeEvent[] = [];
    const selections: string[] = [];
    const stop = await host.watch({ onChange: (e) => events.push(e), onSelection: (s, a) => selections.push(`${s}!${a}`) });
    sim.driver.type("表一", "C3", 9);
    sim.driver.paste("表一", "B5", [["a", 1], ["b", 2]]);
    sim.driver.insertRows("表一", 3);
    sim.driver.select("表二", "A1:B2");
    sim.driver.addSheet("新增");
    await sim.driver.settled();
    await new Promise((r) => setTimeout(r, 20)); // the adapter asks the new sheet's name
    sim.driver.type("新增", "A1", "合计");
    sim.driver.deleteSheet("表二");
    await sim.driver.settled();
    expect(events).toEqual([
      { kind: "cells", sheet: "表一", address: "C3" },
      { kind: "cells", sheet: "表一", address: "B5:C6" },
      { kind: "rowsInserted", sheet: "表一", address: "3:3" },
      { kind: "sheetAdded", sheet: "新增" },
      { kind: "cells", sheet: "新增", address: "A1" },
      { kind: "sheetDeleted", sheet: "表二" },
    ]);
    expect(selections).toEqual(["表二!A1:B2"]);
    await stop();
    expect(sim.host.registrations).toEqual([]);
    sim.driver.type("表一", "C3", 1);
    await sim.driver.settled();
    expect(events).toHaveLength(6);
  });

  test("writeCells: text format for codes, expect checked, protected sheets left, one read and one write; no events from our own writes", async () => {
    const { sim, host } = open(level);
    await host.readWorkbook();
    const events: ChangeEvent[] = [];
    await host.watch({ onChange: (e) => events.push(e) });
    sim.driver.type("表一", "A4", "手填"); // the user got there first
    await sim.driver.settled();
    events.length = 0;
    const w = await trips(sim, () =>
      host.writeCells([
        { sheet: "表一", cell: "A3", expect: null, value: "0201", text: true },
        { sheet: "表一", cell: "A4", expect: null, value: "20102", text: true },
        { sheet: "表一", cell: "A2", expect: "201", value: "201", text: true },
        { sheet: "无此表", cell: "A1", expect: null, value: "1" },
      ]),
    );
    expect(w.syncs).toBe(2);
    expect(w.reads).toBe(1);
    expect(w.value.written.map((x) => x.cell)).toEqual(["A3", "A2"]);
    expect(w.value.skipped.map((s) => [s.write.cell, s.reason, s.found])).toEqual([
      ["A1", "missingSheet", undefined],
      ["A4", "changed", "手填"],
    ]);
    expect(sim.driver.value("表一", "A3")).toBe("0201");
    expect(sim.driver.format("表一", "A3")).toBe("@");
    // On 1.7 the write's events are settled by a read of the cells written: wait for it too.
    await quiet(sim);
    expect(events).toEqual([]);
    // A person's edit right after is still heard.
    sim.driver.type("表一", "C2", 4);
    await quiet(sim);
    expect(events).toEqual([{ kind: "cells", sheet: "表一", address: "C2" }]);

    // The format each text write replaced, for the revert.
    expect(w.value.written.find((x) => x.cell === "A3")?.formatBefore).toBe("General");

    // Revert: back to empty where the cell still holds what we wrote, in its format before.
    const back = await host.writeCells([{ sheet: "表一", cell: "A3", expect: "0201", value: null, format: "General" }]);
    expect(back.written).toHaveLength(1);
    expect(sim.driver.value("表一", "A3")).toBe("");
    expect(sim.driver.format("表一", "A3")).toBe("General");

    sim.driver.protect("表一");
    const prot = await host.writeCells([{ sheet: "表一", cell: "A3", expect: null, value: "1" }]);
    expect(prot.skipped.map((s) => s.reason)).toEqual(["protected"]);
    expect(sim.driver.value("表一", "A3")).toBe("");
    await sim.driver.settled();
    expect(events).toHaveLength(1);
  });

  test("a sheet added in Excel is read with its name: the pane's read of it costs no second round trip", async () => {
    const { sim, host } = open(level);
    await host.readWorkbook();
    const events: ChangeEvent[] = [];
    await host.watch({ onChange: (e) => events.push(e) });
    const reads0 = sim.host.reads;
    sim.driver.addSheet("附表", [["说明"], ["无"]]);
    await sim.driver.settled();
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toContainEqual({ kind: "sheetAdded", sheet: "附表" });
    const [got] = await host.readRegions([{ sheet: "附表" }]);
    expect(got.rows[1]?.[0]).toEqual({ v: "无" });
    expect(sim.host.reads - reads0).toBe(1);
    // Once used, or after a change, it is read from Excel again.
    sim.driver.type("附表", "A2", "有");
    await sim.driver.settled();
    const [again] = await host.readRegions([{ sheet: "附表" }]);
    expect(again.rows[1]?.[0]).toEqual({ v: "有" });
    expect(sim.host.reads - reads0).toBe(2);
  });

  test("state lives in the workbook's settings", async () => {
    const { sim, host } = open(level);
    expect(await host.loadState("k")).toBeNull();
    await host.saveState("k", "v");
    expect(sim.model.settings.get("k")).toBe("v");
    expect(await host.loadState("k")).toBe("v");
    await host.saveState("k", null);
    expect(sim.model.settings.has("k")).toBe(false);
    expect(await host.loadState("k")).toBeNull();
  });
});

test("renames are told on 1.17 by Excel, and on older hosts with the next burst's read (no round trip of their own)", async () => {
  for (const level of ["1.17", "1.9", "1.7"]) {
    const { sim, host } = open(level);
    await host.readWorkbook();
    const events: ChangeEvent[] = [];
    await host.watch({ onChange: (e) => events.push(e) });
    sim.driver.renameSheet("表二", "表十四");
    await sim.driver.settled();
    if (level !== "1.17") {
      expect(events).toEqual([]);
      // The burst's read still asks by the name the pane knows: the sheet is found by its id, its
      // cells come back under that name, and the rename is told in the same round trip.
      const syncs0 = sim.host.syncs;
      const r = await host.readRegions([{ sheet: "表二", box: { r0: 0, c0: 0, r1: 3, c1: 3 } }]);
      expect(sim.host.syncs - syncs0).toBe(1);
      expect(r[0].missing).toBeUndefined();
      expect(r[0].sheet).toBe("表二");
      expect(r[0].rows.flat().some((c) => c && c.v !== null && c.v !== undefined && c.v !== "")).toBe(true);
    }
    expect(events).toEqual([{ kind: "sheetRenamed", sheet: "表十四", from: "表二" }]);
    sim.driver.type("表十四", "A1", "y");
    await sim.driver.settled();
    expect(events[1]).toEqual({ kind: "cells", sheet: "表十四", address: "A1" });
    restore?.();
    restore = null;
  }
});

/** Until every event raised so far is delivered and every round trip it started is answered. */
async function quiet(sim: Simulator): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await sim.driver.settled();
    await new Promise((r) => setTimeout(r, 5));
  }
}

test("ExcelApi 1.7 without enableEvents: the adapter's own writes are dropped, checked against the values written in one read", async () => {
  const { sim, host } = open("1.7");
  await host.readWorkbook();
  const events: ChangeEvent[] = [];
  await host.watch({ onChange: (e) => events.push(e) });
  await host.writeCells([{ sheet: "表一", cell: "A3", expect: null, value: "20101", text: true }]);
  const syncs0 = sim.host.syncs;
  await quiet(sim);
  expect(sim.host.delivered).toBeGreaterThanOrEqual(2); // Excel did raise them: format and value
  expect(events).toEqual([]);
  expect(sim.host.syncs - syncs0).toBe(1); // both settled by one read of A3
  sim.driver.type("表一", "A3", "20102");
  await quiet(sim);
  expect(events).toEqual([{ kind: "cells", sheet: "表一", address: "A3" }]);
});

test("ExcelApi 1.7: a user's edit of a cell the add-in has just written is not taken for the add-in's", async () => {
  const { sim, host } = open("1.7");
  await host.readWorkbook();
  const events: ChangeEvent[] = [];
  await host.watch({ onChange: (e) => events.push(e) });
  // The user types over the code before Excel has delivered the write's events: the cell holds
  // the user's figure, so none of the three events is dropped (the pane reads A3 and sees it).
  await host.writeCells([{ sheet: "表一", cell: "A3", expect: null, value: "20101", text: true }]);
  sim.driver.type("表一", "A3", "999");
  // An edit elsewhere in the same moment keeps its place after them.
  sim.driver.type("表一", "C2", 4);
  await quiet(sim);
  expect(events.filter((e) => e.kind === "cells" && e.address === "A3").length).toBeGreaterThanOrEqual(1);
  expect(events[events.length - 1]).toEqual({ kind: "cells", sheet: "表一", address: "C2" });
  expect(sim.driver.value("表一", "A3")).toBe("999"); // a text cell now
  // Later edits of A3 come through as well (the write was forgotten once the user changed the cell).
  events.length = 0;
  sim.driver.type("表一", "A3", "20101");
  await quiet(sim);
  expect(events).toEqual([{ kind: "cells", sheet: "表一", address: "A3" }]);
});
