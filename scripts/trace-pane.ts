/**
 * A Chromium trace of the Excel pane checking a workbook (the simulator over .xlsx): every main-thread
 * task over 50 ms, split by what ran in it (script by file and function, style, layout, paint, GC,
 * messages), with the simulator's own script (office.js, Excel's work) told apart. For finding the
 * long tasks the bench's PerformanceObserver figure counts.
 *
 *   npx tsx scripts/trace-pane.ts <pages dir> <office-sim.js> <workbook.xlsx> [trace.json]
 * (the bench's excel section leaves all three under .tmp/bench-excel).
 */
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { serveDir } from "../test/browser/serve";
import { openExcelPane } from "../test/browser/excel-pane";

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: what the task cost, whatever else ran on the machine. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string; message?: string } };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Functions by self and by total time in the samples between `from` and `to` (µs, the trace's clock). */
function profileWindow(p: CpuProfile, from: number, to: number): { self: Array<[string, number]>; total: Array<[string, number]> } {
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    if (t < from || t > to) return;
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(name(id), (self.get(name(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k = name(x);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  const top = (m: Map<string, number>) => [...m].filter(([k]) => !/^\((root|program|idle)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25);
  return { self: top(self), total: top(total) };
}

export interface TaskParts {
  /** Wall time, ms. */
  ms: number;
  /** The main thread's CPU time in the task, ms (repeatable on a loaded machine, unlike `ms`). */
  cpuMs: number;
  /** Of `cpuMs`, what the simulator spent doing Excel's work (its excelWork callbacks, GC in them included). */
  simCpuMs: number;
  /** Of `cpuMs`, what the test driver ran in the page (Playwright's script over DevTools: no address). */
  harnessCpuMs: number;
  /** `cpuMs` less the simulator's and the driver's: the pane's own cost of the task (its script, style, layout, GC). */
  paneCpuMs: number;
  at: number;
  ts: number;
  dur: number;
  /** Self wall time by label (script by file and function, style, layout, GC…), ms. */
  parts: Array<[string, number]>;
  /** Self CPU time by the same labels, ms. */
  cpuParts: Array<[string, number]>;
}

const SIM_SCRIPT = /office(-sim)?\.js/;
const HARNESS = "harness (test driver)";

/** Main-thread tasks for which `keep` holds, each split into what ran in it, by wall and CPU time. */
export function mainTasks(events: TraceEvent[], keep: (task: TraceEvent) => boolean): TaskParts[] {
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain" && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === "FunctionCall"));
  if (!main) return [];
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = mine.filter((e) => e.name === "RunTask" && keep(e));
  const t0 = mine[0]?.ts ?? 0;
  // Events in time order: each task's are a contiguous run found by binary search.
  const starts = mine.map((e) => e.ts);
  const firstAt = (ts: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return tasks.map((task) => {
    const end = task.ts + task.dur!;
    const inside: TraceEvent[] = [];
    for (let i = firstAt(task.ts); i < mine.length && mine[i].ts <= end; i++) if (mine[i] !== task && mine[i].ts + mine[i].dur! <= end) inside.push(mine[i]);
    // Self time of each event (its duration less its children's), labelled by kind and, for
    // script, by the file and function it started in; GC and V8 work inside a script is the script's.
    const parts = new Map<string, number>();
    const cpuParts = new Map<string, number>();
    const stack: Array<{ e: TraceEvent; label: string; child: number; childCpu: number }> = [];
    const pop = (upTo: number) => {
      while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur! <= upTo) {
        const s = stack.pop()!;
        parts.set(s.label, (parts.get(s.label) ?? 0) + (s.e.dur! - s.child) / 1000);
        cpuParts.set(s.label, (cpuParts.get(s.label) ?? 0) + ((s.e.tdur ?? 0) - s.childCpu) / 1000);
        if (stack.length) {
          stack[stack.length - 1].child += s.e.dur!;
          stack[stack.length - 1].childCpu += s.e.tdur ?? 0;
        }
      }
    };
    let simCpu = 0;
    let harnessCpu = 0;
    for (const e of inside) {
      pop(e.ts);
      const d = e.args?.data;
      const parent = stack[stack.length - 1];
      let label = e.name;
      if ((e.name === "FunctionCall" || e.name === "EvaluateScript") && d?.url) label = `script ${d.url.split("/").pop()?.split("?")[0]} ${d.functionName ?? ""}`.trim();
      // Script with no address: what the test driver (Playwright, over the DevTools protocol) runs in the page.
      else if ((e.name === "FunctionCall" || e.name === "EvaluateScript") && !d?.url && !(parent && /^(script|harness)/.test(parent.label))) label = HARNESS;
      else if (parent && (/^script /.test(parent.label) || parent.label === HARNESS) && /^(v8|V8|Compile|Parse|RunMicrotasks|v8\.|MinorGC|MajorGC|FunctionCall|EvaluateScript)/.test(e.name)) label = parent.label;
      // The simulator's work: its outermost script event (excelWork, with what it called and any GC in it).
      if (/^script /.test(label) && SIM_SCRIPT.test(label) && !(parent && SIM_SCRIPT.test(parent.label))) simCpu += e.tdur ?? 0;
      if (label === HARNESS && parent?.label !== HARNESS) harnessCpu += e.tdur ?? 0;
      stack.push({ e, label, child: 0, childCpu: 0 });
    }
    pop(Infinity);
    const top = inside.filter((e) => !inside.some((p) => p !== e && p.ts <= e.ts && p.ts + p.dur! >= e.ts + e.dur! && p.dur! > e.dur!));
    parts.set("(task itself)", (task.dur! - top.reduce((n, e) => n + e.dur!, 0)) / 1000);
    cpuParts.set("(task itself)", ((task.tdur ?? 0) - top.reduce((n, e) => n + (e.tdur ?? 0), 0)) / 1000);
    const sorted = (m: Map<string, number>) => [...m].filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]);
    const cpuMs = (task.tdur ?? NaN) / 1000;
    return {
      ms: task.dur! / 1000,
      cpuMs,
      simCpuMs: simCpu / 1000,
      harnessCpuMs: harnessCpu / 1000,
      paneCpuMs: cpuMs - (simCpu + harnessCpu) / 1000,
      at: (task.ts - t0) / 1000,
      ts: task.ts,
      dur: task.dur!,
      parts: sorted(parts),
      cpuParts: sorted(cpuParts),
    };
  });
}

/** Tasks long by wall time, or by CPU time (on a loaded machine the wall time of a task is inflated). */
export function longTasks(events: TraceEvent[], minMs = 50): TaskParts[] {
  return mainTasks(events, (e) => e.dur! >= minMs * 1000 || (e.tdur ?? 0) >= minMs * 1000);
}

/** Every task on the pane's main thread, the most costly to the pane (by its own CPU time) first. */
export function tasksByPaneCpu(events: TraceEvent[], minCpuMs = 5): TaskParts[] {
  return mainTasks(events, (e) => (e.tdur ?? 0) >= minCpuMs * 1000).sort((a, b) => b.paneCpuMs - a.paneCpuMs);
}

type Line = (label: string, value: string, note?: string) => void;

const kindOf = (l: string) =>
  SIM_SCRIPT.test(l)
    ? "simulator"
    : l === HARNESS
      ? "driver"
      : /^script |v8\.callFunction|FunctionCall|EvaluateScript|Microtask|TimerFire|EventDispatch/.test(l)
      ? "script"
      : /GC|gc/.test(l)
        ? "GC"
        : /UpdateLayoutTree|RecalcStyle/.test(l)
          ? "style"
          : /^Layout/.test(l)
            ? "layout"
            : "other";

function byKind(parts: Array<[string, number]>): string {
  const by = new Map<string, number>();
  for (const [l, ms] of parts) by.set(kindOf(l), (by.get(kindOf(l)) ?? 0) + ms);
  return [...by]
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([k, ms]) => `${k} ${ms.toFixed(0)}`)
    .join(", ");
}

/**
 * A trace of the page from now. stop() prints each task over 50 ms of wall time (with its thread CPU
 * time, split by kind), then the tasks that cost the pane most CPU time (the task's CPU less the
 * simulator's excelWork in it: repeatable on a loaded machine), and returns the largest of those.
 */
export async function startTrace(
  page: import("playwright-core").Page,
): Promise<{ stop(line: Line, out?: string, observed?: Array<{ start: number; duration: number; pane: number }>): Promise<{ paneCpuMs: number }> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected" as never, ((p: { value: TraceEvent[] }) => events.push(...p.value)) as never);
  const done = new Promise<void>((r) => cdp.once("Tracing.tracingComplete" as never, (() => r()) as never));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,toplevel,v8", transferMode: "ReportEvents" });
  // One instant in both clocks (the page's performance.now(), the trace's): long tasks the page
  // observed are found in the trace by it.
  const anchorAt = await page.evaluate(() => {
    console.timeStamp("trace-pane-anchor");
    return performance.now();
  });
  return {
    async stop(line: Line, out?: string, observed = []) {
      await cdp.send("Tracing.end");
      await done;
      if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));
      const anchor = events.find((e) => e.name === "TimeStamp" && e.args?.data?.message === "trace-pane-anchor");
      if (anchor) {
        // The tasks the page's figure counts (wall time less the simulator's busy spans), as the trace saw them.
        const all = mainTasks(events, (e) => e.dur! >= 40_000);
        for (const o of [...observed].sort((a, b) => b.pane - a.pane).slice(0, 3)) {
          const ts = anchor.ts + (o.start - anchorAt) * 1000;
          const t = all.find((x) => Math.abs(x.ts - ts) < 2_000 || (x.ts <= ts && ts < x.ts + x.dur));
          line(
            `    observed task at ${t ? (t.at / 1000).toFixed(2) + " s" : "?"}, ${o.pane.toFixed(0)} ms less the simulator's spans`,
            `${o.duration.toFixed(0)} ms wall`,
            t ? `trace: CPU ${t.cpuMs.toFixed(0)} (simulator ${t.simCpuMs.toFixed(0)}, test driver ${t.harnessCpuMs.toFixed(0)}); wall: ${byKind(t.parts)}; CPU: ${byKind(t.cpuParts)}` : "not found in the trace",
          );
        }
      }
      for (const t of longTasks(events)) {
        line(`    task at ${(t.at / 1000).toFixed(2)} s`, `${t.ms.toFixed(0)} ms (CPU ${t.cpuMs.toFixed(0)})`, `wall: ${byKind(t.parts)}; CPU: ${byKind(t.cpuParts)}`);
      }
      const costly = tasksByPaneCpu(events);
      for (const t of costly.slice(0, 5)) {
        line(`    pane CPU ${t.paneCpuMs.toFixed(0)} ms, task at ${(t.at / 1000).toFixed(2)} s`, `${t.ms.toFixed(0)} ms wall`, `CPU ${t.cpuMs.toFixed(0)}: ${byKind(t.cpuParts)}`);
      }
      return { paneCpuMs: costly[0]?.paneCpuMs ?? 0 };
    },
  };
}

async function main(): Promise<void> {
  const [pages, sim, workbook, out] = process.argv.slice(2);
  const server = await serveDir(pages);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    // sim "browser": the browser page (browser.html) choosing the file instead of the Excel pane.
    const onPage = sim === "browser";
    const pane = onPage
      ? await (async () => {
          const page = await (await browser.newContext({ viewport: { width: 320, height: 900 } })).newPage();
          await page.goto(`${server.url}/browser.html`);
          return { page, close: () => page.close() };
        })()
      : await openExcelPane(browser, server.url, sim, { api: "1.13", workbook, query: { persist: "false" } });
    if (!onPage) await (pane as Awaited<ReturnType<typeof openExcelPane>>).sim((s) => s.ready);
    const cdp = await pane.page.context().newCDPSession(pane.page);
    const events: TraceEvent[] = [];
    cdp.on("Tracing.dataCollected" as never, ((p: { value: TraceEvent[] }) => events.push(...p.value)) as never);
    const done = new Promise<void>((r) => cdp.once("Tracing.tracingComplete" as never, (() => r()) as never));
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,toplevel,v8", transferMode: "ReportEvents" });
    if (onPage) await pane.page.getByTestId("file-input").setInputFiles(workbook);
    else await pane.page.getByTestId("check").click();
    await pane.page.getByTestId("summary").waitFor({ timeout: 600_000 });
    await pane.page.waitForTimeout(2000);
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
    await cdp.send("Tracing.end");
    await done;
    if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));
    const tasks = longTasks(events);
    const windows = tasks.map((t) => ({ t, w: profileWindow(profile, t.ts, t.ts + t.dur) }));
    // The simulator's tasks (Excel's work) and bare GC pauses left out of the detail.
    const ours = windows.filter(({ w }) => w.total.length && !/office\.js/.test(w.total[0][0]) && !/garbage/.test(w.total[0][0]));
    for (const { t, w } of ours.sort((a, b) => b.t.ms - a.t.ms).slice(0, Number(process.env.TRACE_TOP ?? 2))) {
      console.log(`\n== task at ${t.at.toFixed(0)} ms (${t.ms.toFixed(0)} ms, CPU ${t.cpuMs.toFixed(0)} ms): total time by function`);
      for (const [k, ms] of w.total) console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${k}`);
      console.log(`  self time`);
      for (const [k, ms] of w.self.slice(0, 12)) console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${k}`);
    }
    for (const t of tasks) {
      console.log(`task at ${t.at.toFixed(0)} ms: ${t.ms.toFixed(0)} ms, CPU ${t.cpuMs.toFixed(0)} ms (simulator ${t.simCpuMs.toFixed(0)} ms, pane ${t.paneCpuMs.toFixed(0)} ms)`);
      for (const [label, ms] of t.cpuParts.slice(0, 8)) console.log(`    ${ms.toFixed(1).padStart(7)} ms CPU  ${label}`);
      if (t.cpuMs >= 40) {
        const w = profileWindow(profile, t.ts, t.ts + t.dur);
        for (const [k, ms] of w.total.slice(0, 14)) console.log(`      total ${ms.toFixed(1).padStart(7)} ms  ${k}`);
      }
    }
    // What the pane itself costs, by thread CPU time: the same order on a loaded machine as on an idle one.
    console.log(`\n== tasks by the pane's CPU time (the simulator's excelWork left out)`);
    for (const t of tasksByPaneCpu(events).slice(0, Number(process.env.TRACE_TOP ?? 2) + 4)) {
      console.log(`task at ${t.at.toFixed(0)} ms: pane CPU ${t.paneCpuMs.toFixed(1)} ms (task ${t.ms.toFixed(0)} ms wall, CPU ${t.cpuMs.toFixed(0)}, simulator ${t.simCpuMs.toFixed(0)})`);
      for (const [label, ms] of t.cpuParts.slice(0, 6)) console.log(`    ${ms.toFixed(1).padStart(7)} ms CPU  ${label}`);
      const w = profileWindow(profile, t.ts, t.ts + t.dur);
      for (const [k, ms] of w.total.slice(0, 12)) console.log(`      total ${ms.toFixed(1).padStart(7)} ms  ${k}`);
    }
    await pane.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

if (require.main === module) void main();
