import type { Browser } from "playwright-core";
import { buildPages } from "./build";
import { launchChromium } from "./chromium";
import { serveDir, type StaticServer } from "./serve";
import { buildSimBundle } from "./sim-bundle";

/**
 * What a browser suite runs against: its pages built and served from 127.0.0.1, Debian's Chromium,
 * and, for a suite that opens the pane in the simulated Excel, the simulator's script standing in
 * for office.js. Every field is set once the suite's beforeAll has run.
 */
export interface Rig {
  server: StaticServer;
  browser: Browser;
  /** The simulator's script (test/excel-sim bundled), where `simOut` was given; else "". */
  simScript: string;
}

/** An empty rig, made at module level so that a suite's helpers outside its describe blocks reach it; useRig sets it up. */
export function newRig(): Rig {
  return { server: undefined as unknown as StaticServer, browser: undefined as unknown as Browser, simScript: "" };
}

/**
 * Registers, in the describe block it is called in, the beforeAll that builds `entries` into `out`
 * (reused when newer than every input), bundles the simulator into `simOut` where given, serves the
 * pages and launches Chromium, and the afterAll that closes the browser and the server. Several
 * describe blocks may set up one rig in turn. A suite's own set-up goes in a beforeAll registered
 * after this one: jest runs them in that order.
 */
export function useRig(rig: Rig, out: string, entries: string[], opts: { simOut?: string } = {}): void {
  beforeAll(async () => {
    await buildPages(out, entries);
    if (opts.simOut) rig.simScript = await buildSimBundle(opts.simOut);
    rig.server = await serveDir(out);
    rig.browser = await launchChromium();
  }, 600_000); // a cold webpack build (no cache yet) takes minutes on a busy 2-core machine
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.close();
  });
}
