/**
 * A real macro-enabled workbook to run on: 57181.xlsm (shared/real-workbooks)
 * with the sample's input tables added, as test/adapters/real-workbooks.test.ts
 * adds them to every real workbook.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadXlsx, xlsxBytes } from "../../src/adapters/xlsx/bytes";
import { buildSampleTables } from "../../src/sample";
import { sharedFolder } from "./root";

/** The workbook as it was (to compare its macros with) and with the sample's tables. */
export async function macroWorkbookWithSample(): Promise<{ original: Buffer; withInputs: Uint8Array }> {
  const original = readFileSync(join(sharedFolder("real-workbooks"), "57181.xlsm"));
  const book = await loadXlsx(original);
  await book.writeInputTables(buildSampleTables());
  return { original, withInputs: xlsxBytes(book) };
}
