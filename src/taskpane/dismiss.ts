import type { Finding } from "../core/report/finding";

/**
 * Findings the user dismissed (已核实 with a short note). A dismissal is kept by fingerprint — rule,
 * table, place, expected and actual figures — so it stops applying, and the finding comes back,
 * as soon as the figures it was about change. Plain data, stored as JSON with the workbook (Excel
 * document settings) or, on the browser page, in localStorage under the file's content hash.
 */

export interface Dismissal {
  fingerprint: string;
  ruleId: string;
  sheet: string | null;
  cell: string | null;
  reason: "verified";
  note: string;
  /** ISO time of the decision. */
  at: string;
}

export const DISMISSALS_KEY = "budget-disclosure.dismissals";
export const MAX_NOTE = 200;

export function fingerprint(f: Finding): string {
  return JSON.stringify([f.ruleId, f.table, f.tableLabel ?? null, f.sheet, f.cell, f.expected ?? null, f.actual ?? null]);
}

export function dismiss(list: readonly Dismissal[], f: Finding, note: string, at: Date): Dismissal[] {
  const fp = fingerprint(f);
  const d: Dismissal = { fingerprint: fp, ruleId: f.ruleId, sheet: f.sheet, cell: f.cell, reason: "verified", note: note.trim().slice(0, MAX_NOTE), at: at.toISOString() };
  return [...list.filter((x) => x.fingerprint !== fp), d];
}

export function undismiss(list: readonly Dismissal[], f: Finding): Dismissal[] {
  const fp = fingerprint(f);
  return list.filter((x) => x.fingerprint !== fp);
}

/** The dismissal that applies to each finding (same order), or undefined. */
export function dismissalsFor(findings: readonly Finding[], list: readonly Dismissal[]): Array<Dismissal | undefined> {
  const byFp = new Map(list.map((d) => [d.fingerprint, d]));
  return findings.map((f) => byFp.get(fingerprint(f)));
}

/** Stored text → dismissals; anything damaged or foreign is dropped, never an error. */
export function parseDismissals(text: string | null): Dismissal[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (d): d is Dismissal =>
        !!d && typeof d === "object" && typeof (d as Dismissal).fingerprint === "string" && typeof (d as Dismissal).ruleId === "string" && typeof (d as Dismissal).note === "string",
    ).map((d) => ({ ...d, reason: "verified" as const, at: typeof d.at === "string" ? d.at : "" }));
  } catch {
    return [];
  }
}

/**
 * Keeps what is worth keeping: dismissals that still match a finding, plus older ones up to a bound
 * (a figure changed back brings its dismissal back too).
 */
export function pruneDismissals(list: readonly Dismissal[], findings: readonly Finding[], keepUnmatched = 200): Dismissal[] {
  const live = new Set(findings.map(fingerprint));
  const matched = list.filter((d) => live.has(d.fingerprint));
  const other = keepUnmatched > 0 ? list.filter((d) => !live.has(d.fingerprint)).slice(-keepUnmatched) : [];
  return [...other, ...matched];
}

/** A content hash of the file's bytes (two FNV-1a 32-bit lanes), for keying the browser page's dismissals. */
export function contentHash(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0") + bytes.length.toString(16);
}
