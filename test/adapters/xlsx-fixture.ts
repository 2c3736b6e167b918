/**
 * Neutral fixtures → real .xlsx workbooks (through ExcelJS, a producer other
 * than our own writer), and an inspector that reads a workbook back from its
 * saved bytes through ExcelJS (a reader other than our own), for the contract
 * suite and the end-to-end tests.
 */
import { writeFile } from "node:fs/promises";
import type { CellValue as ExcelValue, Workbook as ExcelWorkbook, Worksheet } from "exceljs";
import { ValueType, Workbook } from "exceljs";
import { uncalculatedFormula } from "../../src/adapters/xlsx/cells";
import { decodeRange } from "../../src/adapters/xlsx/workbook";
import type { CellValue } from "../../src/workbook/cells";
import { columnLetter } from "../../src/workbook/cells";
import type { PortFixture } from "../contract/fixtures";
import type { CellFacts, TableFacts, WorkbookInspector } from "../contract/workbook-port.contract";

/** The parts of ExcelJS's table model the inspector reads; it holds more, and its typings describe it wrongly. */
interface ExcelTableModel {
  name: string;
  displayName?: string;
  tableRef: string;
  headerRow: boolean;
  totalsRow: boolean;
  columns: { name: string }[];
}

export function tablesOf(ws: Worksheet): ExcelTableModel[] {
  return (ws.getTables() as unknown as { model: ExcelTableModel }[]).map((t) => t.model);
}

type RichTextLike = { richText: readonly { text: string }[] };
const isRichText = (v: object): v is RichTextLike => Array.isArray((v as RichTextLike).richText);

/** What ExcelJS holds in a cell's `value`, as a CellValue (the inspector's own conversion, independent of the adapter's). */
export function fromExcel(v: ExcelValue | unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v !== "object") return null;
  if (isRichText(v)) return v.richText.map((r) => r.text).join("");
  if ("hyperlink" in v) {
    const text = (v as { text?: unknown }).text;
    return typeof text === "string" ? text : typeof text === "object" && text !== null && isRichText(text) ? text.richText.map((r) => r.text).join("") : null;
  }
  if ("formula" in v || "sharedFormula" in v) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    if (f.result === undefined || f.result === null) return { error: uncalculatedFormula(f.formula ?? f.sharedFormula ?? "") };
    return fromExcel(f.result);
  }
  if ("error" in v && typeof (v as { error: unknown }).error === "string") return { error: (v as { error: string }).error };
  return null;
}

/** Builds the fixture as an ExcelJS workbook: dates as date cells, tables with ExcelJS's addTable. */
export function excelWorkbook(fixture: PortFixture): ExcelWorkbook {
  const book = new Workbook();
  for (const s of fixture.sheets) {
    const ws = book.addWorksheet(s.name);
    s.rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) return;
        const cell = ws.getCell(i + 1, j + 1);
        cell.value = v as ExcelValue;
        if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
      }),
    );
  }
  for (const t of fixture.tables ?? []) {
    const ws = book.getWorksheet(t.sheet);
    if (!ws) throw new Error(`fixture table ${t.name} is on a missing sheet ${t.sheet}`);
    const { top, left, bottom, right } = decodeRange(t.range);
    const row = (r: number) => Array.from({ length: right - left + 1 }, (_, j) => ws.getCell(r, left + j).value);
    const rows: ExcelValue[][] = [];
    for (let r = top + 1; r <= bottom - (t.totalsRow ? 1 : 0); r++) rows.push(row(r));
    ws.addTable({
      name: t.name,
      ref: `${columnLetter(left - 1)}${top}`,
      headerRow: true,
      totalsRow: t.totalsRow ?? false,
      columns: row(top).map((h) => ({ name: String(h) })),
      rows,
    });
  }
  return book;
}

export async function bufferOf(book: ExcelWorkbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function loadBuffer(data: Buffer): Promise<ExcelWorkbook> {
  const book = new Workbook();
  await book.xlsx.load(data as unknown as Parameters<ExcelWorkbook["xlsx"]["load"]>[0]);
  return book;
}

/** Writes the fixture to an .xlsx file. */
export async function writeFixture(fixture: PortFixture, path: string): Promise<void> {
  await writeFile(path, await bufferOf(excelWorkbook(fixture)));
}

/** What a cell shows once read back: a formula's cached result, else its value. */
function readBackValue(v: ExcelValue): CellValue {
  if (v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    const result = (v as { result?: ExcelValue }).result;
    return result === undefined ? null : fromExcel(result);
  }
  return fromExcel(v);
}

export function sheetValues(ws: Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ValueType.Merge) return;
      const v = readBackValue(cell.value);
      if (v === null) return;
      while (values.length < c - 1) values.push(null);
      values[c - 1] = v;
    });
    if (values.length === 0) return;
    while (rows.length < r - 1) rows.push([]);
    rows[r - 1] = values;
  });
  return rows;
}

function sheet(book: ExcelWorkbook, name: string): Worksheet {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet "${name}"; sheets: ${book.worksheets.map((w) => w.name).join(", ")}`);
  return ws;
}

/** Reads a saved workbook: the facts the contract suite checks. */
export function inspectBook(book: ExcelWorkbook) {
  return {
    sheetNames: () => book.worksheets.map((ws) => ws.name),
    values: (name: string) => sheetValues(sheet(book, name)),
    cell(name: string, address: string): CellFacts {
      const cell = sheet(book, name).getCell(address);
      const isFormula = cell.type === ValueType.Formula;
      return {
        value: readBackValue(cell.value),
        formula: isFormula ? `=${cell.formula}` : undefined,
        numberFormat: cell.numFmt ?? "General",
        bold: cell.font?.bold === true,
      };
    },
    tables: (): TableFacts[] =>
      book.worksheets.flatMap((ws) =>
        tablesOf(ws).map((t) => ({ name: t.name, sheet: ws.name, range: t.tableRef, headerRow: t.headerRow, totalsRow: t.totalsRow, columns: t.columns.map((c) => c.name) })),
      ),
    frozenRows(name: string): number {
      const view = sheet(book, name).views.find((v) => v.state === "frozen");
      return view && "ySplit" in view ? view.ySplit ?? 0 : 0;
    },
  };
}

/** An inspector over a port's package: every question reads its current bytes back through ExcelJS. */
export function xlsxInspector(bytes: () => Uint8Array): WorkbookInspector {
  const saved = async () => inspectBook(await loadBuffer(Buffer.from(bytes())));
  return {
    sheetNames: async () => (await saved()).sheetNames(),
    values: async (name) => (await saved()).values(name),
    cell: async (name, address) => (await saved()).cell(name, address),
    tables: async () => (await saved()).tables(),
    frozenRows: async (name) => (await saved()).frozenRows(name),
  };
}
