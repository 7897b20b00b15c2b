import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { WorkbookSnapshot } from "../core/workbook/snapshot";
import { showPath, type FsPath } from "./inputs";
import { InputError, readWorkbookBytes } from "../io/xlsx-read";

export { InputError };

/** Reads an .xlsx file into a snapshot; never writes to it. Throws InputError with a clear message. */
export function readWorkbookFile(file: FsPath): WorkbookSnapshot {
  // A name that is not UTF-8 comes as raw bytes (from a folder listing or the raw command line).
  const path = showPath(file);
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError(`找不到文件：${path}`, `file not found: ${path}`);
  }
  if (st.isDirectory()) throw new InputError(`这是一个文件夹，不是工作簿：${path}`, `this is a folder, not a workbook: ${path}`);
  // A FIFO or a device (/dev/zero) would be read forever.
  if (!st.isFile()) throw new InputError(`这不是普通文件，不是工作簿：${path}`, `not a regular file, not a workbook: ${path}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(`无法读取文件：${path}（${(e as Error).message}）`, `cannot read the file: ${path}`);
  }
  return readWorkbookBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path));
}
