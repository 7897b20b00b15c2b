/**
 * Fuzz: seeded random mutations of the sample workbook (test/fuzz-lib.ts) must each end, in bounded
 * time, with a result or a typed, clear error (InputError / PatchError) — never a generic exception,
 * never a hang. In process (reader + analyse + package + fill plan + patch, in a child process that
 * a timer kills on a hang), through the CLI as a process (exit 0/1/2, parseable JSON, no stack
 * trace, input unchanged) and through the batch path (a folder of mutants).
 *
 * Counts: FUZZ_CASES (default 120 in process), FUZZ_CLI (default 8 single-file CLI runs, every
 * fourth also through fill), FUZZ_FOLDER (default 12 mutants in one folder through the batch path),
 * FUZZ_SEED (default 2026). `FUZZ_CASES=2000 FUZZ_CLI=40 npx jest test/fuzz.test.ts` for a longer hunt.
 */
import { execFile, fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { mutate, type Mutant } from "./fuzz-lib";

const ROOT = join(__dirname, "..");
const SAMPLE = new Uint8Array(readFileSync(join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx")));
const BIN = join(ROOT, "bin", "budget-disclosure.js");
const SEED = Number(process.env.FUZZ_SEED ?? 2026);
const CASES = Number(process.env.FUZZ_CASES ?? 120);
const CLI_CASES = Number(process.env.FUZZ_CLI ?? 8);
const FOLDER_CASES = Number(process.env.FUZZ_FOLDER ?? 12);
/** Per case: generous for a busy 2-core machine; the sample takes well under a second. */
const CASE_TIMEOUT_MS = 20000;

interface Outcome {
  id: number;
  outcome: "result" | "input-error" | "crash" | "hang";
  message?: string;
  error?: string;
  unreadable?: string[];
}

/** One child process running cases one at a time; killed and replaced when a case overruns. */
class Runner {
  private child: ChildProcess | null = null;

  private start(): ChildProcess {
    const c = fork(join(__dirname, "fuzz-child.js"), [], { serialization: "advanced", stdio: ["ignore", "ignore", "pipe", "ipc"] });
    c.stderr?.resume();
    return c;
  }

  run(id: number, bytes: Uint8Array): Promise<Outcome> {
    const child = (this.child ??= this.start());
    return new Promise((resolve) => {
      const done = (o: Outcome) => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(o);
      };
      const onMessage = (m: Outcome) => {
        if (m.id === id) done(m);
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.child = null;
        done({ id, outcome: "crash", error: `child exited (${code ?? signal}) — out of memory?` });
      };
      const timer = setTimeout(() => {
        child.off("exit", onExit);
        child.kill("SIGKILL");
        this.child = null;
        done({ id, outcome: "hang" });
      }, CASE_TIMEOUT_MS);
      child.on("message", onMessage);
      child.on("exit", onExit);
      child.send({ id, bytes });
    });
  }

  stop(): void {
    this.child?.kill();
    this.child = null;
  }
}

let runner: Runner;
beforeAll(() => {
  runner = new Runner();
});
afterAll(() => runner.stop());

function describeFailure(m: Mutant, i: number, o: Outcome): string {
  return `mutant ${i} (seed ${SEED}, ${m.kind}: ${m.what}) → ${o.outcome}${o.error ? `\n${o.error.split("\n").slice(0, 6).join("\n")}` : ""}`;
}

describe(`fuzz in process: ${CASES} mutants of the sample (seed ${SEED})`, () => {
  test("each ends with a result or a typed, clear error", async () => {
    const failures: string[] = [];
    const counts: Record<string, number> = {};
    for (let i = 0; i < CASES; i++) {
      const m = mutate(SAMPLE, SEED, i);
      const o = await runner.run(i, m.bytes);
      counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
      if (o.outcome === "crash" || o.outcome === "hang") failures.push(describeFailure(m, i, o));
      else if (o.outcome === "input-error") {
        // a clear message: says what, names the file, no raw exception text
        if (!/mutant\.xlsx/.test(o.message ?? "") || /\bat \w|Error:|undefined|\[object/.test(o.message ?? "")) failures.push(describeFailure(m, i, { ...o, error: `unclear message: ${o.message}` }));
      }
    }
    expect(failures).toEqual([]);
    // the mutations reach both sides: some mutants read (with findings), some are refused
    expect(counts.result ?? 0).toBeGreaterThan(0);
    if (CASES >= 50) expect(counts["input-error"] ?? 0).toBeGreaterThan(0);
  });
});

// ---- named regressions: inputs that once hung, run where a hang is caught ---------------------

function withSheet(n: number, f: (xml: string) => string): Uint8Array {
  const files = unzipSync(SAMPLE);
  const k = `xl/worksheets/sheet${n}.xml`;
  files[k] = strToU8(f(strFromU8(files[k])));
  return zipSync(files);
}

const REGRESSIONS: Array<[string, () => Uint8Array, Outcome["outcome"]]> = [
  // SheetJS looped forever on a zip cut inside its first entry (check, export, fill, --catalogue, the page)
  ["cut to 10 bytes", () => SAMPLE.slice(0, 10), "input-error"],
  ["cut to 200 bytes", () => SAMPLE.slice(0, 200), "input-error"],
  ["cut to 450 bytes", () => SAMPLE.slice(0, 450), "input-error"],
  // title and narrative collection looped over a sparse row array up to row 2^31
  ["a cell at row 2^31", () => withSheet(2, (x) => x.replace("</row>", '<c r="A2147483648"><v>1</v></c></row>')), "result"],
  ["a row numbered 2^31", () => withSheet(17, (x) => x.replace("</sheetData>", '<row r="2147483648"><c><v>1</v></c></row></sheetData>')), "result"],
  // a few cells at far columns took over 60 s
  ["cells at XFD in many rows", () => withSheet(17, (x) => x.replace("</sheetData>", Array.from({ length: 300 }, (_, i) => `<row r="${i + 200}"><c r="XFD${i + 200}" t="inlineStr"><is><t>说明文字${i}</t></is></c></row>`).join("") + "</sheetData>")), "result"],
];

describe("fuzz regressions (each once hung or failed)", () => {
  test.each(REGRESSIONS)("%s ends with the expected outcome", async (_name, make, expected) => {
    const o = await runner.run(-1, make());
    expect(o.outcome).toBe(expected);
  });
});

// ---- the CLI as a process ------------------------------------------------------------------

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 60000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number | string; killed?: boolean }) | null;
      resolve({ code: e ? (typeof e.code === "number" ? e.code : null) : 0, stdout, stderr, killed: !!e?.killed });
    });
  });
}

const sha = (b: Uint8Array | Buffer): string => createHash("sha256").update(b).digest("hex");
const STACK = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

describe(`fuzz through the CLI: ${CLI_CASES} mutants and a folder of ${FOLDER_CASES}`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bda-fuzz-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("check --format json: exit 0/1/2, JSON when it read the file, no stack trace, input unchanged", async () => {
    const failures: string[] = [];
    const jobs: Array<() => Promise<void>> = [];
    for (let k = 0; k < CLI_CASES; k++) {
      const i = 100000 + k;
      const m = mutate(SAMPLE, SEED, i);
      const file = join(dir, `m${k}.xlsx`);
      writeFileSync(file, m.bytes);
      const before = sha(m.bytes);
      const fill = k % 4 === 3; // every fourth runs fill as well
      jobs.push(async () => {
        const r = await cli(["check", file, "--format", "json"]);
        const where = `mutant ${i} (${m.kind}: ${m.what})`;
        if (r.killed || r.code === null || ![0, 1, 2].includes(r.code)) failures.push(`${where}: check exit ${r.code}${r.killed ? " (timed out)" : ""}`);
        if (STACK.test(r.stderr)) failures.push(`${where}: stack trace on stderr\n${r.stderr.slice(0, 400)}`);
        if (r.code === 0 || r.code === 1) {
          try {
            JSON.parse(r.stdout);
          } catch {
            failures.push(`${where}: stdout is not JSON`);
          }
        } else if (r.code === 2 && r.stderr.trim() === "") failures.push(`${where}: exit 2 without a message`);
        if (fill) {
          const out = join(dir, `m${k}.out.xlsx`);
          const f = await cli(["fill", file, "-o", out, "--format", "json"]);
          if (f.killed || f.code === null || ![0, 1, 2].includes(f.code)) failures.push(`${where}: fill exit ${f.code}`);
          if (STACK.test(f.stderr)) failures.push(`${where}: fill stack trace\n${f.stderr.slice(0, 400)}`);
        }
        if (sha(readFileSync(file)) !== before) failures.push(`${where}: the input file changed`);
      });
    }
    // two at a time: the machine has two cores
    const queue = [...jobs];
    await Promise.all([0, 1].map(async () => {
      for (let j = queue.shift(); j; j = queue.shift()) await j();
    }));
    expect(failures).toEqual([]);
  }, 240000);

  test("a folder of mutants: every file gets a line, the JSON parses, exit 0/1/2, inputs unchanged", async () => {
    const folder = join(dir, "folder");
    mkdirSync(folder);
    const hashes = new Map<string, string>();
    for (let k = 0; k < FOLDER_CASES; k++) {
      const m = mutate(SAMPLE, SEED, 200000 + k);
      const file = join(folder, `f${k}.xlsx`);
      writeFileSync(file, m.bytes);
      hashes.set(file, sha(m.bytes));
    }
    writeFileSync(join(folder, "clean.xlsx"), SAMPLE);
    const r = await cli(["check", folder, "--format", "json", "--jobs", "2"]);
    expect(r.killed).toBe(false);
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stderr).not.toMatch(STACK);
    const doc = JSON.parse(r.stdout) as { files: unknown[] };
    expect(doc.files).toHaveLength(FOLDER_CASES + 1);
    for (const [file, h] of hashes) expect(sha(readFileSync(file))).toBe(h);
  }, 240000);
});
