import type { CellWrite, WriteOutcome } from "../taskpane/host";
import { heldText } from "./events";
import type { Session } from "./session";

/**
 * Writes cells for fill and revert in one batch: a first sync reads every target and its sheet's
 * protection, a second writes those that still hold what the pane expects (text format first for
 * codes). The add-in's own writes raise no ChangeEvent: runtime.enableEvents is off around them on
 * ExcelApi 1.8+; on 1.14+ their events say ThisLocalAddin anyway; on 1.7 they are announced to the
 * session with the values written, so watch() drops their events, and only theirs (OwnWrites).
 */
export async function writeCells(session: Session, writes: CellWrite[]): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: [], skipped: [] };
  if (writes.length === 0) return outcome;
  return Excel.run({ delayForCellEdit: true }, async (context) => {
    const sheets = context.workbook.worksheets;
    let names: Set<string> | null = session.knowsSheets ? new Set([...session.names.values()].map((n) => n.toLowerCase())) : null;
    const bySheet = new Map<string, CellWrite[]>();
    for (const w of writes) bySheet.set(w.sheet, [...(bySheet.get(w.sheet) ?? []), w]);

    const readTargets = async () => {
      const probes: Array<{ sheet: string; ws: Excel.Worksheet; cells: Array<{ w: CellWrite; r: Excel.Range }> }> = [];
      for (const [sheet, list] of bySheet) {
        if (names && !names.has(sheet.toLowerCase())) continue;
        const ws = sheets.getItem(sheet);
        ws.protection.load("protected");
        probes.push({ sheet, ws, cells: list.map((w) => ({ w, r: ws.getRange(w.cell).load(w.text ? "values,formulas,numberFormat" : "values,formulas") })) });
      }
      await context.sync();
      return probes;
    };
    let probes;
    try {
      probes = await readTargets();
    } catch (e) {
      if ((e as { code?: string })?.code !== "ItemNotFound") throw e;
      sheets.load("items/id,items/name");
      await context.sync();
      session.setSheets(sheets.items.map((s) => ({ id: s.id, name: s.name })));
      names = new Set(sheets.items.map((s) => s.name.toLowerCase()));
      probes = await readTargets();
    }
    const probed = new Set(probes.map((p) => p.sheet));
    for (const [sheet, list] of bySheet) if (!probed.has(sheet)) for (const w of list) outcome.skipped.push({ write: w, reason: "missingSheet" });

    const todo: Array<{ w: CellWrite; r: Excel.Range }> = [];
    for (const p of probes) {
      if (p.ws.protection.protected) {
        for (const { w } of p.cells) outcome.skipped.push({ write: w, reason: "protected" });
        continue;
      }
      for (const c of p.cells) {
        const found = heldText(c.r.values[0]?.[0], c.r.formulas[0]?.[0]);
        if (found === c.w.expect) todo.push(c);
        else outcome.skipped.push({ write: c.w, reason: "changed", found: found ?? "" });
      }
    }
    if (todo.length === 0) return outcome;

    const quiet = session.at("1.8");
    const announce = !quiet && !session.at("1.14");
    if (quiet) context.runtime.enableEvents = false;
    const written: CellWrite[] = [];
    for (const { w, r } of todo) {
      const before = w.text ? r.numberFormat?.[0]?.[0] : undefined;
      written.push(typeof before === "string" ? { ...w, formatBefore: before } : w);
      if (w.text) r.numberFormat = [["@"]];
      else if (w.format !== undefined) r.numberFormat = [[w.format]];
      r.values = [[w.value ?? ""]];
      if (announce) session.own.expect(w.sheet, w.cell, w.value === null || w.value === "" ? null : w.value, w.text || w.format !== undefined ? 2 : 1);
    }
    try {
      if (quiet) context.runtime.enableEvents = true;
      await context.sync();
    } catch (e) {
      if (announce) for (const { w } of todo) session.own.forget(w.sheet, w.cell);
      if (quiet) {
        // The batch stopped before events were turned back on: turn them on, or live checking dies.
        context.runtime.enableEvents = true;
        await context.sync().catch(() => undefined);
      }
      throw e;
    }
    outcome.written = written;
    return outcome;
  });
}
