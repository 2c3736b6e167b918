/**
 * Reading through Office.js: the workbook's sheets and tables, and a table's
 * cells in row chunks small enough for Excel's request limits.
 */
import { isBlank, isCellError, type CellValue } from "../../workbook/cells";
import type { RawTable } from "../../workbook/parse";
import { SHEET_LAYOUT, isMarker } from "../../workbook/render";
import { HEADING_ROWS, SHEET_ROWS, sheetTableColumns, tableHeadingSheet, tableSources } from "../../workbook/table-lookup";
import type { TablePlace } from "../../workbook/port";
import type { OfficeValue, RangeSubset, RequestContextSubset, TableSubset, WorksheetSubset } from "./api";
import { officeErrorCode } from "./api";
import { READ_CELL_BUDGET } from "./batch";
import { a1, rowsFromOffice } from "./cells";

export interface SheetSurvey {
  name: string;
  sheet: WorksheetSubset;
  /** Names of the Excel tables on the sheet. */
  tables: string[];
  /** A2 carries our marker. */
  generated: boolean;
}

/**
 * Sheets whose A2 one request reads when looking for our marker: a cell holds
 * up to 32,767 characters, some 200 kB in the response at worst, so a
 * workbook of many sheets with long texts there stays under Excel's 5 MB.
 */
const MARKERS_PER_REQUEST = 16;

/** Every sheet in order with its tables and whether it carries our marker: two requests, one more per 16 sheets past the first 16. */
export async function surveySheets(context: RequestContextSubset): Promise<SheetSurvey[]> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const found = sheets.items.map((sheet) => ({ sheet, tables: sheet.tables.load("items/name"), marker: undefined as { values: OfficeValue[][] } | undefined }));
  for (let first = 0; first < found.length || first === 0; first += MARKERS_PER_REQUEST) {
    for (const f of found.slice(first, first + MARKERS_PER_REQUEST)) f.marker = f.sheet.getRange(`A${SHEET_LAYOUT.markerRow}`).load("values");
    await context.sync();
  }
  return found.map(({ sheet, tables, marker }) => ({
    name: sheet.name,
    sheet,
    tables: tables.items.map((t) => t.name),
    generated: isMarker(marker?.values[0][0]),
  }));
}

/** Progress of one read, in rows. */
export type ReadProgress = (done: number, total: number) => void;

/** A read refused for its size, which a smaller one may get through. */
const TOO_BIG = new Set(["ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit", "RequestPayloadSizeLimitExceeded"]);

/**
 * The cells of rows top..bottom, columns left..right (zero-based), read in
 * chunks of at most `chunkRows` rows and READ_CELL_BUDGET cells. A chunk Excel
 * refuses for its size is read again in halves, and later chunks keep the
 * smaller size.
 */
export async function readBlock(
  context: RequestContextSubset,
  sheet: WorksheetSubset,
  block: { top: number; left: number; bottom: number; right: number },
  chunkRows: number,
  progress?: ReadProgress,
): Promise<CellValue[][]> {
  const { top, left, bottom, right } = block;
  const total = bottom - top + 1;
  let size = Math.max(1, Math.min(chunkRows, Math.floor(READ_CELL_BUDGET / (right - left + 1))));
  const out: CellValue[][] = [];
  for (let row = top; row <= bottom; ) {
    const last = Math.min(bottom, row + size - 1);
    const range = sheet.getRange(a1(row, left, last, right)).load("values, valueTypes, numberFormat");
    try {
      await context.sync();
    } catch (error) {
      const code = officeErrorCode(error);
      if (code === undefined || !TOO_BIG.has(code) || last === row) throw error;
      size = Math.ceil((last - row + 1) / 2);
      continue;
    }
    const rows = rowsFromOffice(range.values, range.valueTypes, range.numberFormat);
    for (const r of rows) out.push(r);
    row = last + 1;
    progress?.(row - top, total);
  }
  return out;
}

/**
 * An input table by any of `names`: an Excel table of that name first, else a
 * sheet of that name with its headers in row 1 (normalised as the schema does;
 * tableSources), with the other sheets that answer to the names too.
 */
export async function findTable(context: RequestContextSubset, names: readonly string[], chunkRows: number, progress?: ReadProgress): Promise<RawTable | undefined> {
  const found = await sourcesOf(context, names);
  if (!found) return undefined;
  const { first, others, sheets, tables } = found;
  const sheet = sheets.items[first.sheet];
  const onSheet = tables[first.sheet].items;
  const raw = first.table !== undefined ? await readExcelTable(context, onSheet[first.table].name, chunkRows, progress) : await readSheetTable(context, sheet, onSheet, chunkRows, progress);
  return others.length > 0 ? { ...raw, alsoFound: others.map((o) => (o.table === undefined ? { sheet: sheets.items[o.sheet].name } : { sheet: sheets.items[o.sheet].name, table: tables[o.sheet].items[o.table].name })) } : raw;
}

/** The workbook's sheets and the names of their tables, which a lookup by name chooses from: two requests. */
async function surveyOf(context: RequestContextSubset) {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const tables = sheets.items.map((sheet) => sheet.tables.load("items/name"));
  await context.sync();
  return { sheets, tables, places: sheets.items.map((s, i) => ({ name: s.name, worksheet: true, tables: tables[i].items.map((t) => [t.name]) })) };
}

/** The sheets and tables answering to `names`, the one to read first (tableSources), with what was loaded to find them. */
async function sourcesOf(context: RequestContextSubset, names: readonly string[]) {
  const { sheets, tables, places } = await surveyOf(context);
  const [first, ...others] = tableSources(names, places);
  return first ? { first, others, sheets, tables } : undefined;
}

/**
 * Where input tables are and their rows, for the Data step, each by its names:
 * an Excel table's from its data body's size, a plain sheet's from its used
 * range, with no cell read (a 200,000-row table was read cell by cell on the
 * page each time the pane opened). The workbook is surveyed once for them all,
 * and their sizes asked for in one request: three in all, where each table
 * took three (four when a table has a single row, which is read to tell a
 * blank one).
 */
export async function locateTables(context: RequestContextSubset, lookups: readonly (readonly string[])[]): Promise<(TablePlace | undefined)[]> {
  const { sheets, tables, places: surveyed } = await surveyOf(context);
  type Asked = { sheet: string; tables: TableRows[] } & ({ table: number } | { heads: (() => number | undefined)[]; used: RangeSubset });
  const asked = lookups.map((names): Asked | undefined => {
    const first = tableSources(names, surveyed)[0];
    if (!first) return undefined;
    const sheet = sheets.items[first.sheet];
    const onSheet = tables[first.sheet].items;
    if (first.table !== undefined) return { sheet: sheet.name, tables: [tableRows(onSheet[first.table])], table: 0 };
    // A plain sheet's rows are those below its header down to the last holding a value, as readSheetTable reads them,
    // unless its first row heads an Excel table, which it is then read as.
    return { sheet: sheet.name, tables: onSheet.map(tableRows), heads: headerRowsOf(onSheet), used: sheetUsedRange(sheet) };
  });
  if (asked.some((a) => a !== undefined)) await context.sync();
  const places = asked.map((a) => {
    if (a === undefined) return undefined;
    const at = "table" in a ? a.table : tableHeadingSheet(a.heads.map((head) => head()));
    if (at !== undefined) return { sheet: a.sheet, tableName: a.tables[at].name, rows: a.tables[at].body.rowCount, table: a.tables[at] };
    return { sheet: a.sheet, rows: "used" in a && !a.used.isNullObject ? a.used.rowIndex + a.used.rowCount - 1 : 0 };
  });
  // Excel keeps one row in a table whose rows were all deleted (the template's tables): a blank one is none, as a read finds.
  // Its one row is read in one more request, and only then.
  const single = places.map((p) => (p?.table !== undefined && p.rows === 1 ? p.table.body.getRow(0).load("values, valueTypes") : undefined));
  if (single.some((r) => r !== undefined)) await context.sync();
  return places.map((p, i) => {
    if (p === undefined) return undefined;
    const row = single[i];
    const blank = row !== undefined && (rowsFromOffice(row.values, row.valueTypes)[0] ?? []).every(isBlank);
    return p.tableName === undefined ? { sheet: p.sheet, rows: p.rows } : { sheet: p.sheet, tableName: p.tableName, rows: blank ? 0 : p.rows };
  });
}

/** A table's name and its data body, whose size is loaded at the next sync. */
interface TableRows {
  name: string;
  body: RangeSubset;
}

const tableRows = (table: TableSubset): TableRows => ({ name: table.name, body: table.getDataBodyRange().load("rowCount") });

/** Each table's header row, 1-based (undefined where it shows none), to be read after the next sync: table-lookup.ts tableHeadingSheet. */
function headerRowsOf(onSheet: readonly TableSubset[]): (() => number | undefined)[] {
  return onSheet.map((t) => {
    const shown = t.load("showHeaders");
    const range = t.getRange().load("rowIndex");
    return () => (shown.showHeaders ? range.rowIndex + 1 : undefined);
  });
}

async function readExcelTable(context: RequestContextSubset, name: string, chunkRows: number, progress?: ReadProgress): Promise<RawTable> {
  const table = context.workbook.tables.getItem(name).load("name, showHeaders, showTotals");
  const sheet = table.worksheet.load("name");
  const header = table.getHeaderRowRange().load("values, valueTypes, rowIndex");
  // The data body leaves out the header and the totals row, whichever are shown.
  const body = table.getDataBodyRange().load("rowIndex, columnIndex, rowCount, columnCount");
  const neighbours = sheet.tables.load("items/name");
  await context.sync();
  const block = { top: body.rowIndex, left: body.columnIndex, bottom: body.rowIndex + body.rowCount - 1, right: body.columnIndex + body.columnCount - 1 };
  const rows = await readBlock(context, sheet, block, chunkRows, progress);
  // Below the totals row, where it has one: Excel grows a table for no row typed there either.
  const outsideBelow = await dataBelow(context, sheet, table.showTotals ? { ...block, bottom: block.bottom + 1 } : block, neighbours.items.filter((t) => t.name !== table.name));
  return {
    sheet: sheet.name,
    tableName: table.name,
    // With the header row hidden, the names are still the table's; point at the row above the data.
    headerRow: table.showHeaders ? header.rowIndex + 1 : body.rowIndex,
    firstColumn: body.columnIndex,
    header: rowsFromOffice(header.values, header.valueTypes)[0],
    rows,
    ...(outsideBelow ? { outsideBelow } : {}),
  };
}

/** The last row Excel has (zero-based). */
const LAST_ROW = SHEET_ROWS - 1;

/**
 * The first cell holding a value in the row right below a table (below its
 * totals row, where it has one: RawTable.outsideBelow): Excel grows a table as rows are typed
 * under it, but not for rows a macro or a script wrote, nor with AutoCorrect's
 * table expansion off, so data can sit there unread. Another table right below
 * (tables stacked without a row between) is not such data. One request.
 */
async function dataBelow(
  context: RequestContextSubset,
  sheet: WorksheetSubset,
  block: { top: number; left: number; bottom: number; right: number },
  others: readonly TableSubset[],
): Promise<RawTable["outsideBelow"]> {
  const below = block.bottom + 1;
  if (below > LAST_ROW) return undefined;
  const places = others.map((t) => t.getRange().load("rowIndex, columnIndex, rowCount, columnCount"));
  const row = sheet.getRange(a1(below, block.left, below, block.right)).load("values, valueTypes, numberFormat");
  await context.sync();
  const stacked = places.some((p) => p.rowIndex <= below && below < p.rowIndex + p.rowCount && p.columnIndex <= block.right && block.left < p.columnIndex + p.columnCount);
  if (stacked) return undefined;
  const cells = rowsFromOffice(row.values, row.valueTypes, row.numberFormat)[0] ?? [];
  const column = cells.findIndex((v) => !isBlank(v) && !isCellError(v));
  return column < 0 ? undefined : { row: below + 1, column };
}

/** The cells of a sheet that hold values (formats alone do not count), to be loaded at the next sync. */
const sheetUsedRange = (sheet: WorksheetSubset) => sheet.getUsedRangeOrNullObject(true).load("rowIndex, columnIndex, rowCount, columnCount");

/**
 * A sheet read as a table: headers in row 1, columns from the leftmost to the
 * rightmost holding a value; or, where its first row heads an Excel table
 * (`onSheet`: the sheet's tables), that table.
 */
async function readSheetTable(context: RequestContextSubset, sheet: WorksheetSubset, onSheet: readonly TableSubset[], chunkRows: number, progress?: ReadProgress): Promise<RawTable> {
  const used = sheetUsedRange(sheet);
  const heads = headerRowsOf(onSheet);
  await context.sync();
  const heading = tableHeadingSheet(heads.map((head) => head()));
  if (heading !== undefined) {
    const raw = await readExcelTable(context, onSheet[heading].name, chunkRows, progress);
    if (raw.outsideBelow || used.isNullObject) return raw;
    const far = await farBelow(context, sheet, onSheet, heading, used.rowIndex + used.rowCount - 1, chunkRows);
    return far ? { ...raw, outsideBelow: far } : raw;
  }
  if (used.isNullObject) return { sheet: sheet.name, headerRow: 1, firstColumn: 0, header: [], rows: [] };
  const usedRight = used.columnIndex + used.columnCount - 1;
  const usedBottom = used.rowIndex + used.rowCount - 1;
  // The heading rows first, over the used range's width; then the rest over the columns they span (sheetTableColumns): a stray
  // cell far right (XFD100000) would otherwise have every row read 16,384 cells wide.
  const top = await readBlock(context, sheet, { top: 0, left: used.columnIndex, bottom: Math.min(usedBottom, HEADING_ROWS - 1), right: usedRight }, chunkRows);
  const columns = sheetTableColumns((r) => (top[r] ?? []).flatMap((v, c) => (isBlank(v) ? [] : [used.columnIndex + c])));
  if (!columns) return { sheet: sheet.name, headerRow: 1, firstColumn: 0, header: [], rows: [] };
  const { left, right } = columns;
  const below = usedBottom >= HEADING_ROWS ? await readBlock(context, sheet, { top: HEADING_ROWS, left, bottom: usedBottom, right }, chunkRows, progress) : [];
  const rows = top.map((r) => r.slice(left - used.columnIndex, right - used.columnIndex + 1));
  for (const r of below) rows.push(r);
  // Down to the last row holding a value in those columns.
  while (rows.length > 1 && rows[rows.length - 1].every(isBlank)) rows.pop();
  // shift, not [header, ...rows]: a full sheet's rows are not copied to take the header off.
  const header = rows.shift() ?? [];
  return { sheet: sheet.name, headerRow: 1, firstColumn: left, header, rows };
}

/**
 * The first value further below the Excel table a sheet is read as (its
 * first row heads it: readSheetTable) than the row right below it, which
 * dataBelow looks at; cells of another table there are that table's. The
 * sheet is the table's, so anything below it is outside it.
 */
async function farBelow(
  context: RequestContextSubset,
  sheet: WorksheetSubset,
  onSheet: readonly TableSubset[],
  heading: number,
  usedBottom: number,
  chunkRows: number,
): Promise<RawTable["outsideBelow"]> {
  const places = onSheet.map((t) => t.getRange().load("rowIndex, columnIndex, rowCount, columnCount"));
  await context.sync();
  const own = places[heading];
  const top = own.rowIndex + own.rowCount + 1;
  if (top > usedBottom) return undefined;
  const left = own.columnIndex;
  const rows = await readBlock(context, sheet, { top, left, bottom: usedBottom, right: left + own.columnCount - 1 }, chunkRows);
  const others = places.filter((_, i) => i !== heading);
  const inOther = (r: number, c: number) => others.some((p) => p.rowIndex <= r && r < p.rowIndex + p.rowCount && p.columnIndex <= c && c < p.columnIndex + p.columnCount);
  for (const [i, cells] of rows.entries()) {
    const column = cells.findIndex((v, j) => !isBlank(v) && !isCellError(v) && !inOther(top + i, left + j));
    if (column >= 0) return { row: top + i + 1, column, far: true };
  }
  return undefined;
}
