/**
 * The catalogue CSV splitter takes ordinary characters a run at a time (speed of a 100,000-line
 * --catalogue); it must split exactly as the character-by-character version did: compared here on
 * seeded random texts made of the characters that matter (separators, quotes, CR/LF, tabs) and others.
 */
import { splitCsv } from "../src/core/catalogue/user-edition";
import { cleanCode } from "../src/core/catalogue/codes";
import { prng as random } from "../scripts/sample/prng";

function plainSplitCsv(text: string): { rows: string[][]; lines: number[] } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      lines.push(rowLine);
      row = [];
      field = "";
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, lines };
}

function plainCleanCode(raw: unknown): string {
  if (raw === null || raw === undefined) return "";
  if (typeof raw === "number") return String(raw);
  let out = "";
  for (const ch of String(raw)) {
    const c = ch.charCodeAt(0);
    out += c >= 0xff10 && c <= 0xff19 ? String.fromCharCode(c - 0xfee0) : ch;
  }
  return out.replace(/[\s\u3000\u00a0\ufeff]+/g, "");
}

const PICKS = [",", ",", "\t", '"', '"', '""', "\n", "\r", "\r\n", " ", "2", "0", "1", "０", "一般公共服务支出", "a", "\u3000"];

describe("catalogue CSV: split a run at a time, as character by character", () => {
  test("30,000 seeded random texts split alike (rows, fields and line numbers)", () => {
    const next = random(7);
    const differ: string[] = [];
    for (let k = 0; k < 30000; k++) {
      const len = Math.floor(next() * 30);
      let s = "";
      for (let i = 0; i < len; i++) s += PICKS[Math.floor(next() * PICKS.length)];
      if (JSON.stringify(splitCsv(s)) !== JSON.stringify(plainSplitCsv(s)) && differ.length < 5) differ.push(s);
    }
    expect(differ).toEqual([]);
  });

  test("a quoted field with a line break, a doubled quote and a quote inside a field", () => {
    const text = '科目编码,科目名称\n201,"一般公共\n服务支出"\n20101,"人大""事务"""\n2010101,行政"运行\n';
    expect(splitCsv(text)).toEqual(plainSplitCsv(text));
    expect(splitCsv(text).rows).toEqual([
      ["科目编码", "科目名称"],
      ["201", "一般公共\n服务支出"],
      ["20101", '人大"事务"'],
      ["2010101", '行政"运行'],
    ]);
    expect(splitCsv(text).lines).toEqual([1, 2, 4, 5]);
  });

  test("cleanCode: ASCII digits as they are, anything else as before", () => {
    const next = random(3);
    const differ: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let s = "";
      const len = Math.floor(next() * 8);
      for (let i = 0; i < len; i++) s += PICKS[Math.floor(next() * PICKS.length)];
      if (cleanCode(s) !== plainCleanCode(s) && differ.length < 5) differ.push(s);
    }
    expect(differ).toEqual([]);
    expect(cleanCode("2010101")).toBe("2010101");
    expect(cleanCode(" ２０１ ")).toBe("201");
  });
});
