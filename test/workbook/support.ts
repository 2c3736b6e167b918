/**
 * A fixture workbook checked in process, the way the main job checks one
 * (read every table, run the engine, point its findings at cells), without a
 * file or a port (check.ts, both passes): for tests that try many variations of one workbook.
 */
import type { BackflushResult, TableName } from "../../src/engine";
import { checkInput } from "../../src/workbook/check";
import type { CellValue } from "../../src/workbook/cells";
import { formatProblem, readInput, type RawTable } from "../../src/workbook/parse";
import { TABLES, normalizeName, requiredTables } from "../../src/workbook/schema";
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
  const checked = checkInput(readInput(rawTablesOf(fixture)));
  return checked.ok ? { result: checked.result } : { problems: checked.problems.map(formatProblem) };
}

/** Empty input tables and one setting (key, value) in Settings row 2: for tests of one setting. */
export function readSetting(key: string, value: CellValue) {
  const out: Partial<Record<TableName, RawTable>> = {};
  for (const name of requiredTables("purchase-completion-sale")) out[name] = { sheet: name, headerRow: 1, firstColumn: 0, header: TABLES[name].columns.map((c) => c.key), rows: [] };
  out.Settings = { sheet: "Settings", headerRow: 1, firstColumn: 0, header: ["Setting", "Value"], rows: [[key, value]] };
  return readInput(out);
}
