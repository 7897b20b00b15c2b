/**
 * Display width in a terminal (East Asian Width): Wide and Fullwidth characters (CJK ideographs,
 * kana, Hangul, full-width forms such as ，：（）) take two columns, the rest one. The ranges are
 * those of is-fullwidth-code-point (the table string-width uses); kept here, a dozen lines, rather
 * than a dependency, because the core must also run in the browser bundle.
 */
export function displayWidth(s: string): number {
  let w = 0;
  // by index, a code point at a time (for…of made a string and an iterator result per character)
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c < 0x20 || (c >= 0x300 && c <= 0x36f) || c === 0x200b) continue; // control and combining marks
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      c === 0x2329 ||
      c === 0x232a ||
      (c >= 0x2e80 && c <= 0x3247 && c !== 0x303f) ||
      (c >= 0x3250 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0xa4c6) ||
      (c >= 0xa960 && c <= 0xa97c) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe10 && c <= 0xfe19) ||
      (c >= 0xfe30 && c <= 0xfe6b) ||
      (c >= 0xff01 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1b000 && c <= 0x1b001) ||
      (c >= 0x1f200 && c <= 0x1f251) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

/** `s` padded with spaces to `width` display columns. */
export function padEnd(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

/** Lines of cells with each column as wide as its widest cell, two spaces apart, no trailing blanks. */
export function alignColumns(rows: string[][], sep = "  "): string[] {
  const n = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: n }, (_, i) => Math.max(0, ...rows.map((r) => (i < r.length - 1 ? displayWidth(r[i]) : 0))));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? padEnd(c, widths[i]) : c)).join(sep).trimEnd());
}
