/**
 * bin/code-cache.js (the CLI's V8 code cache on Node 20): a module loaded through it behaves as when
 * required; the cache is written after a run and used by the next; a changed file of the same length
 * never gets the old code (V8 itself compares only the length); a damaged cache file is ignored and
 * replaced. Run in child processes: the cache is about a fresh process.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const LOADER = join(__dirname, "..", "..", "bin", "code-cache.js");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bda-code-cache-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads `file` through the cache in a new process: its answer() and whether the cache was used. */
function load(file: string): { answer: string; cacheUsed: boolean } {
  const script = `const c = require(${JSON.stringify(LOADER)}).requireCached(${JSON.stringify(file)});
    const answer = c.exports.answer(); c.saveCache();
    process.stdout.write(JSON.stringify({ answer, cacheUsed: c.cacheUsed }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, BDA_NO_CODE_CACHE: "" } })) as { answer: string; cacheUsed: boolean };
}

const moduleText = (word: string) =>
  `"use strict";\nconst path = require("node:path");\nexports.answer = () => ${JSON.stringify(word)} + ":" + path.basename(__filename) + ":" + (typeof module.exports.answer);\n`;

test("the first run writes the cache, the next uses it, with the same behaviour", () => {
  const file = join(dir, "m1.js");
  writeFileSync(file, moduleText("alpha"));
  const first = load(file);
  expect(first).toEqual({ answer: "alpha:m1.js:function", cacheUsed: false });
  expect(existsSync(`${file}.v8cache`)).toBe(true);
  expect(load(file)).toEqual({ answer: "alpha:m1.js:function", cacheUsed: true });
});

test("a changed file of the same length runs its new code, and its cache is renewed", () => {
  const file = join(dir, "m2.js");
  writeFileSync(file, moduleText("alpha"));
  load(file);
  expect(load(file).cacheUsed).toBe(true);
  writeFileSync(file, moduleText("omega")); // same length
  const later = new Date(Date.now() + 5000);
  utimesSync(file, later, later);
  expect(load(file)).toEqual({ answer: "omega:m2.js:function", cacheUsed: false });
  expect(load(file)).toEqual({ answer: "omega:m2.js:function", cacheUsed: true });
});

test("a damaged or cut cache file is ignored and replaced", () => {
  const file = join(dir, "m3.js");
  writeFileSync(file, moduleText("beta"));
  load(file);
  const cache = `${file}.v8cache`;
  const good = readFileSync(cache);
  writeFileSync(cache, good.subarray(0, 140));
  expect(load(file)).toEqual({ answer: "beta:m3.js:function", cacheUsed: false });
  const bytes = readFileSync(cache);
  for (let i = 200; i < bytes.length; i += 7) bytes[i] ^= 0xff;
  writeFileSync(cache, bytes);
  expect(load(file).answer).toBe("beta:m3.js:function");
  expect(load(file)).toEqual({ answer: "beta:m3.js:function", cacheUsed: true });
});

test("a file that is not ASCII is read as UTF-8, with and without its cache", () => {
  // The bundles are ASCII and read as one-byte text; any other file must still mean what it says.
  const file = join(dir, "m4.js");
  writeFileSync(file, moduleText("预算公开 ✓ 😀"));
  expect(load(file)).toEqual({ answer: "预算公开 ✓ 😀:m4.js:function", cacheUsed: false });
  expect(load(file)).toEqual({ answer: "预算公开 ✓ 😀:m4.js:function", cacheUsed: true });
});

test("an ASCII file's module sees its own exports, require and paths, as when required", () => {
  const file = join(dir, "m5.js");
  writeFileSync(file, `"use strict";\nexports.answer = () => [typeof require, module.id === ${JSON.stringify(file)} || module.filename === ${JSON.stringify(file)}, __dirname === ${JSON.stringify(dir)}, this === exports].join(",");\n`);
  expect(load(file)).toEqual({ answer: "function,true,true,true", cacheUsed: false });
  expect(load(file)).toEqual({ answer: "function,true,true,true", cacheUsed: true });
});

test("a cache smaller than its file (read into the file's buffer) is used, and a damaged one still refused", () => {
  const file = join(dir, "m6.js");
  writeFileSync(file, moduleText("gamma") + `/* ${"x".repeat(200000)} */\n`);
  load(file);
  const cache = `${file}.v8cache`;
  expect(readFileSync(cache).length).toBeLessThan(200000);
  expect(load(file)).toEqual({ answer: "gamma:m6.js:function", cacheUsed: true });
  const bytes = readFileSync(cache);
  bytes[bytes.length - 3] ^= 0xff;
  writeFileSync(cache, bytes);
  expect(load(file)).toEqual({ answer: "gamma:m6.js:function", cacheUsed: false });
});
