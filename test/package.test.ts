import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../src/core/analyse";
import { buildPackage, writePackageJson } from "../src/core/report/package";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { buildSampleWorkbook } from "../scripts/sample/build";

const SAMPLE = join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");

describe("the streamed JSON package", () => {
  test.each([
    ["the sample", async () => new Uint8Array(readFileSync(SAMPLE))],
    ["a sample with errors", async () => new Uint8Array(await buildSampleWorkbook({ edits: [{ table: "T03", row: "2010607", column: "total", value: 100.5 }] }))],
    ["a single table", async () => new Uint8Array(await buildSampleWorkbook({ tables: ["T13"], performance: false, narrative: false }))],
  ])("%s: the same document as JSON.stringify(buildPackage(…)), one row a line", async (_name, bytes) => {
    const { recognition, report } = analyse(readWorkbookBytes(await bytes(), "x.xlsx"));
    let text = "";
    writePackageJson(recognition, report, (c) => (text += c));
    const streamed = JSON.parse(text);
    expect(streamed).toEqual(JSON.parse(JSON.stringify(buildPackage(recognition, report))));
    const rows = recognition.tables.reduce((n, t) => n + t.rows.length, 0);
    expect(text.split("\n").filter((l) => l.trimStart().startsWith('{"kind":')).length).toBe(rows);
    expect(Object.keys(streamed)).toEqual(["format", "version", "workbook", "layoutSet", "year", "unitName", "tables", "findings", "problems", "summary"]);
  });
});
