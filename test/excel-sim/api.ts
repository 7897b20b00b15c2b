import type { RangeBox } from "../../src/core/workbook/snapshot";
import { boxAddress, displayText, MAX_COLS, MAX_ROWS, parseAddress, qualified, SimError, type SimChart, type SimEvent, SimModel, type SimSheet, type SimValue } from "./model";
import { versionAtLeast } from "../../src/excel/events";

/**
 * The Excel JavaScript API subset the add-in uses, over a SimModel. Faithful where it matters:
 *  - proxies: properties exist only after load() and sync(); reading early throws PropertyNotLoaded;
 *  - queued commands run in order at sync(); the first error rejects the sync (earlier commands stay done);
 *  - *OrNullObject methods give objects with isNullObject; methods needing a newer ExcelApi fail at
 *    sync with ApiNotFound;
 *  - writes: 2-D arrays that must match the range's size; null entries leave cells alone; "=…" is a formula;
 *  - getMergedAreasOrNullObject (1.13) fails above 512 areas;
 *  - requests and responses above the payload limit (Excel on the web: 5 MB) fail the sync;
 *  - events are delivered asynchronously after the batch, with Excel's event arguments for the level;
 *  - charts (1.1): add over a range of the chart's own sheet (known types only), name, title, legend,
 *    data labels, setPosition; the series Excel would make from the range (SimModel.chartSeries);
 *  - Excel's limits on sheet names (31 characters, no \ / ? * [ ] :) and on a cell's text (32,767);
 *  - every sync() is counted (round trips), and those that load something (reads).
 */

export interface SimConfig {
  /** Highest ExcelApi requirement set the simulated host supports, e.g. "1.7". */
  apiVersion: string;
  /** Bytes per request and per response (Excel on the web: 5 MB). */
  payloadLimit?: number;
  /**
   * Milliseconds each round trip takes before Excel starts on it (default 0). Excel on the web
   * answers in tens to hundreds of milliseconds; tests use it to widen the windows between a
   * batch leaving and its answer, where races between the pane's own requests live.
   */
  latencyMs?: number;
}

// The same comparison the adapter uses for requirement-set levels (a pure helper, no Office.js).
export { versionAtLeast };

const MB5 = 5 * 1024 * 1024;
const MERGED_AREA_LIMIT = 512;

type EventName = "onChanged" | "onAdded" | "onDeleted" | "onActivated" | "onNameChanged" | "onSelectionChanged";

interface Registration {
  owner: "collection" | string; // "collection" or a worksheet id
  event: EventName;
  handler: (args: unknown) => unknown;
  context: RequestContext;
}

interface Op {
  run(): void;
  /** Bytes this command adds to the request. */
  requestBytes?: number;
  /** True for loads: the sync is a read. */
  read?: boolean;
}

export interface SyncRecord {
  reads: boolean;
  commands: number;
  /** performance.now() when the batch left. */
  at: number;
}

/** The host: counts round trips, holds the registered handlers and delivers events. */
export class SimHost {
  syncs = 0;
  reads = 0;
  readonly history: SyncRecord[] = [];
  readonly registrations: Registration[] = [];
  /** Handler calls made, for tests that wait for delivery. */
  delivered = 0;
  /**
   * When the simulated Excel was working (performance.now() start and end of each batch's run):
   * Excel does this work out of process, the simulator on the page's main thread, so the bench
   * leaves these spans out of the pane's main-thread tasks.
   */
  readonly busy: Array<[number, number]> = [];
  private pending: SimEvent[] = [];
  private scheduled = false;
  private idle: Array<() => void> = [];
  private inSync = false;

  constructor(
    readonly model: SimModel,
    readonly config: SimConfig,
  ) {
    model.subscribe((e) => this.enqueue(e));
  }

  get payloadLimit(): number {
    return this.config.payloadLimit ?? MB5;
  }

  supports(version: string): boolean {
    return versionAtLeast(this.config.apiVersion, version);
  }

  requireApi(version: string, what: string): void {
    if (!this.supports(version)) throw new SimError("ApiNotFound", `The API you are trying to use could not be found (${what} needs ExcelApi ${version}).`, what);
  }

  private enqueue(e: SimEvent): void {
    // A deleted sheet's own handlers go with it.
    if (e.type === "WorksheetDeleted") {
      for (let i = this.registrations.length - 1; i >= 0; i--) if (this.registrations[i].owner === e.worksheetId) this.registrations.splice(i, 1);
    }
    this.pending.push(e);
    if (!this.inSync) this.schedule();
  }

  /** Events are delivered after the batch that raised them, on a later task, as Excel does. */
  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      const events = this.pending;
      this.pending = [];
      for (const e of events) this.deliver(e);
      if (this.pending.length) this.schedule();
      else {
        const waiting = this.idle;
        this.idle = [];
        for (const w of waiting) w();
      }
    }, 0);
  }

  /** Resolves when every event raised so far has been handed to the handlers. */
  settled(): Promise<void> {
    if (!this.scheduled && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private deliver(e: SimEvent): void {
    const args = this.eventArgs(e);
    const eventName: EventName =
      e.type === "WorksheetChanged"
        ? "onChanged"
        : e.type === "WorksheetAdded"
          ? "onAdded"
          : e.type === "WorksheetDeleted"
            ? "onDeleted"
            : e.type === "WorksheetActivated"
              ? "onActivated"
              : e.type === "WorksheetNameChanged"
                ? "onNameChanged"
                : "onSelectionChanged";
    for (const reg of [...this.registrations]) {
      if (reg.event !== eventName) continue;
      // Sheet additions and deletions are only raised on the collection.
      if (reg.owner !== "collection" && reg.owner !== e.worksheetId) continue;
      this.delivered++;
      try {
        const r = reg.handler(args) as Promise<unknown> | undefined;
        if (r && typeof r.catch === "function") r.catch(() => undefined);
      } catch {
        // Excel ignores a handler's exception.
      }
    }
  }

  private eventArgs(e: SimEvent): Record<string, unknown> {
    if (e.type !== "WorksheetChanged") return { ...e };
    const args: Record<string, unknown> = { type: e.type, worksheetId: e.worksheetId, address: e.address, changeType: e.changeType, source: e.source };
    if (e.details && this.supports("1.9")) args.details = { ...e.details };
    if (this.supports("1.14")) args.triggerSource = e.triggerSource;
    return args;
  }

  async runSync(ctx: RequestContext, ops: Op[]): Promise<void> {
    this.syncs++;
    const reads = ops.some((o) => o.read);
    if (reads) this.reads++;
    this.history.push({ reads, commands: ops.length, at: typeof performance !== "undefined" ? performance.now() : Date.now() });
    // A round trip: the batch leaves now, Excel works on it on a later task, in a timer callback of
    // its own (excelWork: a trace shows its thread CPU time apart from the pane's, scripts/trace-pane.ts).
    const failed = await new Promise<unknown>((resolve) => {
      const excelWork = () => resolve(this.work(ctx, ops));
      setTimeout(excelWork, this.config.latencyMs ?? 0);
    });
    // The answer reaches the pane on a task of its own, after Excel's work (as from another
    // process); the batch's events follow it, as before.
    await new Promise<void>((r) => setTimeout(r, 0));
    this.schedule();
    if (failed) throw failed;
  }

  /** Excel's work on one batch: runs its commands; the error it fails with, or null. */
  private work(ctx: RequestContext, ops: Op[]): unknown {
    const requestBytes = ops.reduce((n, o) => n + (o.requestBytes ?? 0), 0);
    if (requestBytes > this.payloadLimit) {
      return new SimError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    }
    ctx.responseBytes = 0;
    this.inSync = true;
    const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());
    const t0 = now();
    let failed: unknown = null;
    try {
      for (const op of ops) op.run();
      if (ctx.responseBytes > this.payloadLimit) {
        ctx.discardLoads();
        throw new SimError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
      }
    } catch (e) {
      failed = e;
      // A batch refused for its size loads nothing.
      if ((e as { code?: string }).code === "ResponsePayloadSizeLimitExceeded") ctx.discardLoads();
    } finally {
      this.inSync = false;
      ctx.syncGeneration++;
      this.busy.push([t0, now()]);
    }
    return failed;
  }
}

export class RequestContext {
  readonly workbook: Workbook;
  readonly runtime: Runtime;
  private queue: Op[] = [];
  responseBytes = 0;
  syncGeneration = 0;
  private loadedThisSync: Array<() => void> = [];

  constructor(readonly host: SimHost) {
    this.workbook = new Workbook(this);
    this.runtime = new Runtime(this);
  }

  get model(): SimModel {
    return this.host.model;
  }

  /** Queues a command; the simulator's proxies call this. */
  _queue(op: Op): void {
    this.queue.push(op);
  }

  _onDiscard(undo: () => void): void {
    this.loadedThisSync.push(undo);
  }

  discardLoads(): void {
    for (const u of this.loadedThisSync) u();
    this.loadedThisSync = [];
  }

  /** Like office.js, a sync with nothing queued makes no round trip. */
  async sync<T>(passThrough?: T): Promise<T> {
    if (this.queue.length === 0) return passThrough as T;
    const ops = this.queue;
    this.queue = [];
    this.loadedThisSync = [];
    await this.host.runSync(this, ops);
    return passThrough as T;
  }

  /** Present so code written for Office.js runs; the simulator needs no tracking. */
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };
}

function notLoaded(prop: string): SimError {
  return new SimError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function approxBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === "string") return v.length * 2 + 3;
  if (typeof v === "number" || typeof v === "boolean") return 8;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + approxBytes(x) + 1, 2);
  return 16;
}

type LoadArg = string | string[] | { select?: string; expand?: string } | undefined;

function paths(arg: LoadArg, defaults: string[]): string[][] {
  let list: string[];
  if (arg === undefined) list = defaults;
  else if (typeof arg === "string") list = arg.split(",");
  else if (Array.isArray(arg)) list = arg;
  else list = [...(arg.select ? arg.select.split(",") : defaults), ...(arg.expand ? arg.expand.split(",") : [])];
  return list.map((p) => p.trim()).filter(Boolean).map((p) => p.split("/"));
}

/** Base of every proxy: loaded properties, null-object state, a resolver run at sync. */
abstract class ClientObject<T> {
  protected loaded: Record<string, unknown> = {};
  private bound: T | null | undefined = undefined;
  private createdAt: number;

  constructor(
    readonly context: RequestContext,
    private resolver: () => T | null,
  ) {
    this.createdAt = context.syncGeneration;
  }

  /** The target, resolved at the first sync that uses it (throws ItemNotFound etc. there). */
  _target(): T | null {
    if (this.bound === undefined) this.bound = this.resolver();
    return this.bound;
  }

  protected targetOrThrow(): T {
    const t = this._target();
    if (t === null) throw new SimError("InvalidOperation", "The requested operation is not valid on a null object.");
    return t;
  }

  get isNullObject(): boolean {
    if (this.context.syncGeneration === this.createdAt && this.bound === undefined) throw notLoaded("isNullObject");
    return this._target() === null;
  }

  protected prop<V>(name: string): V {
    if (!(name in this.loaded)) throw notLoaded(name);
    return this.loaded[name] as V;
  }

  /** Fills one loaded path from the target; returns the response bytes. */
  protected abstract loadPath(target: T | null, path: string[]): number;
  protected abstract defaultProps(): string[];

  load(arg?: LoadArg): this {
    const list = paths(arg, this.defaultProps());
    this.context._queue({
      read: true,
      run: () => {
        const t = this._target();
        const keys = list.map((p) => p[0]);
        this.context._onDiscard(() => keys.forEach((k) => delete this.loaded[k]));
        for (const p of list) this.context.responseBytes += this.loadPath(t, p);
      },
    });
    return this;
  }

  protected set(name: string, v: unknown): number {
    this.loaded[name] = v;
    return approxBytes(v) + name.length;
  }

  protected queue(run: () => void, requestBytes = 0): void {
    this.context._queue({ run, requestBytes });
  }

  toJSON(): Record<string, unknown> {
    return { ...this.loaded };
  }
}

class EventHandlerResult {
  constructor(
    readonly context: RequestContext,
    private reg: Registration,
  ) {}

  /** Queued on the context the handler was added with: that context must be synced. */
  remove(): void {
    this.context._queue({
      run: () => {
        const list = this.context.host.registrations;
        const i = list.indexOf(this.reg);
        if (i >= 0) list.splice(i, 1);
      },
    });
  }
}

class EventHandlers {
  constructor(
    private context: RequestContext,
    private owner: () => string,
    private event: EventName,
    private version: string,
    private what: string,
  ) {}

  add(handler: (args: never) => unknown): EventHandlerResult {
    const reg: Registration = { owner: "", event: this.event, handler: handler as (a: unknown) => unknown, context: this.context };
    this.context._queue({
      run: () => {
        this.context.host.requireApi(this.version, this.what);
        reg.owner = this.owner();
        this.context.host.registrations.push(reg);
      },
    });
    return new EventHandlerResult(this.context, reg);
  }
}

export class Runtime extends ClientObject<SimModel> {
  constructor(context: RequestContext) {
    super(context, () => context.model);
  }
  protected defaultProps() {
    return ["enableEvents"];
  }
  protected loadPath(t: SimModel | null, path: string[]): number {
    if (path[0] !== "enableEvents") throw new SimError("InvalidArgument", `Runtime has no property ${path[0]}`);
    this.context.host.requireApi("1.8", "Runtime.enableEvents");
    return this.set("enableEvents", t!.eventsEnabled);
  }
  get enableEvents(): boolean {
    return this.prop("enableEvents");
  }
  set enableEvents(v: boolean) {
    this.queue(() => {
      this.context.host.requireApi("1.8", "Runtime.enableEvents");
      this.context.model.eventsEnabled = v;
    });
    this.loaded.enableEvents = v;
  }
}

export class Workbook extends ClientObject<SimModel> {
  readonly worksheets: WorksheetCollection;
  readonly settings: SettingCollection;
  constructor(context: RequestContext) {
    super(context, () => context.model);
    this.worksheets = new WorksheetCollection(context);
    this.settings = new SettingCollection(context, () => context.model);
  }
  protected defaultProps() {
    return ["name"];
  }
  protected loadPath(t: SimModel | null, path: string[]): number {
    if (path[0] === "name") return this.set("name", t!.name);
    throw new SimError("InvalidArgument", `Workbook has no property ${path[0]}`);
  }
  get name(): string {
    return this.prop("name");
  }
  getSelectedRange(): Range {
    return new Range(this.context, () => {
      const m = this.context.model;
      const sheet = m.sheets.find((s) => s.id === m.selection.sheetId)!;
      return { sheet, box: m.selection.box };
    });
  }
}

export class WorksheetCollection extends ClientObject<SimModel> {
  readonly onChanged: EventHandlers;
  readonly onAdded: EventHandlers;
  readonly onDeleted: EventHandlers;
  readonly onActivated: EventHandlers;
  readonly onNameChanged: EventHandlers;
  readonly onSelectionChanged: EventHandlers;
  constructor(context: RequestContext) {
    super(context, () => context.model);
    const c = () => "collection";
    this.onChanged = new EventHandlers(context, c, "onChanged", "1.9", "WorksheetCollection.onChanged");
    this.onAdded = new EventHandlers(context, c, "onAdded", "1.7", "WorksheetCollection.onAdded");
    this.onDeleted = new EventHandlers(context, c, "onDeleted", "1.7", "WorksheetCollection.onDeleted");
    this.onActivated = new EventHandlers(context, c, "onActivated", "1.7", "WorksheetCollection.onActivated");
    this.onNameChanged = new EventHandlers(context, c, "onNameChanged", "1.17", "WorksheetCollection.onNameChanged");
    this.onSelectionChanged = new EventHandlers(context, c, "onSelectionChanged", "1.9", "WorksheetCollection.onSelectionChanged");
  }
  protected defaultProps() {
    return ["items"];
  }
  protected loadPath(t: SimModel | null, path: string[]): number {
    if (path[0] !== "items") throw new SimError("InvalidArgument", `WorksheetCollection has no property ${path[0]}`);
    let items = this.loaded.items as Worksheet[] | undefined;
    if (!items || items.length !== t!.sheets.length || items.some((w, i) => w._target() !== t!.sheets[i])) {
      items = t!.sheets.map((s) => new Worksheet(this.context, () => s));
      this.loaded.items = items;
    }
    let bytes = 0;
    for (const w of items) bytes += w._loadPath(path.length > 1 ? path.slice(1) : ["name"]);
    return bytes;
  }
  get items(): Worksheet[] {
    return this.prop("items");
  }
  getItem(key: string): Worksheet {
    return new Worksheet(this.context, () => {
      const s = this.context.model.sheetByKey(key);
      if (!s) throw new SimError("ItemNotFound", `The requested resource doesn't exist: worksheet ${key}.`);
      return s;
    });
  }
  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(this.context, () => this.context.model.sheetByKey(key) ?? null);
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, () => this.context.model.sheets.find((s) => s.id === this.context.model.activeSheetId)!);
  }
  add(name?: string): Worksheet {
    let made: SimSheet | null = null;
    this.queue(() => {
      const m = this.context.model;
      let n = name;
      for (let i = m.sheets.length + 1; !n; i++) if (!m.sheetByName(`Sheet${i}`)) n = `Sheet${i}`;
      // Excel's rules for a sheet name: 1–31 characters, none of \ / ? * [ ] :, not starting or ending with '.
      if (n.length > 31 || /[\\/?*[\]:]/.test(n) || /^'|'$/.test(n)) throw new SimError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (sheet name ${n}).`);
      made = m.addSheet(n);
      m.raise({ type: "WorksheetAdded", worksheetId: made.id, source: "Local" });
    });
    return new Worksheet(this.context, () => made);
  }
}

export class WorksheetProtection extends ClientObject<SimSheet> {
  protected defaultProps() {
    return ["protected"];
  }
  protected loadPath(t: SimSheet | null, path: string[]): number {
    if (path[0] !== "protected") throw new SimError("InvalidArgument", `WorksheetProtection has no property ${path[0]}`);
    return this.set("protected", t ? t.protected : null);
  }
  get protected(): boolean {
    return this.prop("protected");
  }
}

export class Worksheet extends ClientObject<SimSheet> {
  readonly protection: WorksheetProtection;
  readonly charts: ChartCollection;
  readonly onChanged: EventHandlers;
  readonly onActivated: EventHandlers;
  readonly onSelectionChanged: EventHandlers;
  readonly onNameChanged: EventHandlers;

  constructor(context: RequestContext, resolver: () => SimSheet | null) {
    super(context, resolver);
    this.protection = new WorksheetProtection(context, () => this._target());
    this.charts = new ChartCollection(context, () => this._target());
    const id = () => this.targetOrThrow().id;
    this.onChanged = new EventHandlers(context, id, "onChanged", "1.7", "Worksheet.onChanged");
    this.onActivated = new EventHandlers(context, id, "onActivated", "1.7", "Worksheet.onActivated");
    this.onSelectionChanged = new EventHandlers(context, id, "onSelectionChanged", "1.7", "Worksheet.onSelectionChanged");
    this.onNameChanged = new EventHandlers(context, id, "onNameChanged", "1.17", "Worksheet.onNameChanged");
  }
  protected defaultProps() {
    return ["name", "id", "visibility", "position"];
  }
  /** Used by the collection to fill items. */
  _loadPath(path: string[]): number {
    return this.loadPath(this._target(), path);
  }
  protected loadPath(t: SimSheet | null, path: string[]): number {
    switch (path[0]) {
      case "name":
        return this.set("name", t?.name ?? null);
      case "id":
        return this.set("id", t?.id ?? null);
      case "visibility":
        return this.set("visibility", t?.visibility ?? null);
      case "position":
        return this.set("position", t ? this.context.model.sheets.indexOf(t) : null);
      case "protection":
        return (this.protection as unknown as { loadPath(t: SimSheet | null, p: string[]): number }).loadPath(t, path.slice(1).length ? path.slice(1) : ["protected"]);
      default:
        throw new SimError("InvalidArgument", `Worksheet has no property ${path[0]}`);
    }
  }
  get name(): string {
    return this.prop("name");
  }
  /** Renaming raises onNameChanged (ExcelApi 1.17) and nothing on older hosts. */
  set name(v: string) {
    this.queue(() => {
      const s = this.targetOrThrow();
      const m = this.context.model;
      const other = m.sheetByName(v);
      if (other && other !== s) throw new SimError("ItemAlreadyExists", `A sheet named ${v} already exists.`);
      const before = s.name;
      s.name = v;
      m.raise({ type: "WorksheetNameChanged", worksheetId: s.id, nameBefore: before, nameAfter: v, source: "Local" });
    });
  }
  get id(): string {
    return this.prop("id");
  }
  get visibility(): string {
    return this.prop("visibility");
  }
  get position(): number {
    return this.prop("position");
  }
  activate(): void {
    this.queue(() => {
      const s = this.targetOrThrow();
      const m = this.context.model;
      if (m.activeSheetId !== s.id) {
        m.activeSheetId = s.id;
        m.raise({ type: "WorksheetActivated", worksheetId: s.id, source: "Local" });
      }
    });
  }
  delete(): void {
    this.queue(() => {
      const s = this.targetOrThrow();
      const m = this.context.model;
      m.sheets = m.sheets.filter((x) => x !== s);
      m.raise({ type: "WorksheetDeleted", worksheetId: s.id, source: "Local" });
    });
  }
  getRange(address?: string): Range {
    return new Range(this.context, () => {
      const sheet = this._target();
      if (!sheet) return null;
      return { sheet, box: address ? parseAddress(address) : { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return new Range(this.context, () => {
      const sheet = this._target();
      if (!sheet) return null;
      if (rowCount < 1 || columnCount < 1 || startRow < 0 || startColumn < 0 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
        throw new SimError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
      }
      return { sheet, box: { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 } };
    });
  }
  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRange(valuesOnly = false): Range {
    return new Range(this.context, () => {
      const sheet = this.targetOrThrow();
      return { sheet, box: this.context.model.usedBox(sheet, valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return new Range(this.context, () => {
      this.context.host.requireApi("1.4", "Worksheet.getUsedRangeOrNullObject");
      const sheet = this._target();
      if (!sheet) return null;
      const box = this.context.model.usedBox(sheet, valuesOnly);
      return box ? { sheet, box } : null;
    });
  }
}

interface RangeTarget {
  sheet: SimSheet;
  box: RangeBox;
}

const CELL_PROPS = ["values", "text", "formulas", "numberFormat"] as const;

export class Range extends ClientObject<RangeTarget> {
  protected defaultProps() {
    return ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", ...CELL_PROPS];
  }
  protected loadPath(t: RangeTarget | null, path: string[]): number {
    const p = path[0];
    if (!t) return this.set(p, null);
    const { sheet, box } = t;
    const m = this.context.model;
    // Excel refuses a response over its limit without building it: the simulator stops as soon as
    // the response passes the limit, so a refused read leaves no large garbage on the page's heap
    // (the pane's garbage collector would pay for Excel's work).
    const limit = this.context.host.payloadLimit;
    const grid = (f: (r: number, c: number) => unknown) => {
      const out: unknown[][] = [];
      let bytes = this.context.responseBytes;
      for (let r = box.r0; r <= box.r1; r++) {
        const row: unknown[] = [];
        for (let c = box.c0; c <= box.c1; c++) row.push(f(r, c));
        out.push(row);
        bytes += approxBytes(row) + 1;
        if (bytes > limit) throw new SimError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
      }
      return out;
    };
    const cells = (box.r1 - box.r0 + 1) * (box.c1 - box.c0 + 1);
    switch (p) {
      case "address":
        return this.set("address", qualified(sheet.name, box));
      case "addressLocal":
        return this.set("addressLocal", qualified(sheet.name, box));
      case "rowIndex":
        return this.set("rowIndex", box.r0);
      case "columnIndex":
        return this.set("columnIndex", box.c0);
      case "rowCount":
        return this.set("rowCount", box.r1 - box.r0 + 1);
      case "columnCount":
        return this.set("columnCount", box.c1 - box.c0 + 1);
      case "cellCount":
        return this.set("cellCount", cells);
      case "values":
      case "text":
      case "formulas":
      case "numberFormat": {
        // A whole-sheet range would be 17 billion cells: Excel refuses it, and so does the simulator.
        if (cells > 5_000_000) throw new SimError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
        const v = grid((r, c) => {
          const cell = m.cell(sheet, r, c);
          if (p === "values") return cell.value;
          if (p === "text") return displayText(cell.value, cell.numberFormat);
          if (p === "formulas") return cell.formula ?? cell.value;
          return cell.numberFormat;
        });
        return this.set(p, v);
      }
      default:
        throw new SimError("InvalidArgument", `Range has no property ${p}`);
    }
  }
  get address(): string {
    return this.prop("address");
  }
  get rowIndex(): number {
    return this.prop("rowIndex");
  }
  get columnIndex(): number {
    return this.prop("columnIndex");
  }
  get rowCount(): number {
    return this.prop("rowCount");
  }
  get columnCount(): number {
    return this.prop("columnCount");
  }
  get cellCount(): number {
    return this.prop("cellCount");
  }
  get values(): SimValue[][] {
    return this.prop("values");
  }
  set values(v: Array<Array<SimValue | null>>) {
    this.write("values", v);
  }
  get text(): string[][] {
    return this.prop("text");
  }
  get formulas(): SimValue[][] {
    return this.prop("formulas");
  }
  set formulas(v: Array<Array<SimValue | null>>) {
    this.write("formulas", v);
  }
  get numberFormat(): string[][] {
    return this.prop("numberFormat");
  }
  set numberFormat(v: Array<Array<string | null>>) {
    this.write("numberFormat", v);
  }

  /**
   * A write: the array must have the range's shape (a single value fills the range, as Excel
   * allows); null leaves a cell alone. One onChanged per write, with details for one cell.
   */
  private write(prop: "values" | "formulas" | "numberFormat", v: Array<Array<SimValue | null>>): void {
    this.queue(() => {
      const { sheet, box } = this.targetOrThrow();
      const m = this.context.model;
      if (sheet.protected) throw new SimError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`);
      const rows = box.r1 - box.r0 + 1;
      const cols = box.c1 - box.c0 + 1;
      const scalar = !Array.isArray(v);
      if (!scalar && (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols))) {
        throw new SimError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${boxAddress(box)}).`);
      }
      const single = rows === 1 && cols === 1;
      const before = single ? m.cell(sheet, box.r0, box.c0).value : undefined;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const x = scalar ? (v as unknown as SimValue) : v[r][c];
          if (prop === "numberFormat") m.setFormat(sheet, box.r0 + r, box.c0 + c, x as string | null);
          else m.setInput(sheet, box.r0 + r, box.c0 + c, x);
        }
      }
      const after = single ? m.cell(sheet, box.r0, box.c0).value : undefined;
      m.raise(m.changedEvent(sheet, box, "ThisLocalAddin", before, after));
    }, approxBytes(v));
  }

  /** Range.format (ExcelApi 1.1); only autofitColumns (1.2) is simulated, as a command that changes no cell. */
  get format(): { autofitColumns(): void } {
    return {
      autofitColumns: () =>
        this.queue(() => {
          this.context.host.requireApi("1.2", "RangeFormat.autofitColumns");
          this.targetOrThrow();
        }),
    };
  }

  select(): void {
    this.queue(() => {
      const { sheet, box } = this.targetOrThrow();
      const m = this.context.model;
      m.selection = { sheetId: sheet.id, box };
      m.raise({ type: "WorksheetSelectionChanged", worksheetId: sheet.id, address: boxAddress(box) });
    });
  }

  getCell(row: number, column: number): Range {
    return new Range(this.context, () => {
      const t = this._target();
      if (!t) return null;
      const r = t.box.r0 + row;
      const c = t.box.c0 + column;
      return { sheet: t.sheet, box: { r0: r, c0: c, r1: r, c1: c } };
    });
  }

  getMergedAreasOrNullObject(): RangeAreas {
    return new RangeAreas(this.context, () => {
      this.context.host.requireApi("1.13", "Range.getMergedAreasOrNullObject");
      const t = this._target();
      if (!t) return null;
      const b = t.box;
      const hits = t.sheet.merges.filter((m) => m.r0 <= b.r1 && m.r1 >= b.r0 && m.c0 <= b.c1 && m.c1 >= b.c0);
      if (hits.length > MERGED_AREA_LIMIT) throw new SimError("GeneralException", "There was an internal error while processing the request (more than 512 merged areas).");
      return hits.length ? { sheet: t.sheet, areas: hits } : null;
    });
  }
}

interface AreasTarget {
  sheet: SimSheet;
  areas: RangeBox[];
}

export class RangeCollection extends ClientObject<AreasTarget> {
  private itemsOf: AreasTarget | null | undefined = undefined;
  protected defaultProps() {
    return ["items"];
  }
  protected loadPath(t: AreasTarget | null, path: string[]): number {
    if (path[0] !== "items") throw new SimError("InvalidArgument", `RangeCollection has no property ${path[0]}`);
    // Several paths in one load ("areas/items/rowIndex,areas/items/rowCount") fill the same items.
    let items = this.loaded.items as Range[] | undefined;
    if (!items || this.itemsOf !== t) {
      items = (t?.areas ?? []).map((box) => new Range(this.context, () => ({ sheet: t!.sheet, box })));
      this.loaded.items = items;
      this.itemsOf = t;
    }
    let bytes = 0;
    for (const r of items) bytes += (r as unknown as { loadPath(t: RangeTarget | null, p: string[]): number }).loadPath(r._target(), path.length > 1 ? path.slice(1) : ["address"]);
    return bytes;
  }
  get items(): Range[] {
    return this.prop("items");
  }
}

export class RangeAreas extends ClientObject<AreasTarget> {
  readonly areas: RangeCollection;
  constructor(context: RequestContext, resolver: () => AreasTarget | null) {
    super(context, resolver);
    this.areas = new RangeCollection(context, () => this._target());
  }
  protected defaultProps() {
    return ["address", "areaCount"];
  }
  protected loadPath(t: AreasTarget | null, path: string[]): number {
    switch (path[0]) {
      case "areas":
        return (this.areas as unknown as { loadPath(t: AreasTarget | null, p: string[]): number }).loadPath(t, path.slice(1).length ? path.slice(1) : ["items"]);
      case "areaCount":
        return this.set("areaCount", t ? t.areas.length : null);
      case "address":
        return this.set("address", t ? t.areas.map((b) => qualified(t.sheet.name, b)).join(",") : null);
      default:
        throw new SimError("InvalidArgument", `RangeAreas has no property ${path[0]}`);
    }
  }
  get areaCount(): number {
    return this.prop("areaCount");
  }
  get address(): string {
    return this.prop("address");
  }
}

export class Setting extends ClientObject<{ key: string }> {
  protected defaultProps() {
    return ["key", "value"];
  }
  protected loadPath(t: { key: string } | null, path: string[]): number {
    if (path[0] === "key") return this.set("key", t ? t.key : null);
    if (path[0] === "value") return this.set("value", t ? structuredCloneish(this.context.model.settings.get(t.key)) : null);
    throw new SimError("InvalidArgument", `Setting has no property ${path[0]}`);
  }
  get key(): string {
    return this.prop("key");
  }
  get value(): unknown {
    return this.prop("value");
  }
  set value(v: unknown) {
    this.queue(() => this.context.model.settings.set(this.targetOrThrow().key, structuredCloneish(v)), approxBytes(v));
  }
  delete(): void {
    this.queue(() => {
      const t = this.targetOrThrow();
      this.context.model.settings.delete(t.key);
    });
  }
}

function structuredCloneish<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export class SettingCollection extends ClientObject<SimModel> {
  protected defaultProps() {
    return ["items"];
  }
  protected loadPath(t: SimModel | null, path: string[]): number {
    if (path[0] !== "items") throw new SimError("InvalidArgument", `SettingCollection has no property ${path[0]}`);
    let items = this.loaded.items as Setting[] | undefined;
    const keys = [...t!.settings.keys()];
    if (!items || items.length !== keys.length || items.some((x, i) => x._target()!.key !== keys[i])) {
      items = keys.map((key) => new Setting(this.context, () => ({ key })));
      this.loaded.items = items;
    }
    let bytes = 0;
    for (const s of items) bytes += (s as unknown as { loadPath(t: { key: string }, p: string[]): number }).loadPath({ key: s._target()!.key }, path.length > 1 ? path.slice(1) : ["key"]);
    return bytes;
  }
  get items(): Setting[] {
    return this.prop("items");
  }
  /** Adds or replaces a setting (ExcelApi 1.4). */
  add(key: string, value: unknown): Setting {
    this.queue(() => {
      this.context.host.requireApi("1.4", "SettingCollection.add");
      this.context.model.settings.set(key, structuredCloneish(value));
    }, approxBytes(value) + key.length);
    return new Setting(this.context, () => ({ key }));
  }
  getItem(key: string): Setting {
    return new Setting(this.context, () => {
      if (!this.context.model.settings.has(key)) throw new SimError("ItemNotFound", `The requested resource doesn't exist: setting ${key}.`);
      return { key };
    });
  }
  getItemOrNullObject(key: string): Setting {
    return new Setting(this.context, () => (this.context.model.settings.has(key) ? { key } : null));
  }
}

// ---- charts (ExcelApi 1.1 subset: add, name, title, legend, data labels, setPosition) ----

/** The chart types the add-in may ask for, and a few more; anything else is refused as Excel refuses it. */
const CHART_TYPES = new Set(["ColumnClustered", "ColumnStacked", "BarClustered", "BarStacked", "Pie", "Doughnut", "Line", "LineMarkers", "Area", "XYScatter", "PieExploded", "3DPie"]);

interface ChartTarget {
  sheet: SimSheet;
  chart: SimChart;
}

export class ChartCollection extends ClientObject<SimSheet> {
  protected defaultProps() {
    return ["items"];
  }
  protected loadPath(t: SimSheet | null, path: string[]): number {
    const list = t?.charts ?? [];
    if (path[0] === "count") return this.set("count", list.length);
    if (path[0] !== "items") throw new SimError("InvalidArgument", `ChartCollection has no property ${path[0]}`);
    const items = list.map((c) => new Chart(this.context, () => (t ? { sheet: t, chart: c } : null)));
    this.loaded.items = items;
    let bytes = 0;
    for (const ch of items) bytes += ch._loadPath(path.length > 1 ? path.slice(1) : ["name"]);
    return bytes;
  }
  get items(): Chart[] {
    return this.prop("items");
  }
  get count(): number {
    return this.prop("count");
  }
  /** A chart over `sourceData`, which must be a range of this sheet; the type must be one Excel knows. */
  add(type: string, sourceData: Range, seriesBy: string = "Auto"): Chart {
    let made: ChartTarget | null = null;
    this.queue(() => {
      const sheet = this.targetOrThrow();
      if (!CHART_TYPES.has(type)) throw new SimError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (chart type ${type}).`);
      if (!["Auto", "Columns", "Rows"].includes(seriesBy)) throw new SimError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (seriesBy ${seriesBy}).`);
      const src = sourceData._target() as RangeTarget | null;
      if (!src) throw new SimError("InvalidArgument", "The chart's source data is not a range.");
      if (src.sheet !== sheet) throw new SimError("InvalidArgument", "The chart's source data must be on the chart's worksheet.");
      if (sheet.protected) throw new SimError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`);
      const list = (sheet.charts ??= []);
      const chart: SimChart = {
        name: `Chart ${list.length + 1}`,
        chartType: type,
        source: { ...src.box },
        seriesBy: seriesBy as SimChart["seriesBy"],
        title: "",
        legendPosition: "Right",
        showPercentage: false,
        position: null,
      };
      list.push(chart);
      made = { sheet, chart };
    });
    return new Chart(this.context, () => made);
  }
  getItem(name: string): Chart {
    return new Chart(this.context, () => {
      const sheet = this.targetOrThrow();
      const chart = (sheet.charts ?? []).find((c) => c.name === name);
      if (!chart) throw new SimError("ItemNotFound", `The requested resource doesn't exist: chart ${name}.`);
      return { sheet, chart };
    });
  }
}

export class Chart extends ClientObject<ChartTarget> {
  readonly title: ChartPart;
  readonly legend: ChartPart;
  readonly dataLabels: ChartPart;
  constructor(context: RequestContext, resolver: () => ChartTarget | null) {
    super(context, resolver);
    const target = () => this.targetOrThrow();
    this.title = new ChartPart(context, target, { text: "title" });
    this.legend = new ChartPart(context, target, { position: "legendPosition" });
    this.dataLabels = new ChartPart(context, target, { showPercentage: "showPercentage" });
  }
  protected defaultProps() {
    return ["name", "chartType"];
  }
  _loadPath(path: string[]): number {
    return this.loadPath(this._target(), path);
  }
  protected loadPath(t: ChartTarget | null, path: string[]): number {
    if (path[0] === "name") return this.set("name", t?.chart.name ?? null);
    if (path[0] === "chartType") return this.set("chartType", t?.chart.chartType ?? null);
    throw new SimError("InvalidArgument", `Chart has no property ${path[0]}`);
  }
  get name(): string {
    return this.prop("name");
  }
  set name(v: string) {
    this.queue(() => {
      this.targetOrThrow().chart.name = v;
    });
  }
  get chartType(): string {
    return this.prop("chartType");
  }
  /** Places the chart over a range of its sheet (ExcelApi 1.1): the cells must be valid addresses. */
  setPosition(startCell: string, endCell?: string): void {
    this.queue(() => {
      const { chart } = this.targetOrThrow();
      const a = parseAddress(startCell);
      const b = endCell ? parseAddress(endCell) : a;
      if (b.r1 < a.r0 || b.c1 < a.c0) throw new SimError("InvalidArgument", "The chart's end cell is above or left of its start cell.");
      chart.position = { from: startCell, to: endCell ?? startCell };
    });
  }
}

/** Chart.title, Chart.legend, Chart.dataLabels: settable properties mapped onto the chart. */
class ChartPart {
  constructor(
    private context: RequestContext,
    private target: () => ChartTarget,
    map: Record<string, keyof SimChart>,
  ) {
    for (const [prop, field] of Object.entries(map)) {
      Object.defineProperty(this, prop, {
        set: (v: unknown) =>
          this.context._queue({
            run: () => {
              (this.target().chart as unknown as Record<string, unknown>)[field] = v;
            },
          }),
        enumerable: true,
      });
    }
  }
}
