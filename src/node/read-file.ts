import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { WorkbookSnapshot } from "../core/workbook/snapshot";
import { InputError, readWorkbookBytes } from "../io/xlsx-read";

export { InputError };

/** Reads an .xlsx file into a snapshot; never writes to it. Throws InputError with a clear message. */
export function readWorkbookFile(path: string): WorkbookSnapshot {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError(`找不到文件：${path}`, `file not found: ${path}`);
  }
  if (st.isDirectory()) throw new InputError(`这是一个文件夹，不是工作簿：${path}`, `this is a folder, not a workbook: ${path}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`无法读取文件：${path}（${(e as Error).message}）`, `cannot read the file: ${path}`);
  }
  return readWorkbookBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path));
}
