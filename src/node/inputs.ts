import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import { extname, join, sep } from "node:path";

/**
 * The files a `check` covers: its arguments, with folders expanded to the workbooks below them.
 *
 * One bad entry never stops the rest: a dangling symbolic link, a symbolic link loop, a subfolder
 * that cannot be listed is kept as an entry with its error, reported as unreadable, and every other
 * file is checked. File names that are not UTF-8 (possible on Linux) are kept as raw bytes (a Buffer
 * path), which Node's fs accepts, so such a file is read like any other.
 */

/** A path as the file system knows it: a string, or raw bytes for a name that is not UTF-8. */
export type FsPath = string | Buffer;

export interface InputEntry {
  path: FsPath;
  /** The path for messages (not-UTF-8 bytes shown as U+FFFD). */
  shown: string;
  error?: { zh: string; en: string };
}

export const WORKBOOK_EXTENSIONS = [".xlsx", ".xlsm", ".xls"];

export const showPath = (p: FsPath): string => (typeof p === "string" ? p : p.toString("utf8"));

const isUtf8 = (b: Buffer) => Buffer.from(b.toString("utf8"), "utf8").equals(b);

function joinPath(dir: FsPath, name: Buffer): FsPath {
  if (typeof dir === "string" && isUtf8(name)) return join(dir, name.toString("utf8"));
  const d = typeof dir === "string" ? Buffer.from(dir, "utf8") : dir;
  const slash = d.length > 0 && d[d.length - 1] === sep.charCodeAt(0) ? Buffer.alloc(0) : Buffer.from(sep);
  return Buffer.concat([d, slash, name]);
}

function unreadable(path: FsPath, e: unknown, what: "file" | "folder"): InputEntry {
  const shown = showPath(path);
  const code = (e as NodeJS.ErrnoException)?.code;
  let zh: string;
  let en: string;
  if (code === "ENOENT") {
    let dangling = false;
    try {
      dangling = lstatSync(path).isSymbolicLink();
    } catch {
      /* not there at all */
    }
    zh = dangling ? `链接指向的文件不存在：${shown}` : `找不到文件：${shown}`;
    en = dangling ? `the link points to a file that does not exist: ${shown}` : `file not found: ${shown}`;
  } else if (code === "ELOOP") {
    zh = `符号链接形成循环，无法读取：${shown}`;
    en = `symbolic link loop, cannot be read: ${shown}`;
  } else if (code === "EACCES" || code === "EPERM") {
    zh = what === "folder" ? `没有权限读取文件夹：${shown}` : `没有权限读取文件：${shown}`;
    en = what === "folder" ? `no permission to read the folder: ${shown}` : `no permission to read the file: ${shown}`;
  } else {
    const detail = code ?? (e as Error)?.message ?? String(e);
    zh = what === "folder" ? `无法读取文件夹：${shown}（${detail}）` : `无法读取文件：${shown}（${detail}）`;
    en = what === "folder" ? `cannot read the folder: ${shown} (${detail})` : `cannot read the file: ${shown} (${detail})`;
  }
  return { path, shown, error: { zh, en } };
}

/** Expands folders into the workbooks below them (sorted; Office lock files ~$… and hidden names skipped). */
export function expandInputs(inputs: FsPath[]): InputEntry[] {
  const out: InputEntry[] = [];
  const seenDirs = new Set<string>();
  const walkDir = (dir: FsPath, st: Stats) => {
    // A folder reached twice (a symbolic link back up the tree) is listed once.
    const id = `${st.dev}:${st.ino}`;
    if (seenDirs.has(id)) return;
    seenDirs.add(id);
    let names: Buffer[];
    try {
      names = readdirSync(dir, { encoding: "buffer" });
    } catch (e) {
      out.push(unreadable(dir, e, "folder"));
      return;
    }
    names.sort(Buffer.compare);
    for (const name of names) {
      const text = name.toString("utf8");
      if (text.startsWith("~$") || text.startsWith(".")) continue;
      const p = joinPath(dir, name);
      let s: Stats;
      try {
        s = statSync(p);
      } catch (e) {
        // A dangling link or a link loop: reported when it looks like a workbook or a folder would.
        const ext = extname(text).toLowerCase();
        let isLink = false;
        try {
          isLink = lstatSync(p).isSymbolicLink();
        } catch {
          /* vanished */
        }
        if (WORKBOOK_EXTENSIONS.includes(ext) || (isLink && ext === "")) out.push(unreadable(p, e, "file"));
        continue;
      }
      if (s.isDirectory()) walkDir(p, s);
      else if (WORKBOOK_EXTENSIONS.includes(extname(text).toLowerCase())) out.push({ path: p, shown: showPath(p) });
    }
  };
  for (const input of inputs) {
    let st: Stats;
    try {
      st = statSync(input);
    } catch (e) {
      out.push(unreadable(input, e, "file"));
      continue;
    }
    if (st.isDirectory()) walkDir(input, st);
    else out.push({ path: input, shown: showPath(input) });
  }
  return out;
}

/**
 * Node decodes the command line as UTF-8 and replaces bytes that are not UTF-8 with U+FFFD, so a file
 * whose name is not UTF-8 could not be found by the name in process.argv. On Linux the raw bytes are
 * in /proc/self/cmdline: an argument with U+FFFD in it is replaced by its raw bytes when they decode
 * to exactly that argument. Elsewhere (Windows and macOS names are Unicode) arguments stay as they are.
 */
export function rawArgument(arg: string): FsPath {
  if (!arg.includes("\ufffd") || process.platform !== "linux") return arg;
  let raw: Buffer[];
  try {
    const cmdline = readFileSync("/proc/self/cmdline");
    raw = [];
    let start = 0;
    for (let i = 0; i < cmdline.length; i++) {
      if (cmdline[i] === 0) {
        raw.push(cmdline.subarray(start, i));
        start = i + 1;
      }
    }
  } catch {
    return arg;
  }
  const match = raw.find((b) => !isUtf8(b) && b.toString("utf8") === arg);
  return match ? Buffer.from(match) : arg;
}
