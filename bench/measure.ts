/**
 * Wall time and peak memory of one piece of work, and the machine line.
 *
 * The work under test is mostly synchronous (readInput, runBackflush), so a
 * timer on the main thread would never fire during it. Peak memory is
 * therefore taken two ways that do not need the main thread's event loop:
 * - RSS: a worker thread samples process.memoryUsage.rss() (process-wide)
 *   every few milliseconds into shared memory;
 * - heapUsed: V8's GC profiler records the used heap before every collection
 *   (the heap's local maxima, since it only shrinks at a GC), plus the value at
 *   the end of the work.
 * Both are reported as growth over a baseline taken after a full GC.
 *
 * Besides wall time: the main thread's CPU time and the host's steal (Linux),
 * and the garbage collector's pauses. On a shared machine wall time swings by
 * a quarter from run to run; these say how much of a run was our work, how
 * much of that the collector's, and how much time the host took away.
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { GCProfiler } from "node:v8";
import { Worker } from "node:worker_threads";

const MB = 1024 * 1024;
export const SAMPLE_INTERVAL_MS = 5;

/** Rounded to one decimal, for figures people read. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Milliseconds since `start` (from nowMs). */
export function since(start: number): number {
  return nowMs() - start;
}

/** Whether `global.gc` is there (node --expose-gc, as `npm run bench` starts it). */
export function canCollect(): boolean {
  return typeof global.gc === "function";
}

/** Two full collections: the second picks up what finalizers of the first released. */
export function collect(): void {
  if (!global.gc) return;
  global.gc();
  global.gc();
}

// The sampler runs as plain JavaScript, so it needs no TypeScript loader in the worker.
const SAMPLER_SOURCE = `
const { workerData } = require("node:worker_threads");
const peak = new Float64Array(workerData.buffer);
setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peak[0]) peak[0] = rss;
}, workerData.interval);
`;

class RssSampler {
  private readonly peak = new Float64Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(SAMPLER_SOURCE, { eval: true, workerData: { buffer: this.peak.buffer, interval: SAMPLE_INTERVAL_MS } });
    // It must never keep the process (or mocha) alive.
    this.worker.unref();
  }

  reset(): void {
    this.peak[0] = process.memoryUsage.rss();
  }

  /** Highest RSS seen since reset, in bytes. */
  read(): number {
    return Math.max(this.peak[0], process.memoryUsage.rss());
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

let sampler: RssSampler | undefined;

/** Stops the sampler thread (the smoke test calls it; the bench process just exits). */
export async function stopSampling(): Promise<void> {
  const s = sampler;
  sampler = undefined;
  if (s) await s.stop();
}

/** A figure read from a Linux /proc file, in ms; null where there is no such file (the figure is then left out). */
function procFigure(path: string, parse: (text: string) => number | null): number | null {
  try {
    return parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/** CPU time of the calling thread so far, in ms. */
const threadCpuMs = (): number | null => procFigure("/proc/thread-self/stat", cpuOfThreadStat);

/**
 * CPU time the host has taken from this virtual machine so far, in ms, summed
 * over its CPUs. Time stolen during a run slows it for reasons that are not its own.
 */
const hostStealMs = (): number | null => procFigure("/proc/stat", stealOfProcStat);

/**
 * A thread's CPU time in /proc/thread-self/stat's text, in ms: utime + stime,
 * in clock ticks of 10 ms (Linux's USER_HZ is 100). They are the 12th and 13th
 * fields after the command name, which is in parentheses and may hold spaces.
 */
export function cpuOfThreadStat(text: string): number | null {
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isInteger(ticks) ? ticks * 10 : null;
}

/** The steal time in /proc/stat's text, in ms: its first line is "cpu  user nice system idle iowait irq softirq steal …" in 10 ms ticks. */
export function stealOfProcStat(text: string): number | null {
  const fields = text.split("\n", 1)[0].trim().split(/\s+/);
  const ticks = Number(fields[8]);
  return fields[0] === "cpu" && Number.isInteger(ticks) ? ticks * 10 : null;
}

/** The fields of V8's heap statistics the GC profiler returns (camelCase, whatever @types/node says). */
interface GcHeapFigures {
  usedHeapSize?: number;
  used_heap_size?: number;
}
const usedHeap = (h: GcHeapFigures): number => h.usedHeapSize ?? h.used_heap_size ?? 0;

export interface Measured<T> {
  value: T;
  ms: number;
  /** Peak RSS and heapUsed above the baseline, in MB. */
  peakRssMB: number;
  peakHeapMB: number;
  /** The larger of the two: the figure held against a memory target. */
  peakMB: number;
  baseRssMB: number;
  baseHeapMB: number;
  /** Garbage collections during the work. */
  gcs: number;
  /** Their pauses of the main thread, in ms (V8's GC profiler). */
  gcMs: number;
  /** The main thread's CPU time over the work, in ms (10 ms steps); null where it cannot be read. */
  cpuMs: number | null;
  /** CPU time the host took from the machine over the work, all CPUs together, in ms (10 ms steps); null where it cannot be read. */
  stealMs: number | null;
}

/**
 * Runs `work` once: a full GC and a baseline first, then wall time with
 * process.hrtime.bigint() and peak memory over the work alone.
 */
export async function measure<T>(work: () => T | Promise<T>): Promise<Measured<T>> {
  sampler ??= new RssSampler();
  collect();
  const base = process.memoryUsage();
  sampler.reset();
  const profiler = new GCProfiler();
  profiler.start();
  const steal0 = hostStealMs();
  const cpu0 = threadCpuMs();
  const t0 = process.hrtime.bigint();
  const value = await work();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu1 = threadCpuMs();
  const steal1 = hostStealMs();
  const end = process.memoryUsage();
  const gc = profiler.stop();
  let heap = end.heapUsed;
  let gcMicros = 0;
  for (const s of gc.statistics) {
    heap = Math.max(heap, usedHeap(s.beforeGC.heapStatistics as GcHeapFigures));
    gcMicros += s.cost;
  }
  const rss = sampler.read();
  const peakRssMB = round1(Math.max(0, rss - base.rss) / MB);
  const peakHeapMB = round1(Math.max(0, heap - base.heapUsed) / MB);
  return {
    value,
    ms: round1(ms),
    peakRssMB,
    peakHeapMB,
    peakMB: Math.max(peakRssMB, peakHeapMB),
    baseRssMB: round1(base.rss / MB),
    baseHeapMB: round1(base.heapUsed / MB),
    gcs: gc.statistics.length,
    gcMs: round1(gcMicros / 1000),
    cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    stealMs: steal0 === null || steal1 === null ? null : steal1 - steal0,
  };
}

/**
 * `warmups` runs whose figures are dropped, then `runs` measured ones: the
 * fastest run's time and value, the highest peak of all measured runs, and
 * every measured run's time and host steal. Only
 * the best run's value is kept, so earlier results do not pile up in memory.
 */
export async function bestOf<T>(runs: number, warmups: number, work: () => T | Promise<T>): Promise<Measured<T> & { allMs: number[]; allStealMs: (number | null)[] }> {
  for (let i = 0; i < warmups; i++) await measure(work);
  let best: Measured<T> | undefined;
  const allMs: number[] = [];
  const allStealMs: (number | null)[] = [];
  const peaks = { peakRssMB: 0, peakHeapMB: 0, peakMB: 0 };
  for (let i = 0; i < Math.max(1, runs); i++) {
    const m = await measure(work);
    allMs.push(m.ms);
    allStealMs.push(m.stealMs);
    for (const k of ["peakRssMB", "peakHeapMB", "peakMB"] as const) peaks[k] = Math.max(peaks[k], m[k]);
    if (!best || m.ms < best.ms) best = m;
  }
  return { ...best!, ...peaks, allMs, allStealMs };
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the bench started. */
  loadavg: number[];
  /** Whether runs started from a full GC (node --expose-gc). */
  gc: boolean;
  /** How our code was loaded: "bundle" (scripts/bench.js, as the add-in ships it) or "tsx" (transformed module by module). */
  loader: "bundle" | "tsx";
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGB: round1(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
    gc: canCollect(),
    loader: process.env.BACKFLUSH_BENCH_LOADER === "bundle" ? "bundle" : "tsx",
  };
}

export function machineLine(m: Machine): string {
  return `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, node ${m.node}, ${m.platform}; load average ${m.loadavg.join(" / ")} (1/5/15 min); code ${m.loader === "bundle" ? "bundled (esbuild)" : "through tsx"}${m.gc ? "" : "; no --expose-gc: runs start without a full GC"}`;
}

/** The 1-minute load average now: every record carries it, since this machine is shared. */
export function load1(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}
