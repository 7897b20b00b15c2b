import { execFile } from "node:child_process";
import { join } from "node:path";

/** The built command, run as a user runs it: a separate process, its exit code and both streams. */
export const ROOT = join(__dirname, "..", "..");
export const BIN = join(ROOT, "bin", "budget-disclosure.js");
export const SAMPLE = join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = ROOT): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
