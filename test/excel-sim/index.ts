import type { WorkbookSnapshot } from "../../src/core/workbook/snapshot";
import { RequestContext, SimHost, type SimConfig, versionAtLeast } from "./api";
import { boxAddress, parseAddress, SimError, SimModel, type SimChart, type SimSeries, type SimSheet, type SimValue } from "./model";

export { RequestContext, SimHost, versionAtLeast, type SimConfig } from "./api";
export { SimError, SimModel, displayText, parseAddress, boxAddress, type SimValue, type SimEvent, type SimChart, type SimSeries } from "./model";

/**
 * The test driver: what a person (or a co-author) does in Excel, each raising the events Excel
 * raises. Edits made here are "Unknown" trigger sources (not this add-in).
 */
export class SimDriver {
  constructor(readonly host: SimHost) {}

  private get model(): SimModel {
    return this.host.model;
  }

  sheet(name: string): SimSheet {
    const s = this.model.sheetByName(name);
    if (!s) throw new Error(`simulator: no sheet ${name}`);
    return s;
  }

  /** Types into one cell and presses Enter (numbers become numbers, "=…" a formula). */
  type(sheet: string, address: string, input: SimValue): void {
    const s = this.sheet(sheet);
    const box = parseAddress(address);
    const before = this.model.cell(s, box.r0, box.c0).value;
    this.model.setInput(s, box.r0, box.c0, input);
    const after = this.model.cell(s, box.r0, box.c0).value;
    this.model.raise(this.model.changedEvent(s, { r0: box.r0, c0: box.c0, r1: box.r0, c1: box.c0 }, "Unknown", before, after));
  }

  /** Pastes a block with its top-left at `address`: one event for the whole block, no details. */
  paste(sheet: string, address: string, values: Array<Array<SimValue | null>>): void {
    const s = this.sheet(sheet);
    const { r0, c0 } = parseAddress(address);
    values.forEach((row, i) => row.forEach((v, j) => this.model.setInput(s, r0 + i, c0 + j, v)));
    const box = { r0, c0, r1: r0 + values.length - 1, c1: c0 + Math.max(1, ...values.map((r) => r.length)) - 1 };
    this.model.raise(this.model.changedEvent(s, box, "Unknown"));
  }

  /** Clears cells (Delete key): one event. */
  clear(sheet: string, address: string): void {
    const s = this.sheet(sheet);
    const box = parseAddress(address);
    for (let r = box.r0; r <= box.r1; r++) for (let c = box.c0; c <= box.c1; c++) this.model.setInput(s, r, c, "");
    this.model.raise(this.model.changedEvent(s, box, "Unknown"));
  }

  /** Inserts `count` rows before 1-based row `row`: onChanged with changeType RowInserted, address "5:6". */
  insertRows(sheet: string, row: number, count = 1): void {
    const s = this.sheet(sheet);
    this.model.shiftRows(s, row - 1, count);
    this.model.raise({ type: "WorksheetChanged", worksheetId: s.id, address: `${row}:${row + count - 1}`, changeType: "RowInserted", source: "Local", triggerSource: "Unknown" });
  }

  deleteRows(sheet: string, row: number, count = 1): void {
    const s = this.sheet(sheet);
    this.model.shiftRows(s, row - 1, -count);
    this.model.raise({ type: "WorksheetChanged", worksheetId: s.id, address: `${row}:${row + count - 1}`, changeType: "RowDeleted", source: "Local", triggerSource: "Unknown" });
  }

  /** Adds a sheet, optionally with cells (onAdded, then one onChanged for the cells if any). */
  addSheet(name: string, values?: SimValue[][]): void {
    const s = this.model.addSheet(name);
    this.model.raise({ type: "WorksheetAdded", worksheetId: s.id, source: "Local" });
    if (values?.length) this.paste(name, "A1", values);
  }

  renameSheet(from: string, to: string): void {
    const s = this.sheet(from);
    if (this.model.sheetByName(to)) throw new SimError("ItemAlreadyExists", `A sheet named ${to} already exists.`);
    s.name = to;
    this.model.raise({ type: "WorksheetNameChanged", worksheetId: s.id, nameBefore: from, nameAfter: to, source: "Local" });
  }

  deleteSheet(name: string): void {
    const s = this.sheet(name);
    this.model.sheets = this.model.sheets.filter((x) => x !== s);
    this.model.raise({ type: "WorksheetDeleted", worksheetId: s.id, source: "Local" });
  }

  select(sheet: string, address: string): void {
    const s = this.sheet(sheet);
    if (this.model.activeSheetId !== s.id) {
      this.model.activeSheetId = s.id;
      this.model.raise({ type: "WorksheetActivated", worksheetId: s.id, source: "Local" });
    }
    const box = parseAddress(address);
    this.model.selection = { sheetId: s.id, box };
    this.model.raise({ type: "WorksheetSelectionChanged", worksheetId: s.id, address: boxAddress(box) });
  }

  protect(sheet: string, on = true): void {
    this.sheet(sheet).protected = on;
  }

  /** The raw value of a cell ("" when empty). */
  value(sheet: string, address: string): SimValue {
    const { r0, c0 } = parseAddress(address);
    return this.model.cell(this.sheet(sheet), r0, c0).value;
  }

  format(sheet: string, address: string): string {
    const { r0, c0 } = parseAddress(address);
    return this.model.cell(this.sheet(sheet), r0, c0).numberFormat;
  }

  /** The charts on a sheet, each with the series Excel makes from its data range. */
  charts(sheet: string): Array<SimChart & { series: SimSeries[] }> {
    const s = this.sheet(sheet);
    return (s.charts ?? []).map((c) => ({ ...c, series: this.model.chartSeries(s, c) }));
  }

  /** Resolves once every event raised so far has been delivered to the add-in's handlers. */
  settled(): Promise<void> {
    return this.host.settled();
  }
}

export interface Simulator {
  model: SimModel;
  host: SimHost;
  driver: SimDriver;
  /** A fresh RequestContext, as `new Excel.RequestContext()`. */
  context(): RequestContext;
  /** The globals office.js defines, for `globalThis` (jest) or `window` (the page). */
  globals: { Office: unknown; Excel: unknown; OfficeExtension: unknown };
}

type Batch<T> = (ctx: RequestContext) => Promise<T> | T;

export function createSimulator(snapshot: WorkbookSnapshot | SimModel, config: SimConfig, ready: Promise<void> = Promise.resolve()): Simulator {
  const model = snapshot instanceof SimModel ? snapshot : new SimModel(snapshot);
  const host = new SimHost(model, config);
  const context = () => new RequestContext(host);

  /** Excel.run(batch), Excel.run(options, batch), Excel.run(context | object(s), batch); a final sync flushes what is left. */
  async function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1] as Batch<T>;
    const first = args.length > 1 ? args[0] : undefined;
    let ctx: RequestContext;
    if (first instanceof RequestContext) ctx = first;
    else if (first && typeof first === "object" && (first as { context?: unknown }).context instanceof RequestContext) ctx = (first as { context: RequestContext }).context;
    else if (Array.isArray(first) && first[0]?.context instanceof RequestContext) ctx = first[0].context;
    else ctx = context();
    const result = await batch(ctx);
    await ctx.sync();
    return result;
  }

  const isSetSupported = (name: string, version?: string) => {
    if (name !== "ExcelApi") return false;
    return version === undefined || versionAtLeast(config.apiVersion, version);
  };

  const Office = {
    HostType: { Excel: "Excel", Word: "Word" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    context: {
      host: "Excel",
      platform: "OfficeOnline",
      diagnostics: { host: "Excel", platform: "OfficeOnline", version: "16.0.simulator" },
      requirements: { isSetSupported },
      displayLanguage: "zh-CN",
    },
    onReady(cb?: (info: { host: string; platform: string }) => void) {
      return ready.then(() => {
        const info = { host: "Excel", platform: "OfficeOnline" };
        cb?.(info);
        return info;
      });
    },
    /** Office.initialize is assigned by older add-ins; accepted and called. */
    set initialize(fn: () => void) {
      void ready.then(fn);
    },
  };

  const Excel = {
    run,
    RequestContext: function RequestContextCtor() {
      return context();
    } as unknown as new () => RequestContext,
    EventSource: { local: "Local", remote: "Remote" },
    EventTriggerSource: { thisLocalAddin: "ThisLocalAddin", unknown: "Unknown" },
    DataChangeType: {
      unknown: "Unknown",
      rangeEdited: "RangeEdited",
      rowInserted: "RowInserted",
      rowDeleted: "RowDeleted",
      columnInserted: "ColumnInserted",
      columnDeleted: "ColumnDeleted",
      cellInserted: "CellInserted",
      cellDeleted: "CellDeleted",
    },
  };

  return { model, host, driver: new SimDriver(host), context, globals: { Office, Excel, OfficeExtension: { Error: SimError } } };
}

/** Puts Office, Excel and OfficeExtension on `target` (globalThis in jest); returns a function that takes them away. */
export function installGlobals(sim: Simulator, target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): () => void {
  const keys = ["Office", "Excel", "OfficeExtension"] as const;
  const before = keys.map((k) => target[k]);
  for (const k of keys) target[k] = sim.globals[k];
  return () => keys.forEach((k, i) => (target[k] = before[i]));
}
