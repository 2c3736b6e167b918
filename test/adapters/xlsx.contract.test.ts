/**
 * The workbook port contract, run for the .xlsx adapter. Each fixture is saved
 * as .xlsx bytes and opened from them, so the adapter reads real files, and the
 * inspector re-reads what the adapter would save.
 */
import { XlsxWorkbook } from "../../src/adapters/xlsx/workbook";
import { describeWorkbookPortContract } from "../contract/workbook-port.contract";
import { bufferOf, excelWorkbook, loadBuffer, xlsxInspector } from "./xlsx-fixture";

describeWorkbookPortContract("xlsx (ExcelJS)", async (fixture) => {
  const book = await loadBuffer(await bufferOf(excelWorkbook(fixture)));
  return { port: new XlsxWorkbook(book), inspect: xlsxInspector(book) };
});
