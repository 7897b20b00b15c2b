/**
 * Limits that keep every read bounded in time and memory, whatever the input. They are far above
 * any real disclosure workbook (the bench's department workbook of 100,000 subject rows has sheets
 * of 10.5 MB XML and about 1.1 million cells in all) and far below what would exhaust a machine.
 * A sheet over a limit is reported as "工作表 X 无法读取：过大" — never read as empty.
 */

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). A cell outside it makes its sheet unreadable. */
export const EXCEL_MAX_ROWS = 1048576;
export const EXCEL_MAX_COLS = 16384;

/** Bytes one zip part may inflate to (a worksheet's XML, the shared strings). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;

/** Bytes the shared strings may inflate to (parsing them holds several copies; the large bench workbook has 2.5 MB). */
export const MAX_SST_BYTES = 96 * 1024 * 1024;

/** Bytes all parts of one workbook may inflate to together. */
export const MAX_TOTAL_BYTES = 768 * 1024 * 1024;

/** Cells (with a value or formula) in one workbook, all sheets together. */
export const MAX_CELLS = 6_000_000;

/**
 * Sum over the rows of one sheet of (last column + 1): what a scan across every row visits. Keeps a
 * sheet of many rows each holding one cell at column XFD from costing billions of steps.
 */
export const MAX_ROW_SPAN = 32_000_000;

/** Bytes read from a file given as input (an .xlsx larger than this is not a budget workbook). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export function mb(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}
