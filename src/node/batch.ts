import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { UserEntry } from "../core/catalogue/catalogue";
import type { Render, RenderedResult } from "./analyse-file";

/** JSON.stringify(doc, null, 2) as it reads inside `{ "files": [ … ] }` (JSON strings hold no raw newline). */
export function indentedJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2).replace(/\n/g, "\n    ");
}

export interface BatchOptions {
  jobs?: number;
  disabledRules?: string[];
  catalogueEntries?: UserEntry[];
  /** --layout: the layout set every file is read with. */
  layoutSet?: string;
  /** How each file's output is rendered (in the worker that checked it). */
  render: Render;
  onProgress?: (done: number, total: number, path: string) => void;
  /**
   * Called once per file, in input order, as soon as that file and all before it are done. The
   * output is released afterwards (the returned results keep an empty string), so a batch of
   * thousands of workbooks never holds all their reports at once.
   */
  onResult?: (result: RenderedResult, index: number) => void;
}

/** What a batch worker is started with (workerData): the same for every file, so sent once. */
export interface WorkerSetup {
  disabledRules?: string[];
  catalogueEntries?: UserEntry[];
  layoutSet?: string;
  render: Render;
}

function workerFile(): string | null {
  // Workers run the compiled JavaScript (the bundle or tsc's output, whichever this file is part
  // of); under ts-jest/tsx (tests of the source) the files are checked in-process.
  const f = join(__dirname, "worker.js");
  return __filename.endsWith(".js") && existsSync(f) ? f : null;
}

/**
 * Checks many files, using the machine's cores: one worker thread per core, each handed two files
 * at a time (so it never waits for the main thread between files). Workers render each file's
 * output themselves and send back a string: the main thread only writes, which leaves the cores to
 * the workers. One worker (or one file) is checked in this thread, with no worker start-up cost.
 */
export async function checkFiles(paths: string[], opts: BatchOptions): Promise<RenderedResult[]> {
  const jobs = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), paths.length));
  const file = workerFile();
  const results: RenderedResult[] = new Array(paths.length);
  let done = 0;
  let emitted = 0;
  const finish = (id: number, result: RenderedResult) => {
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
  if (jobs === 1 || !file) {
    // Loaded here only: with workers, the main thread never loads the checking code.
    const { renderFile } = await import("./analyse-file");
    for (let i = 0; i < paths.length; i++) finish(i, renderFile(paths[i], setup, opts.render));
    return results;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, () =>
      new Promise<void>((resolve, reject) => {
        const w = new Worker(file, { workerData: setup });
        let inFlight = 0;
        const feed = () => {
          while (inFlight < 2 && next < paths.length) {
            const id = next++;
            inFlight++;
            w.postMessage({ id, path: paths[id] });
          }
          if (inFlight === 0) void w.terminate().then(() => resolve());
        };
        w.on("message", (msg: { id: number; result: RenderedResult }) => {
          inFlight--;
          finish(msg.id, msg.result);
          feed();
        });
        w.on("error", reject);
        feed();
      }),
    ),
  );
  return results;
}
