import { parentPort } from "node:worker_threads";
import { analyseFile } from "./analyse-file";

/** Worker of the batch check: receives { id, path, disabledRules }, answers with the file's result. */
parentPort?.on("message", (msg: { id: number; path: string; disabledRules?: string[] }) => {
  const result = analyseFile(msg.path, { disabledRules: msg.disabledRules });
  parentPort!.postMessage({ id: msg.id, result });
});
