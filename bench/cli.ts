/**
 * The command-line case: `backflush run IN -o OUT` in-process on a
 * 200,000-completion workbook, against a baseline measured in the same run —
 * ExcelJS reading the same file and writing a workbook with the same cells
 * the run writes (the input's, plus every generated sheet's title, marker,
 * header and data cells), without any costing, formatting or tables.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Workbook } from "exceljs";
import { newXlsx, openXlsx, saveXlsx } from "../src/adapters/xlsx";
import { utcDate } from "../src/adapters/xlsx/cells";
import { main } from "../src/cli/main";
import { Dec } from "../src/engine/money";
import { generatePlant, type PlantOptions } from "../src/sample";
import { runWorkbookJob } from "../src/workbook/job";
import type { OutCell, OutKind, SheetModel } from "../src/workbook/render";
import { SHEET_LAYOUT } from "../src/workbook/render";
import { load1, measure, round1, type Measured } from "./measure";
import type { BenchOptions } from "./options";
import { plantFor } from "./plants";
import type { CaseRecord } from "./report";

export const CLI_TARGET_RATIO = 1.5;

/** A generated cell as the baseline writes it: a plain number, date or text, as the adapter would. */
function plain(kind: OutKind, v: OutCell): string | number | Date | null {
  if (v instanceof Dec) return v.toNumber();
  if (kind === "date" && typeof v === "string") return utcDate(v);
  return v;
}

/** Cells a sheet model puts on its sheet: title, marker, header row and data rows. */
const cellsOf = (s: SheetModel): number => 2 + s.columns.length * (s.rows.length + 1);

/** The baseline: read the file with ExcelJS, add the same output cells on new sheets, write the workbook. */
async function readAndWrite(input: string, sheets: readonly SheetModel[], output: string): Promise<void> {
  const book = new Workbook();
  await book.xlsx.load((await readFile(input)) as unknown as Parameters<Workbook["xlsx"]["load"]>[0]);
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name);
    ws.getCell(SHEET_LAYOUT.titleRow, 1).value = s.title;
    ws.getCell(SHEET_LAYOUT.markerRow, 1).value = "marker";
    ws.getRow(SHEET_LAYOUT.headerRow).values = s.columns.map((c) => c.header);
    let r = SHEET_LAYOUT.headerRow + 1;
    for (const row of s.rows) ws.getRow(r++).values = s.columns.map((c, j) => plain(c.kind, row[j] ?? null));
  }
  await writeFile(output, new Uint8Array(await book.xlsx.writeBuffer()));
}

// Helpers of their own, so that nothing they build stays reachable during the timed runs.
async function writePlant(plant: Partial<PlantOptions>, path: string): Promise<void> {
  const book = await newXlsx();
  await book.writeInputTables(generatePlant(plant));
  await saveXlsx(book, path);
}

/** The sheets the run writes, from the job itself (untimed, on a copy read from the file). */
async function outputSheets(input: string): Promise<SheetModel[]> {
  const job = await runWorkbookJob(await openXlsx(input), { now: new Date() });
  if (!job.ok) throw new Error(`the generated workbook has problems: ${job.problems.slice(0, 3).map((p) => p.message).join("; ")}`);
  return job.sheets;
}

export async function cliCase(options: BenchOptions): Promise<CaseRecord[]> {
  const completions = options.quick ? 1_000 : 200_000;
  const dir = await mkdtemp(join(options.workDir, "cli-"));
  try {
    const input = join(dir, "plant.xlsx");
    options.progress(`cli: writing a ${completions.toLocaleString("en-US")}-completion workbook`);
    await writePlant(plantFor(options.quick, completions), input);
    const sheets = await outputSheets(input);
    const outputCells = sheets.reduce((n, s) => n + cellsOf(s), 0);

    const stderr: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => void stderr.push(t), interactive: false };
    const cliRuns: Measured<number>[] = [];
    const baseRuns: Measured<void>[] = [];
    // Alternating, so that a burst of load on the shared machine hits both sides alike.
    for (let i = 0; i < Math.max(1, options.runs); i++) {
      options.progress(`cli: run ${i + 1} of ${options.runs} (command, then baseline)`);
      cliRuns.push(await measure(() => main(["run", input, "-o", join(dir, "result.xlsx")], io)));
      if (cliRuns[i].value !== 0) throw new Error(`backflush run exited with ${cliRuns[i].value}: ${stderr.join("")}`);
      baseRuns.push(await measure(() => readAndWrite(input, sheets, join(dir, "baseline.xlsx"))));
    }
    const best = <T>(list: Measured<T>[]) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
    const cli = best(cliRuns);
    const base = best(baseRuns);
    const ratio = Math.round((cli.ms / base.ms) * 100) / 100;
    const mb = async (path: string) => round1((await stat(path)).size / 1024 / 1024);
    return [
      {
        case: "cli",
        variant: "run -o",
        rows: completions,
        ms: cli.ms,
        peakMB: cli.peakMB,
        target: `within ${CLI_TARGET_RATIO}× of ExcelJS reading the file and writing the same cells`,
        met: ratio <= CLI_TARGET_RATIO,
        load1: load1(),
        summary: `baseline ${base.ms} ms → ${ratio}×; ${outputCells.toLocaleString("en-US")} output cells; in ${await mb(input)} MB, out ${await mb(join(dir, "result.xlsx"))} MB`,
        baselineMs: base.ms,
        ratio,
        runsMs: cliRuns.map((m) => m.ms),
        baselineRunsMs: baseRuns.map((m) => m.ms),
        peakRssMB: cli.peakRssMB,
        peakHeapMB: cli.peakHeapMB,
        baselinePeakMB: base.peakMB,
        outputCells,
        outputSheets: Object.fromEntries(sheets.map((s) => [s.kind, s.rows.length])),
        inputMB: await mb(input),
        outputMB: await mb(join(dir, "result.xlsx")),
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
