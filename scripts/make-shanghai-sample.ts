/**
 * Writes the Shanghai-layout sample workbook assets/samples/2026-上海单位预算公开-样例.xlsx from
 * data/sample-shanghai-2026 (see scripts/sample/shanghai.ts). Run: npx tsx scripts/make-shanghai-sample.ts
 */
import { mkdirSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { buildShanghaiWorkbook } from "./sample/shanghai";

export const SHANGHAI_SAMPLE_PATH = join(__dirname, "..", "assets", "samples", "2026-上海单位预算公开-样例.xlsx");

async function main(): Promise<void> {
  const { buffer } = await buildShanghaiWorkbook();
  mkdirSync(dirname(SHANGHAI_SAMPLE_PATH), { recursive: true });
  writeFileSync(SHANGHAI_SAMPLE_PATH, buffer);
  console.log(`wrote ${SHANGHAI_SAMPLE_PATH} (${buffer.length} bytes)`);
}

if (require.main === module) main().catch((err) => {
  console.error(err);
  process.exit(1);
});
