/**
 * Subject-name normalisation. Names in real workbooks differ from the catalogue in ways that do not
 * change their meaning: full-width letters and brackets, spaces and full-width indentation, list
 * numbering (一、 (一) ① 1.), a dropped 支出 suffix, truncation by a narrow column. Matching compares
 * keys built here, never the raw text, so the catalogue and the workbook meet half-way.
 */

/** Brackets of every width and shape, mapped to ASCII parentheses. */
const BRACKETS: Record<string, string> = {
  "（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")", "［": "(", "］": ")",
  "〔": "(", "〕": ")", "｛": "(", "｝": ")", "{": "(", "}": ")", "〈": "(", "〉": ")",
};

/** Characters rewritten by normaliseName: brackets of any shape and the full-width ASCII block. */
const WIDE = /[\uff01-\uff5e【】\[\]〔〕{}〈〉]/g;

/** Leading list numbering: 一、 / 二十三、 / (一) / （十） / ① / 1. / 1、 / 1） */
const NUMBERING =
  /^(?:[一二三四五六七八九十百]+[、．.]|\([一二三四五六七八九十百]+\)|[①-⑳]|\d{1,2}[、．.)](?!\d))/;

/** Quotes that come in several forms (“三公” / "三公"). */
const QUOTES = /[“”"‘’'「」『』]/g;

/**
 * The comparison key of a name: full-width ASCII to half-width, every bracket to (), all white space
 * (ASCII, ideographic U+3000, no-break) removed, leading numbering removed, quotes removed.
 * "　　（一）维修（护）费 " → "维修(护)费".
 */
export function normaliseName(s: string): string {
  // One pass of regex replacements: this runs for every row of every table, so no per-character loop.
  let out = s.replace(WIDE, (ch) => BRACKETS[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  out = out.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, "").replace(QUOTES, "");
  // Numbering is only stripped once, and never when it would leave nothing (a name "1." stays).
  const m = NUMBERING.exec(out);
  if (m && m[0].length < out.length) out = out.slice(m[0].length);
  // A full stop or colon typed after a name carries no meaning.
  return out.replace(/[。.:：;；,，]+$/, "");
}

/**
 * A looser key for names that differ by a conventional suffix: the trailing 支出 is dropped
 * (机关事业单位基本养老保险缴费支出 → …缴费, 其他财政事务支出 → 其他财政事务), and the "…其他支出" form
 * is turned into "其他…" (财政事务其他支出 → 其他财政事务). Equal loose keys mean "same name, different
 * wording" — never proof on their own when several catalogue entries share the key.
 */
export function looseKey(s: string): string {
  return looseKeyOfNormalised(normaliseName(s));
}

/** looseKey for a name already passed through normaliseName. */
export function looseKeyOfNormalised(normalised: string): string {
  let k = normalised;
  const other = /^(.+)其他支出$/.exec(k);
  if (other && !other[1].startsWith("其他")) k = `其他${other[1]}`;
  // Keep a bare "支出" or a name made only of it; stripping it would merge unrelated entries.
  if (k.length > 2 && k.endsWith("支出")) k = k.slice(0, -2);
  // 缴费 / 费用 variants: 其他交通费用 vs 其他交通费 (seen in exports).
  if (k.length > 3 && k.endsWith("费用")) k = k.slice(0, -1);
  return k;
}

/** Shortest normalised text accepted as a truncated name: shorter prefixes match too much. */
export const MIN_PREFIX_LENGTH = 4;

/**
 * True when `short` looks like `full` cut off by a narrow column: its key is a proper prefix of the
 * full key and long enough to mean something (机关事业单位基本养老保险缴费支 ⊂ …缴费支出).
 */
export function isTruncationOf(short: string, full: string): boolean {
  const a = normaliseName(short);
  const b = normaliseName(full);
  return a.length >= MIN_PREFIX_LENGTH && a.length < b.length && b.startsWith(a);
}

/** How two names relate, from the strictest to the loosest. */
export type NameRelation = "same" | "normalised" | "loose" | "truncated" | "different";

export function compareNames(written: string, catalogueName: string): NameRelation {
  if (written.trim() === catalogueName) return "same";
  if (normaliseName(written) === normaliseName(catalogueName)) return "normalised";
  if (looseKey(written) === looseKey(catalogueName)) return "loose";
  if (isTruncationOf(written, catalogueName)) return "truncated";
  return "different";
}

/**
 * Sorted keys with a binary-searched prefix range, so that truncated names are looked up in
 * O(log n + matches) instead of scanning the catalogue for every row.
 */
export class PrefixIndex<T> {
  private readonly keys: string[];
  private readonly values: T[][];

  constructor(entries: Iterable<[string, T]>) {
    const byKey = new Map<string, T[]>();
    for (const [k, v] of entries) {
      const list = byKey.get(k);
      if (list) list.push(v);
      else byKey.set(k, [v]);
    }
    this.keys = [...byKey.keys()].sort();
    this.values = this.keys.map((k) => byKey.get(k) as T[]);
  }

  /** Values whose key starts with `prefix` and is longer than it. */
  startingWith(prefix: string): T[] {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < this.keys.length && this.keys[i].startsWith(prefix); i++) {
      if (this.keys[i].length > prefix.length) out.push(...this.values[i]);
    }
    return out;
  }
}
