/**
 * extract-package, run as a process: the package the pane writes into a sheet (写入新工作表) comes
 * back as the same bytes `export` writes; a workbook without such a sheet, or with one cut short,
 * is refused with exit 2 and one line naming the problem.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ExcelJS from "exceljs";
import { packageSheetRows, uniqueSheetName } from "../../src/core/publish/addin-sheets";
import { SAMPLE, runCli } from "./run";

const dir = mkdtempSync(join(tmpdir(), "extract-package-"));

/** The sample with sheets of the given cells added, as ExcelJS writes it. */
async function withSheets(sheets: Array<{ name: string; rows: string[][] }>, file: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(SAMPLE).slice().buffer as ArrayBuffer);
  for (const s of sheets) {
    const ws = book.addWorksheet(uniqueSheetName(s.name, book.worksheets.map((w) => w.name)));
    s.rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
  }
  const out = join(dir, file);
  writeFileSync(out, new Uint8Array(await book.xlsx.writeBuffer()));
  return out;
}

describe("extract-package", () => {
  let pkg: Buffer;
  beforeAll(async () => {
    const r = await runCli(["export", SAMPLE, "-o", join(dir, "pkg.json")]);
    expect(r.code).toBe(0);
    pkg = readFileSync(join(dir, "pkg.json"));
  });

  test("gives back the bytes export wrote, to a file and to standard output; the latest sheet wins", async () => {
    const text = pkg.toString("utf8");
    // An older package sheet first (a previous write), then the current one.
    const older = packageSheetRows(text.replace(/"sha256":"[0-9a-f]+"/, '"sha256":"old"'));
    const book = await withSheets(
      [
        { name: "数据包JSON", rows: older },
        { name: "数据包JSON", rows: packageSheetRows(text) },
      ],
      "with-package.xlsx",
    );
    const out = join(dir, "back.json");
    const r = await runCli(["extract-package", book, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("数据包JSON (2)");
    expect(readFileSync(out).equals(pkg)).toBe(true);
    const s = await runCli(["extract-package", book]);
    expect(s.code).toBe(0);
    expect(s.stdout).toBe(text + "\n");
    // It is the package: validate-package accepts it.
    expect((await runCli(["validate-package", out])).code).toBe(0);
    // An existing output only with --force.
    expect((await runCli(["extract-package", book, "-o", out])).code).toBe(2);
    expect((await runCli(["extract-package", book, "-o", out, "--force"])).code).toBe(0);
  });

  test("no package sheet, or one cut short: exit 2 with the reason", async () => {
    const none = await runCli(["extract-package", SAMPLE, "--lang", "en"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no package sheet");
    const rows = packageSheetRows(pkg.toString("utf8") + " ".repeat(40_000));
    rows.pop();
    const cut = await runCli(["extract-package", await withSheets([{ name: "数据包JSON", rows }], "cut.xlsx")]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain("数据包不完整");
    expect(cut.stdout).toBe("");
  });
});
