/**
 * The Office adapter case, against the in-memory Excel fake (test/fakes),
 * which counts every sync and sizes every request and response as Office.js
 * would send them. Three steps of the full-sheet plant:
 * - write: the input tables written through the port (a full Production sheet);
 * - read: every input table found and read, as the job's first step;
 * - job: the whole main job (read, check, cost, write the generated sheets).
 * Times are the fake's, in Node: they say nothing about Excel's speed; the
 * counts and sizes are the figures that matter.
 */
import { OfficeWorkbook } from "../src/adapters/office";
import { OFFICE_PAYLOAD_LIMIT } from "../src/adapters/office/batch";
import { generatePlant } from "../src/sample";
import { findTables, runWorkbookJob } from "../src/workbook/job";
import type { InputTableModel } from "../src/workbook/port";
import { FakeExcel, type FakeExcelStats } from "../test/fakes/excel-fake";
import { load1, measure, type Measured } from "./measure";
import type { BenchOptions } from "./options";
import { FULL_SHEET_ROWS, plantFor } from "./plants";
import type { CaseRecord } from "./report";

interface StepFigures {
  syncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  largestRangeRead: number;
  cellsRead: number;
  cellsWritten: number;
  /** Syncs that wrote cells, and the largest of their requests. */
  writeSyncs: number;
  maxWriteRequestBytes: number;
}

function figuresOf(stats: FakeExcelStats): StepFigures {
  const writes = stats.perSync.filter((s) => s.cellsWritten > 0);
  return {
    syncs: stats.syncs,
    maxRequestBytes: stats.maxRequestBytes,
    maxResponseBytes: stats.maxResponseBytes,
    largestRangeRead: stats.largestRangeRead,
    cellsRead: stats.perSync.reduce((n, s) => n + s.cellsRead, 0),
    cellsWritten: stats.perSync.reduce((n, s) => n + s.cellsWritten, 0),
    writeSyncs: writes.length,
    maxWriteRequestBytes: writes.reduce((m, s) => Math.max(m, s.requestBytes), 0),
  };
}

const kB = (bytes: number): string => `${Math.round(bytes / 1000).toLocaleString("en-US")} kB`;

export async function officeCase(options: BenchOptions): Promise<CaseRecord[]> {
  const rows = options.quick ? 2_000 : FULL_SHEET_ROWS;
  options.progress(`office: generating the ${rows.toLocaleString("en-US")}-row plant`);
  let models: InputTableModel[] | undefined = generatePlant(plantFor(options.quick, rows));
  const excel = new FakeExcel();
  const port = new OfficeWorkbook(excel);
  const step = async (variant: string, work: () => Promise<unknown>): Promise<CaseRecord> => {
    options.progress(`office: ${variant}`);
    excel.resetStats();
    const m: Measured<unknown> = await measure(work);
    const f = figuresOf(excel.stats);
    const within = f.maxRequestBytes <= OFFICE_PAYLOAD_LIMIT && f.maxResponseBytes <= OFFICE_PAYLOAD_LIMIT;
    return {
      case: "office",
      variant,
      rows,
      ms: m.ms,
      peakMB: m.peakMB,
      target: `every request and response within Excel on the web's ${kB(OFFICE_PAYLOAD_LIMIT)}`,
      met: within,
      load1: load1(),
      summary: `${f.syncs} syncs (${f.writeSyncs} writing); largest request ${kB(f.maxRequestBytes)}, response ${kB(f.maxResponseBytes)}; largest read ${f.largestRangeRead.toLocaleString("en-US")} cells`,
      ...f,
    };
  };
  const write = await step("write inputs", () => port.writeInputTables(models!));
  // The fake holds its own copy of the cells from here on.
  models = undefined;
  const read = await step("read inputs", () => findTables(port));
  const job = await step("main job", async () => {
    const outcome = await runWorkbookJob(port, { now: new Date() });
    if (!outcome.ok) throw new Error(`the job found problems: ${outcome.problems.slice(0, 3).map((p) => p.message).join("; ")}`);
  });
  return [write, read, job];
}
