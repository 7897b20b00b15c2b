/**
 * indentedJsonBytes (a batch's --format json, as bytes) against what it replaces: the UTF-8 of
 * indentedJson, i.e. JSON.stringify(doc, null, 2) as it sits in `{ "files": [ … ] }`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse, packageOf } from "../src/core/analyse";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { indentedJson, indentedJsonBytes } from "../src/node/batch";
import { nodeSha256 } from "../src/node/hash";
import { buildSampleWorkbook } from "../scripts/sample/build";

const SAMPLE = join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");

function expectSame(doc: unknown): void {
  const bytes = indentedJsonBytes(doc);
  const want = Buffer.from(indentedJson(doc), "utf8");
  // compared as text first (a readable failure), then byte for byte
  expect(Buffer.from(bytes!).toString("utf8")).toBe(want.toString("utf8"));
  expect(Buffer.compare(Buffer.from(bytes!), want)).toBe(0);
}

describe("indentedJsonBytes gives the bytes of indentedJson", () => {
  test.each([
    ["the sample", async () => new Uint8Array(readFileSync(SAMPLE))],
    ["a sample with errors", async () => new Uint8Array(await buildSampleWorkbook({ edits: [{ table: "T03", row: "2010607", column: "total", value: 100.5 }] }))],
  ])("%s: its sealed package and its unsealed one", async (_name, bytes) => {
    const b = await bytes();
    const analysis = analyse(readWorkbookBytes(b, "x.xlsx"));
    expectSame(packageOf(analysis, { sourceSha256: "ab".repeat(32), seal: true, sha256: nodeSha256 }));
    expectSame(packageOf(analysis, { seal: false }));
  });

  test("strings: escapes, control characters, surrogate pairs and lone surrogates, CJK, long strings", () => {
    const strings = ['"', "\\", "\b\f\n\r\t", "\u0000\u0001\u001f\u007f", "é中文€", "😀", "\ud800", "x\udc00y", "\udbff\udfff", "a\ud83d", "\u2028\u2029", "中".repeat(50000), "/"];
    expectSame(strings);
    expectSame(Object.fromEntries(strings.map((s, i) => [s, i])));
  });

  test("what JSON.stringify leaves out or writes as null, empty containers, numbers, key order", () => {
    expectSame({
      a: undefined,
      b: () => 1,
      c: Symbol("s"),
      d: [undefined, () => 1, Symbol("t"), null],
      e: [],
      f: {},
      g: { x: undefined },
      h: [[], [{}], [[]]],
      n: [0, -0, 1.5, -2e-7, 1e21, 123456789012345680000, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE],
      t: [true, false, null],
      "2": "integer keys come first",
      "1": "in ascending order",
    });
    const holey = [1, , 3]; // eslint-disable-line no-sparse-arrays
    expectSame(holey);
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = "v";
    expectSame({ bare });
    for (const top of [null, true, 0, "s", [], {}]) expectSame(top);
  });

  test("random documents", () => {
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const chars = ["a", "中", '"', "\\", "\n", "\u0003", "\ud83d", "\ude00", " ", "€"];
    const str = () => Array.from({ length: rnd(8) }, () => chars[rnd(chars.length)]).join("");
    const value = (depth: number): unknown => {
      switch (rnd(depth > 3 ? 5 : 7)) {
        case 0: return str();
        case 1: return rnd(3) ? rnd(100000) / 100 : -rnd(10);
        case 2: return rnd(2) === 0;
        case 3: return null;
        case 4: return undefined;
        case 5: return Array.from({ length: rnd(5) }, () => value(depth + 1));
        default: return Object.fromEntries(Array.from({ length: rnd(5) }, () => [str(), value(depth + 1)]));
      }
    };
    for (let i = 0; i < 300; i++) expectSame({ doc: value(0) });
  });

  test("a large document and small ones (which Node would put in its shared pool)", () => {
    expectSame({ small: "x" });
    expectSame({ big: Array.from({ length: 20000 }, (_, i) => ({ i, s: "中文".repeat(i % 7) })) });
    expectSame({ small: "y" });
  });

  test("members and items written apart: tables and findings of every kind, toJSON, class instances, odd documents", () => {
    class Box {
      constructor(readonly v: number) {}
    }
    const odd = [{ d: new Date(0) }, { b: new Box(1) }, { m: new Map([[1, 2]]) }, { j: { toJSON: () => 1 } }, { toJSON: () => ({ x: 1 }) }, new Box(2), [1, { a: [] }], undefined, () => 1, "s", 5, null];
    for (const doc of odd) expectSame(doc);
    expectSame({ tables: [], findings: [] });
    expectSame({ tables: [undefined, () => 1, null, { rows: [{ a: "中" }] }, [1, [2]], "t", 0], findings: [{ message: "x\ny", related: ["A1"] }], x: undefined, y: { z: [] } });
    expectSame({ tables: { length: 1, 0: "not an array" }, findings: "not an array either" });
    const arrayWithToJSON = Object.assign([1, 2], { toJSON: () => "replaced" });
    expectSame({ tables: arrayWithToJSON });
    expectSame({ "\u0000key\ud800": { "": 1 } });
  });

  test("the bytes are a view of a buffer of their own (a worker moves it without a copy)", () => {
    for (const doc of [{ a: "中".repeat(100) }, { a: "中".repeat(10000) }, 1]) {
      const bytes = indentedJsonBytes(doc);
      expect(Buffer.isBuffer(bytes)).toBe(false);
      // the view starts the buffer (nothing else shares it; its end may be spare room)
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBeGreaterThanOrEqual(bytes.byteLength);
    }
  });
});
