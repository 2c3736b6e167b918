/**
 * `npm run bench:phases -- FILE.xlsx`: where the command line's time goes on
 * one workbook, phase by phase, in one process (docs/benchmark.md, "Where the
 * command line's time goes"). Each phase's wall time, the process's CPU time
 * over it (Node's threads included: zlib's pool, the collector's helpers) and
 * the main thread's pauses for the collector, and the memory after it. The result is written next to the file as
 * FILE.phases.xlsx and removed again. It reports; it never judges a time.
 */
import { rm } from "node:fs/promises";
import { PerformanceObserver } from "node:perf_hooks";
import { openXlsx, saveXlsx } from "../src/adapters/xlsx/file";
import { reviewStandards } from "../src/engine/review";
import { runBackflush } from "../src/engine/run";
import { findTables, inputSheetsOf, planSheetNames, releaseCells, runContext } from "../src/workbook/job";
import { readInput } from "../src/workbook/parse";
import { markerText, renderSheets } from "../src/workbook/render";

export interface Phase {
  phase: string;
  ms: number;
  cpuMs: number;
  /** The main thread's pauses for the collector over the phase. */
  gcMs: number;
  rssMB: number;
  heapMB: number;
}

/** The job on `path`, phase by phase; the result is saved beside it and removed. */
export async function phasesOf(path: string): Promise<Phase[]> {
  const phases: Phase[] = [];
  let start = performance.now();
  let cpu = process.cpuUsage();
  let gc = 0;
  const collector = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc += e.duration;
  });
  collector.observe({ entryTypes: ["gc"] });
  const lap = async (phase: string) => {
    const used = process.cpuUsage(cpu);
    const memory = process.memoryUsage();
    // The collector's entries come a turn late: let them in before the phase is closed.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const e of collector.takeRecords()) gc += e.duration;
    phases.push({ phase, ms: Math.round(performance.now() - start), cpuMs: Math.round((used.user + used.system) / 1000), gcMs: Math.round(gc), rssMB: Math.round(memory.rss / 1048576), heapMB: Math.round(memory.heapUsed / 1048576) });
    start = performance.now();
    cpu = process.cpuUsage();
    gc = 0;
  };
  const port = await openXlsx(path);
  await lap("open");
  const tables = await findTables(port);
  await lap("find and read the tables");
  const read = readInput(tables);
  releaseCells(read, tables); // as the job does: the engine's books hold what it needs
  await lap("readInput");
  if (!read.input) throw new Error(`${path} has problems: ${read.problems.slice(0, 3).map((p) => `${p.address} ${p.message}`).join("; ")}`);
  const result = runBackflush(read.input);
  await lap("engine");
  const review = reviewStandards(read.input, result);
  await lap("standards review");
  const plan = planSheetNames(await port.listSheets(), undefined, undefined, inputSheetsOf(read));
  const sheets = renderSheets(result, { ...runContext(read, "", plan.notes), review });
  for (const s of sheets) s.name = plan.names[s.kind] ?? s.name;
  await lap("render");
  await port.writeSheets(sheets, plan.replace, { minorUnits: result.settings.minorUnits, marker: markerText("") });
  await lap("write");
  const out = path.replace(/\.xlsx$/i, "") + ".phases.xlsx";
  await saveXlsx(port, out);
  await lap("save");
  await rm(out, { force: true });
  collector.disconnect();
  return phases;
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npm run bench:phases -- FILE.xlsx");
    process.exit(2);
  }
  phasesOf(file).then(
    (phases) => {
      console.log(`${"phase".padEnd(26)}${"ms".padStart(8)}${"cpu ms".padStart(9)}${"gc ms".padStart(8)}${"rss MB".padStart(9)}${"heap MB".padStart(9)}`);
      for (const p of phases) console.log(`${p.phase.padEnd(26)}${String(p.ms).padStart(8)}${String(p.cpuMs).padStart(9)}${String(p.gcMs).padStart(8)}${String(p.rssMB).padStart(9)}${String(p.heapMB).padStart(9)}`);
      console.log(`${"total".padEnd(26)}${String(phases.reduce((a, p) => a + p.ms, 0)).padStart(8)}`);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
