/**
 * The CLI never writes over its input, whatever the flags, and every output or catalogue problem gets
 * one clear line naming the file, with exit 2. Run as a process, as a user meets it.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { SAMPLE, runCli as run } from "./run";



const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

/** One clear message: no usage text, no internal error, no stack trace. */
function expectOneClearError(r: { code: number; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/内部错误|internal error|用法|Usage|\n\s+at /);
}

let dir: string;
let input: string;
let before: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bda-out-"));
  input = join(dir, "单位.xlsx");
  copyFileSync(SAMPLE, input);
  before = sha(input);
  symlinkSync(input, join(dir, "symlink.xlsx"));
  linkSync(input, join(dir, "hardlink.xlsx"));
  mkdirSync(join(dir, "sub"));
  symlinkSync(join("..", "单位.xlsx"), join(dir, "sub", "up.xlsx"));
});
afterEach(() => expect(sha(input)).toBe(before));

describe("no command writes over its input", () => {
  const targets: Array<[string, () => string]> = [
    ["the input itself", () => input],
    ["the input by another spelling", () => join(dir, "sub", "..", "单位.xlsx")],
    ["a symbolic link to the input", () => join(dir, "symlink.xlsx")],
    ["a relative symbolic link in another folder", () => join(dir, "sub", "up.xlsx")],
    ["a hard link to the input", () => join(dir, "hardlink.xlsx")],
  ];
  test.each(targets)("export -o %s --force", async (_name, target) => {
    const r = await run(["export", input, "-o", target(), "--force"]);
    expectOneClearError(r, /输出文件不能是输入文件/);
    expect(sha(join(dir, "hardlink.xlsx"))).toBe(before);
  });
  test.each(targets)("fill -o %s --force", async (_name, target) => {
    const r = await run(["fill", input, "-o", target(), "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/输出文件不能是输入文件/);
    expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
  });
  test("fill -o the catalogue file --force", async () => {
    const cat = join(dir, "目录.csv");
    writeFileSync(cat, "科目编码,科目名称\n2010607,信息化建设\n");
    const catBefore = sha(cat);
    const r = await run(["fill", input, "--catalogue", cat, "-o", cat, "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/输出文件不能是输入文件/);
    expect(sha(cat)).toBe(catBefore);
  });
  test("the input given through a symbolic link, the output its real name", async () => {
    const r = await run(["export", join(dir, "symlink.xlsx"), "-o", input, "--force"]);
    expectOneClearError(r, /输出文件不能是输入文件/);
  });
});

describe("writing the output", () => {
  test("export writes the package and leaves no temporary file; an existing output needs --force and gets one line", async () => {
    const folder = join(dir, "export");
    mkdirSync(folder);
    const out = join(folder, "包.json");
    expect((await run(["export", input, "-o", out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).tables).toHaveLength(16);
    expect(readdirSync(folder)).toEqual(["包.json"]);
    const again = await run(["export", input, "-o", out]);
    expectOneClearError(again, /^输出文件已存在：.*包\.json（加 --force 覆盖）\n$/);
    const en = await run(["export", input, "-o", out, "--lang", "en"]);
    expectOneClearError(en, /^the output file exists: .*包\.json \(add --force to overwrite\)\n$/);
    writeFileSync(out, "old");
    expect((await run(["export", input, "-o", out, "--force"])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).tables).toHaveLength(16);
    expect(readdirSync(folder)).toEqual(["包.json"]);
  });

  test("through a symbolic link to another file, that file is replaced and the link stays", async () => {
    const folder = join(dir, "linked");
    mkdirSync(folder);
    writeFileSync(join(folder, "real.json"), "old");
    symlinkSync("real.json", join(folder, "link.json"));
    expect((await run(["export", input, "-o", join(folder, "link.json"), "--force"])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(folder, "real.json"), "utf8")).tables).toHaveLength(16);
    expect(statSync(join(folder, "link.json")).ino).toBe(statSync(join(folder, "real.json")).ino);
    expect(readdirSync(folder).sort()).toEqual(["link.json", "real.json"]);
  });

  const bad: Array<[string, () => string, RegExp, RegExp]> = [
    ["a missing folder", () => join(dir, "no-such-folder", "out.json"), /^输出文件夹不存在：.*no-such-folder/, /^the output folder does not exist: .*no-such-folder/],
    ["a folder as the output", () => dir, /^输出路径是一个文件夹：/, /^the output path is a folder: /],
    ["a device (/dev/full)", () => "/dev/full", /^输出路径不是普通文件：\/dev\/full/, /^the output path is not a regular file: \/dev\/full/],
    ["a path through a file", () => join(input, "out.json"), /^输出(文件夹不存在|路径无效)/, /^(the output folder does not exist|invalid output path)/],
  ];
  test.each(bad)("export to %s: one line in Chinese (English with --lang en), exit 2", async (_name, target, zh, en) => {
    expectOneClearError(await run(["export", input, "-o", target(), "--force"]), zh);
    expectOneClearError(await run(["export", input, "-o", target(), "--force", "--lang", "en"]), en);
    const f = await run(["fill", input, "-o", target(), "--force"]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(zh);
    expect(f.stderr).not.toMatch(/内部错误|\n\s+at /);
  });
  test("/dev/full is still a device afterwards", () => {
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  });
});

/**
 * A full disk and a read-only folder are real file systems: a tiny tmpfs, mounted for the test. That
 * needs root (CI runs as root); elsewhere a read-only folder is made with chmod and the full disk is
 * skipped, said here rather than hidden.
 */
const isRoot = process.getuid?.() === 0;
function mountTmpfs(at: string, options: string): boolean {
  mkdirSync(at, { recursive: true });
  return spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", at]).status === 0;
}
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync("umount", [m]);
  rmSync(dir, { recursive: true, force: true });
});

describe("full disk and read-only folder", () => {
  test("a full disk: exit 2 with a clear line; the old file is unchanged and no temporary file is left", async () => {
    const small = join(dir, "full");
    if (!isRoot || !mountTmpfs(small, "size=16k")) {
      console.warn("skipped: mounting a 16 KB tmpfs needs root (CI runs as root)");
      return;
    }
    mounts.push(small);
    writeFileSync(join(small, "old.json"), "old contents");
    const r = await run(["export", input, "-o", join(small, "old.json"), "--force"]);
    expectOneClearError(r, /^磁盘空间不足，无法写入：.*old\.json/);
    expect(readFileSync(join(small, "old.json"), "utf8")).toBe("old contents");
    expect(readdirSync(small)).toEqual(["old.json"]);
    const fill = await run(["fill", input, "-o", join(small, "filled.xlsx")]);
    expect(fill.code).toBe(2);
    expect(fill.stderr).toMatch(/磁盘空间不足/);
    expect(readdirSync(small)).toEqual(["old.json"]);
    const en = await run(["export", input, "-o", join(small, "new.json"), "--lang", "en"]);
    expectOneClearError(en, /^the disk is full, cannot write .*new\.json/);
    expect(readdirSync(small)).toEqual(["old.json"]);
  });

  test("a read-only folder: exit 2 with a clear line naming the folder", async () => {
    const ro = join(dir, "readonly");
    let message: RegExp;
    if (isRoot) {
      if (!mountTmpfs(ro, "ro,size=16k")) {
        console.warn("skipped: root could not mount a read-only tmpfs, and chmod does not stop root");
        return;
      }
      mounts.push(ro);
      message = /^输出文件夹在只读的磁盘上，无法写入：.*readonly/;
    } else {
      mkdirSync(ro);
      spawnSync("chmod", ["555", ro]);
      message = /^没有权限在文件夹中写入：.*readonly/;
    }
    expectOneClearError(await run(["export", input, "-o", join(ro, "out.json")]), message);
    expect(readdirSync(ro)).toEqual([]);
  });
});

describe("a --catalogue that cannot be used: the file named, what is wrong, exit 2", () => {
  const encrypted = (): Uint8Array => {
    const CFB = (XLSX as unknown as { CFB: { utils: { cfb_new(): unknown; cfb_add(c: unknown, n: string, d: Uint8Array): void }; write(c: unknown, o: object): Uint8Array } }).CFB;
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, "/EncryptionInfo", new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    CFB.utils.cfb_add(cfb, "/EncryptedPackage", new Uint8Array(64).fill(1));
    return CFB.write(cfb, { type: "array" }) as Uint8Array;
  };
  const cases: Array<[string, () => string, RegExp]> = [
    ["a folder", () => {
      const p = join(dir, "目录文件夹.xlsx");
      mkdirSync(p, { recursive: true });
      return p;
    }, /目录文件是一个文件夹：.*目录文件夹\.xlsx/],
    ["password-protected", () => write("加密目录.xlsx", encrypted()), /目录文件受密码保护，无法读取：.*加密目录\.xlsx/],
    ["truncated inside its first zip entry", () => write("截断目录.xlsx", readFileSync(SAMPLE).subarray(0, 200)), /目录文件已损坏或不完整.*截断目录\.xlsx/],
    ["truncated near its end", () => write("截断目录2.xlsx", readFileSync(SAMPLE).subarray(0, 30000)), /目录文件已损坏或不完整.*截断目录2\.xlsx/],
    ["not a zip", () => write("文本目录.xlsx", "这不是工作簿，也不是 CSV"), /目录文件既不是 CSV 也不是 Excel 工作簿：.*文本目录\.xlsx/],
    ["empty", () => write("空目录.xlsx", ""), /目录文件为空：.*空目录\.xlsx/],
    ["missing", () => join(dir, "没有.csv"), /找不到目录文件：.*没有\.csv/],
  ];
  test.each(cases)("%s (check and fill)", async (_name, make, message) => {
    const cat = make();
    const check = await run(["check", input, "--catalogue", cat]);
    expectOneClearError(check, message);
    const fill = await run(["fill", input, "--dry-run", "--catalogue", cat]);
    expect(fill.code).toBe(2);
    expect(fill.stderr).toMatch(message);
    expect(fill.stderr).not.toMatch(/内部错误|\n\s+at /);
  });
  test("in English with --lang en", async () => {
    const r = await run(["check", input, "--catalogue", write("en.xlsx", "plain text"), "--lang", "en"]);
    expectOneClearError(r, /^the catalogue is neither CSV nor an Excel workbook: .*en\.xlsx/);
  });
});

function write(name: string, data: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
