/**
 * The package format version 2: its schema, its documentation page (made from the schema), the
 * README's summary of it, and the canonical form (RFC 8785) it is written in.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson, Direct, fixedText, Lazy, nobleSha256, sha256Hex, TextHash, writeCanonical, writeJcs } from "../src/core/report/canonical";
import { GENERATOR, PACKAGE_VERSION, readTarget } from "../src/core/report/package";
import schema from "../src/core/report/package.schema.json";
import { validatePackage } from "../src/node/validate-package";
import { DOC_PATH, schemaFields, updatedDoc } from "../scripts/package-doc";

const ROOT = join(__dirname, "..");

describe("the schema and its documentation", () => {
  test("docs/package.md's field tables are the schema's (npx tsx scripts/package-doc.ts)", () => {
    const doc = readFileSync(DOC_PATH, "utf8");
    expect(updatedDoc(doc, schema as never)).toBe(doc);
  });

  test("every property of the schema is documented, with a meaning", () => {
    const doc = readFileSync(DOC_PATH, "utf8");
    const fields = schemaFields(schema as never);
    expect(fields.length).toBeGreaterThan(100);
    for (const f of fields) {
      expect([f.path, doc.includes(`| \`${f.path}\` |`)]).toEqual([f.path, true]);
      expect([f.path, f.description.length > 0]).toEqual([f.path, true]);
    }
  });

  test("the README's package section names every top-level member and the version", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## The JSON disclosure package"), readme.indexOf("## Rules"));
    for (const k of Object.keys(schema.properties)) expect([k, section.includes(`"${k}"`)]).toEqual([k, true]);
    expect(section).toContain(`"version": ${PACKAGE_VERSION}`);
    expect(section).toContain("docs/package.md");
  });

  test("the generator version is package.json's", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
    expect(GENERATOR.version).toBe(pkg.version);
  });

  test("a table id is a pattern, not a list: another layout set's ids are valid", () => {
    const id = schema.$defs.tableId.pattern;
    for (const ok of ["T01", "T13", "PT", "SH01", "S-T14"]) expect(new RegExp(id).test(ok)).toBe(true);
    expect(JSON.stringify(schema)).not.toContain('"T13"');
  });

  test("validation errors carry a JSON pointer and a message in both languages", () => {
    const errors = validatePackage({ format: "budget-disclosure-package", version: 2, tables: [{ id: 3 }] });
    expect(errors.length).toBeGreaterThan(1);
    const missing = errors.find((e) => e.pointer === "" && e.en.includes("sha256"));
    expect(missing?.zh).toBe("缺少必需的字段“sha256”");
    expect(errors.some((e) => e.pointer.startsWith("/tables/0"))).toBe(true);
  });
});

describe("RFC 8785 canonical JSON", () => {
  test("the RFC's example (§3.2.2): numbers, strings, literals", () => {
    const v = { numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001], string: "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"/", literals: [null, true, false] };
    expect(canonicalJson(v)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  test("member order by UTF-16 code units (§3.2.3)", () => {
    const v = { "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis" };
    // (read from the text: JSON.parse would put the integer-like name "1" first again)
    const values = [...canonicalJson(v).matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"]);
  });

  test("what JCS cannot write is refused; undefined members are left out", () => {
    expect(() => canonicalJson({ a: NaN })).toThrow();
    expect(canonicalJson({ a: "\ud800x" })).toBe('{"a":"\\ud800x"}'); // not Unicode: escaped, never a failed export
    expect(canonicalJson({ b: undefined, a: -0 })).toBe('{"a":0}');
  });

  test("writing in pieces (Lazy arrays) gives the same text", () => {
    const v = { z: 1, rows: new Lazy(() => [{ b: "2", a: [1] }, { c: null }]), t: [{ rows: new Lazy(() => [], true), n: "x" }] };
    let text = "";
    writeCanonical(v, (s) => (text += s));
    expect(text).toBe(canonicalJson(v));
    expect(text).toBe('{"rows":[{"a":[1],"b":"2"},{"c":null}],"t":[{"n":"x","rows":[]}],"z":1}');
  });
});

describe("canonical JSON written straight into bytes (TextHash as a JsonOut)", () => {
  const awkward = ["", "a", "预算", "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"/", "\b\f\n\r\t\u0000\u001f\u007f", "\ud83d\ude00x", "\ud800", "x\udc00", "\ud800\ud800\udc00", "\u2028\u2029\u0080\u07ff\u0800\uffff", "名".repeat(30000)];
  const bytesOf = (write: (h: TextHash) => void) => {
    const h = new TextHash(nobleSha256(), true);
    write(h);
    const hex = h.hex();
    const text = Buffer.concat(h.chunks()).toString("utf8");
    return { hex, text };
  };

  test.each(awkward.map((s) => [s.slice(0, 12), s]))("str(%j) is JSON.stringify's text, as UTF-8", (_, s) => {
    const { hex, text } = bytesOf((h) => h.str(s));
    expect(text).toBe(JSON.stringify(s));
    expect(hex).toBe(sha256Hex(new TextEncoder().encode(JSON.stringify(s))));
  });

  test("fixed: digits with the decimals shown, zeros before the point when needed", () => {
    const cases: Array<[number, number, boolean]> = [[0, 0, false], [0, 2, false], [5, 2, false], [5, 2, true], [43467, 2, false], [123456789012345, 6, true], [10, 0, false], [7, 6, false], [2147483647, 2, false], [2147483648, 0, true], [2147483650, 3, false], [21474836470, 1, false], [2 ** 53 - 1, 6, false]];
    for (const [k, d, neg] of cases) {
      const { text } = bytesOf((h) => h.fixed(k, d, neg));
      expect(text).toBe(fixedText(k, d, neg));
    }
    expect(fixedText(5, 2, true)).toBe("-0.05");
    expect(fixedText(43467, 2, false)).toBe("434.67");
  });

  test("writeJcs gives canonicalJson's text: nested objects, arrays with undefined, Lazy and Direct values", () => {
    const v = {
      z: [1, undefined, -0, 2.5, "预算\ud800"],
      a: { "\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\ud83d\ude00": 5, "\u0080": 6, b: undefined },
      rows: new Lazy(() => [{ b: "2", a: [1] }, undefined, { c: null }]),
      d: new Direct((out) => {
        out.ascii("[");
        out.str("名称");
        out.ascii(",");
        out.fixed(1234, 2, true);
        out.ascii("]");
      }),
      t: true,
      f: false,
    };
    const { text } = bytesOf((h) => writeJcs(v, h));
    expect(text).toBe(canonicalJson(v));
    expect(canonicalJson(v.d)).toBe('["名称",-12.34]');
    let pieces = "";
    writeCanonical(v, (s) => (pieces += s));
    expect(pieces).toBe(text);
    expect(() => writeJcs({ a: NaN }, new TextHash())).toThrow();
  });
});

describe("performance targets as written", () => {
  test.each([
    ["≥95%", { comparator: "≥", value: "95", unit: "%" }],
    ["≤145万元", { comparator: "≤", value: "145", unit: "万元" }],
    ["100%", { value: "100", unit: "%" }],
    ["≥4个", { comparator: "≥", value: "4", unit: "个" }],
    ["12月底", {}],
    ["提高", {}],
    ["实际申报后3个月内完成", {}],
  ])("%s", (text, want) => {
    expect(readTarget(text)).toEqual(want);
  });
});
