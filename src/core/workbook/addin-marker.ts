import type { SheetSnapshot } from "./snapshot";

/**
 * Sheets the add-in itself writes into a workbook (src/core/publish/addin-sheets.ts) start with a
 * marker row whose A1 holds one of these exactly. Recognition skips such a sheet whole, so a check
 * after writing one gives the findings it gave before.
 */
export const SHEET_MARKERS = {
  package: "#budget-disclosure:package",
  charts: "#budget-disclosure:charts",
} as const;

export type AddinSheetKind = keyof typeof SHEET_MARKERS;

/** Which add-in sheet this is, from its A1, or null for any other sheet. */
export function addinSheetKind(sheet: Pick<SheetSnapshot, "rows">): AddinSheetKind | null {
  const v = sheet.rows[0]?.[0]?.v;
  if (typeof v !== "string") return null;
  for (const k of Object.keys(SHEET_MARKERS) as AddinSheetKind[]) if (v === SHEET_MARKERS[k]) return k;
  return null;
}
