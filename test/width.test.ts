import { displayWidth } from "../src/core/report/width";

/** The width as it was computed before (for…of, a code point at a time). */
function reference(s: string): number {
  let w = 0;
  for (const ch of s) w += displayWidth(ch);
  return w;
}

describe("displayWidth by index", () => {
  test("fixed cases: ASCII, CJK, full-width forms, combining marks, astral characters, lone surrogates", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("预算公开")).toBe(8);
    expect(displayWidth("，：（）")).toBe(8);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("\u200b\u0007")).toBe(0);
    expect(displayWidth("𠀀")).toBe(2); // U+20000, a surrogate pair: one wide character
    expect(displayWidth("😀")).toBe(1);
    expect(displayWidth("\ud800")).toBe(1);
    expect(displayWidth("a\udc00\ud840")).toBe(3);
  });

  test("random strings: the sum of their characters' widths", () => {
    const units = [0x41, 0x4e2d, 0xff0c, 0x301, 0x200b, 0x7, 0xd840, 0xdc00, 0xd83d, 0xde00, 0xac00, 0x20];
    let seed = 5;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const s = String.fromCharCode(...Array.from({ length: rnd(12) }, () => units[rnd(units.length)]));
      expect(displayWidth(s)).toBe(reference(s));
    }
  });
});
