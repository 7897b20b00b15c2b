import { existsSync, statSync } from "node:fs";
import * as nodeModule from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import type { UserEntry } from "../core/catalogue/catalogue";
import type { Render, RenderedResult } from "./analyse-file";

/**
 * JSON.stringify(doc, null, 2) as it reads inside `{ "files": [ … ] }` (each line indented four
 * more spaces). Written by JSON.stringify itself at that depth: a regular expression over the
 * ~130 KB of a package took several times as long as the stringify.
 */
export function indentedJson(doc: unknown): string {
  return JSON.stringify([[doc]], null, 2).slice(10, -6); // "[\n  [\n    " … "\n  ]\n]"
}

/** Where the last package's bytes ended: the next buffer starts that large (a batch's files are alike). */
let sizeHint = 1 << 16;

/** Bytes in a Buffer of its own (never Node's shared pool), grown as needed. */
class ByteSink {
  buf = Buffer.allocUnsafeSlow(sizeHint);
  pos = 0;
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const b = Buffer.allocUnsafeSlow(size);
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }
  /** ASCII text (separators, indentation). */
  ascii(s: string): void {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, "latin1");
  }
  /**
   * JSON.stringify(v, null, 2) as it reads `depth` levels deep (each line after the first indented
   * 2 × depth more spaces): made at that depth by JSON.stringify itself, wrapped in `depth` arrays,
   * encoded, and the wrapper's bytes (ASCII) left out.
   */
  value(v: unknown, depth: number): void {
    let w: unknown = v;
    for (let i = 0; i < depth; i++) w = [w];
    const text = JSON.stringify(w, null, 2);
    const before = 2 * depth + depth * (depth + 1); // "[\n  [\n    …"
    const after = 2 * depth + depth * (depth - 1); // "…\n  ]\n]"
    this.room(text.length * 3); // at most 3 bytes of UTF-8 a UTF-16 code unit
    const n = this.buf.write(text, this.pos, "utf8");
    this.buf.copyWithin(this.pos, this.pos + before, this.pos + n - after);
    this.pos += n - before - after;
  }
}

const skipped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";
const plain = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== "object" || typeof (v as { toJSON?: unknown }).toJSON === "function") return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};

/**
 * The UTF-8 of `indentedJson(doc)`, as a view of a buffer of its own (a worker moves it without a
 * copy). JSON.stringify writes it a member at a time, and the arrays `tables` and `findings` an item
 * at a time, each encoded at once into the buffer: as one ~360 KB string (two bytes a character),
 * a sample's package was allocated in pages of its own (V8 keeps strings over 128 KB apart), fresh
 * memory for every file, then sliced into a second string and encoded again (by the worker or by
 * stdout). Writing every byte in JavaScript instead, without strings, ran ~23 M more instructions a
 * sample package (callgrind) while that code is not optimised.
 */
export function indentedJsonBytes(doc: unknown): Uint8Array {
  const out = new ByteSink();
  if (!plain(doc)) out.value(doc, 2);
  else {
    let first = true;
    for (const k of Object.keys(doc)) {
      const v = doc[k];
      if (skipped(v)) continue;
      out.ascii(first ? "{\n      " : ",\n      ");
      first = false;
      out.value(k, 0);
      out.ascii(": ");
      if ((k === "tables" || k === "findings") && Array.isArray(v) && v.length > 0 && Object.getPrototypeOf(v) === Array.prototype && typeof (v as { toJSON?: unknown }).toJSON !== "function") {
        for (let i = 0; i < v.length; i++) {
          out.ascii(i ? ",\n        " : "[\n        ");
          out.value(skipped(v[i]) ? null : v[i], 4);
        }
        out.ascii("\n      ]");
      } else out.value(v, 3);
    }
    out.ascii(first ? "{}" : "\n    }");
  }
  sizeHint = Math.max(1 << 12, out.pos + (out.pos >> 3));
  return new Uint8Array(out.buf.buffer, out.buf.byteOffset, out.pos);
}

/** A file's rendered output: text, or its UTF-8 bytes (a JSON package; from a worker, moved across without a copy). */
export type Output = string | Uint8Array;
export type BatchResult = RenderedResult;

export interface BatchOptions {
  jobs?: number;
  disabledRules?: string[];
  catalogueEntries?: UserEntry[];
  /** --layout: the layout set every file is read with. */
  layoutSet?: string;
  /** How each file's output is rendered (in the worker that checked it). */
  render: Render;
  /** Workers started earlier (startPool), while the inputs were still being listed. */
  pool?: Pool | null;
  onProgress?: (done: number, total: number, path: string) => void;
  /**
   * Called once per file, in input order, as soon as that file and all before it are done. The
   * output is released afterwards (the returned results keep an empty string), so a batch of
   * thousands of workbooks never holds all their reports at once.
   */
  onResult?: (result: BatchResult, index: number) => void;
}

/** What every file of a batch shares: sent to each worker once, before its first file. */
export interface WorkerSetup {
  disabledRules?: string[];
  catalogueEntries?: UserEntry[];
  layoutSet?: string;
  render: Render;
}

/** Messages to a worker: the setup first, then files. */
export type ToWorker = { setup: WorkerSetup } | { id: number; path: string };
/** A worker's answer: the result without its output, which comes as UTF-8 bytes (transferred). */
export interface FromWorker {
  id: number;
  result: RenderedResult;
  bytes?: Uint8Array;
}

/**
 * How a worker thread is started: the compiled worker.js beside this file (the bundle, or tsc's
 * output), loaded through bin/code-cache.js when it is there, so that each worker skips compiling
 * what the previous run compiled. Under ts-jest/tsx (tests of the source) there is none, and files
 * are checked in this thread.
 */
function workerBoot(): string | null {
  const file = join(__dirname, "worker.js");
  if (!__filename.endsWith(".js") || !existsSync(file)) return null;
  const root = join(__dirname, "..", "..");
  const codeCache = [join(root, "bin", "code-cache.js"), join(root, "..", "..", "bin", "code-cache.js")].find((f) => existsSync(f));
  const f = JSON.stringify(file);
  // Node 22.1+ has its own compile cache (module.enableCompileCache, as bin/budget-disclosure.js uses)
  return codeCache && !(nodeModule as { enableCompileCache?: unknown }).enableCompileCache && !process.env.BDA_NO_CODE_CACHE
    ? `const c = require(${JSON.stringify(codeCache)}).requireCached(${f}); c.exports.startWorker(() => c.saveCache());`
    : `require(${f}).startWorker();`;
}

export interface Pool {
  workers: Worker[];
  /** Starts more workers, up to `n` in all. */
  grow(n: number): void;
  /** Ends every worker (idempotent); the pool is then unusable. */
  close(): Promise<void>;
}

/**
 * Starts `n` batch workers now, before the files are known: a worker's start (a thread, an
 * isolate, loading the checker) then overlaps listing the folders and loading a catalogue.
 * Null when workers cannot be used here (tests of the source).
 */
export function startPool(n: number): Pool | null {
  const code = workerBoot();
  if (!code || n < 1) return null;
  // Loaded only here: a single-file check never loads worker_threads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
  const workers: Worker[] = [];
  let closed: Promise<void> | null = null;
  const grow = (k: number) => {
    while (!closed && workers.length < k) workers.push(new Worker(code, { eval: true }));
  };
  grow(n);
  return {
    workers,
    grow,
    close: () => (closed ??= Promise.all(workers.map((w) => w.terminate())).then(() => undefined)),
  };
}

/** The number of workers a batch of `files` uses with `--jobs` (undefined: one per core). */
export function poolSize(jobs: number | undefined, files: number): number {
  return Math.max(1, Math.min(jobs ?? availableParallelism(), files));
}

/**
 * Checks many files, using the machine's cores: this thread is one of the jobs and a worker thread
 * each of the others. Each worker is handed two files at a time (so it never waits for this thread,
 * busy with a file of its own, between files), renders a file's output itself and sends its UTF-8
 * bytes (moved, not copied), with the few summary figures the batch table needs. This thread checks
 * a file whenever it is free and writes what is done, in input order. A thread of its own for every
 * job cost a further isolate's start and JIT warm-up, while this thread, which has its own already,
 * sat waiting. One job (or one file) is checked in this thread alone, with no worker at all.
 */
/** The size of a file this thread checks itself in a batch with workers, at most. */
const HERE_MAX_BYTES = 1 << 20;
const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the check says what is wrong with it
  }
};

export async function checkFiles(paths: string[], opts: BatchOptions): Promise<BatchResult[]> {
  const jobs = poolSize(opts.jobs, paths.length);
  const results: BatchResult[] = new Array(paths.length);
  let done = 0;
  let emitted = 0;
  const finish = (id: number, result: BatchResult) => {
    results[id] = result;
    opts.onProgress?.(++done, paths.length, paths[id]);
    while (emitted < paths.length && results[emitted]) {
      const r = results[emitted];
      opts.onResult?.(r, emitted);
      if (opts.onResult && r.ok) results[emitted] = { ...r, output: "" };
      emitted++;
    }
  };
  const setup: WorkerSetup = { disabledRules: opts.disabledRules, catalogueEntries: opts.catalogueEntries, ...(opts.layoutSet ? { layoutSet: opts.layoutSet } : {}), render: opts.render };
  const pool = jobs > 1 ? opts.pool ?? startPool(jobs - 1) : null;
  pool?.grow(jobs - 1);
  // Loaded here only: a batch's workers start before this thread loads the checking code.
  const { renderFile } = await import("./analyse-file");
  if (!pool) {
    await opts.pool?.close();
    for (let i = 0; i < paths.length; i++) finish(i, renderFile(paths[i], setup, opts.render));
    return results;
  }
  const workers = pool.workers.slice(0, jobs - 1);
  void Promise.all(pool.workers.slice(jobs - 1).map((w) => w.terminate())); // started for more files than there are
  let next = 0;
  let answered: (() => void) | null = null;
  /**
   * This thread's share: a file at a time, letting the workers' answers in between. A workbook of
   * 1 MB or more is left to the workers: while this thread checked it (seconds), a worker would
   * run out of files and this thread would not hand out more.
   */
  const checkHere = async () => {
    while (next < paths.length) {
      if (sizeOf(paths[next]) >= HERE_MAX_BYTES) {
        await new Promise<void>((resolve) => (answered = resolve));
        continue;
      }
      const id = next++;
      finish(id, renderFile(paths[id], setup, opts.render));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([
      ...workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const feed = () => {
              while (inFlight < 2 && next < paths.length) {
                const id = next++;
                inFlight++;
                w.postMessage({ id, path: paths[id] } satisfies ToWorker);
              }
              if (inFlight === 0) resolve();
            };
            w.on("message", (msg: FromWorker) => {
              inFlight--;
              const r = msg.result;
              finish(msg.id, r.ok && msg.bytes ? { ...r, output: msg.bytes } : r);
              feed();
              const a = answered;
              answered = null;
              a?.();
            });
            w.on("error", reject);
            w.on("exit", (code) => reject(new Error(`worker exited (${code})`)));
            w.postMessage({ setup } satisfies ToWorker);
            feed();
          }),
      ),
      checkHere(), // after the workers have their first files
    ]);
  } finally {
    await pool.close();
  }
  return results;
}
