import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { WorkbookSnapshot } from "../core/workbook/snapshot";
import { MAX_FILE_BYTES, mb } from "../io/limits";
import { InputError, readWorkbookBytes } from "../io/xlsx-read";

export { InputError };

/**
 * Reads a whole input file, refusing what is not a regular file (a folder, a FIFO, /dev/zero, a
 * socket) before reading a byte, and anything over MAX_FILE_BYTES: every read ends, in bounded memory.
 * `what` names the file in messages ("工作簿", "目录文件").
 */
export function readInputFile(path: string, what = "工作簿", whatEn = "workbook"): Uint8Array {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError(`找不到文件：${path}`, `file not found: ${path}`);
  }
  if (st.isDirectory()) throw new InputError(`这是一个文件夹，不是${what}：${path}`, `this is a folder, not a ${whatEn}: ${path}`);
  if (!st.isFile()) throw new InputError(`不是普通文件（是设备、管道或套接字），不能作为${what}读取：${path}`, `not a regular file (a device, pipe or socket): ${path}`);
  if (st.size > MAX_FILE_BYTES) throw new InputError(`文件过大（${mb(st.size)}，上限 ${mb(MAX_FILE_BYTES)}），不是预算公开工作簿：${path}`, `the file is too large (${mb(st.size)}, the limit is ${mb(MAX_FILE_BYTES)}): ${path}`);
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in after the stat must not block the open
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError(`无法读取${what}：${path}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, `cannot read the ${whatEn}: ${path}`);
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) throw new InputError(`不是普通文件，无法作为${what}读取：${path}`, `not a regular file: ${path}`);
    const size = Math.min(fst.size, MAX_FILE_BYTES);
    const buf = new Uint8Array(size);
    let n = 0;
    while (n < size) {
      const k = readSync(fd, buf, n, size - n, n);
      if (k === 0) break; // the file shrank while being read
      n += k;
    }
    return n === size ? buf : buf.subarray(0, n);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`无法读取${what}：${path}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, `cannot read the ${whatEn}: ${path}`);
  } finally {
    closeSync(fd);
  }
}

/** Reads an .xlsx file into a snapshot; never writes to it. Throws InputError with a clear message. */
export function readWorkbookFile(path: string): WorkbookSnapshot {
  return readWorkbookBytes(readInputFile(path), basename(path));
}
