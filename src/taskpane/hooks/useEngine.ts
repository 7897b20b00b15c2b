import * as React from "react";
import type { Engine } from "../engine";

/**
 * The analysis engine (a Web Worker): started on first use, its module loaded on demand (a chunk of
 * its own), ended with the pane unless it was given from outside (tests).
 */
export function useEngine(given?: Engine): { getEngine: () => Promise<Engine>; engineRef: React.MutableRefObject<Engine | null> } {
  const engineRef = React.useRef<Engine | null>(given ?? null);
  const engineP = React.useRef<Promise<Engine> | null>(null);
  const getEngine = React.useCallback((): Promise<Engine> => {
    if (engineRef.current) return Promise.resolve(engineRef.current);
    // A chunk that failed to load is not kept as the answer: the next check tries again.
    engineP.current ??= import(/* webpackChunkName: "engine" */ "../worker/start").then(
      (m) => (engineRef.current = m.startEngine()),
      (e: unknown) => {
        engineP.current = null;
        throw e;
      },
    );
    return engineP.current;
  }, []);
  React.useEffect(() => {
    return () => {
      if (!given) engineRef.current?.terminate();
    };
  }, [given]);
  return { getEngine, engineRef };
}
