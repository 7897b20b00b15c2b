/**
 * Writes the shipped sample workbook assets/samples/2026-单位预算公开-样例.xlsx from data/sample-2026.
 * Run: npx tsx scripts/make-sample.ts
 */
import { mkdirSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { buildSampleWorkbook } from "./sample/build";

export const SAMPLE_PATH = join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");

async function main(): Promise<void> {
  const buffer = await buildSampleWorkbook();
  mkdirSync(dirname(SAMPLE_PATH), { recursive: true });
  writeFileSync(SAMPLE_PATH, buffer);
  console.log(`wrote ${SAMPLE_PATH} (${buffer.length} bytes)`);
}

if (require.main === module) main().catch((err) => {
  console.error(err);
  process.exit(1);
});
