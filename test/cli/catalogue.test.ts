/**
 * `budget-disclosure catalogue --diff`, run as a process the way a user meets it.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtInEdition } from "../../src/core/catalogue/editions";
import { runCli as run } from "./run";



let dir: string;
let official: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bda-catalogue-"));
  // An "official 2026 list" that differs from the built-in one in three known ways.
  const rows = builtInEdition(2026)!
    .functional.filter((e) => e.code !== "2170404")
    .map((e) => (e.code === "2010607" ? { code: e.code, name: "信息化建设（测试更名）" } : e));
  rows.push({ code: "2291101", name: "测试新增项" });
  official = join(dir, "官方2026.csv");
  writeFileSync(official, ["科目编码,科目名称", ...rows.map((e) => `${e.code},${e.name}`)].join("\n") + "\n", "utf8");
});

test("diff of the two built-in editions: both carry the May 2025 revision, so none; exit 0", async () => {
  const r = await run(["catalogue", "--diff", "2025", "2026"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("科目目录差异：2025 → 2026\n无差异。\n");
  const en = await run(["catalogue", "--diff", "2025", "2026", "--lang", "en"]);
  expect(en.stdout).toBe("Catalogue differences: 2025 → 2026\nNo differences.\n");
});

test("built-in 2026 against an official list in a file: added, removed and renamed codes, only the file's classification", async () => {
  const r = await run(["catalogue", "--diff", "2026", official]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const lines = r.stdout.trimEnd().split("\n");
  expect(lines).toEqual([
    "科目目录差异：2026 → 官方2026.csv",
    "支出功能分类：新增 1，删除 1，更名 1",
    "  新增  2291101  测试新增项",
    "  删除  2170404  中央金融机构注资特别国债支出",
    "  更名  2010607  信息化建设 → 信息化建设（测试更名）",
  ]);
  // The file holds only functional codes: revenue and the economic lists are not reported as removed.
  expect(r.stdout).not.toContain("收入分类");

  const en = await run(["catalogue", "--diff", "2026", official, "--lang", "en"]);
  expect(en.stdout.trimEnd().split("\n")).toEqual([
    "Catalogue differences: 2026 → 官方2026.csv",
    "Functional classification: 1 added, 1 removed, 1 renamed",
    "  added    2291101  测试新增项",
    "  removed  2170404  中央金融机构注资特别国债支出",
    "  renamed  2010607  信息化建设 → 信息化建设（测试更名）",
  ]);
  for (const l of [...r.stdout.split("\n"), ...en.stdout.split("\n")]) expect(l).toBe(l.trimEnd());
});

test("--format json gives the lists", async () => {
  const r = await run(["catalogue", "--diff", official, "2026", "--format", "json"]);
  expect(r.code).toBe(0);
  const d = JSON.parse(r.stdout);
  expect(d.compared).toEqual(["functional"]);
  expect(d.lists.functional.added).toEqual([{ code: "2170404", name: "中央金融机构注资特别国债支出" }]);
  expect(d.lists.functional.removed).toEqual([{ code: "2291101", name: "测试新增项" }]);
  expect(d.lists.functional.renamed).toEqual([{ code: "2010607", from: "信息化建设（测试更名）", to: "信息化建设" }]);
  expect(d.lists.revenue).toEqual({ added: [], removed: [], renamed: [] });
});

test("an unknown year, a missing file, a missing operand or an unknown language: a message and exit 2", async () => {
  const year = await run(["catalogue", "--diff", "2019", "2026"]);
  expect(year.code).toBe(2);
  expect(year.stdout).toBe("");
  expect(year.stderr).toContain("没有 2019 年度的内置目录");
  const file = await run(["catalogue", "--diff", "2026", join(dir, "nope.csv"), "--lang", "en"]);
  expect(file.code).toBe(2);
  expect(file.stderr).toContain("catalogue file not found");
  const one = await run(["catalogue", "--diff", "2026"]);
  expect(one.code).toBe(2);
  expect(one.stderr).toContain("需要 --diff 和两个目录");
  const lang = await run(["catalogue", "--diff", "2025", "2026", "--lang", "fr"]);
  expect(lang.code).toBe(2);
  expect(lang.stderr).toContain("--lang 只能是 zh 或 en");
});
