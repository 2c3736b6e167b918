/**
 * The command-line case: `backflush run IN -o OUT` as a user runs it (the
 * project's bin, in a process of its own, from start to exit) on a full sheet
 * (1,048,575 completions, 200,000 sales, 50,000 purchases), twice: the file
 * as Excel saves it (its text in shared strings, excel-saved.ts) and as our
 * writer writes it (text inline); each against a floor
 * measured in the same run: merely inflating every part of the same file
 * (Node's zlib, each part whole into memory, nothing parsed). Printed beside
 * it, not a target: the same parts inflated as a stream whose chunks are
 * dropped, which spares assembling a part's bytes in one buffer and is as
 * fast as zlib inflates; the command's own reading inflates that way. Peak
 * RSS is the command process's own (getrusage's maxrss, printed by a
 * preloaded hook on exit).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInflateRaw, inflateRawSync } from "node:zlib";
import { ZipArchive } from "../src/adapters/xlsx/zip";
import { projectRoot } from "../test/support/root";
import { load1, round1 } from "./measure";
import type { BenchOptions } from "./options";
import { FULL_SHEET_ROWS, plantFor, writePlantFile } from "./plants";
import type { CaseRecord } from "./report";

/** The targets: at most this many times the inflate floor, and this much peak RSS. */
export const CLI_TARGET_RATIO = 8;
const CLI_TARGET_RSS_MB = 1024;

/** The project's bin, found from wherever this module runs (the bench runs it bundled under node_modules/.cache). */
const projectBin = (): string => join(projectRoot(), "bin", "backflush.js");
/** Preloaded into the command's process: its peak RSS and its CPU time in the kernel (µs), on stderr, as it exits. */
const RSS_HOOK = "process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@maxrss '+u.maxRSS+' '+u.systemCPUTime+'\\n')})";

/** Bytes the fresh-memory probe touches. */
const PROBE_BYTES = 256 * 1024 * 1024;

/**
 * What memory the process has not touched before costs on this machine, in ms
 * per GB: a new buffer's pages filled once. The floor puts every part in a new
 * buffer and the command grows a heap of several hundred MB, so both lean on
 * it: on a machine charging 2.6 s a GB the floor took 1.5 s, where one
 * before it had taken 0.45 s, and the ratio moved threefold with it
 * (docs/benchmark.md).
 */
function freshMemoryMsPerGB(): number {
  const start = performance.now();
  Buffer.allocUnsafeSlow(PROBE_BYTES).fill(1);
  return Math.round(((performance.now() - start) * 1024 * 1024 * 1024) / PROBE_BYTES);
}


/** The floor: every part of the zip inflated whole into memory by Node's zlib, nothing parsed. Returns the bytes inflated. */
function inflateEveryPart(zip: ZipArchive): number {
  let total = 0;
  for (const entry of zip.entries) {
    const stored = zip.stored(entry);
    total += entry.method === 8 ? inflateRawSync(stored).length : stored.length;
  }
  return total;
}

/** Every part inflated as a stream of 256 KB chunks, each dropped as it comes (as the command's reader takes them, without the reading). */
async function streamEveryPart(zip: ZipArchive): Promise<void> {
  for (const entry of zip.entries) {
    if (entry.method !== 8) continue;
    await new Promise<void>((done, fail) => {
      const inflater = createInflateRaw({ chunkSize: 1 << 18 });
      inflater.on("data", () => undefined);
      inflater.on("end", done);
      inflater.on("error", fail);
      inflater.end(zip.stored(entry));
    });
  }
}

/** Runs the command line in a process of its own: wall time from spawn to exit, its exit code and peak RSS. */
function runCommand(args: readonly string[]): Promise<{ ms: number; code: number | null; peakRssMB: number; systemMs: number; stderr: string }> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, ["--import", "data:text/javascript," + encodeURIComponent(RSS_HOOK), projectBin(), ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", fail);
    child.on("close", (code) => {
      const ms = Math.round(performance.now() - start);
      const hook = /@@maxrss (\d+) (\d+)/.exec(stderr);
      const kb = Number(hook?.[1] ?? NaN);
      const systemMs = Math.round(Number(hook?.[2] ?? NaN) / 1000);
      done({ ms, code, peakRssMB: round1(kb / 1024), systemMs, stderr: stderr.replace(/\n@@maxrss \d+ \d+\n/, "") });
    });
  });
}

/** The two forms of the same plant the command runs on: the file users have (Excel's), and the one our writer makes. */
const CLI_VARIANTS = [
  { variant: "run -o, as Excel saves it", asExcelSaves: true },
  { variant: "run -o, as Backflush writes it", asExcelSaves: false },
] as const;

export async function cliCase(options: BenchOptions): Promise<CaseRecord[]> {
  const records: CaseRecord[] = [];
  for (const v of CLI_VARIANTS) records.push(await cliVariant(options, v.variant, v.asExcelSaves));
  return records;
}

async function cliVariant(options: BenchOptions, variant: string, asExcelSaves: boolean): Promise<CaseRecord> {
  const completions = options.quick ? 1_000 : FULL_SHEET_ROWS;
  const dir = await mkdtemp(join(options.workDir, "cli-"));
  try {
    const input = join(dir, "plant.xlsx");
    const output = join(dir, "result.xlsx");
    options.progress(`cli: writing a ${completions.toLocaleString("en-US")}-completion workbook (${variant.replace("run -o, ", "")})`);
    await writePlantFile(plantFor(options.quick, completions), input, asExcelSaves);
    const data = await readFile(input);
    // The zip's directory is read before the clock starts: the floor is the inflating alone.
    const zip = new ZipArchive(data);

    const commandRuns: Awaited<ReturnType<typeof runCommand>>[] = [];
    const floorRuns: number[] = [];
    const streamedRuns: number[] = [];
    const freshRuns: number[] = [];
    let inflatedBytes = 0;
    // Alternating, so that a burst of load on the shared machine hits both sides alike.
    for (let i = 0; i < Math.max(1, options.runs); i++) {
      options.progress(`cli (${variant}): run ${i + 1} of ${options.runs} (command, then the inflate floor)`);
      const run = await runCommand(["run", input, "-o", output]);
      if (run.code !== 0) throw new Error(`backflush run exited with ${run.code}: ${run.stderr.slice(0, 500)}`);
      commandRuns.push(run);
      const start = performance.now();
      inflatedBytes = inflateEveryPart(zip);
      floorRuns.push(Math.round(performance.now() - start));
      const streamStart = performance.now();
      await streamEveryPart(zip);
      streamedRuns.push(Math.round(performance.now() - streamStart));
      freshRuns.push(freshMemoryMsPerGB());
    }
    const best = commandRuns.reduce((a, b) => (b.ms < a.ms ? b : a));
    const floorMs = Math.max(1, Math.min(...floorRuns));
    const ratio = Math.round((best.ms / floorMs) * 100) / 100;
    const streamedMs = Math.max(1, Math.min(...streamedRuns));
    const streamedRatio = Math.round((best.ms / streamedMs) * 100) / 100;
    const peakRssMB = Math.max(...commandRuns.map((r) => r.peakRssMB));
    const freshMs = Math.min(...freshRuns);
    // Two places below one megabyte, so that --quick's small files do not read as 0.0.
    const mb = (bytes: number) => (bytes < 1024 * 1024 ? Math.round((bytes / 1024 / 1024) * 100) / 100 : round1(bytes / 1024 / 1024));
    const inputMB = mb(data.length);
    const outputMB = mb((await stat(output)).size);
    return {
      case: "cli",
      variant,
      rows: completions,
      ms: best.ms,
      peakMB: peakRssMB,
      target: `at most ${CLI_TARGET_RATIO}× the time to inflate every part, and ${CLI_TARGET_RSS_MB} MB peak RSS`,
      met: ratio <= CLI_TARGET_RATIO && peakRssMB <= CLI_TARGET_RSS_MB,
      load1: load1(),
      summary: `file ${inputMB} MB (${mb(inflatedBytes)} MB inflated); inflate floor ${floorMs} ms; command ${best.ms} ms → ${ratio}× the floor (streamed inflate ${streamedMs} ms, ${streamedRatio}×); peak RSS ${peakRssMB} MB, ${best.systemMs} ms in the kernel; fresh memory ${freshMs} ms/GB; out ${outputMB} MB`,
      floorMs,
      ratio,
      runsMs: commandRuns.map((r) => r.ms),
      floorRunsMs: floorRuns,
      streamedInflateMs: streamedMs,
      streamedRatio,
      peakRssMB,
      systemMs: best.systemMs,
      freshMemoryMsPerGB: freshMs,
      inputMB,
      inflatedMB: mb(inflatedBytes),
      outputMB,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
