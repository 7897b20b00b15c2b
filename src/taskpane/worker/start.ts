import { engineOver, type Engine } from "../engine";

/**
 * Starts the analysis worker. webpack 5 sees `new Worker(new URL(…, import.meta.url))` (it must be
 * written inline, as here) and builds the worker script as its own chunk, loaded from the pages'
 * own origin (CSP: worker-src 'self'). Only webpack reads this file (tsconfig's CommonJS cannot
 * express import.meta); tests use the session directly or the built pages.
 */
export function startEngine(): Engine {
  return engineOver(
    // @ts-expect-error import.meta is for webpack (ESM), not tsc's CommonJS output
    new Worker(new URL("./analysis.worker.ts", import.meta.url), { name: "analysis" }),
  );
}
