/**
 * Smoke test of `npm run bench`: the --quick run, in-process, prints a
 * machine line, a table and one JSON line per measured case with every
 * figure the report promises; `scripts/bench.js` runs one case from its
 * bundle, in a process of its own. It never asserts how fast anything is:
 * timings belong to the bench, not to tests. Also the bench's own parts: the
 * naive reference (by hand on the chair maker), the measurements (what they
 * read, and bounds no run can break) and the identity digest.
 */
import { strict as assert } from "node:assert";
import { excelSerialFromIso, isoFromUtcDate } from "../../src/engine/dates";
import { TRIGGER_SEQUENCES, type ConsumptionLine, type JournalLine } from "../../src/engine/types";
import { costFromRanges, straightLine } from "../../bench/engine";
import { resultDigest } from "../../bench/digest";
import { asExcelValues, plantFor, tableRanges, writePlantFile } from "../../bench/plants";
import { Dec } from "../../src/engine/money";
import { generatePlantGrids } from "../../src/sample";
import { naiveBom, naiveFlush } from "../../bench/naive";
import { cpuOfThreadStat, measure, stealOfProcStat, stopSampling, type Machine } from "../../bench/measure";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { openXlsx } from "../../src/adapters/xlsx/file";
import { readSharedStrings } from "../../src/adapters/xlsx/shared-strings";
import { ZipArchive } from "../../src/adapters/xlsx/zip";
import { TABLE_ORDER } from "../../src/workbook/schema";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { phasesOf } from "../../bench/phases";
import path from "node:path";
import { BenchUsageError, benchOptions, runBench, type BenchResult } from "../../bench/run";
import type { CellValue } from "../../src/workbook/cells";

type Json = Record<string, unknown>;

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const close = (a: number, b: number, slack: number) => Math.abs(a - b) <= slack;

/** The timing figures an engine or growth record carries: the collector's pauses, and the main thread's CPU time and the host's steal, for the best run and every measured run, where Linux tells them. */
function timingFiguresOk(r: Json, at: string): void {
  assert.ok(isNumber(r.gcMs), `${at}: gcMs`);
  assert.equal((r.runsStealMs as unknown[]).length, (r.runsMs as unknown[]).length, at);
  if (process.platform === "linux") assert.ok(isNumber(r.cpuMs) && isNumber(r.stealMs) && (r.runsStealMs as unknown[]).every(isNumber) && (r.summary as string).includes("host steal"), at);
  else assert.deepEqual([r.cpuMs, r.stealMs], [null, null], at);
}

describe("bench: npm run bench --quick (figures, never timings)", function () {
  this.timeout(300_000);
  let result: BenchResult;
  let machine: Json;
  let records: Json[];

  before(async () => {
    result = await runBench(["--quick"], () => undefined);
    const json = result.lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Json);
    machine = json[0].machine as Json;
    records = json.slice(1);
  });

  const of = (name: string) => records.filter((r) => r.case === name);

  it("prints the machine line first, then a table row per record, then one JSON line per record", () => {
    assert.match(result.lines[0], /^machine: .+, \d+ cores, [\d.]+ GB, node v\d+.*load average/);
    const jsonLines = result.lines.filter((l) => l.startsWith("{"));
    assert.equal(jsonLines.length, 1 + result.records.length);
    assert.deepEqual(records, JSON.parse(JSON.stringify(result.records)));
    for (const r of result.records) assert.ok(result.lines.some((l) => !l.startsWith("{") && l.startsWith(r.case) && l.includes(r.variant)), `no table row for ${r.case} ${r.variant}`);
  });

  it("names the machine: cpu, cores, memory, node version and load average", () => {
    assert.equal(typeof machine.cpu, "string");
    assert.ok(isNumber(machine.cores) && machine.cores >= 1);
    assert.ok(isNumber(machine.memoryGB) && machine.memoryGB > 0);
    assert.equal(machine.node, process.version);
    assert.ok(Array.isArray(machine.loadavg) && machine.loadavg.length === 3 && machine.loadavg.every(isNumber));
    // In-process, as mocha loads it: through tsx; `npm run bench` runs a bundle (next test).
    assert.equal(machine.loader, "tsx");
  });

  it("`npm run bench` (scripts/bench.js) runs the bench from a bundle and says so", () => {
    const run = spawnSync(process.execPath, [path.join(__dirname, "..", "..", "scripts", "bench.js"), "--quick", "--case", "functions"], { encoding: "utf8", timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split("\n");
    assert.match(lines[0], /^machine: .*; code bundled \(esbuild\)/);
    const machineJson = lines.map((l) => (l.startsWith('{"machine"') ? (JSON.parse(l) as { machine: Machine }).machine : undefined)).find((m) => m !== undefined);
    assert.equal(machineJson?.loader, "bundle");
    assert.ok(lines.some((l) => l.startsWith("functions") && l.includes("STDCOST")), run.stdout);
    // The bundle holds the command line's module (the cli case calls it): loading it must not run a command on the bench's arguments.
    assert.doesNotMatch(run.stderr, /^backflush:/m);
  });

  it("runs every case, none failed, each line with the common fields", () => {
    assert.deepEqual([...new Set(records.map((r) => r.case))], ["engine", "growth", "cli", "browser", "functions", "office"]);
    for (const r of records) {
      const at = `${r.case} ${r.variant}`;
      assert.equal(r.error, undefined, `${at}: ${r.error}`);
      assert.equal(typeof r.variant, "string", at);
      assert.ok(isNumber(r.rows) && r.rows > 0, `${at}: rows`);
      assert.ok(isNumber(r.ms) && r.ms > 0, `${at}: ms`);
      assert.ok(isNumber(r.peakMB) && r.peakMB >= 0, `${at}: peakMB`);
      assert.ok(r.target === null || typeof r.target === "string", `${at}: target`);
      assert.ok(r.target === null ? r.met === null : typeof r.met === "boolean", `${at}: met goes with a target`);
      assert.ok(isNumber(r.load1), `${at}: load1`);
      assert.equal(typeof r.summary, "string", at);
    }
  });

  it("engine: one line per trigger sequence, parse and engine apart, the naive reference agreeing with the engine", () => {
    const lines = of("engine");
    assert.deepEqual(lines.map((r) => r.sequence), [...TRIGGER_SEQUENCES]);
    for (const r of lines) {
      const at = String(r.sequence);
      assert.ok(isNumber(r.parseMs) && isNumber(r.engineMs), at);
      // The total is timed around both parts.
      assert.ok((r.ms as number) + 0.2 >= (r.parseMs as number) + (r.engineMs as number), `${at}: ${r.ms} < ${r.parseMs} + ${r.engineMs}`);
      for (const k of ["peakRssMB", "peakHeapMB", "baseRssMB", "baseHeapMB", "salesRows", "purchaseRows", "items", "bomLines", "journalLines"]) assert.ok(isNumber(r[k]), `${at}: ${k}`);
      timingFiguresOk(r, at);
      const naive = r.naive as Json;
      assert.equal(naive.flushTable, r.sequence === "purchase-sale" || r.sequence === "sale" ? "Sales" : "Production", at);
      // --quick runs the reference on every flushed row, so nothing is extrapolated and it must agree to the last digit.
      assert.equal(naive.rowsRun, naive.flushRows, at);
      assert.equal(naive.extrapolated, false, at);
      assert.equal(naive.agreesWithEngine, true, at);
      assert.ok(close(r.ratio as number, (naive.extrapolatedMs as number) / (r.ms as number), 0.06), `${at}: ratio`);
      assert.equal(r.met, (r.ms as number) < 1000 && (r.peakMB as number) < 1024 && (r.ratio as number) >= 20, at);
    }
  });

  it("growth: three sizes, ascending, with the cost per 1k rows", () => {
    const lines = of("growth");
    assert.equal(lines.length, 3);
    const rows = lines.map((r) => r.rows as number);
    assert.deepEqual(rows, [...rows].sort((a, b) => a - b));
    for (const r of lines) {
      assert.ok(close(r.msPer1kRows as number, ((r.ms as number) * 1000) / (r.rows as number), 0.06), String(r.variant));
      timingFiguresOk(r, String(r.variant));
    }
    assert.equal(lines[0].marginalMsPer1kRows, null);
    const slope = (((lines[2].ms as number) - (lines[1].ms as number)) * 1000) / ((lines[2].rows as number) - (lines[1].rows as number));
    assert.ok(close(lines[2].marginalMsPer1kRows as number, slope, 0.06));
    const fit = lines[2].fit as Json;
    for (const k of ["fixedMs", "msPer1kRows", "maxResidualPct"]) assert.ok(isNumber(fit[k]), k);
  });

  it("cli: the command as a user runs it, on the file as Excel saves it and as we write it, each against the inflate floor of the same file, with its peak RSS, its time in the kernel and what fresh memory costs", () => {
    const lines = of("cli");
    assert.deepEqual(lines.map((r) => r.variant), ["run -o, as Excel saves it", "run -o, as Backflush writes it"]);
    for (const r of lines) {
      assert.ok(isNumber(r.floorMs) && r.floorMs > 0);
      assert.ok(close(r.ratio as number, (r.ms as number) / r.floorMs, 0.006));
      assert.ok(isNumber(r.peakRssMB) && r.peakRssMB > 20, "the command's own peak RSS, more than an empty node");
      assert.ok(isNumber(r.systemMs) && r.systemMs >= 0, "the command's CPU time in the kernel");
      assert.ok(isNumber(r.freshMemoryMsPerGB) && r.freshMemoryMsPerGB > 0, "what untouched memory costs on this machine");
      assert.equal(r.met, (r.ratio as number) <= 8 && (r.peakRssMB as number) <= 1024);
      for (const k of ["inputMB", "inflatedMB", "outputMB"]) assert.ok(isNumber(r[k]) && r[k] > 0, k);
      assert.ok((r.inflatedMB as number) > (r.inputMB as number), "inflated is larger than the file");
    }
  });

  it("browser: the pane in Chromium, file chosen to download saved, with its phases and the longest main-thread task", () => {
    const [r] = of("browser");
    for (const k of ["openMs", "checkMs", "runMs", "downloadMs", "longestTaskMs", "longTasks", "outputMB"]) assert.ok(isNumber(r[k]) && r[k] >= 0, k);
    assert.ok((r.ms as number) + 1 >= (r.openMs as number) + (r.checkMs as number) + (r.runMs as number), "the phases fit in the whole");
    assert.equal(r.met, (r.ms as number) < 5000 && (r.longestTaskMs as number) <= 100);
    assert.ok((r.outputMB as number) > 0);
  });

  it("functions: ROLLUP spills every item; STDCOST reads each range once and answers the rest from the cache", () => {
    const [rollup, stdcost] = of("functions");
    assert.equal(rollup.variant, "ROLLUP");
    assert.equal(rollup.spilledRows, rollup.items);
    assert.ok(isNumber(rollup.firstCallMs) && isNumber(rollup.repeatCallMs));
    assert.match(String(stdcost.variant), /^STDCOST ×\d+$/);
    const cache = stdcost.cache as Json;
    assert.equal(cache.parses, 2, "Items and BOM read once each");
    assert.equal(cache.models, 1);
    assert.equal(cache.lookups, 2 * (stdcost.calls as number));
    for (const k of ["msPerCall", "firstCallMs", "medianCallMs", "p99CallMs"]) assert.ok(isNumber(stdcost[k]), k);
  });

  it("office: writing, reading and the whole job, with syncs and request sizes within Excel's limit", () => {
    const lines = of("office");
    assert.deepEqual(lines.map((r) => r.variant), ["write inputs", "read inputs", "main job"]);
    for (const r of lines) {
      for (const k of ["syncs", "maxRequestBytes", "maxResponseBytes", "largestRangeRead", "cellsRead", "cellsWritten", "writeSyncs", "maxWriteRequestBytes"]) assert.ok(isNumber(r[k]), `${r.variant}: ${k}`);
      assert.ok((r.syncs as number) > 0);
      assert.equal(r.met, true, `${r.variant}: ${r.summary}`);
    }
    const [write, read, job] = lines;
    // Production alone is rows × 4 cells.
    assert.ok((write.cellsWritten as number) >= (write.rows as number) * 4);
    assert.ok((read.cellsRead as number) >= (read.rows as number) * 4);
    assert.equal(read.writeSyncs, 0);
    assert.ok((job.writeSyncs as number) > 0);
  });
});

describe("bench: options", () => {
  const silent = () => undefined;
  it("defaults to every case, best of 3 after 1 warm-up, 20,000 naive rows", () => {
    const { cases, options } = benchOptions([], silent);
    assert.deepEqual(cases, ["engine", "growth", "cli", "browser", "functions", "office"]);
    assert.deepEqual([options.quick, options.runs, options.warmups, options.naiveRows], [false, 3, 1, 20_000]);
  });
  it("takes --case, --runs and --quick, and refuses what it does not know", () => {
    const { cases, options } = benchOptions(["--case", "cli", "--case", "office", "--runs", "5", "--quick"], silent);
    assert.deepEqual(cases, ["cli", "office"]);
    assert.deepEqual([options.quick, options.runs, options.warmups], [true, 5, 0]);
    assert.throws(() => benchOptions(["--case", "speed"], silent), BenchUsageError);
    assert.throws(() => benchOptions(["--runs", "0"], silent), BenchUsageError);
    assert.throws(() => benchOptions(["--fast"], silent), BenchUsageError);
  });
});

describe("bench: the naive reference", () => {
  // DOMAIN.md's chair maker, plus scrap on the seat's fabric and a glue line valid from 2026-10-05.
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const grids: { Items: CellValue[][]; BOM: CellValue[][] } = {
    Items: [["Item", "Type"], ["WOOD", "Material"], ["SCREW", "Material"], ["FABRIC", "Material"], ["GLUE", "Material"], ["SEAT", "Phantom"], ["CHAIR", "Assembly"]],
    BOM: [
      ["Parent", "Component", "QtyPer", "Scrap", "ValidFrom", "ValidTo"],
      ["SEAT", "FABRIC", 0.5, 0.1, null, null],
      ["SEAT", "WOOD", 1, null, null, null],
      ["SEAT", "SCREW", 4, null, null, null],
      ["CHAIR", "SEAT", 1, null, null, null],
      ["CHAIR", "WOOD", 2.5, null, null, null],
      ["CHAIR", "SCREW", 12, null, null, null],
      ["CHAIR", "GLUE", 0.2, null, day("2026-10-05"), null],
    ],
  };
  const production: CellValue[][] = [
    ["Date", "Item", "Qty", "Ref"],
    [day("2026-10-02"), "CHAIR", 3, "WO-1"],
    [day("2026-10-03"), "SEAT", 2, "WO-2"],
    [day("2026-10-06"), "CHAIR", 10, "WO-3"],
  ];
  const totals = (stride: number) => {
    const run = naiveFlush(naiveBom(grids), production, stride);
    return { rows: run.rows, totals: Object.fromEntries([...run.totals].map(([k, v]) => [k, v.toString()])) };
  };

  it("explodes every row through the phantom seat, with scrap, and only lines valid on the row's date", () => {
    // 13 chairs and 2 seats: 15 seats (FABRIC 0.55 each); glue only for the 10 chairs of 2026-10-06.
    assert.deepEqual(totals(1), { rows: 3, totals: { FABRIC: "8.25", WOOD: "47.5", SCREW: "216", GLUE: "2" } });
  });

  it("reads dates as Office hands them over (serial numbers) the same as Date cells", () => {
    const serials = production.map((row, i) => (i === 0 ? row : [excelSerialFromIso(isoFromUtcDate(row[0] as Date)), ...row.slice(1)]));
    const run = naiveFlush(naiveBom(grids), serials);
    assert.deepEqual(Object.fromEntries([...run.totals].map(([k, v]) => [k, v.toString()])), totals(1).totals);
  });

  it("explodes every stride-th row when sampling", () => {
    assert.deepEqual(totals(2), { rows: 2, totals: { FABRIC: "7.15", WOOD: "45.5", SCREW: "208", GLUE: "2" } });
  });
});

describe("bench: the growth fit", () => {
  it("finds the fixed cost and the cost per row of points on a line, and how far a bent point lies off it", () => {
    assert.deepEqual(straightLine([[10_000, 2_050], [100_000, 2_500], [1_000_000, 7_000]]), { fixedMs: 2_000, msPer1kRows: 5, maxResidualPct: 0 });
    const bent = straightLine([[0, 100], [1_000, 200], [2_000, 400]]);
    assert.equal(bent.msPer1kRows, 150);
    // The line is 83.3 + 0.15 x: the first point is 16.7 ms off its 100 ms.
    assert.equal(bent.maxResidualPct, 16.7);
  });
});

describe("bench: measuring", () => {
  after(stopSampling);
  it("sees the heap grow by what the work keeps", async () => {
    const m = await measure(() => Array.from({ length: 5_000_000 }, (_, i) => i).length);
    // 5 million small integers in an array: at least 20 MB of heap while it was built.
    assert.ok(m.peakHeapMB >= 20, `peak heap ${m.peakHeapMB} MB`);
    assert.equal(m.value, 5_000_000);
  });

  it("counts the collector's pauses, and the main thread's CPU time where Linux tells it", async () => {
    // Objects kept in a list: the young generation fills again and again, and what it holds is copied on.
    const m = await measure(() => {
      const kept: { i: number }[] = [];
      for (let i = 0; i < 2_000_000; i++) kept.push({ i });
      return kept.length;
    });
    assert.ok(m.gcs > 0 && m.gcMs > 0, `${m.gcs} collections, ${m.gcMs} ms`);
    assert.ok(m.gcMs <= m.ms, `GC ${m.gcMs} ms within the ${m.ms} ms run`);
    if (process.platform === "linux") {
      // One thread's CPU time never passes the wall time by more than two ticks (user and system time are each counted down to a 10 ms tick); both figures count in 10 ms ticks and never go below zero.
      assert.ok(m.cpuMs !== null && m.cpuMs >= 0 && m.cpuMs % 10 === 0 && m.cpuMs <= m.ms + 20, `CPU ${m.cpuMs} ms of ${m.ms} ms`);
      assert.ok(m.stealMs !== null && m.stealMs >= 0 && m.stealMs % 10 === 0, `steal ${m.stealMs}`);
    } else assert.deepEqual([m.cpuMs, m.stealMs], [null, null]);
  });

  it("reads a thread's CPU time from /proc/thread-self/stat (utime + stime, in 10 ms ticks), past a command name with spaces and parentheses", () => {
    const stat = "4242 (node (bench) x) R 1 4242 4242 0 -1 4194304 900 0 3 0 153 27 0 0 20 0 11 0 99 0";
    assert.equal(cpuOfThreadStat(stat), 1_800); // (153 + 27) × 10
    assert.equal(cpuOfThreadStat("4242 (node) R 1"), null, "a line cut short");
  });

  it("reads the host's steal time from the cpu line of /proc/stat (the 8th figure, in 10 ms ticks)", () => {
    assert.equal(stealOfProcStat("cpu  3762708 7106 465802 3496006 21340 0 8543 62083 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n"), 620_830);
    assert.equal(stealOfProcStat("cpu  1 2 3 4 5 6 7\n"), null, "a kernel too old to count steal");
    assert.equal(stealOfProcStat("intr 1 2 3\n"), null);
  });
});

describe("bench: the identity digest", () => {
  it("is the same for the same result, and changes with any one value, even a digit far down a decimal", () => {
    const plant = () => tableRanges(asExcelValues(generatePlantGrids({ ...plantFor(true, 300), sequence: "purchase-completion-sale" })));
    const first = costFromRanges(plant()).result;
    const again = costFromRanges(plant()).result;
    assert.equal(resultDigest(first), resultDigest(again));
    assert.match(resultDigest(first), /^[0-9a-f]{16}$/);

    // A posted line is read through its plain form: the same line as a plain object digests the same.
    // The result's arrays are read-only too; the test swaps lines in them.
    const lines = first.journal[3].lines as JournalLine[];
    const line = lines[0];
    const before = resultDigest(first);
    const plain = (qty: Dec | undefined): JournalLine => ({ role: line.role, item: line.item, category: line.category, debit: line.debit, credit: line.credit, qty, memo: line.memo, sources: line.sources, element: line.element });
    lines[0] = plain(line.qty);
    assert.equal(resultDigest(first), before, "the same line as a plain object");
    lines[0] = plain((line.qty ?? new Dec(1)).plus(new Dec("1e-30")));
    assert.notEqual(resultDigest(first), before, "a quantity 1e-30 larger");
    // Lines are read-only: a changed one goes in as a plain object in its place.
    const consumption = first.consumption as ConsumptionLine[];
    const c = consumption[0];
    const mark = resultDigest(first);
    consumption[0] = { product: c.product, productQty: c.productQty, material: `${c.material} `, materialQty: c.materialQty, stdPrice: c.stdPrice, value: c.value };
    assert.notEqual(resultDigest(first), mark, "a material name with a space");
  });
});

describe("bench: where a run's time goes (npm run bench:phases)", () => {
  it("times every phase of the job on a workbook, in order, and leaves no file behind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "phases-"));
    try {
      const file = join(dir, "plant.xlsx");
      await writePlantFile(plantFor(true, 300), file);
      const phases = await phasesOf(file);
      assert.deepEqual(
        phases.map((p) => p.phase),
        ["open", "find and read the tables", "readInput", "engine", "standards review", "render", "write", "save"],
      );
      for (const p of phases) assert.ok([p.ms, p.cpuMs, p.rssMB, p.heapMB].every((n) => Number.isInteger(n) && n >= 0), p.phase);
      assert.deepEqual(await readdir(dir), ["plant.xlsx"], "the result it saved is removed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("bench: the plant as Excel saves it (bench/excel-saved.ts)", () => {
  it("holds every text in shared strings, none inline, keeps every other part's bytes, and reads to the same tables", async () => {
    const dir = await mkdtemp(join(tmpdir(), "excel-saved-"));
    try {
      const inline = join(dir, "inline.xlsx");
      const shared = join(dir, "shared.xlsx");
      await writePlantFile(plantFor(true, 300), inline);
      await writePlantFile(plantFor(true, 300), shared, true);
      const ours = new ZipArchive(await readFile(inline));
      const excels = new ZipArchive(await readFile(shared));
      const sst = excels.entry("xl/sharedStrings.xml");
      assert.ok(sst, "a shared-strings part");
      const strings = await readSharedStrings(excels, "xl/sharedStrings.xml");
      assert.ok(strings.includes("Item") && strings.some((s) => s.startsWith("WO-")), "the headers and the Refs are shared strings");
      assert.ok(new Set(strings).size === strings.length, "each text once");
      for (const entry of ours.entries) {
        const again = excels.entry(entry.name);
        assert.ok(again, entry.name);
        const text = new TextDecoder().decode(await excels.read(again));
        if (/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name)) assert.ok(!text.includes("inlineStr") && text.includes(' t="s"><v>'), `${entry.name}: its texts by index`);
        else if (!["[Content_Types].xml", "xl/_rels/workbook.xml.rels"].includes(entry.name)) assert.deepEqual(excels.stored(again), ours.stored(entry), `${entry.name} kept as stored`);
      }
      const a = await openXlsx(inline);
      const b = await openXlsx(shared);
      for (const name of TABLE_ORDER) {
        const [ta, tb] = [await a.findTable([name]), await b.findTable([name])];
        assert.deepEqual(tb?.rows, ta?.rows, name);
        assert.deepEqual(tb?.header, ta?.header, name);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
