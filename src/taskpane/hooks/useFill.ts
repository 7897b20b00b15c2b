import * as React from "react";
import { describeError } from "../../excel/errors";
import type { Engine } from "../engine";
import { downloadBytes } from "../export";
import type { PaneHost } from "../host";
import type { I18n, Lang } from "../i18n";
import { LEDGER_KEY, afterRevert, fillWrites, recordFill, revertWrites, type FillLedger } from "../ledger";
import type { LiveController } from "../live";
import { sheetAddress } from "../model";
import type { PlannedFill } from "../view";

type Notice = { intent: "success" | "error" | "warning"; text: string } | null;

/**
 * 填写编码 and 撤销填写: the fill plan shown, the ledger of what was written (kept in the workbook),
 * and the writes themselves — into Excel (its own writes re-checked once by the live controller, or
 * by a check when live checking is off), or, on the browser page, a corrected copy downloaded.
 */
export function useFill({
  host,
  getEngine,
  picked,
  live,
  setNotice,
  runCheck,
  t,
  lang,
}: {
  host: PaneHost;
  getEngine: () => Promise<Engine>;
  picked: { name: string } | null;
  live: React.MutableRefObject<LiveController | null>;
  setNotice: (n: Notice) => void;
  runCheck: () => Promise<void>;
  t: I18n["t"];
  lang: Lang;
}) {
  const [fill, setFill] = React.useState<PlannedFill[] | null>(null);
  const [ledger, setLedger] = React.useState<FillLedger | null>(null);
  const [writing, setWriting] = React.useState(false);

  const openFill = async () => {
    try {
      setFill(await (await getEngine()).call("fillPlan", {}));
    } catch (e) {
      setNotice({ intent: "error", text: describeError(e, lang).message });
    }
  };

  const cellsText = (cells: Array<{ sheet: string; cell: string }>) =>
    cells
      .slice(0, 8)
      .map((c) => sheetAddress(c.sheet, c.cell))
      .join("、") + (cells.length > 8 ? "…" : "");

  const applyFill = async (ticked: PlannedFill[]) => {
    setWriting(true);
    try {
      if (host.kind === "browser") {
        const engine = await getEngine();
        const bytes = await engine.call("patch", { edits: ticked.map((c) => ({ sheet: c.sheet, cell: c.cell, value: c.after })) });
        const base = (picked?.name ?? "workbook").replace(/\.(xlsx|xlsm)$/i, "");
        const name = `${base}-已填写编码.xlsx`;
        downloadBytes(name, bytes);
        setNotice({ intent: "success", text: t("fillDownloaded", { name }) });
        setFill(null);
        return;
      }
      if (host.kind !== "excel") return;
      const writes = fillWrites(ticked);
      const c = live.current;
      const outcome = c ? await c.whileWriting(() => host.writeCells(writes), writes) : await host.writeCells(writes);
      const next = recordFill(ledger, outcome, new Date());
      setLedger(next);
      await host.saveState(LEDGER_KEY, next ? JSON.stringify(next) : null);
      const skipped = outcome.skipped.map((x) => x.write);
      setNotice({
        intent: skipped.length ? "warning" : "success",
        text: t("fillDone", { n: outcome.written.length }) + (skipped.length ? " " + t("fillSkipped", { n: skipped.length, cells: cellsText(skipped) }) : ""),
      });
      setFill(null);
      if (!c) await runCheck();
    } catch (e) {
      setNotice({ intent: "error", text: describeError(e, lang).message });
    } finally {
      setWriting(false);
    }
  };

  const revertFill = async () => {
    if (host.kind !== "excel" || !ledger) return;
    setWriting(true);
    try {
      const writes = revertWrites(ledger);
      const c = live.current;
      const outcome = c ? await c.whileWriting(() => host.writeCells(writes), writes) : await host.writeCells(writes);
      const { report, ledger: rest } = afterRevert(ledger, outcome);
      setLedger(rest);
      await host.saveState(LEDGER_KEY, rest ? JSON.stringify(rest) : null);
      setNotice({
        intent: report.left.length ? "warning" : "success",
        text: t("fillReverted", { n: report.restored.length }) + (report.left.length ? " " + t("fillLeft", { n: report.left.length, cells: cellsText(report.left) }) : ""),
      });
      if (!c) await runCheck();
    } catch (e) {
      setNotice({ intent: "error", text: describeError(e, lang).message });
    } finally {
      setWriting(false);
    }
  };

  return { fill, setFill, ledger, setLedger, writing, openFill, applyFill, revertFill };
}
