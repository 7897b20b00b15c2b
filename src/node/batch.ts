import { existsSync, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";
import type { UserEntry } from "../core/catalogue/catalogue";
import { analyseFile, type FileResult } from "./analyse-file";

/** Expands folders into the .xlsx files below them (sorted; Office lock files ~$… skipped). */
export function expandInputs(inputs: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.push(p); // reported as unreadable later, with its name
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const q = join(p, name);
        if (name.startsWith("~$") || name.startsWith(".")) continue;
        const s = statSync(q);
        if (s.isDirectory()) walk(q);
        else if ([".xlsx", ".xlsm", ".xls"].includes(extname(name).toLowerCase())) out.push(q);
      }
    } else out.push(p);
  };
  inputs.forEach(walk);
  return out;
}

export interface BatchOptions {
  jobs?: number;
  disabledRules?: string[];
  catalogueEntries?: UserEntry[];
  onProgress?: (done: number, total: number, path: string) => void;
}

function workerFile(): string | null {
  // Workers run the compiled JavaScript; under ts-node/tsx (tests of the source) run in-process.
  const f = join(__dirname, "worker.js");
  return __filename.endsWith(".js") && existsSync(f) ? f : null;
}

/** Checks many files, using the machine's cores: one worker thread per core, files handed out one at a time. */
export async function checkFiles(paths: string[], opts: BatchOptions = {}): Promise<FileResult[]> {
  const jobs = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), paths.length));
  const file = workerFile();
  const results: FileResult[] = new Array(paths.length);
  let done = 0;
  if (jobs === 1 || !file) {
    for (let i = 0; i < paths.length; i++) {
      results[i] = analyseFile(paths[i], { disabledRules: opts.disabledRules, catalogueEntries: opts.catalogueEntries });
      opts.onProgress?.(++done, paths.length, paths[i]);
    }
    return results;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, () =>
      new Promise<void>((resolve, reject) => {
        const w = new Worker(file);
        const feed = () => {
          if (next >= paths.length) {
            void w.terminate().then(() => resolve());
            return;
          }
          const id = next++;
          w.postMessage({ id, path: paths[id], disabledRules: opts.disabledRules, catalogueEntries: opts.catalogueEntries });
        };
        w.on("message", (msg: { id: number; result: FileResult }) => {
          results[msg.id] = msg.result;
          opts.onProgress?.(++done, paths.length, paths[msg.id]);
          feed();
        });
        w.on("error", reject);
        feed();
      }),
    ),
  );
  return results;
}
