/**
 * A chunk the pane loads on first use (the finding menu, the dialogs): loaded once and kept; a
 * failed load (a dropped network, a redeployed add-in) is forgotten, so the next call tries again.
 * webpack itself retries a chunk whose script failed: only our own cached promise must not stick.
 */
export interface OnDemand<T> {
  load(): Promise<T>;
  /** The module once loaded, else null (so a component drawn later needs no wait). */
  loaded(): T | null;
}

export function onDemand<T>(importer: () => Promise<T>): OnDemand<T> {
  let pending: Promise<T> | null = null;
  let done: T | null = null;
  return {
    load() {
      pending ??= importer().then(
        (m) => (done = m),
        (e: unknown) => {
          pending = null;
          throw e;
        },
      );
      return pending;
    },
    loaded: () => done,
  };
}
