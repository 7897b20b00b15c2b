/**
 * startHost: the pane's decision at start-up, with a stand-in for the Office global (the Office.js
 * boundary is the one place the project allows a fake).
 */
import { EXCEL_API_LEVELS, startHost, type OfficeLike } from "../src/taskpane/start";

function office(opts: { host?: unknown; ready?: "never" | "reject"; maxApi?: number; noRequirements?: boolean }): OfficeLike {
  return {
    HostType: { Excel: "Excel" },
    onReady: () =>
      opts.ready === "never" ? new Promise(() => undefined) : opts.ready === "reject" ? Promise.reject(new Error("x")) : Promise.resolve({ host: "host" in opts ? opts.host : "Excel" }),
    context: opts.noRequirements
      ? {}
      : { requirements: { isSetSupported: (name: string, v?: string) => name === "ExcelApi" && Number(v!.split(".")[1]) <= (opts.maxApi ?? 0) } },
  };
}
const now = (fn: () => void) => void setImmediate(fn);

test.each([
  ["an old webview (boot check failed)", undefined, false, { kind: "unavailable", reason: "hostTooOld" }],
  ["no office.js at all", undefined, true, { kind: "unavailable", reason: "officeJsMissing" }],
  ["Office.onReady never resolves", office({ ready: "never" }), true, { kind: "unavailable", reason: "officeJsMissing" }],
  ["Office.onReady rejects", office({ ready: "reject" }), true, { kind: "unavailable", reason: "officeJsMissing" }],
  ["outside Office (host null)", office({ host: null }), true, { kind: "unavailable", reason: "outsideOffice" }],
  ["inside Word", office({ host: "Word" }), true, { kind: "unavailable", reason: "outsideOffice" }],
  ["Excel 2016 (ExcelApi 1.6)", office({ maxApi: 6 }), true, { kind: "unavailable", reason: "hostTooOld" }],
  ["no requirements object", office({ noRequirements: true }), true, { kind: "unavailable", reason: "hostTooOld" }],
  ["Excel 2019 (ExcelApi 1.7)", office({ maxApi: 7 }), true, { kind: "excel", apiVersion: "1.7" }],
  ["ExcelApi 1.12 reports 1.9", office({ maxApi: 12 }), true, { kind: "excel", apiVersion: "1.9" }],
  ["Excel 2021 (ExcelApi 1.14)", office({ maxApi: 14 }), true, { kind: "excel", apiVersion: "1.14" }],
  ["Microsoft 365", office({ maxApi: 99 }), true, { kind: "excel", apiVersion: EXCEL_API_LEVELS[0] }],
] as const)("%s", async (_name, o, modern, expected) => {
  expect(await startHost(o, { modern, timeoutMs: 1, setTimer: now })).toEqual(expected);
});
