import type { WatchHandlers } from "../taskpane/host";
import { heldText, toChangeEvent, type ChangedArgs, type OwnWrite } from "./events";
import { queueWhole, wholeRegion } from "./regions";
import type { Session } from "./session";

/**
 * Listens to the workbook for the pane: cell changes (the worksheet collection's onChanged on
 * ExcelApi 1.9+, each sheet's onChanged on 1.7, sheets added later included), sheets added and
 * deleted (1.7), renamed (1.17; older hosts: noticed with the next burst's read, regions.ts), and the
 * selection (collection 1.9+, per sheet on 1.7). The add-in's own writes are dropped here:
 * triggerSource "ThisLocalAddin" (1.14), or matched against the cells and values it just wrote,
 * checked with one read (1.7; 1.8+ turns events off while writing). One sync registers everything when the sheet list is known; the
 * returned function removes every handler through the context they were added with.
 */
/** "表一!A3" → "A3". */
const cellOf = (address: string) => address.slice(address.lastIndexOf("!") + 1);

export async function watch(session: Session, handlers: WatchHandlers): Promise<() => Promise<void>> {
  const results: OfficeExtension.EventHandlerResult<unknown>[] = [];
  /** Per-sheet handlers on 1.7, by sheet id, to forget them when the sheet goes. */
  const perSheet = new Map<string, OfficeExtension.EventHandlerResult<unknown>[]>();
  const collectionWide = session.at("1.9");
  let context!: Excel.RequestContext;

  /**
   * ExcelApi 1.7: an event in a cell the add-in just wrote is ours only if the cell holds what we
   * wrote (OwnWrites). Such events wait here, with every change event after them (their order is
   * kept), until one read of those cells settles them.
   */
  const held: Array<{ args: ChangedArgs; sheet: string; own: OwnWrite | null }> = [];
  const settleHeld = async () => {
    const batch = held.slice();
    const suspects = batch.filter((h) => h.own);
    let values: Array<string | null | undefined> = [];
    try {
      values = await Excel.run(context, async (ctx) => {
        const ranges = suspects.map((h) => ctx.workbook.worksheets.getItem(h.args.worksheetId).getRange(cellOf(h.args.address)).load("values,formulas"));
        await ctx.sync();
        return ranges.map((r) => heldText(r.values[0]?.[0], r.formulas[0]?.[0]));
      });
    } catch {
      values = suspects.map(() => undefined); // the sheet went: not ours to drop
    }
    const verdict = new Map(suspects.map((h, i) => [h, values[i] !== undefined && session.own.settle(h.own!, values[i] ?? null)]));
    held.splice(0, batch.length);
    for (const h of batch) if (!verdict.get(h)) session.emit?.(toChangeEvent(h.args, h.sheet));
    // Events that came during the read: their turn now.
    if (held.length) setTimeout(() => void settleHeld(), 0);
  };
  const onChanged = async (e: Excel.WorksheetChangedEventArgs) => {
    const args = e as unknown as ChangedArgs;
    if (args.triggerSource === "ThisLocalAddin") return;
    session.added.delete(args.worksheetId);
    const sheet = session.names.get(args.worksheetId);
    if (sheet === undefined) return;
    const own = session.at("1.14") ? null : session.own.candidate(sheet, args.address);
    if (own || held.length) {
      held.push({ args, sheet, own });
      // Events of one batch arrive together: settled after them, in one read.
      if (held.length === 1) setTimeout(() => void settleHeld(), 0);
      return;
    }
    session.emit?.(toChangeEvent(args, sheet));
  };
  const onSelection = async (e: Excel.WorksheetSelectionChangedEventArgs) => {
    const sheet = session.names.get(e.worksheetId);
    if (sheet !== undefined) handlers.onSelection?.(sheet, e.address);
  };
  const subscribeSheet = (ws: Excel.Worksheet, id: string | null) => {
    const list = [ws.onChanged.add(onChanged), ws.onSelectionChanged.add(onSelection)];
    results.push(...list);
    if (id) perSheet.set(id, list);
    return list;
  };
  const onAdded = async (e: Excel.WorksheetAddedEventArgs) => {
    // The new sheet's name (and on 1.7 its own handlers) through the watching context, so that
    // the remover can take them away with the others.
    // Its content comes in the same round trip (a copied sheet arrives full), kept for the pane's read.
    let name: string;
    try {
      name = await Excel.run(context, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(e.worksheetId);
        ws.load("name");
        if (!collectionWide) subscribeSheet(ws, e.worksheetId);
        const q = queueWhole(ctx, ws, session.at("1.13"));
        try {
          await ctx.sync();
        } catch {
          ws.load("name"); // too large to come with the name: the pane reads it
          await ctx.sync();
          return ws.name;
        }
        session.added.set(e.worksheetId, { name: ws.name, data: wholeRegion(q, ws.name, session.at("1.13")), until: Date.now() + 10_000 });
        return ws.name;
      });
    } catch {
      return; // deleted again before we asked: its onDeleted follows
    }
    session.names.set(e.worksheetId, name);
    session.emit?.({ kind: "sheetAdded", sheet: name });
  };
  const onDeleted = async (e: Excel.WorksheetDeletedEventArgs) => {
    const name = session.names.get(e.worksheetId);
    session.names.delete(e.worksheetId);
    // Handlers of a deleted sheet went with it: nothing to remove later.
    const gone = perSheet.get(e.worksheetId);
    if (gone) for (const r of gone) results.splice(results.indexOf(r), 1);
    perSheet.delete(e.worksheetId);
    if (name !== undefined) session.emit?.({ kind: "sheetDeleted", sheet: name });
  };
  const onRenamed = async (e: { worksheetId: string; nameBefore: string; nameAfter: string }) => {
    session.names.set(e.worksheetId, e.nameAfter);
    session.emit?.({ kind: "sheetRenamed", sheet: e.nameAfter, from: e.nameBefore });
  };

  await Excel.run(async (ctx) => {
    context = ctx;
    const sheets = ctx.workbook.worksheets;
    const known = [...session.names];
    if (!collectionWide && known.length === 0) {
      sheets.load("items/id,items/name");
      await ctx.sync();
      session.setSheets(sheets.items.map((s) => ({ id: s.id, name: s.name })));
      known.push(...session.names);
    }
    sheets.load("items/id,items/name");
    if (collectionWide) {
      results.push(sheets.onChanged.add(onChanged), sheets.onSelectionChanged.add(onSelection));
    } else {
      for (const [id] of known) subscribeSheet(sheets.getItem(id), id);
    }
    results.push(sheets.onAdded.add(onAdded), sheets.onDeleted.add(onDeleted));
    if (session.at("1.17")) results.push(sheets.onNameChanged.add(onRenamed as never));
    await ctx.sync();
    session.setSheets(sheets.items.map((s) => ({ id: s.id, name: s.name })));
    // A sheet added between the read and now (1.7): subscribe it too.
    if (!collectionWide) {
      const missed = sheets.items.filter((s) => !perSheet.has(s.id));
      for (const s of missed) subscribeSheet(sheets.getItem(s.id), s.id);
      if (missed.length) await ctx.sync();
    }
  });
  session.emit = (e) => handlers.onChange(e);

  return async () => {
    session.emit = null;
    if (results.length === 0) return;
    await Excel.run(context, async (ctx) => {
      for (const r of results) r.remove();
      results.length = 0;
      await ctx.sync();
    });
  };
}
