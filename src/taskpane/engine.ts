import type { Calls, Op, Reply, Request, Stage } from "./worker/protocol";

/**
 * The pane's side of the analysis worker: each call is a request with an id, answered in order,
 * with progress messages (reading, recognising, checking) on the way.
 */
export interface Engine {
  call<K extends Op>(op: K, args: Calls[K]["args"], onStage?: (s: Stage) => void, transfer?: Transferable[]): Promise<Calls[K]["result"]>;
  terminate(): void;
}

/** An error from the worker, with the reader's zh/en text when it had one (describeError reads those). */
export class WorkerError extends Error {
  zh?: string;
  en?: string;
  constructor(e: { name: string; message: string; zh?: string; en?: string }) {
    super(e.message);
    this.name = e.name;
    if (e.zh !== undefined && e.en !== undefined) {
      this.zh = e.zh;
      this.en = e.en;
    }
  }
}

/** Anything that posts and receives messages like a Worker (a real one, or a test's stand-in). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
  terminate(): void;
}

export function engineOver(worker: WorkerLike): Engine {
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void; onStage?: (s: Stage) => void }>();
  worker.onmessage = (ev: MessageEvent<Reply>) => {
    const r = ev.data;
    const p = pending.get(r.id);
    if (!p) return;
    if ("progress" in r) {
      p.onStage?.(r.progress);
      return;
    }
    pending.delete(r.id);
    if (r.ok) p.resolve(r.value);
    else p.reject(new WorkerError(r.error));
  };
  worker.onerror = (ev: ErrorEvent) => {
    // The worker script failed to load or crashed: every waiting call fails with what is known.
    const err = new Error(ev.message || "analysis worker failed");
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  return {
    call(op, args, onStage, transfer = []) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onStage });
        const req: Request = { id, op, args };
        worker.postMessage(req, transfer);
      });
    },
    terminate: () => worker.terminate(),
  };
}
