/**
 * Checking a folder: one bad entry is reported as unreadable and every other workbook is checked; a
 * file name that is not UTF-8 is found, in a folder and given directly. Run as a process.
 */
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "budget-disclosure.js");
const SAMPLE = join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");

/** Every byte in bash's $'…' quoting: how a shell passes a name that is not UTF-8. */
const bashQuote = (a: string | Buffer) => "$'" + [...(typeof a === "string" ? Buffer.from(a) : a)].map((b) => `\\x${b.toString(16).padStart(2, "0")}`).join("") + "'";

/**
 * Arguments may be raw bytes (a name that is not UTF-8). Node passes a child's arguments as UTF-8
 * strings, so the command goes through bash, which passes the bytes as they are, as a user's shell does.
 */
function run(args: Array<string | Buffer>, opts: { uid?: number; gid?: number; bin?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { bin = BIN, ...ids } = opts;
  const command = [process.execPath, bin, ...args].map(bashQuote).join(" ");
  return new Promise((resolve) => {
    execFile("bash", ["-c", command], { cwd: ids.uid === undefined ? ROOT : dir, maxBuffer: 64 * 1024 * 1024, ...ids }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const isRoot = process.getuid?.() === 0;
// "µ¥Î»" in GBK bytes: 单位 as a Chinese Windows machine would have named it, not valid UTF-8.
const GBK_NAME = Buffer.concat([Buffer.from("gbk-"), Buffer.from([0xb5, 0xa5, 0xce, 0xbb]), Buffer.from(".xlsx")]);

/**
 * chmod 000 does not stop root: as root, the tests of unreadable entries run the CLI as nobody. The
 * clone itself may be out of nobody's reach (a checkout inside a 0700 folder, as `mktemp -d` makes),
 * so the built CLI (bin/ and the bundle in dist/cli/, laid out as in the repository) is copied into
 * the test's own world-readable folder and run from there.
 */
const NOBODY = { uid: 65534, gid: 65534 };
let asNobody: { uid?: number; gid?: number; bin?: string } = {};
function stageCliForNobody(): void {
  const stage = join(dir, "cli");
  mkdirSync(join(stage, "bin"), { recursive: true });
  mkdirSync(join(stage, "dist", "cli"), { recursive: true });
  for (const f of ["budget-disclosure.js", "code-cache.js"]) copyFileSync(join(ROOT, "bin", f), join(stage, "bin", f));
  for (const f of ["cli.js", "worker.js"]) {
    const from = join(ROOT, "dist", "cli", f);
    if (!existsSync(from)) throw new Error(`the CLI bundle is not built (${from} is missing): test/global-setup.js builds it`);
    copyFileSync(from, join(stage, "dist", "cli", f));
  }
  asNobody = { ...NOBODY, bin: join(stage, "bin", "budget-disclosure.js") };
  try {
    execFileSync(process.execPath, [asNobody.bin!, "--version"], { ...NOBODY, cwd: dir, stdio: "pipe" });
  } catch (e) {
    throw new Error(`run as root, this test runs the CLI as user nobody (uid 65534), who cannot run ${process.execPath} ${asNobody.bin} (is ${dir} readable by all?): ${(e as Error).message}`);
  }
}

let dir: string;
let units: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bda-folders-"));
  chmodSync(dir, 0o755);
  if (isRoot) stageCliForNobody();
  units = join(dir, "units");
  mkdirSync(join(units, "sub"), { recursive: true });
  copyFileSync(SAMPLE, join(units, "a-单位.xlsx"));
  copyFileSync(SAMPLE, Buffer.concat([Buffer.from(units + "/"), GBK_NAME]) as unknown as string);
  symlinkSync("nowhere.xlsx", join(units, "b-dangling.xlsx"));
  symlinkSync("c-loop2", join(units, "c-loop1"));
  symlinkSync("c-loop1", join(units, "c-loop2"));
  symlinkSync("..", join(units, "sub", "up")); // a folder loop: units/sub/up/sub/up/…
  copyFileSync(SAMPLE, join(units, "sub", "d.xlsx"));
  mkdirSync(join(units, "e-locked"));
  copyFileSync(SAMPLE, join(units, "e-locked", "hidden.xlsx"));
  chmodSync(join(units, "e-locked"), 0);
});
afterAll(() => {
  chmodSync(join(units, "e-locked"), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

test("a folder with a dangling link, link loops, a folder loop, a name that is not UTF-8 and a locked subfolder: the rest is checked", async () => {
  // chmod 000 does not stop root: as root the CLI runs as nobody for this test (see stageCliForNobody).
  const r = await run(["check", units, "--format", "json"], asNobody);
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
  const files = (JSON.parse(r.stdout) as { files: Array<{ workbook: string; error?: { zh: string }; summary?: { errors: number } }> }).files;
  const byName = new Map(files.map((f) => [f.workbook, f]));
  expect([...byName.keys()].sort()).toEqual(["a-单位.xlsx", "b-dangling.xlsx", "c-loop1", "c-loop2", "d.xlsx", "e-locked", GBK_NAME.toString("utf8")].sort());
  for (const ok of ["a-单位.xlsx", "d.xlsx", GBK_NAME.toString("utf8")]) expect([ok, byName.get(ok)!.summary?.errors]).toEqual([ok, 0]);
  expect(byName.get("b-dangling.xlsx")!.error!.zh).toMatch(/^链接指向的文件不存在：.*b-dangling\.xlsx$/);
  expect(byName.get("c-loop1")!.error!.zh).toMatch(/^符号链接形成循环，无法读取：.*c-loop1$/);
  expect(byName.get("e-locked")!.error!.zh).toMatch(/^没有权限读取文件夹：.*e-locked$/);
  // the folder loop through sub/up lists each workbook once
  expect(files.filter((f) => f.workbook === "d.xlsx")).toHaveLength(1);
});

test("the text summary counts the unreadable entries and names them on stderr", async () => {
  const r = await run(["check", units, "--jobs", "2"], asNobody);
  expect(r.code).toBe(2);
  const lines = r.stdout.trim().split("\n");
  expect(lines[lines.length - 1]).toBe("共 7 个文件：3 个通过，0 个有错误，4 个无法读取");
  expect(r.stderr).toMatch(/链接指向的文件不存在：.*b-dangling\.xlsx/);
  expect(r.stderr).toMatch(/没有权限读取文件夹：.*e-locked/);
});

test("a name that is not UTF-8, given directly, is found by check, export and fill", async () => {
  const raw = Buffer.concat([Buffer.from(units + "/"), GBK_NAME]);
  const check = await run(["check", raw, "--format", "json"]);
  expect(check.stderr).toBe("");
  expect(check.code).toBe(0);
  expect(JSON.parse(check.stdout).tables).toHaveLength(16);
  const out = join(dir, "gbk.json");
  const exp = await run(["export", raw, "-o", out]);
  expect(exp.code).toBe(0);
  const fill = await run(["fill", raw, "--dry-run"]);
  expect(fill.code).toBe(0);
  expect(fill.stdout).toContain("填写计划");
  expect(readdirSync(units, { encoding: "buffer" }).some((n) => n.equals(GBK_NAME))).toBe(true);
});
