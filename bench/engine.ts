/**
 * The engine case: a full Production sheet in memory as the 2-D arrays Excel
 * hands over (dates as serial numbers, as Office.js gives them), timed from those arrays through readInput and runBackflush —
 * what the add-in does once it has read the ranges — for every trigger
 * sequence; and the naive reference on the same grids, for the ratio.
 *
 * Also the growth case: the same timed region at 10k, 100k and 1M rows.
 */
import { runBackflush } from "../src/engine/run";
import { SEQUENCE_RULES } from "../src/engine/sequences";
import { TRIGGER_SEQUENCES, type BackflushResult, type TriggerSequence } from "../src/engine/types";
import type { Dec } from "../src/engine/money";
import { generatePlantGrids, type PlantOptions, type TableGrids } from "../src/sample";
import { formatProblem, readInput } from "../src/workbook/parse";
import { bestOf, load1, measure, nowMs, round1, since, type Measured } from "./measure";
import { naiveBom, naiveFlush } from "./naive";
import type { BenchOptions } from "./options";
import { FULL_SHEET_ROWS, asExcelValues, dataRows, plantFor, rawTablesOfRanges, tableRanges, type TableRanges } from "./plants";
import type { CaseRecord } from "./report";

/** Least-squares line ms = fixedMs + msPer1kRows × rows / 1000, and the worst point's distance from it. */
export function straightLine(points: readonly (readonly [number, number])[]): { fixedMs: number; msPer1kRows: number; maxResidualPct: number } {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
  const fixed = my - slope * mx;
  const worst = Math.max(...points.map(([x, y]) => Math.abs(y - (fixed + slope * x)) / y));
  return { fixedMs: Math.round(fixed), msPer1kRows: round1(slope * 1000), maxResidualPct: round1(worst * 100) };
}

/** "850 ms", "12.3 s", "31 min". */
const duration = (ms: number): string => (ms < 1_000 ? `${Math.round(ms)} ms` : ms < 120_000 ? `${round1(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/** "main-thread CPU 950 ms, GC 180 ms, host steal 40 ms" of the best run (CPU and steal left out where they cannot be read). */
const whereTimeWent = (m: Pick<Measured<unknown>, "cpuMs" | "gcMs" | "stealMs">): string =>
  `${m.cpuMs === null ? "" : `main-thread CPU ${m.cpuMs} ms, `}GC ${m.gcMs} ms${m.stealMs === null ? "" : `, host steal ${m.stealMs} ms`}`;

export const ENGINE_TARGET = { ms: 1_000, peakMB: 1_024, ratio: 20 } as const;

interface Timed {
  parseMs: number;
  engineMs: number;
  result: BackflushResult;
}

/** The timed region: the tables' ranges → RawTables → readInput → runBackflush. */
export function costFromRanges(ranges: TableRanges): Timed {
  const t0 = nowMs();
  const read = readInput(rawTablesOfRanges(ranges));
  const parseMs = since(t0);
  if (!read.input) throw new Error(`the generated plant does not read cleanly: ${read.problems.slice(0, 5).map(formatProblem).join("; ")}`);
  const t1 = nowMs();
  const result = runBackflush(read.input);
  return { parseMs, engineMs: since(t1), result };
}

/** Standard quantity per material over the whole run, from the engine's Consumption lines. */
function consumedByMaterial(result: BackflushResult): Map<string, Dec> {
  const out = new Map<string, Dec>();
  for (const c of result.consumption) {
    const had = out.get(c.material);
    out.set(c.material, had === undefined ? c.materialQty : had.plus(c.materialQty));
  }
  return out;
}

function sameTotals(a: ReadonlyMap<string, Dec>, b: ReadonlyMap<string, Dec>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.get(k)?.equals(v)) return false;
  return true;
}

/** Best-of timing of the engine on one plant, and its headline figures. */
async function timeEngine(grids: TableGrids, options: BenchOptions) {
  const ranges = tableRanges(grids);
  const m = await bestOf(options.runs, options.warmups, () => costFromRanges(ranges));
  const { parseMs, engineMs, result } = m.value;
  return { m, parseMs: round1(parseMs), engineMs: round1(engineMs), result, journalLines: result.journal.reduce((a, e) => a + e.lines.length, 0) };
}

/** Where a timed engine run's time and memory went: the figures the engine and growth records share, in their order. */
function timingFigures(e: Awaited<ReturnType<typeof timeEngine>>) {
  return {
    parseMs: e.parseMs,
    engineMs: e.engineMs,
    cpuMs: e.m.cpuMs,
    gcMs: e.m.gcMs,
    stealMs: e.m.stealMs,
    runsMs: e.m.allMs,
    runsStealMs: e.m.allStealMs,
    peakRssMB: e.m.peakRssMB,
    peakHeapMB: e.m.peakHeapMB,
  };
}

export async function engineCase(options: BenchOptions): Promise<CaseRecord[]> {
  const plant = plantFor(options.quick, options.quick ? 2_000 : FULL_SHEET_ROWS);
  const records: CaseRecord[] = [];
  for (const sequence of TRIGGER_SEQUENCES) records.push(await engineSequence(sequence, plant, options));
  return records;
}

async function engineSequence(sequence: TriggerSequence, plant: Partial<PlantOptions>, options: BenchOptions): Promise<CaseRecord> {
  options.progress(`engine, ${sequence}: generating the plant`);
  const grids = asExcelValues(generatePlantGrids({ ...plant, sequence }));
  options.progress(`engine, ${sequence}: ${options.warmups} warm-up and ${options.runs} measured runs`);
  const e = await timeEngine(grids, options);

  // The naive reference explodes the rows the sequence flushes at, every stride-th one.
  const flushed = SEQUENCE_RULES[sequence].flushAt === "completion" ? grids.Production : grids.Sales;
  const flushRows = dataRows(flushed);
  const stride = Math.max(1, Math.ceil(flushRows / options.naiveRows));
  options.progress(`engine, ${sequence}: naive reference on ${Math.ceil(flushRows / stride).toLocaleString("en-US")} of ${flushRows.toLocaleString("en-US")} flushed rows`);
  const bom = naiveBom(grids);
  const naive = await measure(() => naiveFlush(bom, flushed, stride));
  const naiveRows = naive.value.rows;
  const extrapolated = naiveRows === flushRows ? naive.ms : round1((naive.ms * flushRows) / Math.max(1, naiveRows));
  const ratio = round1(extrapolated / e.m.ms);
  // With every row exploded, the reference must agree with the engine to the last digit.
  const naiveAgrees = naiveRows === flushRows ? sameTotals(naive.value.totals, consumedByMaterial(e.result)) : null;

  const met = e.m.ms < ENGINE_TARGET.ms && e.m.peakMB < ENGINE_TARGET.peakMB && ratio >= ENGINE_TARGET.ratio;
  return {
    case: "engine",
    variant: sequence,
    sequence,
    rows: dataRows(grids.Production),
    ms: e.m.ms,
    peakMB: e.m.peakMB,
    target: `under ${ENGINE_TARGET.ms} ms and ${ENGINE_TARGET.peakMB} MB per run, at least ${ENGINE_TARGET.ratio}× the naive reference`,
    met,
    load1: load1(),
    summary: `parse ${e.parseMs} ms + engine ${e.engineMs} ms (${whereTimeWent(e.m)}); naive ${naiveRows === flushRows ? "" : "≈"}${duration(extrapolated)} → ${ratio}×; rss +${e.m.peakRssMB} MB, heap +${e.m.peakHeapMB} MB`,
    ...timingFigures(e),
    baseRssMB: e.m.baseRssMB,
    baseHeapMB: e.m.baseHeapMB,
    salesRows: dataRows(grids.Sales),
    purchaseRows: dataRows(grids.Purchases),
    items: dataRows(grids.Items),
    bomLines: dataRows(grids.BOM),
    journalEntries: e.result.journal.length,
    journalLines: e.journalLines,
    naive: {
      flushTable: flushed === grids.Production ? "Production" : "Sales",
      flushRows,
      rowsRun: naiveRows,
      ms: naive.ms,
      extrapolated: naiveRows !== flushRows,
      extrapolatedMs: extrapolated,
      agreesWithEngine: naiveAgrees,
    },
    ratio,
  };
}

export async function growthCase(options: BenchOptions): Promise<CaseRecord[]> {
  const sizes = options.quick ? [500, 1_000, 2_000] : [10_000, 100_000, 1_000_000];
  const records: CaseRecord[] = [];
  for (const rows of sizes) {
    options.progress(`growth: ${rows.toLocaleString("en-US")} completion rows`);
    const grids = asExcelValues(generatePlantGrids(plantFor(options.quick, rows)));
    const e = await timeEngine(grids, options);
    const per1k = round1((e.m.ms * 1000) / rows);
    records.push({
      case: "growth",
      variant: `${rows / 1000}k rows`,
      rows,
      ms: e.m.ms,
      peakMB: e.m.peakMB,
      target: null,
      met: null,
      load1: load1(),
      summary: `${per1k} ms per 1k rows (parse ${e.parseMs} + engine ${e.engineMs} ms; ${whereTimeWent(e.m)})`,
      msPer1kRows: per1k,
      ...timingFigures(e),
      salesRows: dataRows(grids.Sales),
      purchaseRows: dataRows(grids.Purchases),
    });
  }
  // A straight line through the sizes: a fixed cost (the BOM, the days) plus a cost per row. Linear growth leaves small residuals.
  const fit = straightLine(records.map((r) => [r.rows as number, r.ms as number]));
  records.forEach((r, i) => {
    r.marginalMsPer1kRows = i === 0 ? null : round1((((r.ms as number) - (records[i - 1].ms as number)) * 1000) / ((r.rows as number) - (records[i - 1].rows as number)));
  });
  records[records.length - 1].fit = fit;
  records[records.length - 1].summary += `; fit: ${fit.fixedMs} ms + ${fit.msPer1kRows} ms per 1k rows (worst residual ${fit.maxResidualPct} %)`;
  return records;
}
