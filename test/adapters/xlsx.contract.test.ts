/**
 * The workbook port contract, run for the .xlsx adapter. Each fixture is saved
 * as .xlsx bytes and opened from them, so the adapter reads real files, and the
 * inspector re-reads what the adapter would save.
 */
import { loadXlsx } from "../../src/adapters/xlsx/bytes";
import { describeWorkbookPortContract } from "../contract/workbook-port.contract";
import { bufferOf, excelWorkbook, xlsxInspector } from "./xlsx-fixture";

describeWorkbookPortContract("xlsx (by parts)", async (fixture) => {
  const port = await loadXlsx(await bufferOf(excelWorkbook(fixture)));
  return { port, inspect: xlsxInspector(() => port.toBytes()) };
});
