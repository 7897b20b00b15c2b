/**
 * The batch's worker pool changes nothing but speed: with workers (--jobs 2, 3, and as many as the
 * files) the output, messages and exit code are byte for byte those of --jobs 1, where every file
 * is checked in the main thread. Run as a process (the pool only exists in the built CLI).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSampleWorkbook } from "../../scripts/sample/build";
import { SAMPLE, runCli as run } from "./run";

let dir: string;
let folder: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bda-batch-"));
  folder = join(dir, "units");
  mkdirSync(join(folder, "sub"), { recursive: true });
  copyFileSync(SAMPLE, join(folder, "a-单位.xlsx"));
  writeFileSync(join(folder, "b-有错.xlsx"), await buildSampleWorkbook({ edits: [{ table: "T02", row: "201", column: "total", value: 400 }] }));
  writeFileSync(join(folder, "c-坏.xlsx"), "not a workbook");
  // 1 MB or more: left to a worker while the main thread, one of the jobs, waits for the next file
  writeFileSync(join(folder, "c2-大.xlsx"), Buffer.alloc(1_200_000));
  symlinkSync("nowhere.xlsx", join(folder, "d-dangling.xlsx"));
  for (const n of ["e", "f", "g"]) copyFileSync(SAMPLE, join(folder, `${n}.xlsx`));
  copyFileSync(SAMPLE, join(folder, "sub", "h.xlsx"));
}, 60000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--jobs N gives exactly what --jobs 1 gives", () => {
  for (const format of ["json", "text"]) {
    test(`--format ${format}`, async () => {
      const one = await run(["check", folder, "--format", format, "--jobs", "1"]);
      expect(one.code).toBe(2); // c-坏, c2-大 and d-dangling are unreadable
      if (format === "json") expect((JSON.parse(one.stdout) as { files: unknown[] }).files).toHaveLength(9);
      for (const jobs of ["2", "3", "8"]) {
        const many = await run(["check", folder, "--format", format, "--jobs", jobs]);
        expect({ jobs, code: many.code, stderr: many.stderr }).toEqual({ jobs, code: one.code, stderr: one.stderr });
        expect(many.stdout === one.stdout).toBe(true); // (not toEqual: a diff of 1 MB of JSON helps nobody)
      }
    }, 120000);
  }

  test("a usage error found after the workers started still ends the process with exit 2", async () => {
    const r = await run(["check", folder, "--disable", "no-such-rule", "--jobs", "2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("未知的规则 ID：no-such-rule");
  }, 60000);

  test("a folder with one workbook and a bad --catalogue: the message, no hang", async () => {
    const one = join(dir, "one");
    mkdirSync(one);
    copyFileSync(SAMPLE, join(one, "x.xlsx"));
    const ok = await run(["check", one, "--format", "json"]);
    expect(ok.code).toBe(0);
    const bad = await run(["check", one, "--catalogue", join(dir, "missing.csv")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 60000);
});
