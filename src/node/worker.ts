import { parentPort, workerData } from "node:worker_threads";
import { renderFile } from "./analyse-file";
import type { WorkerSetup } from "./batch";

/**
 * Worker of the batch check. Started with the settings every file shares (workerData: disabled
 * rules, the user's catalogue entries, the output format), so that they are copied once and the
 * catalogue built from them is kept for every file; receives { id, path }, answers with the file's
 * rendered result.
 */
const setup = workerData as WorkerSetup;
parentPort?.on("message", (msg: { id: number; path: string }) => {
  parentPort!.postMessage({ id: msg.id, result: renderFile(msg.path, setup, setup.render) });
});
