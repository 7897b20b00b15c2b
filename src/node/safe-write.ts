import { closeSync, fsyncSync, linkSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type PathLike, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

/**
 * Writing an output file without ever touching an input: the CLI's promise that it never modifies
 * what it reads, whatever the flags.
 *
 * - The output is compared with every input by file identity (device and inode, links followed), so
 *   `-o` naming the input itself, a symbolic link to it or a hard link to it is refused.
 * - Only regular files are ever replaced: a folder, a device (/dev/full, /dev/null), a FIFO is refused.
 * - The data goes to a temporary file in the target's folder, which is renamed into place once
 *   complete: a failed write (full disk) leaves the old file as it was and no temporary file behind.
 * - Without --force the final step is a hard link, which fails if the name appeared in the meantime.
 */

export class OutputError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
  }
}

export interface PreparedOutput {
  /** The name the user gave, for messages. */
  readonly shown: string;
  /** The file to create or replace: the output with links resolved. */
  readonly target: string;
  readonly force: boolean;
  readonly inputs: readonly PathLike[];
  /** Mode of the file being replaced, kept on the new one. */
  readonly mode: number | null;
}

const identity = (st: Stats) => `${st.dev}:${st.ino}`;

function statOrNull(p: PathLike, follow: boolean): Stats | null {
  try {
    return follow ? statSync(p) : lstatSync(p);
  } catch {
    return null;
  }
}

/** A system error on the output turned into a message that says what and where. */
export function outputErrorFor(e: unknown, shown: string): OutputError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const dir = dirname(shown);
  switch (code) {
    case "ENOENT":
      return new OutputError(`输出文件夹不存在：${dir}（请先建立该文件夹）`, `the output folder does not exist: ${dir} (create it first)`);
    case "ENOTDIR":
      return new OutputError(`输出路径无效：${shown}（路径中有一段不是文件夹）`, `invalid output path: ${shown} (part of the path is not a folder)`);
    case "EACCES":
    case "EPERM":
      return new OutputError(`没有权限在文件夹中写入：${dir}`, `no permission to write in the folder: ${dir}`);
    case "EROFS":
      return new OutputError(`输出文件夹在只读的磁盘上，无法写入：${dir}`, `the output folder is on a read-only disk: ${dir}`);
    case "ENOSPC":
    case "EDQUOT":
      return new OutputError(`磁盘空间不足，无法写入：${shown}（未写入任何内容，原有文件保持不变）`, `the disk is full, cannot write ${shown} (nothing was written; any existing file is unchanged)`);
    case "EISDIR":
      return new OutputError(`输出路径是一个文件夹：${shown}（请给出文件名）`, `the output path is a folder: ${shown} (give a file name)`);
    case "ENAMETOOLONG":
      return new OutputError(`输出文件名太长：${shown}`, `the output file name is too long: ${shown}`);
    case "EEXIST":
      return new OutputError(`输出文件已存在：${shown}（加 --force 覆盖）`, `the output file exists: ${shown} (add --force to overwrite)`);
    default: {
      const what = code ?? (e as Error)?.message ?? String(e);
      return new OutputError(`无法写入输出文件：${shown}（${what}）`, `cannot write the output file: ${shown} (${what})`);
    }
  }
}

function sameAsInput(target: string, inputs: readonly PathLike[]): boolean {
  const out = statOrNull(target, true);
  if (!out) return false;
  return inputs.some((i) => {
    const st = statOrNull(i, true);
    return st !== null && identity(st) === identity(out);
  });
}

const isInputMessage = (shown: string) =>
  new OutputError(`输出文件不能是输入文件（或指向它的链接）：${shown}。本命令从不改动输入文件，请另选输出文件名`, `the output must not be the input file (or a link to it): ${shown}. This command never modifies its input; choose another output name`);

/** Checks the output path before any work is done; throws OutputError. */
export function prepareOutput(output: string, inputs: readonly PathLike[], opts: { force?: boolean } = {}): PreparedOutput {
  const force = opts.force === true;
  const link = statOrNull(output, false);
  let target = output;
  let mode: number | null = null;
  if (link) {
    const st = statOrNull(output, true);
    if (st) {
      if (st.isDirectory()) throw outputErrorFor({ code: "EISDIR" }, output);
      if (!st.isFile()) throw new OutputError(`输出路径不是普通文件：${output}（设备、管道等不能作为输出）`, `the output path is not a regular file: ${output} (devices, pipes and the like cannot be outputs)`);
      if (sameAsInput(output, inputs)) throw isInputMessage(output);
      // Through a symbolic link the file it points to is replaced, not the link.
      target = link.isSymbolicLink() ? realpathSync(output) : output;
      mode = st.mode & 0o7777;
    }
    // A dangling symbolic link: the link itself is replaced.
    if (!force) throw outputErrorFor({ code: "EEXIST" }, output);
  } else {
    const dir = statOrNull(dirname(output), true);
    if (!dir) throw outputErrorFor({ code: "ENOENT" }, output);
    if (!dir.isDirectory()) throw outputErrorFor({ code: "ENOTDIR" }, output);
  }
  return { shown: output, target, force, inputs, mode };
}

/**
 * Writes the output through `produce`, which hands its data to the sink in pieces. The file appears
 * complete or not at all; throws OutputError (or what `produce` throws, after cleaning up).
 */
export function writeOutput(out: PreparedOutput, produce: (sink: (chunk: string | Uint8Array) => void) => void): void {
  const tmp = join(dirname(out.target), `.${basename(out.target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | null = null;
  let placed = false;
  try {
    try {
      fd = openSync(tmp, "wx", out.mode ?? 0o666);
    } catch (e) {
      throw outputErrorFor(e, out.shown);
    }
    const file = fd;
    const sink = (chunk: string | Uint8Array) => {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      let off = 0;
      try {
        while (off < buf.length) off += writeSync(file, buf, off, buf.length - off);
      } catch (e) {
        throw outputErrorFor(e, out.shown);
      }
    };
    produce(sink);
    try {
      fsyncSync(file);
      closeSync(file);
      fd = null;
    } catch (e) {
      throw outputErrorFor(e, out.shown);
    }
    // The folder may have changed while we worked: check again just before the file is placed.
    if (sameAsInput(out.target, out.inputs)) throw isInputMessage(out.shown);
    place(tmp, out);
    placed = true;
  } finally {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    if (!placed) {
      try {
        unlinkSync(tmp);
      } catch {
        /* never created, or already gone */
      }
    }
  }
}

function place(tmp: string, out: PreparedOutput): void {
  if (out.force) {
    try {
      renameSync(tmp, out.target);
    } catch (e) {
      throw outputErrorFor(e, out.shown);
    }
    return;
  }
  // No overwrite: a hard link fails if the name exists, even if it appeared a moment ago.
  try {
    linkSync(tmp, out.target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw outputErrorFor(e, out.shown);
    // File systems without hard links (FAT, exFAT, some network shares): check, then rename.
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "EMLINK" || code === "ENOSYS") {
      if (statOrNull(out.target, false)) throw outputErrorFor({ code: "EEXIST" }, out.shown);
      try {
        renameSync(tmp, out.target);
      } catch (e2) {
        throw outputErrorFor(e2, out.shown);
      }
      return;
    }
    throw outputErrorFor(e, out.shown);
  }
  try {
    unlinkSync(tmp);
  } catch {
    /* the file is in place; a stray temporary name is harmless but should not happen */
  }
}
