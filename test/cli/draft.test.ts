/** `budget-disclosure draft`, run as a process on the real sample files. */
import { join } from "node:path";
import { ROOT, runCli, SAMPLE } from "./run";

const SHANGHAI = join(ROOT, "assets", "samples", "2026-上海单位预算公开-样例.xlsx");

describe("budget-disclosure draft", () => {
  test("prints the Shanxi sample's draft in Chinese and says it checks clean", async () => {
    const r = await runCli(["draft", SAMPLE]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("一、收支预算总体情况");
    expect(r.stdout).toContain("基本支出245.48万元，占46.01%；项目支出288.00万元，占53.99%。");
    expect(r.stderr).toBe("草稿已按说明核对规则与表核对，无不符\n");
  });

  test("--format json: paragraphs with each figure's table, sheet and cell", async () => {
    const r = await runCli(["draft", SHANGHAI, "--format", "json", "--lang", "en"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { layoutSet: string; paragraphs: Array<{ id: string; text: string; figures: Array<{ kind: string; text: string; table: string; sheet: string; cell: string; start: number; end: number }> }> };
    expect(doc.layoutSet).toBe("shanghai-unit");
    const sanGong = doc.paragraphs.find((p) => p.id === "sanGong")!;
    expect(sanGong.text).toContain("公务接待费2.00万元");
    const reception = sanGong.figures.find((f) => sanGong.text.slice(0, f.start).endsWith("公务接待费"))!;
    expect(reception).toMatchObject({ kind: "amount", text: "2.00", table: "SH9" });
    for (const p of doc.paragraphs) for (const f of p.figures) expect(p.text.slice(f.start, f.end)).toBe(f.text);
    expect(r.stderr).toBe("the draft checks clean against the tables under the narrative rules\n");
  });

  test("--previous: last year's workbook gives each total its change (the same file: 与上年持平)", async () => {
    const r = await runCli(["draft", SAMPLE, "--previous", SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("年终结转0.00万元。预算收入总计、预算支出总计与上年持平。");
    expect(r.stderr).toBe("草稿已按说明核对规则与表核对，无不符\n");
    const missing = await runCli(["draft", SAMPLE, "--previous", "no-such-2025.xlsx"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no-such-2025.xlsx");
  });

  test("bad input and bad arguments", async () => {
    const missing = await runCli(["draft", "no-such.xlsx"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no-such.xlsx");
    const fmt = await runCli(["draft", SAMPLE, "--format", "xml"]);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain("用法 / Usage");
    const layout = await runCli(["draft", SAMPLE, "--layout", "nowhere"]);
    expect(layout.code).toBe(2);
    expect(layout.stderr).toContain("shanghai-unit");
  });
});
