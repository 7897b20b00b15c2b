import type * as SheetJS from "@e965/xlsx";
import type { Cell, RangeBox, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from "../core/workbook/snapshot";
import { isErrorText } from "../core/workbook/snapshot";
import { SheetUnreadable } from "./errors";
import { corruptFile, InputError } from "./errors";
import { EXCEL_MAX_COLS, EXCEL_MAX_ROWS, MAX_CELLS } from "./limits";
import { checkSpan, FastReadUnsupported, outsideGrid, readXlsxFast, tooManyCells, ZipReader } from "./xlsx-fast-read";

export { InputError, SheetUnreadable } from "./errors";

export type FileKind = "xlsx" | "cfb" | "unknown";

/** Tells a zip container (.xlsx/.xlsm) from an OLE container (.xls or an encrypted .xlsx) by magic bytes. */
export function sniffKind(bytes: Uint8Array): FileKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7)) return "xlsx";
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "cfb";
  return "unknown";
}

let sheetjs: typeof SheetJS | undefined;

/**
 * SheetJS, loaded on first use: it takes a few hundred milliseconds to load (its codepage tables),
 * more than the CLI's whole start-up budget, and the fast reader handles ordinary workbooks without it.
 */
function loadSheetJS(): typeof SheetJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (sheetjs ??= require("@e965/xlsx") as typeof SheetJS);
}

const VISIBILITY: SheetVisibility[] = ["visible", "hidden", "veryHidden"];

/** Past this many rows a sheet is not a budget table; SheetJS is told to stop there. */
export const MAX_ROWS = 300000;

/**
 * Reads .xlsx (or .xls) bytes into a WorkbookSnapshot. Works in Node and in the browser.
 * A zip goes through the fast reader (src/io/xlsx-fast-read.ts); whatever it declines or fails on, and
 * every .xls / encrypted (OLE) file, goes through SheetJS, which also words the errors.
 * Throws InputError for anything that is not a readable workbook.
 */
export function readWorkbookBytes(bytes: Uint8Array, name: string): WorkbookSnapshot {
  const kind = sniffKind(bytes);
  if (bytes.length === 0) throw new InputError(`文件为空：${name}`, `the file is empty: ${name}`);
  if (kind === "unknown") {
    throw new InputError(`不是 Excel 工作簿（.xlsx）：${name}`, `not an Excel workbook (.xlsx): ${name}`);
  }
  let snapshot: WorkbookSnapshot | undefined;
  if (kind === "xlsx") {
    // The zip's structure is checked first (InputError "文件不完整或已损坏" when cut short or broken).
    const zip = new ZipReader(bytes, name);
    try {
      snapshot = readXlsxFast(bytes, name, MAX_ROWS, zip);
    } catch (e) {
      if (e instanceof InputError) throw e;
      if (!(e instanceof FastReadUnsupported)) throw corruptFile(name, undefined, String((e as Error)?.message ?? e));
      // SheetJS reads what the fast reader leaves to it, but only once every part is known to
      // inflate within the limits: it has no limits of its own and loops forever on some broken streams.
      zip.verifyAll();
      snapshot = undefined;
    }
  }
  snapshot ??= readWithSheetJS(bytes, name);
  if (snapshot.sheets.length === 0 || snapshot.sheets.every((s) => s.rows.length === 0 && !s.unreadable)) {
    throw new InputError(`工作簿中没有任何数据：${name}`, `the workbook holds no data: ${name}`);
  }
  return snapshot;
}

/**
 * Throws InputError unless every part of the zip is present and inflates within the limits
 * (src/io/limits.ts): for code that hands the bytes to a library without limits (SheetJS, fflate's
 * unzipSync), which can loop forever on a cut file or exhaust memory on a zip bomb.
 */
export function verifyZip(bytes: Uint8Array, name: string): void {
  new ZipReader(bytes, name).verifyAll();
}

/** The SheetJS reader behind readWorkbookBytes; throws InputError for unreadable or password-protected files. */
export function readWithSheetJS(bytes: Uint8Array, name: string): WorkbookSnapshot {
  const kind = sniffKind(bytes);
  const XLSX = loadSheetJS();
  let wb: SheetJS.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: "array",
      dense: true,
      cellFormula: true,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellDates: false,
      sheetRows: MAX_ROWS,
    });
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (kind === "cfb" && /password|encrypt/i.test(msg)) {
      throw new InputError(`工作簿受密码保护，无法读取：${name}。请在 Excel 中取消密码后再试`, `the workbook is password-protected: ${name}`);
    }
    throw new InputError(`工作簿已损坏或格式不受支持：${name}（${msg}）`, `the workbook is corrupt or unsupported: ${name} (${msg})`);
  }
  if (kind === "cfb" && (wb as { bookType?: string }).bookType !== "xls" && !wb.SheetNames.length) {
    throw new InputError(`工作簿受密码保护或已损坏：${name}`, `the workbook is password-protected or corrupt: ${name}`);
  }
  const sheets: SheetSnapshot[] = [];
  const budget = { cells: MAX_CELLS };
  wb.SheetNames.forEach((sheetName, i) => {
    const ws = wb.Sheets[sheetName];
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden ?? 0;
    const visibility = VISIBILITY[hidden] ?? "visible";
    try {
      sheets.push(toSheetSnapshot(sheetName, visibility, ws, budget));
    } catch (e) {
      if (!(e instanceof SheetUnreadable)) throw e;
      sheets.push({ name: sheetName, visibility, rows: [], merges: [], unreadable: { zh: e.zh, en: e.en } });
    }
    // SheetJS's copy is garbage from here on: let it go sheet by sheet to keep the peak low.
    delete wb.Sheets[sheetName];
  });
  return { name, sheets };
}

function toSheetSnapshot(name: string, visibility: SheetVisibility, ws: SheetJS.WorkSheet | undefined, budget: { cells: number }): SheetSnapshot {
  const rows: Array<Array<Cell | undefined> | undefined> = [];
  const merges: RangeBox[] = [];
  if (!ws) return { name, visibility, rows, merges };
  const data = (ws["!data"] ?? []) as Array<Array<SheetJS.CellObject | undefined> | undefined>;
  if (data.length > EXCEL_MAX_ROWS) throw outsideGrid(data.length - 1, 0);
  let last = -1;
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src) continue;
    data[r] = undefined; // converted rows are released as we go (peak memory on 100,000-row sheets)
    if (src.length > EXCEL_MAX_COLS) throw outsideGrid(r, src.length - 1);
    let out: Array<Cell | undefined> | undefined;
    for (let c = 0; c < src.length; c++) {
      const x = src[c];
      if (!x) continue;
      const cell = toCell(x);
      if (!cell) continue;
      if (--budget.cells < 0) throw tooManyCells();
      if (!out) out = [];
      out[c] = cell;
    }
    if (out) {
      rows[r] = out;
      last = r;
    }
  }
  rows.length = last + 1;
  checkSpan(rows);
  for (const m of (ws["!merges"] ?? []) as SheetJS.Range[]) {
    merges.push({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c });
  }
  return { name, visibility, rows, merges };
}

function toCell(x: SheetJS.CellObject): Cell | undefined {
  const f = x.f;
  switch (x.t) {
    case "n": {
      const cell: Cell = { v: x.v as number };
      if (x.z !== undefined && x.z !== "General") cell.z = String(x.z);
      if (f) cell.f = f;
      return cell;
    }
    case "s": {
      const v = x.v as string;
      if (v === "" && !f) return undefined;
      const cell: Cell = { v };
      if (x.z !== undefined && x.z !== "General") cell.z = String(x.z);
      if (f) cell.f = f;
      if (isErrorText(v) && f) cell.error = true;
      return cell;
    }
    case "b": {
      const cell: Cell = { v: Boolean(x.v) };
      if (f) cell.f = f;
      return cell;
    }
    case "e": {
      const text = typeof x.w === "string" && x.w.startsWith("#") ? x.w : errorText(x.v as number);
      const cell: Cell = { v: text, error: true };
      if (f) cell.f = f;
      return cell;
    }
    case "d": {
      const cell: Cell = { v: String(x.v) };
      return cell;
    }
    default:
      if (f) return { v: null, f };
      return undefined;
  }
}

const ERROR_CODES: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

function errorText(code: number): string {
  return ERROR_CODES[code] ?? "#VALUE!";
}
