/**
 * Work on the pane's main thread that grows with the workbook (turning a 100,000-row read into
 * cells, sending it to the worker) is done in slices: after each slice that took longer than a few
 * milliseconds, the event loop gets a turn, so timers (the live check's debounce), input and paint
 * are never held up by one long task.
 */

/** A turn of the event loop: scheduler.yield where there is one, else a message (no 4 ms timer clamp). */
export function yieldToHost(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === "function") return s.yield();
  if (typeof MessageChannel !== "undefined") {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Yields when the slice running since the last yield has taken `budgetMs` or more. */
export function slicer(budgetMs = 8): () => Promise<void> | undefined {
  let t0 = now();
  return () => {
    if (now() - t0 < budgetMs) return undefined;
    return yieldToHost().then(() => {
      t0 = now();
    });
  };
}
