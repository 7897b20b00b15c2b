import { engineOver, type Engine } from "../engine";

/**
 * Starts the analysis worker. webpack 5 sees `new Worker(new URL(…, import.meta.url))` and builds
 * the worker script as its own chunk, loaded from the pages' own origin (CSP: worker-src 'self').
 * Only webpack reads this file (tsconfig's CommonJS cannot express import.meta); tests use the
 * session directly or the built pages.
 */
export function startEngine(): Engine {
  // @ts-expect-error import.meta is for webpack (ESM), not tsc's CommonJS output
  const url = new URL("./analysis.worker.ts", import.meta.url);
  return engineOver(new Worker(url, { name: "analysis" }));
}
