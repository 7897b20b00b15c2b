/**
 * The simulator as office.js, for the real taskpane.html in a browser test: defines Office, Excel
 * and OfficeExtension over a workbook fetched from `xlsx=` (read with the project's .xlsx reader)
 * at the ExcelApi level `api=` (taskpane.html?api=1.7&xlsx=/__sim/book.xlsx), or as set in
 * `window.__excelSimConfig` before this script runs. The test drives it through `window.__excelSim`.
 *
 * Excel keeps the workbook while the pane reloads: the simulated workbook (cells and settings) is
 * kept in sessionStorage when the page goes and taken up again when it comes back.
 */
import { readWorkbookBytes } from "../../src/io/xlsx-read";
import { createSimulator, type Simulator, SimModel, versionAtLeast } from "./index";

interface SimPageConfig {
  api: string;
  xlsx: string;
  payloadLimit?: number;
  /** Milliseconds per round trip (`latency=`), see SimConfig.latencyMs. */
  latencyMs?: number;
  /** Keep the workbook across reloads (default on). */
  persist?: boolean;
}

declare global {
  interface Window {
    __excelSimConfig?: Partial<SimPageConfig>;
    __excelSim?: Simulator & { ready: Promise<void>; error?: string };
  }
}

const q = new URLSearchParams(location.search);
const config: SimPageConfig = {
  api: q.get("api") ?? window.__excelSimConfig?.api ?? "1.13",
  xlsx: q.get("xlsx") ?? window.__excelSimConfig?.xlsx ?? "/__sim/book.xlsx",
  payloadLimit: q.get("payloadLimit") ? Number(q.get("payloadLimit")) : window.__excelSimConfig?.payloadLimit,
  latencyMs: q.get("latency") ? Number(q.get("latency")) : window.__excelSimConfig?.latencyMs,
  persist: (q.get("persist") ?? String(window.__excelSimConfig?.persist ?? true)) !== "false",
};
const STORE = `excel-sim:${config.xlsx}`;

let resolveReady!: () => void;
const ready = new Promise<void>((r) => (resolveReady = r));
let sim: Simulator | null = null;

async function load(): Promise<void> {
  const res = await fetch(config.xlsx);
  if (!res.ok) throw new Error(`simulator: cannot fetch ${config.xlsx}: ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const name = decodeURIComponent(config.xlsx.split("/").pop() ?? "book.xlsx");
  const model = new SimModel(readWorkbookBytes(bytes, name));
  const saved = config.persist ? sessionStorage.getItem(STORE) : null;
  if (saved) model.importState(saved);
  sim = createSimulator(model, { apiVersion: config.api, payloadLimit: config.payloadLimit, latencyMs: config.latencyMs });
  // The pane may have kept a reference to the Office object it found at start: fill that object in.
  Object.assign(officeStub, sim.globals.Office as object);
  Object.assign(excelStub, sim.globals.Excel as object);
  Object.assign(window, { OfficeExtension: sim.globals.OfficeExtension });
  window.__excelSim = Object.assign(sim, { ready });
  if (config.persist) window.addEventListener("pagehide", () => sessionStorage.setItem(STORE, model.exportState()));
}

/**
 * Until the workbook is there, Office.onReady waits and Excel.run waits; the level is known at
 * once (isSetSupported answers from the query), as office.js knows it before onReady.
 */
type Info = { host: string; platform: string };
const officeStub: Record<string, unknown> = {
  onReady(cb?: (info: Info) => void): Promise<Info> {
    return ready.then(() => (sim!.globals.Office as { onReady(cb?: (info: Info) => void): Promise<Info> }).onReady(cb));
  },
  HostType: { Excel: "Excel" },
  context: { host: "Excel", requirements: { isSetSupported: (name: string, v?: string) => name === "ExcelApi" && (v === undefined || versionAtLeast(config.api, v)) } },
};
const excelStub: Record<string, unknown> = {
  run: (...args: unknown[]) => ready.then(() => (sim!.globals.Excel as { run(...a: unknown[]): Promise<unknown> }).run(...args)),
};
Object.assign(window, { Office: officeStub, Excel: excelStub });
load().then(resolveReady, (e) => {
  console.error(e);
  (window as unknown as { __excelSimError: string }).__excelSimError = String(e);
});
