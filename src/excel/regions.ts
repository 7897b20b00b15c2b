import type { RegionData, RegionRequest } from "../taskpane/host";
import type { RangeBox } from "../core/workbook/snapshot";
import { AREA_PROPS, areaData, CELL_PROPS, isPayloadLimit, rangeData } from "./read-workbook";
import type { Session } from "./session";
import { addRange, planBlocks, toMerges, type AreaData, type RangeData } from "./to-snapshot";

/**
 * Reads the regions the pane asks for after an edit burst: one Excel.run, one sync for all of them
 * (values, text, formulas, formats, and merged areas on ExcelApi 1.13). Fallbacks, each costing
 * round trips only when needed: a sheet that is gone (ItemNotFound) → the sheet list is read again
 * and the region comes back `missing`; merged areas that fail the batch (over 512) → read again
 * without them (`merges: null`); a response over the payload limit → region by region in row blocks.
 */

const USED_PROPS = `rowIndex,columnIndex,rowCount,columnCount,${CELL_PROPS}`;
/** An empty sheet's box: no rows. */
const EMPTY_BOX: RangeBox = { r0: 0, c0: 0, r1: -1, c1: -1 };

export interface Queued {
  req: RegionRequest;
  range: Excel.Range;
  merges: Excel.RangeAreas | null;
}

/** Queues a whole sheet's read (used range, merges on 1.13) for wholeRegion after the sync. */
export function queueWhole(context: Excel.RequestContext, ws: Excel.Worksheet, withMerges: boolean): Queued {
  const range = ws.getUsedRangeOrNullObject(true);
  range.load(USED_PROPS);
  const merges = withMerges ? ws.getUsedRange(true).getMergedAreasOrNullObject() : null;
  merges?.load(AREA_PROPS);
  return { req: { sheet: "" }, range, merges };
}

export function wholeRegion(q: Queued, sheet: string, withMerges: boolean): RegionData {
  return toRegion({ ...q, req: { sheet } }, withMerges);
}

export async function readRegions(session: Session, regions: RegionRequest[]): Promise<RegionData[]> {
  if (regions.length === 0) return [];
  // A sheet just added was read with its name (watch.ts): no second round trip for it.
  const now = Date.now();
  const kept = regions.map((req) => {
    if (req.box) return null;
    for (const [id, a] of session.added) {
      if (a.name === req.sheet && a.until >= now && session.names.get(id) === req.sheet) {
        session.added.delete(id);
        return a.data;
      }
    }
    return null;
  });
  if (kept.every((k) => k !== null)) return kept as RegionData[];
  if (kept.some((k) => k !== null)) {
    const rest = await readRegions(session, regions.filter((_, i) => kept[i] === null));
    return kept.map((k) => k ?? rest.shift()!);
  }
  return Excel.run({ delayForCellEdit: true }, async (context) => {
    const withMerges = session.at("1.13");
    try {
      return await readAll(context, session, regions, withMerges);
    } catch (e) {
      const code = errorCode(e);
      if (code === "ItemNotFound") {
        await refreshSheets(context, session);
        return readAll(context, session, regions, withMerges);
      }
      if (isPayloadLimit(e)) return readOneByOne(context, session, regions, withMerges);
      if (withMerges) return readAll(context, session, regions, false);
      throw e;
    }
  });
}

function errorCode(e: unknown): string {
  return (e as { code?: string } | null)?.code ?? "";
}

async function refreshSheets(context: Excel.RequestContext, session: Session): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name");
  await context.sync();
  session.setSheets(sheets.items.map((s) => ({ id: s.id, name: s.name })));
}

function queue(context: Excel.RequestContext, req: RegionRequest, withMerges: boolean, id?: string): Queued {
  // By id where it is known: a sheet renamed since the sheet list was read is still found.
  const ws = context.workbook.worksheets.getItem(id ?? req.sheet);
  const b = req.box;
  const range = b ? ws.getRangeByIndexes(b.r0, b.c0, b.r1 - b.r0 + 1, b.c1 - b.c0 + 1) : ws.getUsedRangeOrNullObject(true);
  range.load(b ? `rowIndex,columnIndex,${CELL_PROPS}` : USED_PROPS);
  // Not chained on the null object an empty sheet gives: getUsedRange gives A1 there instead.
  const merges = withMerges ? (b ? range : ws.getUsedRange(true)).getMergedAreasOrNullObject() : null;
  merges?.load(AREA_PROPS);
  return { req, range, merges };
}

function missing(req: RegionRequest): RegionData {
  return { sheet: req.sheet, box: req.box ?? EMPTY_BOX, rows: [], merges: null, missing: true };
}

async function readAll(context: Excel.RequestContext, session: Session, regions: RegionRequest[], withMerges: boolean): Promise<RegionData[]> {
  // Sheets the adapter knows are gone are not asked for (that would fail the whole batch).
  const queued = regions.map((req) => (session.knowsSheets && !session.hasSheet(req.sheet) ? null : queue(context, req, withMerges, session.idOf(req.sheet))));
  // Below ExcelApi 1.17 a rename raises no event: the sheet list comes with the burst's read (the
  // same sync), and a sheet whose id stayed but whose name changed is told to the pane as renamed
  // (Session.setSheets), which renames it on its next burst. The regions come back under the names
  // they were asked by, which are the names the pane's snapshot still holds.
  const list = !session.at("1.17") && session.knowsSheets ? context.workbook.worksheets.load("items/id,items/name") : null;
  await context.sync();
  const out = queued.map((q, i) => (q ? toRegion(q, withMerges) : missing(regions[i])));
  if (list) session.setSheets(list.items.map((s) => ({ id: s.id, name: s.name })));
  return out;
}

function toRegion(q: Queued, withMerges: boolean): RegionData {
  if (q.range.isNullObject) return { sheet: q.req.sheet, box: q.req.box ?? EMPTY_BOX, rows: [], merges: withMerges ? [] : null };
  if (!q.range.values) throw Object.assign(new Error("values did not come back"), { code: "ResponsePayloadSizeLimitExceeded" });
  const data = rangeData(q.range);
  const areas: AreaData[] | null = q.merges ? (q.merges.isNullObject ? [] : q.merges.areas.items.map(areaData)) : null;
  return region(q.req.sheet, [data], areas, q.req.box);
}

/** Rows relative to the box: rows[i][j] is the cell at (box.r0 + i, box.c0 + j). */
function region(sheet: string, blocks: RangeData[], areas: AreaData[] | null, box?: RangeBox): RegionData {
  const first = blocks[0];
  const b =
    box ??
    (first
      ? {
          r0: first.rowIndex,
          c0: first.columnIndex,
          r1: first.rowIndex + blocks.reduce((n, x) => n + x.values.length, 0) - 1,
          c1: first.columnIndex + (first.values[0]?.length ?? 0) - 1,
        }
      : EMPTY_BOX);
  const rows: RegionData["rows"] = [];
  for (const x of blocks) addRange(rows, { ...x, rowIndex: x.rowIndex - b.r0, columnIndex: x.columnIndex - b.c0 });
  return { sheet, box: b, rows, merges: areas ? toMerges(areas) : null };
}

/** After a payload failure: each region alone, large ones in row blocks, merges left out (null). */
async function readOneByOne(context: Excel.RequestContext, session: Session, regions: RegionRequest[], withMerges: boolean): Promise<RegionData[]> {
  const out: RegionData[] = [];
  for (const req of regions) {
    if (session.knowsSheets && !session.hasSheet(req.sheet)) {
      out.push(missing(req));
      continue;
    }
    try {
      out.push((await readAll(context, session, [req], withMerges))[0]);
      continue;
    } catch (e) {
      if (!isPayloadLimit(e)) throw e;
    }
    const ws = context.workbook.worksheets.getItem(session.idOf(req.sheet) ?? req.sheet);
    let box = req.box;
    if (!box) {
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      await context.sync();
      if (used.isNullObject) {
        out.push({ sheet: req.sheet, box: EMPTY_BOX, rows: [], merges: null });
        continue;
      }
      box = { r0: used.rowIndex, c0: used.columnIndex, r1: used.rowIndex + used.rowCount - 1, c1: used.columnIndex + used.columnCount - 1 };
    }
    const blocks: RangeData[] = [];
    const cols = box.c1 - box.c0 + 1;
    for (const p of planBlocks(box.r1 - box.r0 + 1, cols)) await readRows(context, ws, box.r0 + p.rowOffset, p.rowCount, box.c0, cols, blocks);
    out.push(region(req.sheet, blocks, null, box));
  }
  return out;
}

/** Rows of one block, halved until a response fits (the limit is in bytes, the plan in cells). */
async function readRows(context: Excel.RequestContext, ws: Excel.Worksheet, r0: number, rows: number, c0: number, cols: number, out: RangeData[]): Promise<void> {
  const r = ws.getRangeByIndexes(r0, c0, rows, cols);
  r.load(`rowIndex,columnIndex,${CELL_PROPS}`);
  try {
    await context.sync();
  } catch (e) {
    if (!isPayloadLimit(e) || rows === 1) throw e;
    const half = Math.ceil(rows / 2);
    await readRows(context, ws, r0, half, c0, cols, out);
    await readRows(context, ws, r0 + half, rows - half, c0, cols, out);
    return;
  }
  out.push(rangeData(r));
}
