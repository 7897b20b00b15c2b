/**
 * The start-up fast paths of two string normalisers (toHalfWidth, normaliseLine) must give what the
 * plain character-by-character versions gave, for every character: each is compared here with that
 * plain version over every BMP code unit, surrogate pairs and lone halves, and seeded random lines.
 */
import { toHalfWidth } from "../src/core/money/amount";
import { normaliseLine } from "../src/core/rules/narrative/extract";
import { prng as random } from "../scripts/sample/prng";

function plainToHalfWidth(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else if (ch === "。") out += ".";
    else out += ch;
  }
  return out;
}

const SPACE = /[\s\u3000\u00a0]/;
const ASCII_WORD = /[A-Za-z]/;
function plainHalfWidth(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  if (ch === "﹪") return "%";
  return ch;
}
function plainNormaliseLine(raw: string): { text: string; display: string } {
  const s = raw.replace(/<\/?[a-z]+>/gi, "").replace(/^#+\s*/, "");
  let text = "";
  let display = "";
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (SPACE.test(ch)) {
      let j = i;
      while (j < chars.length && SPACE.test(chars[j])) j++;
      const prev = text[text.length - 1];
      const next = chars[j];
      if (prev && next && ASCII_WORD.test(prev) && ASCII_WORD.test(next)) {
        text += " ";
        display += " ";
      }
      i = j - 1;
      continue;
    }
    const h = plainHalfWidth(ch);
    if (ch.length !== 1) continue;
    text += h;
    display += ch;
  }
  return { text, display };
}

// characters the two functions treat specially, and their neighbours
const PICKS = [..."aZ 　\u00a0\t\n\r\u2028\u1680\u2000\u200a\u200b\u202f\u205f\ufeff\u0085１２．，％﹪。（）“”一般公共服务支出万元3.5#<b></b>", "\ud83d\ude00", "\ud83d", "\ude00", "\uff01", "\uff5e", "\uff00", "\uff5f"];

/** The inputs where `fast` and `plain` differ (at most 5), so that a failure names them. */
function differences<T>(inputs: Iterable<string>, fast: (s: string) => T, plain: (s: string) => T): { input: string; fast: T; plain: T }[] {
  const out: { input: string; fast: T; plain: T }[] = [];
  for (const s of inputs) {
    const a = fast(s);
    const b = plain(s);
    if (JSON.stringify(a) !== JSON.stringify(b) && out.length < 5) out.push({ input: s, fast: a, plain: b });
  }
  return out;
}

function* everyCodeUnit(wrap: (ch: string) => string[]): Generator<string> {
  for (let c = 0; c < 0x10000; c++) yield* wrap(String.fromCharCode(c));
}

describe("start-up fast paths of the string normalisers", () => {
  test("toHalfWidth: every BMP code unit, alone and between other characters, as the plain version", () => {
    expect(differences(everyCodeUnit((ch) => [ch, `a${ch}1`, `一${ch}${ch}`]), toHalfWidth, plainToHalfWidth)).toEqual([]);
    expect(toHalfWidth("１２，３４５．６")).toBe("12,345.6");
    expect(toHalfWidth("一般公共服务")).toBe("一般公共服务");
  });

  test("normaliseLine: every BMP code unit between Latin letters and between Chinese, as the plain version", () => {
    expect(differences(everyCodeUnit((ch) => [ch, `a${ch}b`, `一${ch}般`, `${ch}${ch}x`]), normaliseLine, plainNormaliseLine)).toEqual([]);
    expect(normaliseLine("一\n般公共服务 支出 Excel  file ３．５万元\ud83d\ude00")).toEqual({
      text: "一般公共服务支出Excel file3.5万元",
      display: "一般公共服务支出Excel file３．５万元",
    });
  });

  test("normaliseLine: 20,000 seeded random lines, as the plain version", () => {
    const next = random(11);
    const lines: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const len = Math.floor(next() * 24);
      let s = "";
      for (let i = 0; i < len; i++) s += next() < 0.8 ? PICKS[Math.floor(next() * PICKS.length)] : String.fromCharCode(Math.floor(next() * 0x10000));
      lines.push(s);
    }
    expect(differences(lines, normaliseLine, plainNormaliseLine)).toEqual([]);
  });
});
