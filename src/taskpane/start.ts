import type { UnavailableHost } from "./host";

/**
 * Deciding at start-up whether the pane can run here: office.js present and ready, inside Excel,
 * ExcelApi 1.7 (the manifest's floor) and a webview at the floor (boot-check.js's feature test).
 * Everything Office-specific arrives as a parameter, so this is tested without Office.
 */

/** The bits of the Office global this needs. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  HostType: { Excel: unknown };
  context?: { requirements?: { isSetSupported(name: string, minVersion?: string): boolean } };
}

export type StartResult = { kind: "excel"; apiVersion: string } | UnavailableHost;

/** The ExcelApi levels the add-in tells apart, highest first; 1.7 is the manifest's floor. */
export const EXCEL_API_LEVELS = ["1.20", "1.19", "1.18", "1.17", "1.14", "1.13", "1.9", "1.8", "1.7"] as const;
export const EXCEL_API_FLOOR = "1.7";

/** How long Office.onReady may take before office.js is taken to be blocked (host scripts not loading). */
export const OFFICE_READY_TIMEOUT_MS = 10_000;

export interface StartOptions {
  /** boot-check.js's verdict on the webview; false: below the floor. */
  modern: boolean;
  timeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export async function startHost(office: OfficeLike | undefined, opts: StartOptions): Promise<StartResult> {
  if (!opts.modern) return { kind: "unavailable", reason: "hostTooOld" };
  if (!office || typeof office.onReady !== "function") return { kind: "unavailable", reason: "officeJsMissing" };
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const timedOut = Symbol("timeout");
  let info: { host: unknown } | typeof timedOut;
  try {
    info = await Promise.race([
      office.onReady(),
      new Promise<typeof timedOut>((resolve) => setTimer(() => resolve(timedOut), opts.timeoutMs ?? OFFICE_READY_TIMEOUT_MS)),
    ]);
  } catch {
    return { kind: "unavailable", reason: "officeJsMissing" };
  }
  if (info === timedOut) return { kind: "unavailable", reason: "officeJsMissing" };
  if (info.host !== office.HostType.Excel) return { kind: "unavailable", reason: "outsideOffice" };
  const supported = (v: string) => {
    try {
      return Boolean(office.context?.requirements?.isSetSupported("ExcelApi", v));
    } catch {
      return false;
    }
  };
  const level = EXCEL_API_LEVELS.find(supported);
  if (!level) return { kind: "unavailable", reason: "hostTooOld" };
  return { kind: "excel", apiVersion: level };
}
