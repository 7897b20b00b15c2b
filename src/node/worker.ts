import { parentPort } from "node:worker_threads";
import type { UserEntry } from "../core/catalogue/catalogue";
import { analyseFile } from "./analyse-file";

/** Worker of the batch check: receives { id, path, disabledRules }, answers with the file's result. */
parentPort?.on("message", (msg: { id: number; path: string; disabledRules?: string[]; catalogueEntries?: UserEntry[] }) => {
  const result = analyseFile(msg.path, { disabledRules: msg.disabledRules, catalogueEntries: msg.catalogueEntries });
  parentPort!.postMessage({ id: msg.id, result });
});
