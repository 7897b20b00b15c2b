/** Row labels the way the recognition contract normalises them (numbering and spaces removed, brackets half-width). */
export function normaliseLabel(name: string): string {
  let s = name.replace(/[\s\u3000\u00a0]/g, "");
  s = s.replace(/^[一二三四五六七八九十]+[、.．]/, "");
  s = s.replace(/^[（(][一二三四五六七八九十\d]+[)）]/, "");
  s = s.replace(/^[①②③④⑤⑥⑦⑧⑨⑩]/, "");
  s = s.replace(/^\d+[.、．](?!\d)/, "");
  return s.replace(/（/g, "(").replace(/）/g, ")");
}

/** Totals named in the standard tables; the label is the total's kind. */
export const TOTAL_LABELS = new Set([
  "合计", "本年收入合计", "本年支出合计", "上年结转", "年终结转", "收入总计", "支出总计",
  "上年财政拨款结转", "部门合计", "单位合计",
]);

/** One level of indentation for names without codes: two ideographic spaces (款 one level, 项 two). */
export const INDENT_UNIT = "\u3000\u3000";
