/**
 * The custom-functions case: ROLLUP over a 10,000-line BOM, then 1,000
 * STDCOST calls over the same Items and BOM ranges, through the functions
 * Excel calls (src/functions/functions.ts), with their range cache.
 *
 * Excel hands every call its own copy of each range; here every call gets
 * the same arrays. The cache recognises ranges by content (it hashes every
 * cell on every call), so the work per call is the same either way, without
 * a thousand copies of the BOM in memory.
 */
import { cacheStats, resetCache } from "../src/functions/cache";
import { rollup, stdCost } from "../src/functions/functions";
import { generatePlantGrids } from "../src/sample";
import { load1, measure, nowMs, round1, since } from "./measure";
import type { BenchOptions } from "./options";
import { asExcelValues, dataRows } from "./plants";
import type { CaseRecord } from "./report";

/** Per-call times, to the microsecond. */
const micro = (ms: number): number => Math.round(ms * 1000) / 1000;
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export async function functionsCase(options: BenchOptions): Promise<CaseRecord[]> {
  // 500 assemblies × 20 components = 10,000 BOM lines (quick: 50 × 10).
  const shape = options.quick ? { materials: 100, assemblies: 50, bomWidth: 10 } : { materials: 1_000, assemblies: 500, bomWidth: 20 };
  const calls = options.quick ? 40 : 1_000;
  options.progress(`functions: a plant with ${shape.assemblies * shape.bomWidth} BOM lines`);
  // As Items[#All] and BOM[#All] arrive: header row first, dates as serial numbers.
  const grids = asExcelValues(generatePlantGrids({ seed: 2026, bomDepth: 5, ...shape, completionRows: 100, salesRows: 50, purchaseRows: 50, conversionRows: 6 }));
  const { Items: items, BOM: bom } = grids;
  const bomLines = dataRows(bom);
  const codes = items.slice(1).map((r) => String(r[0]));

  options.progress("functions: ROLLUP, cold then warm");
  resetCache();
  const cold = await measure(() => rollup(items, bom));
  const coldStats = cacheStats();
  const warm = await measure(() => rollup(items, bom));
  const spilled = dataRows(cold.value);

  options.progress(`functions: ${calls} STDCOST calls`);
  resetCache();
  const perCall: number[] = [];
  const many = await measure(() => {
    let total = 0;
    for (let i = 0; i < calls; i++) {
      const t = nowMs();
      total += stdCost(items, bom, codes[i % codes.length]);
      perCall.push(since(t));
    }
    return total;
  });
  const stats = cacheStats();
  const sorted = [...perCall].sort((a, b) => a - b);
  const mean = micro(many.ms / calls);
  const first = round1(perCall[0]);
  const median = micro(percentile(sorted, 0.5));
  const p99 = micro(percentile(sorted, 0.99));

  return [
    {
      case: "functions",
      variant: "ROLLUP",
      rows: bomLines,
      ms: cold.ms,
      peakMB: cold.peakMB,
      target: null,
      met: null,
      load1: load1(),
      summary: `first call ${cold.ms} ms, again ${warm.ms} ms (cached); ${spilled} items spilled`,
      items: dataRows(items),
      bomLines,
      firstCallMs: cold.ms,
      repeatCallMs: warm.ms,
      spilledRows: spilled,
      cacheOnFirstCall: coldStats,
    },
    {
      case: "functions",
      variant: `STDCOST ×${calls}`,
      rows: bomLines,
      ms: many.ms,
      peakMB: many.peakMB,
      target: null,
      met: null,
      load1: load1(),
      summary: `${mean} ms per call (first ${first} ms, median ${median}, p99 ${p99}); ${stats.parses} parses, ${stats.models} model, ${stats.hits} hits`,
      calls,
      msPerCall: mean,
      firstCallMs: first,
      medianCallMs: median,
      p99CallMs: p99,
      cache: stats,
    },
  ];
}
