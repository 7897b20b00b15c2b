/**
 * --layout and the layout set in the output (issue 8): the best match is named in the text and the
 * JSON package, --layout forces a set, an unknown id is refused with the list of sets (exit 2), and
 * a Shanghai workbook saved as .xls is read the same.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { ROOT, SAMPLE, runCli as run } from "./run";

const SHANGHAI = join(ROOT, "assets", "samples", "2026-上海单位预算公开-样例.xlsx");
const NINE = ["SH1", "SH2", "SH3", "SH4", "SH5", "SH6", "SH7", "SH8", "SH9"];

describe("layout sets on the command line", () => {
  test("the Shanghai sample: read as shanghai-unit, named in the JSON and the text, exit 0", async () => {
    const j = await run(["check", SHANGHAI, "--format", "json"]);
    expect(j.stderr).toBe("");
    expect(j.code).toBe(0);
    const pkg = JSON.parse(j.stdout);
    expect(pkg.layoutSet).toBe("shanghai-unit");
    expect(pkg.tables.map((t: { id: string }) => t.id)).toEqual(NINE);
    expect(pkg.summary.errors).toBe(0);
    expect(pkg.summary.warnings).toBe(0);
    const t = await run(["check", SHANGHAI]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("版式：shanghai-unit");
    expect(t.stdout).toContain("表1 预算单位财务收支预算总表");
    const en = await run(["check", SHANGHAI, "--lang", "en"]);
    expect(en.stdout).toContain("Layout: shanghai-unit (Shanghai unit budget disclosure");
  });

  test("the Shanxi sample keeps its set", async () => {
    const j = await run(["check", SAMPLE, "--format", "json"]);
    expect(JSON.parse(j.stdout).layoutSet).toBe("shanxi-unit-2026");
  });

  test("--layout forces a set; an unknown one is refused with the list, exit 2", async () => {
    const forced = await run(["check", SHANGHAI, "--format", "json", "--layout", "shanghai-department"]);
    const pkg = JSON.parse(forced.stdout);
    expect(pkg.layoutSet).toBe("shanghai-department");
    const shanxi = await run(["check", SHANGHAI, "--format", "json", "--layout", "shanxi-unit-2026"]);
    expect(JSON.parse(shanxi.stdout).layoutSet).toBe("shanxi-unit-2026");
    expect(JSON.parse(shanxi.stdout).tables).toEqual([]);
    const bad = await run(["check", SHANGHAI, "--layout", "beijing"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe("未知的版式：“beijing”；可用的版式：shanxi-unit-2026，shanghai-unit，shanghai-department\n");
    const badEn = await run(["check", SHANGHAI, "--layout", "beijing", "--lang", "en"]);
    expect(badEn.stderr).toBe('unknown layout "beijing"; the layouts are: shanxi-unit-2026, shanghai-unit, shanghai-department\n');
  });

  test("a Shanghai workbook saved as .xls is read the same", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bda-layout-"));
    const xls = join(dir, "上海.xls");
    writeFileSync(xls, XLSX.write(XLSX.read(readFileSync(SHANGHAI)), { bookType: "biff8", type: "buffer" }));
    const r = await run(["check", xls, "--format", "json"]);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(r.stdout);
    expect(pkg.layoutSet).toBe("shanghai-unit");
    expect(pkg.tables.map((t: { id: string }) => t.id)).toEqual(NINE);
    expect(pkg.summary.errors).toBe(0);
  });
});
