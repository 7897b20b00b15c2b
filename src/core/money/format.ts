/** Number formats, read without decimal.js (the pane's sheet preview uses this). */

/**
 * Excel shows at most 30 decimals; a format or text claiming more (a damaged or hand-made file) is
 * read as 30, so that no formatting downstream (Number#toFixed throws past 100) can fail on it.
 */
export const MAX_DECIMALS = 30;

const formatCache = new Map<string, number | null>();

/** Decimals shown by a number format such as "0.00", "#,##0.00_ ", "0.00;[Red]-0.00". Null when the format does not fix them. */
export function formatDecimals(z: string | undefined): number | null {
  if (!z) return null;
  let d = formatCache.get(z);
  if (d === undefined) {
    d = computeFormatDecimals(z);
    if (formatCache.size < 1000) formatCache.set(z, d);
  }
  return d;
}

function computeFormatDecimals(z: string): number | null {
  const first = z.split(";")[0].replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  if (/general/i.test(first) || first === "@") return null;
  if (!/[0#?]/.test(first)) return null;
  const m = /\.([0#?]+)/.exec(first);
  return m ? Math.min(m[1].length, MAX_DECIMALS) : 0;
}

