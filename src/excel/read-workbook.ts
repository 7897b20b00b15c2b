import type { WorkbookSnapshot } from "../core/workbook/snapshot";
import { planBlocks, toSheetSnapshotSliced, type AreaData, type RangeData } from "./to-snapshot";
import { slicer } from "./yield";

/**
 * Reads the open workbook into a WorkbookSnapshot. Only the Office.js calls live here; turning the
 * arrays into cells is to-snapshot.ts.
 *
 * Syncs: one for the sheet list, one for every sheet's used range (values, text, formulas,
 * formats) and, when ExcelApi 1.13 is there, its merged areas in the same batch. If the merged
 * areas fail that batch (more than 512 on a sheet), the used ranges are read again without them and
 * the merges in small blocks. A sheet too large for one response (Excel on the web: 5 MB, 5 M cells,
 * beyond which `values` may come back null) is read again in row blocks, one sync per block.
 */

export const CELL_PROPS = "values,text,formulas,numberFormat";
const USED_PROPS = `address,rowIndex,columnIndex,rowCount,columnCount,${CELL_PROPS}`;
export const AREA_PROPS = "areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount";
/** Blocks for merged areas are small: getMergedAreasOrNullObject fails above 512 areas per call. */
const MERGE_BLOCK_ROWS = 200;

export interface ReadOptions {
  /** Read merged areas (needs ExcelApi 1.13). */
  mergedAreas: boolean;
  /** Progress in sheets read of all sheets. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Queues more loads into the first sync (the sheet list), e.g. document settings, so opening the
   * pane costs no extra round trip; the returned function runs after that sync.
   */
  alongside?: (context: Excel.RequestContext) => () => void;
  /** Told each sheet's id and name from the first sync. */
  onSheets?: (sheets: Array<{ id: string; name: string }>) => void;
}

/** Reads the workbook Excel has open. */
export async function readWorkbook(opts: Partial<ReadOptions> = {}): Promise<WorkbookSnapshot> {
  const mergedAreas = opts.mergedAreas ?? Office.context.requirements.isSetSupported("ExcelApi", "1.13");
  return Excel.run((context) => readWorkbookFrom(context, { ...opts, mergedAreas }));
}

interface Extent {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

export async function readWorkbookFrom(context: Excel.RequestContext, opts: ReadOptions): Promise<WorkbookSnapshot> {
  const book = context.workbook;
  book.load("name");
  const sheets = book.worksheets;
  sheets.load(opts.onSheets ? "items/name,items/visibility,items/id" : "items/name,items/visibility");
  const after = opts.alongside?.(context);
  await context.sync();
  after?.();
  const list = sheets.items.map((ws) => ({ name: ws.name, visibility: ws.visibility as string }));
  opts.onSheets?.(sheets.items.map((ws) => ({ id: ws.id, name: ws.name })));
  opts.onProgress?.(0, list.length);
  const names = list.map((s) => s.name);

  let blocks: Array<RangeData[] | null>;
  let areas: AreaData[][] | null = null;
  let mergesFailed = false;
  try {
    ({ blocks, areas } = await readUsedRanges(context, names, opts.mergedAreas));
  } catch (e) {
    if (!opts.mergedAreas || isPayloadLimit(e)) {
      if (!isPayloadLimit(e)) throw e;
      blocks = list.map(() => null);
    } else {
      // The merged areas failed the batch (over 512 on some sheet): values first, merges in blocks.
      mergesFailed = true;
      try {
        ({ blocks } = await readUsedRanges(context, names, false));
      } catch (e2) {
        if (!isPayloadLimit(e2)) throw e2;
        blocks = list.map(() => null);
      }
    }
  }
  for (let i = 0; i < list.length; i++) {
    if (blocks[i] === null) blocks[i] = await readInBlocks(context, list[i].name);
  }

  const extents = blocks.map((b) => extentOf(b ?? []));
  // Merges not read with the values: the batch failed on them (go straight to blocks) or on the payload.
  if (opts.mergedAreas && areas === null) areas = await readMergedAreas(context, names, extents, mergesFailed);
  if (areas === null) areas = list.map(() => []);
  opts.onProgress?.(list.length, list.length);

  // Turned into cells in slices that yield: a 100,000-row sheet never holds the pane's thread long.
  const pause = slicer();
  const out: WorkbookSnapshot = { name: book.name, sheets: [] };
  for (let i = 0; i < list.length; i++) out.sheets.push(await toSheetSnapshotSliced(list[i].name, list[i].visibility, blocks[i] ?? [], areas[i], pause));
  return out;
}

/**
 * Every sheet's used range in one sync, with its merged areas when asked (null when not asked);
 * a block is null for a sheet whose values did not come back.
 */
async function readUsedRanges(
  context: Excel.RequestContext,
  names: string[],
  withMerges: boolean,
): Promise<{ blocks: Array<RangeData[] | null>; areas: AreaData[][] | null }> {
  const used = names.map((n) => {
    const ws = context.workbook.worksheets.getItem(n);
    const r = ws.getUsedRangeOrNullObject(true);
    r.load(USED_PROPS);
    // Not chained on the null object an empty sheet gives: getUsedRange gives A1 there instead.
    const m = withMerges ? ws.getUsedRange(true).getMergedAreasOrNullObject() : null;
    m?.load(AREA_PROPS);
    return { r, m };
  });
  await context.sync();
  const blocks = used.map(({ r }) => {
    if (r.isNullObject) return [];
    if (!r.values) return null;
    return [rangeData(r)];
  });
  const areas = withMerges ? used.map(({ r, m }) => (r.isNullObject || !m || m.isNullObject ? [] : m.areas.items.map(areaData))) : null;
  return { blocks, areas };
}

export async function readInBlocks(context: Excel.RequestContext, name: string): Promise<RangeData[]> {
  const ws = context.workbook.worksheets.getItem(name);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (used.isNullObject) return [];
  const out: RangeData[] = [];
  // One sync per block on purpose: queuing them all would make one response as big as the sheet.
  // A block whose response is still too large (cells of long text: the add-in's package sheet holds
  // 32,000 characters a cell) is read again in halves, down to single rows.
  const todo = planBlocks(used.rowCount, used.columnCount);
  while (todo.length) {
    const b = todo.shift()!;
    const r = ws.getRangeByIndexes(used.rowIndex + b.rowOffset, used.columnIndex, b.rowCount, used.columnCount);
    r.load(`rowIndex,columnIndex,${CELL_PROPS}`);
    try {
      await context.sync();
    } catch (e) {
      if (!isPayloadLimit(e) || b.rowCount === 1) throw e;
      const half = Math.ceil(b.rowCount / 2);
      todo.unshift({ rowOffset: b.rowOffset, rowCount: half }, { rowOffset: b.rowOffset + half, rowCount: b.rowCount - half });
      continue;
    }
    if (!r.values) throw new Error(`Excel returned no values for ${name} rows ${b.rowOffset + 1}–${b.rowOffset + b.rowCount}`);
    out.push(rangeData(r));
  }
  return out;
}

/**
 * Merged areas of every sheet in one sync. A call fails above 512 areas, which fails the whole
 * batch: then each sheet is asked again in small row blocks, and a sheet that still fails is read
 * without merges (they only help header recognition; values sit in the top-left cells anyway).
 */
async function readMergedAreas(context: Excel.RequestContext, names: string[], extents: Array<Extent | null>, inBlocks = false): Promise<AreaData[][]> {
  const queue = (name: string, boxes: Extent[]) =>
    boxes.map((x) => {
      const m = context.workbook.worksheets
        .getItem(name)
        .getRangeByIndexes(x.rowIndex, x.columnIndex, x.rowCount, x.columnCount)
        .getMergedAreasOrNullObject();
      m.load(AREA_PROPS);
      return m;
    });
  const collect = (found: Excel.RangeAreas[]): AreaData[] =>
    found.flatMap((m) => (m.isNullObject ? [] : m.areas.items.map(areaData)));

  try {
    if (inBlocks) throw new Error("known to fail whole");
    const all = names.map((n, i) => queue(n, extents[i] ? [extents[i]!] : []));
    await context.sync();
    return all.map(collect);
  } catch {
    const out: AreaData[][] = [];
    for (let i = 0; i < names.length; i++) {
      const x = extents[i];
      if (!x) {
        out.push([]);
        continue;
      }
      const boxes = planBlocks(x.rowCount, x.columnCount, Number.MAX_SAFE_INTEGER, MERGE_BLOCK_ROWS).map((b) => ({
        ...x,
        rowIndex: x.rowIndex + b.rowOffset,
        rowCount: b.rowCount,
      }));
      try {
        const found = queue(names[i], boxes);
        await context.sync();
        out.push(collect(found));
      } catch {
        out.push([]);
      }
    }
    return out;
  }
}

export function rangeData(r: Excel.Range): RangeData {
  return { rowIndex: r.rowIndex, columnIndex: r.columnIndex, values: r.values, text: r.text, formulas: r.formulas, numberFormat: r.numberFormat };
}

export function areaData(r: Excel.Range): AreaData {
  return { rowIndex: r.rowIndex, columnIndex: r.columnIndex, rowCount: r.rowCount, columnCount: r.columnCount };
}

function extentOf(blocks: RangeData[]): Extent | null {
  if (blocks.length === 0) return null;
  const first = blocks[0];
  const rows = blocks.reduce((n, b) => n + b.values.length, 0);
  const cols = first.values[0]?.length ?? 0;
  if (rows === 0 || cols === 0) return null;
  return { rowIndex: first.rowIndex, columnIndex: first.columnIndex, rowCount: rows, columnCount: cols };
}

export function isPayloadLimit(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code ?? "";
  return /PayloadSizeLimitExceeded|LimitExceeded/i.test(code);
}
