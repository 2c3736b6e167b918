/**
 * `npm run bench`: figures, never pass/fail. Prints the machine line, a
 * table, then one JSON line per measured case (docs/benchmark.md says what
 * each case measures and how to read it).
 *
 *   npm run bench                          every case, full sizes
 *   npm run bench -- --case engine         one case (engine, growth, cli, browser, functions, office)
 *   npm run bench -- --quick               small sizes: a smoke run, figures mean nothing
 *   npm run bench -- --runs 5              measured runs (best counts; default 3, after 1 warm-up)
 *   npm run bench -- --naive-rows 5000     rows the naive reference runs before extrapolating
 */
import { tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { browserCase } from "./browser";
import { cliCase } from "./cli";
import { engineCase, growthCase } from "./engine";
import { functionsCase } from "./functions";
import { load1, machine, stopSampling, type Machine } from "./measure";
import { officeCase } from "./office";
import type { BenchOptions } from "./options";
import { CASE_NAMES, reportLines, type CaseName, type CaseRecord } from "./report";

const CASES: Readonly<Record<CaseName, (o: BenchOptions) => Promise<CaseRecord[]>>> = {
  engine: engineCase,
  growth: growthCase,
  cli: cliCase,
  browser: browserCase,
  functions: functionsCase,
  office: officeCase,
};

export interface BenchResult {
  machine: Machine;
  records: CaseRecord[];
  /** What was printed to stdout, line by line. */
  lines: string[];
}

export class BenchUsageError extends Error {}

const whole = (text: string | undefined, name: string, fallback: number, least: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < least) throw new BenchUsageError(`--${name} takes a whole number of at least ${least} (not ${text})`);
  return n;
};

/** Options from the command line; progress goes to `progress`. */
export function benchOptions(argv: readonly string[], progress: (line: string) => void): { options: BenchOptions; cases: CaseName[] } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { case: { type: "string", multiple: true }, quick: { type: "boolean" }, runs: { type: "string" }, warmups: { type: "string" }, "naive-rows": { type: "string" } },
      strict: true,
    }));
  } catch (e) {
    throw new BenchUsageError((e as Error).message);
  }
  const cases = (values.case ?? [...CASE_NAMES]) as CaseName[];
  for (const c of cases) if (!CASE_NAMES.includes(c)) throw new BenchUsageError(`unknown case "${c}"; the cases are ${CASE_NAMES.join(", ")}`);
  const quick = values.quick === true;
  return {
    cases,
    options: {
      quick,
      runs: whole(values.runs, "runs", quick ? 1 : 3, 1),
      warmups: whole(values.warmups, "warmups", quick ? 0 : 1, 0),
      naiveRows: whole(values["naive-rows"], "naive-rows", 20_000, 1),
      workDir: tmpdir(),
      progress,
    },
  };
}

/** A case that failed still gets its line, so the run goes on and the failure is in the figures. */
function failed(name: CaseName, e: unknown): CaseRecord {
  const message = e instanceof Error ? e.message : String(e);
  return { case: name, variant: "failed", rows: null, ms: null, peakMB: null, target: null, met: false, load1: load1(), summary: `FAILED: ${message.split("\n")[0]}`, error: message };
}

/** Runs the chosen cases in-process and returns (and prints through `out`) the report. */
export async function runBench(argv: readonly string[], out: (line: string) => void = console.log, progress: (line: string) => void = () => undefined): Promise<BenchResult> {
  const started = Date.now();
  const stamped = (line: string) => progress(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const { options, cases } = benchOptions(argv, stamped);
  const m = machine();
  const records: CaseRecord[] = [];
  try {
    for (const name of cases) {
      try {
        records.push(...(await CASES[name](options)));
      } catch (e) {
        stamped(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        records.push(failed(name, e));
      }
    }
  } finally {
    await stopSampling();
  }
  const lines = reportLines(m, records, options.quick);
  for (const line of lines) out(line);
  return { machine: m, records, lines };
}

if (require.main === module) {
  runBench(process.argv.slice(2), console.log, (line) => void process.stderr.write(`${line}\n`)).then(
    (r) => {
      // Figures, not a verdict: only a case that could not run fails the command.
      process.exitCode = r.records.some((x) => x.variant === "failed") ? 1 : 0;
    },
    (e: unknown) => {
      process.stderr.write(`bench: ${e instanceof BenchUsageError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
