/** A workbook that cannot be read, with a message for people (zh-CN first, then English). */
export class InputError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
    this.name = "InputError";
  }
}

/** One sheet that cannot be read (too large, addresses outside Excel's grid); the rest of the workbook can. */
export class SheetUnreadable extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
    this.name = "SheetUnreadable";
  }
}

/** "文件不完整或已损坏" for a zip whose structure is broken (cut short, bytes changed). */
export function corruptFile(name: string, zh?: string, en?: string): InputError {
  return new InputError(
    `文件不完整或已损坏：${name}${zh ? `（${zh}）` : ""}。请重新保存或重新复制该文件后再试`,
    `the file is incomplete or corrupt: ${name}${en ?? zh ? ` (${en ?? zh})` : ""}; save or copy it again`,
  );
}
