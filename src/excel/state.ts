import type { Session } from "./session";

/**
 * State the pane keeps in the workbook (dismissals, the fill ledger, the live switch) as document
 * settings (workbook.settings, ExcelApi 1.4): saved with the file, so it travels with it. Settings
 * read with the sheet list when the workbook was opened answer loadState without a round trip;
 * saveState keeps that copy up to date.
 */
export async function loadState(session: Session, key: string): Promise<string | null> {
  if (session.settings) return session.settings.get(key) ?? null;
  return Excel.run(async (context) => {
    const s = context.workbook.settings.getItemOrNullObject(key);
    s.load("value");
    await context.sync();
    return s.isNullObject ? null : asText(s.value);
  });
}

export async function saveState(session: Session, key: string, value: string | null): Promise<void> {
  await Excel.run(async (context) => {
    if (value !== null) context.workbook.settings.add(key, value);
    else {
      const s = context.workbook.settings.getItemOrNullObject(key);
      s.load("key");
      await context.sync();
      if (!s.isNullObject) s.delete();
    }
    await context.sync();
  });
  if (session.settings) {
    if (value === null) session.settings.delete(key);
    else session.settings.set(key, value);
  }
}

/** Settings hold any JSON value; the pane's state is text. */
export function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}
