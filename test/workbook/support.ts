/**
 * A fixture workbook checked in process, the way the main job checks one
 * (read every table, run the engine, point its findings at cells), without a
 * file or a port: for tests that try many variations of one workbook.
 */
import { BackflushDataError, runBackflush, type BackflushResult, type TableName } from "../../src/engine";
import { formatProblem, locate, readInput, type RawTable } from "../../src/workbook/parse";
import { TABLES, normalizeName, requiredTables } from "../../src/workbook/schema";
import type { CellValue } from "../../src/workbook/cells";
import type { PortFixture } from "../contract/fixtures";

/** Each fixture sheet named after an input table, as the reader takes it (headers in row 1). */
export function rawTablesOf(fixture: PortFixture): Partial<Record<TableName, RawTable>> {
  const out: Partial<Record<TableName, RawTable>> = {};
  for (const s of fixture.sheets) {
    const name = (Object.keys(TABLES) as TableName[]).find((t) => normalizeName(t) === normalizeName(s.name));
    if (name) out[name] = { sheet: s.name, headerRow: 1, firstColumn: 0, header: s.rows[0], rows: s.rows.slice(1) };
  }
  return out;
}

/** The run of a fixture, or every problem it has as "Sheet!A1: message" lines. */
export function checked(fixture: PortFixture): { result: BackflushResult; problems?: undefined } | { result?: undefined; problems: string[] } {
  const read = readInput(rawTablesOf(fixture));
  if (!read.input) return { problems: read.problems.map(formatProblem) };
  try {
    return { result: runBackflush(read.input) };
  } catch (e) {
    if (e instanceof BackflushDataError) return { problems: e.issues.map((i) => formatProblem(locate(i, read.layouts))) };
    throw e;
  }
}

/** Empty input tables and one setting (key, value) in Settings row 2: for tests of one setting. */
export function readSetting(key: string, value: CellValue) {
  const out: Partial<Record<TableName, RawTable>> = {};
  for (const name of requiredTables("purchase-completion-sale")) out[name] = { sheet: name, headerRow: 1, firstColumn: 0, header: TABLES[name].columns.map((c) => c.key), rows: [] };
  out.Settings = { sheet: "Settings", headerRow: 1, firstColumn: 0, header: ["Setting", "Value"], rows: [[key, value]] };
  return readInput(out);
}
