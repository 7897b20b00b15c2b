/**
 * The Excel simulator (test/excel-sim) behaves as Excel does where the add-in depends on it. The
 * existing reader (read-workbook.ts) run over the simulated sample gives the CLI's snapshot.
 */
import * as path from "path";
import { readWorkbookFile } from "../src/node/read-file";
import { readWorkbookFrom } from "../src/excel/read-workbook";
import { analyse } from "../src/core/analyse";
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
        rows: [[{ v: "项目" }, { v: "金额" }], [{ v: "a" }, { v: 1.5, z: "0.00" }], [{ v: "b" }, { v: 2, z: "#,##0" }], [{ v: "合计" }, { v: 3.5, z: "0.00", f: "SUM(B2:B3)" }]],
        merges: [{ r0: 0, c0: 0, r1: 0, c1: 1 }],
      },
      { name: "空", visibility: "hidden", rows: [], merges: [] },
    ],
  };
}

const sim = (level = "1.13", snap: WorkbookSnapshot = small()) => createSimulator(snap, { apiVersion: level });

describe("proxies", () => {
  test("a property read before load and sync throws PropertyNotLoaded; after, it holds Excel's 2-D arrays", async () => {
    const s = sim();
    const ctx = s.context();
    const r = ctx.workbook.worksheets.getItem("表一").getRange("A1:B4");
    expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    r.load("values,text,formulas,numberFormat,address");
    expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    await ctx.sync();
    expect(r.values).toEqual([["项目", "金额"], ["a", 1.5], ["b", 2], ["合计", 3.5]]);
    expect(r.text[1][1]).toBe("1.50");
    expect(r.text[2][1]).toBe("2");
    expect(r.formulas[3][1]).toBe("=SUM(B2:B3)");
    expect(r.numberFormat[0][0]).toBe("General");
    expect(r.address).toBe("'表一'!A1:B4");
    expect(s.host.syncs).toBe(1);
    expect(s.host.reads).toBe(1);
  });

  test("*OrNullObject gives null objects; getItem of a missing sheet fails the sync with ItemNotFound", async () => {
    const s = sim();
    const ctx = s.context();
    const used = ctx.workbook.worksheets.getItem("空").getUsedRangeOrNullObject(true);
    used.load("address");
    const missing = ctx.workbook.worksheets.getItemOrNullObject("无");
    missing.load("name");
    await ctx.sync();
    expect(used.isNullObject).toBe(true);
    expect(missing.isNullObject).toBe(true);
    ctx.workbook.worksheets.getItem("无").load("name");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("merged areas need ExcelApi 1.13 and fail above 512 areas", async () => {
    const s = sim("1.7");
    const ctx = s.context();
    ctx.workbook.worksheets.getItem("表一").getRange("A1:B4").getMergedAreasOrNullObject().load("areaCount");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });

    const many: WorkbookSnapshot = { name: "m", sheets: [{ name: "S", visibility: "visible", rows: [[{ v: 1 }]], merges: Array.from({ length: 600 }, (_, i) => ({ r0: i, c0: 0, r1: i, c1: 1 })) }] };
    const t = sim("1.13", many);
    const c2 = t.context();
    const ok = c2.workbook.worksheets.getItem("S").getRange("A1:B500").getMergedAreasOrNullObject();
    ok.load("areas/items/rowIndex,areas/items/rowCount");
    await c2.sync();
    expect(ok.areas.items).toHaveLength(500);
    expect(ok.areas.items[3].rowIndex).toBe(3);
    c2.workbook.worksheets.getItem("S").getRange("A1:B600").getMergedAreasOrNullObject().load("areaCount");
    await expect(c2.sync()).rejects.toMatchObject({ code: "GeneralException" });
  });

  test("a response above the payload limit fails the sync", async () => {
    const s = createSimulator(small(), { apiVersion: "1.13", payloadLimit: 100 });
    const ctx = s.context();
    const r = ctx.workbook.worksheets.getItem("表一").getRange("A1:B4");
    r.load("values,text,formulas,numberFormat");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  });

  test("writes: null leaves a cell alone, '=' makes a formula, numeric text becomes a number unless the cell is text-formatted", async () => {
    const s = sim();
    const ctx = s.context();
    const ws = ctx.workbook.worksheets.getItem("表一");
    ws.getRange("A2:B3").values = [[null, "=A1"], ["0123", null]];
    ws.getRange("C1").numberFormat = [["@"]];
    ws.getRange("C1").values = [["0123"]];
    await ctx.sync();
    expect(s.driver.value("表一", "A2")).toBe("a");
    expect(s.driver.value("表一", "A3")).toBe(123);
    expect(s.driver.value("表一", "C1")).toBe("0123");
    const f = ws.getRange("B2");
    f.load("formulas");
    await ctx.sync();
    expect(f.formulas).toEqual([["=A1"]]);
    ws.getRange("A1:B1").values = [["x"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    s.driver.protect("表一");
    ws.getRange("A1").values = [["x"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
  });

  test("settings persist in the workbook (ExcelApi 1.4)", async () => {
    const s = sim();
    const ctx = s.context();
    ctx.workbook.settings.add("k", "v1");
    await ctx.sync();
    const got = ctx.workbook.settings.getItemOrNullObject("k");
    got.load("value");
    const none = ctx.workbook.settings.getItemOrNullObject("nope");
    none.load("value");
    await ctx.sync();
    expect(got.value).toBe("v1");
    expect(none.isNullObject).toBe(true);
    expect(s.model.settings.get("k")).toBe("v1");
  });
});

describe("events", () => {
  async function listen(s: Simulator, on: "sheet" | "collection") {
    const got: Array<Record<string, unknown>> = [];
    const ctx = s.context();
    const target = on === "sheet" ? ctx.workbook.worksheets.getItem("表一") : ctx.workbook.worksheets;
    const result = target.onChanged.add((e: Record<string, unknown>) => {
      got.push(e);
    });
    await ctx.sync();
    return { got, result, ctx };
  }

  test("worksheet onChanged (1.7): delivered after the edit, asynchronously, without details or triggerSource", async () => {
    const s = sim("1.7");
    const { got } = await listen(s, "sheet");
    s.driver.type("表一", "B2", 9);
    expect(got).toEqual([]);
    await s.driver.settled();
    expect(got).toEqual([{ type: "WorksheetChanged", worksheetId: s.model.sheets[0].id, address: "B2", changeType: "RangeEdited", source: "Local" }]);
  });

  test("summing formulas are recalculated when a cell they add up changes, through chains, and raise no event", async () => {
    const s = sim("1.9");
    const { got } = await listen(s, "collection");
    s.driver.type("表一", "B5", "=B4+B2"); // a chain: B5 adds the SUM in B4
    expect(s.driver.value("表一", "B5")).toBe(5);
    await s.driver.settled();
    got.length = 0;
    s.driver.type("表一", "B2", 1.6);
    expect(s.driver.value("表一", "B4")).toBe(3.6);
    expect(s.driver.value("表一", "B5")).toBe(5.2);
    await s.driver.settled();
    expect(got.map((e) => e.address)).toEqual(["B2"]);
    // text in a summed cell counts as nothing, as in SUM
    s.driver.type("表一", "B3", "两");
    expect(s.driver.value("表一", "B4")).toBe(1.6);
  });

  test("collection onChanged needs 1.9; details for single-cell edits (1.9), triggerSource (1.14)", async () => {
    const s7 = sim("1.7");
    const ctx = s7.context();
    ctx.workbook.worksheets.onChanged.add(() => undefined);
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });

    const s = sim("1.14");
    const { got } = await listen(s, "collection");
    s.driver.type("表一", "B2", 9);
    s.driver.paste("表一", "A5", [["c", 4], ["d", 5]]);
    s.driver.insertRows("表一", 3, 2);
    await s.driver.settled();
    expect(got[0]).toMatchObject({ address: "B2", details: { valueBefore: 1.5, valueAfter: 9, valueTypeBefore: "Double" }, triggerSource: "Unknown" });
    expect(got[1]).toMatchObject({ address: "A5:B6", changeType: "RangeEdited" });
    expect(got[1].details).toBeUndefined();
    expect(got[2]).toMatchObject({ address: "3:4", changeType: "RowInserted" });
    expect(s.driver.value("表一", "A5")).toBe("b");
  });

  test("the add-in's writes raise events marked ThisLocalAddin, and none while runtime.enableEvents is off (1.8)", async () => {
    const s = sim("1.14");
    const { got } = await listen(s, "collection");
    const ctx = s.context();
    ctx.workbook.worksheets.getItem("表一").getRange("C1").values = [["x"]];
    ctx.runtime.enableEvents = false;
    ctx.workbook.worksheets.getItem("表一").getRange("C2").values = [["y"]];
    ctx.runtime.enableEvents = true;
    await ctx.sync();
    await s.driver.settled();
    expect(got.map((e) => [e.address, e.triggerSource])).toEqual([["C1", "ThisLocalAddin"]]);
  });

  test("handlers are removed through the context they were added with", async () => {
    const s = sim("1.9");
    const { got, result, ctx } = await listen(s, "collection");
    result.remove();
    s.driver.type("表一", "B2", 1);
    await s.driver.settled();
    expect(got).toHaveLength(1); // the removal is only queued until that context syncs
    await ctx.sync();
    s.driver.type("表一", "B2", 2);
    await s.driver.settled();
    expect(got).toHaveLength(1);
  });

  test("sheet added, renamed (1.17), deleted, selection changed", async () => {
    const s = sim("1.17");
    const got: string[] = [];
    const ctx = s.context();
    const ws = ctx.workbook.worksheets;
    ws.onAdded.add((e: { type: string }) => void got.push(e.type));
    ws.onDeleted.add((e: { type: string }) => void got.push(e.type));
    ws.onNameChanged.add((e: { nameBefore: string; nameAfter: string }) => void got.push(`${e.nameBefore}->${e.nameAfter}`));
    ws.getItem("表一").onSelectionChanged.add((e: { address: string }) => void got.push(`sel ${e.address}`));
    await ctx.sync();
    s.driver.addSheet("新表");
    s.driver.renameSheet("新表", "表十四");
    s.driver.deleteSheet("表十四");
    s.driver.select("表一", "B2:B3");
    await s.driver.settled();
    expect(got).toEqual(["WorksheetAdded", "新表->表十四", "WorksheetDeleted", "sel B2:B3"]);
  });
});

describe("the sample through the simulator", () => {
  test.each(["1.7", "1.13"])("read-workbook.ts at ExcelApi %s gives the CLI's cells (and merges at 1.13)", async (level) => {
    const s = createSimulator(sample, { apiVersion: level });
    const restore = installGlobals(s);
    try {
      const snap = await readWorkbookFrom(s.context() as unknown as Excel.RequestContext, { mergedAreas: level === "1.13" });
      expect(snap.sheets.map((x) => x.name)).toEqual(sample.sheets.map((x) => x.name));
      for (let i = 0; i < sample.sheets.length; i++) {
        const a = sample.sheets[i];
        const b = snap.sheets[i];
        expect(b.rows.length).toBe(a.rows.length);
        for (let r = 0; r < a.rows.length; r++) {
          for (let c = 0; c < Math.max(a.rows[r]?.length ?? 0, b.rows[r]?.length ?? 0); c++) {
            expect(b.rows[r]?.[c]?.v).toEqual(a.rows[r]?.[c]?.v);
          }
        }
        expect(b.merges.length).toBe(level === "1.13" ? a.merges.length : 0);
      }
      if (level === "1.13") expect(analyse(snap).report.summary).toEqual(analyse(sample).report.summary);
    } finally {
      restore();
    }
  });
});
