/**
 * read-workbook.ts and navigate.ts against a small hand-written fake of the Excel objects they use.
 * The fake behaves like Office.js where it matters: loaded properties exist only after sync(),
 * getUsedRangeOrNullObject gives a null object on an empty sheet, a response over the cell limit
 * fails the whole batch, and getMergedAreasOrNullObject fails above 512 areas.
 */
import { readWorkbook, readWorkbookFrom } from "../src/excel/read-workbook";
import { selectCell } from "../src/excel/navigate";
import type { AreaData } from "../src/excel/to-snapshot";

type Grid = unknown[][];

interface FakeSheetSpec {
  name: string;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  /** Top-left of the grid on the sheet (0-based). */
  at?: [number, number];
  values: Grid;
  formulas?: Grid;
  numberFormat?: Grid;
  merges?: AreaData[];
}

class FakeError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

class Fake {
  syncs = 0;
  log: string[] = [];
  /** Cells one response may carry (Excel on the web: ~5 MB). */
  cellLimit = Infinity;
  /** Simulates the silent failure: values come back null past this many cells in one range. */
  nullValuesAbove = Infinity;
  mergeLimit = 512;
  private pending: Array<() => void> = [];
  private pendingCells = 0;
  private pendingError: FakeError | null = null;

  constructor(readonly bookName: string, readonly sheets: FakeSheetSpec[]) {}

  queue(cells: number, apply: () => void) {
    this.pendingCells += cells;
    this.pending.push(apply);
  }

  fail(code: string) {
    this.pendingError ??= new FakeError(code);
  }

  async sync() {
    this.syncs++;
    const work = this.pending;
    const cells = this.pendingCells;
    const err = this.pendingError;
    this.pending = [];
    this.pendingCells = 0;
    this.pendingError = null;
    if (err) throw err;
    if (cells > this.cellLimit) throw new FakeError("ResponsePayloadSizeLimitExceeded");
    for (const w of work) w();
  }

  context() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the fake objects below need the outer context, and their own `this`
    const fake = this;
    const worksheets = {
      _items: null as null | Array<{ name: string; visibility: string }>,
      get items() {
        if (!this._items) throw new FakeError("PropertyNotLoaded");
        return this._items;
      },
      load(props: string) {
        expect(props).toContain("items/name");
        fake.queue(0, () => (this._items = fake.sheets.map((s) => ({ name: s.name, visibility: s.visibility ?? "Visible" }))));
      },
      getItem: (name: string) => {
        const spec = fake.sheets.find((s) => s.name === name);
        if (!spec) throw new Error(`no sheet ${name}`);
        return new FakeSheet(fake, spec);
      },
    };
    const workbook = {
      _name: undefined as string | undefined,
      get name() {
        if (this._name === undefined) throw new FakeError("PropertyNotLoaded");
        return this._name;
      },
      load(props: string) {
        expect(props).toBe("name");
        fake.queue(0, () => (this._name = fake.bookName));
      },
      worksheets,
    };
    return { workbook, sync: () => fake.sync() } as unknown as Excel.RequestContext;
  }
}

function cellAt(grid: Grid | undefined, r: number, c: number): unknown {
  return grid?.[r]?.[c];
}

class FakeSheet {
  constructor(private fake: Fake, private spec: FakeSheetSpec) {}

  private get origin(): [number, number] {
    return this.spec.at ?? [0, 0];
  }

  activate() {
    this.fake.log.push(`activate ${this.spec.name}`);
  }

  getRange(addr: string) {
    return { select: () => this.fake.log.push(`select ${this.spec.name}!${addr}`) };
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean) {
    expect(valuesOnly).toBe(true);
    const rows = this.spec.values.length;
    const cols = Math.max(0, ...this.spec.values.map((r) => r.length));
    if (rows === 0 || cols === 0) return new FakeRange(this.fake, this.spec, null);
    const [r0, c0] = this.origin;
    return new FakeRange(this.fake, this.spec, { rowIndex: r0, columnIndex: c0, rowCount: rows, columnCount: cols });
  }

  /** On an empty sheet Excel gives A1, not a null object. */
  getUsedRange(valuesOnly?: boolean) {
    const used = this.getUsedRangeOrNullObject(valuesOnly);
    return used.isNullObject ? new FakeRange(this.fake, this.spec, { rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 1 }) : used;
  }

  getRangeByIndexes(r: number, c: number, rows: number, cols: number) {
    return new FakeRange(this.fake, this.spec, { rowIndex: r, columnIndex: c, rowCount: rows, columnCount: cols });
  }
}

class FakeRange {
  private data: Record<string, unknown> = {};
  private calls = { merges: 0 };
  constructor(private fake: Fake, private spec: FakeSheetSpec, private box: AreaData | null) {}

  get isNullObject() {
    return this.box === null;
  }

  private slice(grid: Grid | undefined, fill: unknown): unknown[][] {
    const b = this.box!;
    const [r0, c0] = this.spec.at ?? [0, 0];
    const out: unknown[][] = [];
    for (let i = 0; i < b.rowCount; i++) {
      const row: unknown[] = [];
      for (let j = 0; j < b.columnCount; j++) {
        const v = cellAt(grid, b.rowIndex + i - r0, b.columnIndex + j - c0);
        row.push(v === undefined ? fill : v);
      }
      out.push(row);
    }
    return out;
  }

  load(props: string) {
    const names = props.split(",").map((p) => p.trim());
    const cellProps = names.filter((p) => ["values", "text", "formulas", "numberFormat"].includes(p));
    const cells = this.box ? this.box.rowCount * this.box.columnCount * cellProps.length : 0;
    this.fake.queue(cells, () => {
      if (!this.box) return;
      for (const p of names) {
        if (p === "address") this.data.address = `${this.spec.name}!…`;
        else if (p in this.box) this.data[p] = (this.box as unknown as Record<string, number>)[p];
        else if (p === "values") {
          this.data.values = this.box.rowCount * this.box.columnCount > this.fake.nullValuesAbove ? null : this.slice(this.spec.values, "");
        } else if (p === "formulas") this.data.formulas = this.slice(this.spec.formulas ?? this.spec.values, "");
        else if (p === "numberFormat") this.data.numberFormat = this.slice(this.spec.numberFormat, "General");
        else if (p === "text") this.data.text = this.slice(this.spec.values, "").map((r) => r.map((v) => String(v)));
        else throw new Error(`fake does not know property ${p}`);
      }
    });
  }

  private get(p: string) {
    if (!(p in this.data)) throw new FakeError("PropertyNotLoaded");
    return this.data[p] as never;
  }
  get values() { return this.get("values"); }
  get text() { return this.get("text"); }
  get formulas() { return this.get("formulas"); }
  get numberFormat() { return this.get("numberFormat"); }
  get rowIndex() { return this.get("rowIndex"); }
  get columnIndex() { return this.get("columnIndex"); }
  get rowCount() { return this.get("rowCount"); }
  get columnCount() { return this.get("columnCount"); }

  getMergedAreasOrNullObject() {
    this.fake.log.push(`merges ${this.spec.name} rows ${this.box!.rowIndex}+${this.box!.rowCount}`);
    const b = this.box!;
    const hits = (this.spec.merges ?? []).filter(
      (m) =>
        m.rowIndex < b.rowIndex + b.rowCount && m.rowIndex + m.rowCount > b.rowIndex &&
        m.columnIndex < b.columnIndex + b.columnCount && m.columnIndex + m.columnCount > b.columnIndex,
    );
    const fake = this.fake;
    const areas = {
      _items: null as AreaData[] | null,
      isNullObject: false,
      get areas() {
        if (!this._items) throw new FakeError("PropertyNotLoaded");
        return { items: this._items };
      },
      load(props: string) {
        expect(props).toContain("areas/items/rowIndex");
        if (hits.length > fake.mergeLimit) fake.fail("GeneralException");
        fake.queue(0, () => {
          this._items = hits;
          this.isNullObject = hits.length === 0;
        });
      },
    };
    return areas;
  }
}

const T2: FakeSheetSpec = {
  name: "表二",
  at: [0, 0],
  values: [
    ["2026年预算收入总表", "", ""],
    ["科目编码", "科目名称", "合计"],
    ["201", "一般公共服务支出", 434.67],
    ["20106", "财政事务", 434.67],
  ],
  formulas: [
    ["2026年预算收入总表", "", ""],
    ["科目编码", "科目名称", "合计"],
    ["201", "一般公共服务支出", "=C4"],
    ["20106", "财政事务", 434.67],
  ],
  numberFormat: [
    ["General", "General", "General"],
    ["General", "General", "General"],
    ["@", "General", "0.00"],
    ["@", "General", "0.00"],
  ],
  merges: [{ rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 3 }],
};

const NOTES: FakeSheetSpec = { name: "说明", visibility: "Hidden", at: [3, 2], values: [["注：本表无数据"]] };
const EMPTY: FakeSheetSpec = { name: "Sheet3", values: [] };

function bigSheet(rows: number, cols: number): FakeSheetSpec {
  const values = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (c === 0 ? `行${r}` : r * 100 + c)));
  return { name: "大表", at: [1, 0], values };
}

describe("readWorkbookFrom", () => {
  test("reads every sheet with two syncs and places cells at their sheet positions", async () => {
    const fake = new Fake("2026-单位预算.xlsx", [T2, NOTES, EMPTY]);
    const wb = await readWorkbookFrom(fake.context(), { mergedAreas: false });
    expect(fake.syncs).toBe(2);
    expect(wb.name).toBe("2026-单位预算.xlsx");
    expect(wb.sheets.map((s) => [s.name, s.visibility])).toEqual([["表二", "visible"], ["说明", "hidden"], ["Sheet3", "visible"]]);
    const t2 = wb.sheets[0];
    expect(t2.rows[2]?.[0]).toEqual({ v: "201", z: "@" });
    expect(t2.rows[2]?.[2]).toEqual({ v: 434.67, z: "0.00", t: "434.67", f: "C4" });
    expect(t2.rows[0]?.[1]).toBeUndefined();
    expect(wb.sheets[1].rows[3]?.[2]).toEqual({ v: "注：本表无数据" });
    expect(wb.sheets[1].rows.length).toBe(4);
    expect(wb.sheets[2].rows).toEqual([]);
    expect(t2.merges).toEqual([]);
    expect(fake.log.filter((l) => l.startsWith("merges"))).toEqual([]);
  });

  test("merged areas are read with the used ranges, in the same sync, when ExcelApi 1.13 is there", async () => {
    const fake = new Fake("b", [T2, NOTES, EMPTY]);
    const wb = await readWorkbookFrom(fake.context(), { mergedAreas: true });
    expect(fake.syncs).toBe(2);
    expect(wb.sheets[0].merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 2 }]);
    expect(wb.sheets[1].merges).toEqual([]);
  });

  test("a sheet too big for one response is read again in row blocks with the same result", async () => {
    const sheet = bigSheet(12_000, 2);
    const whole = await readWorkbookFrom(new Fake("b", [sheet, T2]).context(), { mergedAreas: false });

    const limited = new Fake("b", [sheet, T2]);
    limited.cellLimit = 50_000; // 12,000 rows × 2 columns × 4 properties = 96,000: the one-sync read fails
    const blocked = await readWorkbookFrom(limited.context(), { mergedAreas: false });
    expect(JSON.stringify(blocked)).toBe(JSON.stringify(whole)); // toEqual on 12,000 rows takes seconds
    expect(blocked.sheets[0].rows.length).toBe(12_001);
    expect(blocked.sheets[0].rows[12_000]?.[0]).toEqual({ v: "行11999" });
    // list, failed whole read, then per sheet: extent + blocks (12,000 rows → 3 blocks of ≤ 5,000; 表二 → 1)
    expect(limited.syncs).toBe(2 + (1 + 3) + (1 + 1));
  });

  test("a sheet read in blocks has its merged areas found over the blocks' extent, as when read whole", async () => {
    const merges: AreaData[] = [
      { rowIndex: 1, columnIndex: 0, rowCount: 1, columnCount: 2 },
      { rowIndex: 11_000, columnIndex: 0, rowCount: 2, columnCount: 1 },
    ];
    const sheet: FakeSheetSpec = { ...bigSheet(12_000, 2), merges };
    const whole = await readWorkbookFrom(new Fake("b", [sheet]).context(), { mergedAreas: true });
    const limited = new Fake("b", [sheet]);
    limited.cellLimit = 50_000;
    const blocked = await readWorkbookFrom(limited.context(), { mergedAreas: true });
    expect(JSON.stringify(blocked)).toBe(JSON.stringify(whole));
    expect(blocked.sheets[0].merges).toEqual([
      { r0: 1, c0: 0, r1: 1, c1: 1 },
      { r0: 11_000, c0: 0, r1: 11_001, c1: 0 },
    ]);
  });

  test("values that come back null (past Excel's 5 M cell cap) are read in blocks too", async () => {
    const sheet = bigSheet(6_000, 3);
    const fake = new Fake("b", [sheet]);
    fake.nullValuesAbove = 16_000; // the whole sheet (18,000 cells) comes back null, a 5,000-row block does not
    const wb = await readWorkbookFrom(fake.context(), { mergedAreas: false });
    expect(wb.sheets[0].rows.length).toBe(6_001);
    expect(wb.sheets[0].rows[6_000]?.[2]).toEqual({ v: 599_902 });
  });

  test("more than 512 merged areas: asked again in row blocks, still found", async () => {
    const rows = 1_000;
    const merges: AreaData[] = Array.from({ length: 600 }, (_, i) => ({ rowIndex: i, columnIndex: 0, rowCount: 1, columnCount: 2 }));
    const sheet: FakeSheetSpec = { ...bigSheet(rows, 2), at: [0, 0], merges };
    const fake = new Fake("b", [sheet]);
    const wb = await readWorkbookFrom(fake.context(), { mergedAreas: true });
    expect(wb.sheets[0].merges.length).toBe(600);
    expect(fake.log.filter((l) => l.startsWith("merges")).length).toBe(1 + rows / 200);
  });

  test("errors other than the payload limit are not swallowed", async () => {
    const fake = new Fake("b", [T2]);
    const ctx = fake.context();
    const orig = ctx.workbook.worksheets.getItem.bind(ctx.workbook.worksheets);
    (ctx.workbook.worksheets as unknown as { getItem: unknown }).getItem = (n: string) => {
      fake.fail("AccessDenied");
      return orig(n);
    };
    await expect(readWorkbookFrom(ctx, { mergedAreas: false })).rejects.toMatchObject({ code: "AccessDenied" });
  });
});

describe("Office globals", () => {
  const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
  afterEach(() => {
    delete g.Office;
    delete g.Excel;
  });

  /** "1.13" > "1.7": compare minor versions as numbers, not as decimals. */
  const minor = (v: string) => Number(v.split(".")[1] ?? 0);

  function install(fake: Fake, supported: string) {
    g.Office = {
      context: { requirements: { isSetSupported: (set: string, v: string) => set === "ExcelApi" && minor(v) <= minor(supported) } },
    };
    g.Excel = { run: <T>(fn: (c: Excel.RequestContext) => Promise<T>) => fn(fake.context()) };
  }

  test.each([
    ["1.7", 0],
    ["1.13", 1],
  ])("readWorkbook asks for merged areas only from ExcelApi 1.13 (supported: %s)", async (supported, mergeCalls) => {
    const fake = new Fake("b", [T2]);
    install(fake, supported);
    await readWorkbook();
    expect(fake.log.filter((l) => l.startsWith("merges")).length).toBe(mergeCalls);
  });

  test("selectCell activates the sheet and syncs before selecting", async () => {
    const fake = new Fake("b", [T2]);
    install(fake, "1.7");
    await selectCell("表二", "C3");
    expect(fake.log).toEqual(["activate 表二", "select 表二!C3"]);
    expect(fake.syncs).toBe(2);
  });
});
