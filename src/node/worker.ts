import { parentPort } from "node:worker_threads";
import { renderFile } from "./analyse-file";
import type { FromWorker, ToWorker, WorkerSetup } from "./batch";

/**
 * Worker of the batch check (started by batch.ts's startPool, before the files are known). Gets
 * the settings every file shares first ({ setup }: disabled rules, the user's catalogue entries,
 * the output format), so that they are copied once and the catalogue built from them is kept for
 * every file; then { id, path } for each file, answered with the file's result and its rendered
 * output as UTF-8 bytes, transferred (no copy, and nothing left for the main thread to encode).
 * `warm` is called once after the first file (the code cache is written then, when it is missing).
 */
export function startWorker(warm?: () => void): void {
  let setup: WorkerSetup | undefined;
  parentPort?.on("message", (msg: ToWorker) => {
    if ("setup" in msg) {
      setup = msg.setup;
      return;
    }
    const r = renderFile(msg.path, setup!, setup!.render);
    let reply: FromWorker;
    if (r.ok) {
      // a JSON package comes as bytes in a buffer of its own (indentedJsonBytes), moved as it is; text
      // is encoded here, and a Buffer may sit in Node's shared pool: only a buffer of its own can be moved
      let own: Uint8Array;
      if (typeof r.output !== "string" && !Buffer.isBuffer(r.output)) own = r.output;
      else {
        const bytes = typeof r.output === "string" ? Buffer.from(r.output, "utf8") : r.output;
        own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
      }
      reply = { id: msg.id, result: { ...r, output: "" }, bytes: own };
      parentPort!.postMessage(reply, [own.buffer as ArrayBuffer]);
    } else {
      reply = { id: msg.id, result: r };
      parentPort!.postMessage(reply);
    }
    if (warm) {
      const w = warm;
      warm = undefined;
      w();
    }
  });
}
