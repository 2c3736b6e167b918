/**
 * End-to-end helpers: a temporary folder per test, the command line run
 * in-process with captured output, file hashes, and the generated sheets read
 * back from saved .xlsx files as records.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ZERO } from "../../src/engine/money";
import type { CellValue } from "../../src/workbook/cells";
import { decFromNumber } from "../../src/workbook/cells";
import { main } from "../../src/cli/main";
import { SHEET_LAYOUT } from "../../src/workbook/render";
import type { PortFixture } from "../contract/fixtures";
import { inspectBook, loadBuffer, writeFixture } from "../adapters/xlsx-fixture";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const RUN_AT = new Date(2026, 11, 1, 9, 30, 0);

/** Runs `backflush …` in-process in `cwd`, with a fixed clock, no terminal, and an environment without a locale (English) unless one is given. */
export async function cli(cwd: string, args: readonly string[], now: Date = RUN_AT, env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd,
    env,
    interactive: false,
    now: () => now,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder for each test of the calling suite, removed afterwards. */
export function tempFolder(): { path: string } {
  const folder = { path: "" };
  beforeEach(async () => {
    folder.path = await mkdtemp(join(tmpdir(), "backflush-e2e-"));
  });
  afterEach(async () => {
    await rm(folder.path, { recursive: true, force: true });
  });
  return folder;
}

export async function sha256(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}

/** Writes the fixture as NAME in the folder and returns its path. */
export async function workbookFile(folder: string, name: string, fixture: PortFixture): Promise<string> {
  const path = join(folder, name);
  await writeFixture(fixture, path);
  return path;
}

export type Saved = ReturnType<typeof inspectBook>;

export async function readSaved(path: string): Promise<Saved> {
  return inspectBook(await loadBuffer(await readFile(path)));
}

/** Writes the fixture as chairs.xlsx, runs `run chairs.xlsx -o out.xlsx`, expects success, and reads out.xlsx back. */
export async function runToOutput(folder: string, fixture: PortFixture): Promise<{ run: CliRun; saved: Saved }> {
  await workbookFile(folder, "chairs.xlsx", fixture);
  const run = await cli(folder, ["run", "chairs.xlsx", "-o", "out.xlsx"]);
  assert.equal(run.code, 0, run.stderr);
  return { run, saved: await readSaved(join(folder, "out.xlsx")) };
}

/** A generated sheet's data rows as records keyed by header (totals row left out). */
export function records(saved: Saved, sheet: string): Record<string, CellValue>[] {
  const rows = saved.values(sheet);
  const header = rows[SHEET_LAYOUT.headerRow - 1].map(String);
  const body = rows.slice(SHEET_LAYOUT.headerRow);
  assert.equal(body[body.length - 1]?.[0], "Total", `${sheet} has no totals row`);
  return body.slice(0, -1).map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? null])));
}

/** A money cell read back, as a fixed-point string ("21780.00"); blank is zero. */
export function money(v: CellValue): string {
  return (typeof v === "number" ? decFromNumber(v) : ZERO).toFixed(2);
}

/** Sum of Debit − Credit over journal records. */
export function netOf(lines: readonly Record<string, CellValue>[]): string {
  const amount = (v: CellValue) => (typeof v === "number" ? decFromNumber(v) : ZERO);
  return lines.reduce((a, l) => a.plus(amount(l.Debit)).minus(amount(l.Credit)), ZERO).toFixed(2);
}
