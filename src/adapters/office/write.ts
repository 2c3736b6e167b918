/**
 * Writing through Office.js, all or nothing.
 *
 * Every new sheet is built under a temporary name. Only when all of them are
 * complete are the names swapped, in three requests:
 *
 *   1. stash: the sheets being replaced (and any of their tables whose names
 *      the new tables take) move to temporary names;
 *   2. swap:  the new sheets and tables take their final names;
 *   3. drop:  the stashed sheets are deleted.
 *
 * Up to the drop every step can be undone, and a failure there is undone:
 * the new sheets are deleted and the stashed ones get their names back. The
 * drop is the only step that cannot be undone, and by then the new sheets are
 * complete and in place, so a failure there is finished instead: the stashed
 * sheets left over are deleted. A request may fail part-way (the operations
 * before the failing one stay applied), so recovery looks at which names exist
 * rather than assuming how far a request got.
 */
import type { InputTableModel, WriteOptions } from "../../workbook/port";
import type { GeneratedKind, SheetModel } from "../../workbook/render";
import { CHART_MAX_ROWS, SHEET_LAYOUT, numberFormat } from "../../workbook/render";
import { PRINT_MARGINS, cellFormat, chartPlacement, headerFooter, totalsLabel } from "../../workbook/layout";
import type { ExcelApiSubset, TableSubset, WorksheetSubset } from "./api";
import { chartsOf, horizontalPageBreaksOf, pageLayoutOf } from "./api";
import type { WriteLimits } from "./batch";
import { OPERATION_BYTES, WriteBatch, jsonBytes, suspendUntilNextSync } from "./batch";
import type { CellWrite } from "./cells";
import { TEXT_FORMAT, a1, cellName, columnReference, generatedCell, inputCell, inputFormat, wholeColumn, widthPoints } from "./cells";
import { NamePool, SHEET_NAME_MAX, WorkbookWriteError, generatedTableBase, checkNewSheetNames, sameName, succeeds, tableNameProblem } from "../../workbook/names";
import type { SheetSurvey } from "./read";
import { surveySheets } from "./read";

/** A sheet this run adds: built as `temp`, renamed `final`; its table likewise. */
interface AddedSheet {
  temp: string;
  final: string;
  table: { temp: string; final: string };
}

/** A sheet this run replaces, stashed as `temp` until the drop; and its tables that must give up their names. */
interface GoingSheet {
  name: string;
  temp: string;
  tables: { name: string; temp: string }[];
}

interface SwapPlan {
  added: AddedSheet[];
  going: GoingSheet[];
  /** Added sheets that take a replaced sheet's place in the tab order (`added` index, zero-based position while the replaced sheets are still there), ascending by position. */
  places: { added: number; position: number }[];
}

type Stage = "planning" | "building" | "stashing" | "swapping" | "dropping" | "done";

/** A sheet to build: what its table is called, and how to fill the sheet once added. */
export interface SheetJob {
  name: string;
  /** A generated sheet's kind: it takes the place of its kind's sheet in another language (names.ts `succeeds`). */
  kind?: GeneratedKind;
  tableBase: string;
  rows: number;
  /** Fills the new sheet and returns its table. */
  build: (sheet: WorksheetSubset, tableName: string, batch: WriteBatch) => Promise<TableSubset>;
}

export interface WriteSettings extends WriteLimits {
  onProgress?: (done: number, total: number) => void;
}

/**
 * Adds `jobs` as new sheets and removes `replace` (each must carry the
 * marker), all or nothing. `check` refuses names before anything is written.
 */
export async function writeAllOrNothing(
  excel: ExcelApiSubset,
  jobs: readonly SheetJob[],
  replace: readonly string[],
  settings: WriteSettings,
  check: (book: readonly SheetSurvey[], staying: readonly SheetSurvey[]) => void,
): Promise<void> {
  let plan: SwapPlan | undefined;
  let stage: Stage = "planning";
  const total = jobs.reduce((n, j) => n + j.rows, 0);
  try {
    await excel.run(async (context) => {
      const book = await surveySheets(context);
      const going = book.filter((s) => replace.some((r) => sameName(r, s.name)));
      for (const s of going) if (!s.generated) throw new WorkbookWriteError({ key: "write.notOurs", params: { name: s.name } });
      const staying = book.filter((s) => !going.includes(s));
      check(book, staying);
      plan = planSwap(book, staying, going, jobs);

      stage = "building";
      const batch = new WriteBatch(context, settings, (done) => settings.onProgress?.(Math.min(done, total), total));
      const added: { sheet: WorksheetSubset; table: TableSubset }[] = [];
      for (const [i, job] of jobs.entries()) {
        const names = plan.added[i];
        await batch.reserve(OPERATION_BYTES + jsonBytes(names.temp));
        const sheet = context.workbook.worksheets.add(names.temp);
        added.push({ sheet, table: await job.build(sheet, names.table.temp, batch) });
      }
      await batch.flush();

      stage = "stashing";
      for (const [i, g] of plan.going.entries()) {
        await batch.reserve(OPERATION_BYTES * (1 + 2 * g.tables.length));
        for (const t of g.tables) going[i].sheet.tables.getItem(t.name).name = t.temp;
        going[i].sheet.name = g.temp;
      }
      await batch.flush();

      stage = "swapping";
      for (const [i, a] of added.entries()) {
        await batch.reserve(OPERATION_BYTES * 2);
        a.sheet.name = plan.added[i].final;
        a.table.name = plan.added[i].table.final;
      }
      // Excel adds sheets at the end; each successor moves in just before the sheet it replaces. Here, not in the drop: a failed swap is undone (the new sheets deleted), a failed drop is only finished.
      for (const p of plan.places) {
        await batch.reserve(OPERATION_BYTES);
        added[p.added].sheet.position = p.position;
      }
      await batch.flush();

      stage = "dropping";
      for (const s of going) {
        await batch.reserve(OPERATION_BYTES);
        s.sheet.delete();
      }
      await batch.flush();
      stage = "done";
    });
  } catch (error) {
    if (!plan || stage === "planning" || stage === "done") throw error;
    const finished = await recover(excel, plan, stage, error).finally(() => recalculate(excel));
    if (!finished) throw error;
    return;
  }
  await recalculate(excel);
}

/**
 * Every writing request held Excel's recalculation (suspendApiCalculationUntilNextSync), which leaves it to us to ask for
 * one, after a write and after one undone alike: the totals rows' SUBTOTALs and the user's formulas over the sheets
 * (INDIRECT) show their values now. Whatever this answers, the write is as it is: a recalculation refused (the workbook
 * busy) is Excel's own to make later.
 */
async function recalculate(excel: ExcelApiSubset): Promise<void> {
  await excel
    .run(async (context) => {
      context.application.calculate("Recalculate");
      await context.sync();
    })
    .catch(() => undefined);
}

/** Temporary and final names for everything the run adds or moves aside. */
function planSwap(book: readonly SheetSurvey[], staying: readonly SheetSurvey[], going: readonly SheetSurvey[], jobs: readonly SheetJob[]): SwapPlan {
  const sheetNames = new NamePool([...book.map((s) => s.name), ...jobs.map((j) => j.name)], SHEET_NAME_MAX);
  // Final table names need only avoid the tables that stay; the replaced sheets' tables step aside.
  const finalTables = new NamePool(staying.flatMap((s) => s.tables));
  const finals = jobs.map((j) => finalTables.claim(j.tableBase));
  const allTables = new NamePool([...book.flatMap((s) => s.tables), ...finals]);
  return {
    added: jobs.map((j, i) => ({
      temp: sheetNames.claim("~Backflush new", " "),
      final: j.name,
      table: { temp: allTables.claim(`${j.tableBase}_new`), final: finals[i] },
    })),
    going: going.map((s) => ({
      name: s.name,
      temp: sheetNames.claim("~Backflush old", " "),
      tables: s.tables.filter((t) => finals.some((f) => sameName(f, t))).map((t) => ({ name: t, temp: allTables.claim(`${t}_old`) })),
    })),
    places: successorPlaces(book, going, jobs),
  };
}

/**
 * Where the successors go while the replaced sheets are still there: each
 * just before the sheet it replaces, so that once those are deleted the tab
 * order is the book's with each successor in its place (a replaced sheet
 * without one drops out) and other added sheets at the end. Ascending, so
 * each move leaves the places before it as they are; every successor moved
 * before a sheet pushes that sheet one place on.
 */
function successorPlaces(book: readonly SheetSurvey[], going: readonly SheetSurvey[], jobs: readonly SheetJob[]): SwapPlan["places"] {
  const places: SwapPlan["places"] = [];
  book.forEach((s, index) => {
    if (!going.includes(s)) return;
    const added = jobs.findIndex((j) => succeeds(j, s.name));
    if (added >= 0) places.push({ added, position: index + places.length });
  });
  return places;
}

/**
 * Puts the workbook back after a failure at `stage`: undoes everything before
 * the drop, finishes the drop. True when the write was finished after all.
 */
async function recover(excel: ExcelApiSubset, plan: SwapPlan, stage: Stage, cause: unknown): Promise<boolean> {
  const rollForward = stage === "dropping";
  try {
    await excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      // While swapping, every old sheet is stashed, so a sheet with a final name is one of ours.
      const ours = rollForward ? [] : plan.added.flatMap((a) => (stage === "swapping" ? [a.temp, a.final] : [a.temp])).map((name) => sheets.getItemOrNullObject(name));
      const stashed = plan.going.map((g) => ({ g, sheet: sheets.getItemOrNullObject(g.temp) }));
      const stashedTables = rollForward ? [] : plan.going.flatMap((g) => g.tables.map((t) => ({ t, table: context.workbook.tables.getItemOrNullObject(t.temp) })));
      await context.sync();
      suspendUntilNextSync(context);
      for (const sheet of ours) if (!sheet.isNullObject) sheet.delete();
      for (const { g, sheet } of stashed) {
        if (sheet.isNullObject) continue;
        if (rollForward) sheet.delete();
        else sheet.name = g.name;
      }
      for (const { t, table } of stashedTables) if (!table.isNullObject) table.name = t.name;
      await context.sync();
    });
  } catch (failure) {
    const why = (e: unknown) => (e instanceof Error ? e.message : String(e));
    // Said in the pane's language (write.*), with what to do by hand: only the sheets the write had moved aside by then
    // are to be renamed back (while building, none was).
    const renames = stage === "building" ? [] : plan.going.map((g) => `"${g.temp}" → "${g.name}"`);
    throw new WorkbookWriteError(
      rollForward
        ? { key: "write.dropFailed", params: { failure: why(failure), cause: why(cause) } }
        : renames.length > 0
          ? { key: "write.undoFailedRenames", params: { cause: why(cause), failure: why(failure), renames: renames.join(", ") } }
          : { key: "write.undoFailed", params: { cause: why(cause), failure: why(failure) } },
    );
  }
  return rollForward;
}

// ---- filling a sheet ---------------------------------------------------------

/** Queues rows of cells from `topRow` (zero-based) down, formats first, in requests the batch allows. */
async function writeRows(sheet: WorksheetSubset, batch: WriteBatch, topRow: number, width: number, count: number, cellsOf: (i: number) => CellWrite[]): Promise<void> {
  const chunkOverhead = 3 * OPERATION_BYTES + 32;
  let values: CellWrite["value"][][] = [];
  let formats: string[][] = [];
  let bytes = chunkOverhead;
  let first = topRow;
  const send = () => {
    if (values.length === 0) return;
    batch.add(bytes, values.length);
    const range = sheet.getRange(a1(first, 0, first + values.length - 1, width - 1));
    range.numberFormat = formats;
    range.values = values;
    first += values.length;
    values = [];
    formats = [];
    bytes = chunkOverhead;
  };
  for (let i = 0; i < count; i++) {
    const cells = cellsOf(i);
    const rowValues = cells.map((c) => c.value);
    const rowFormats = cells.map((c) => c.format);
    const rowBytes = jsonBytes(rowValues) + jsonBytes(rowFormats) + 2;
    if (!batch.fits(bytes + rowBytes, values.length + 1)) {
      send();
      await batch.flush();
    }
    values.push(rowValues);
    formats.push(rowFormats);
    bytes += rowBytes;
  }
  send();
}

/** Text cells (title, marker, headers) as text, in one row or one column. */
function writeText(sheet: WorksheetSubset, address: string, rows: string[][]): void {
  const range = sheet.getRange(address);
  range.numberFormat = rows.map((r) => r.map(() => TEXT_FORMAT));
  range.values = rows;
}

const textBytes = (rows: string[][]): number => 3 * OPERATION_BYTES + rows.reduce((n, r) => n + 2 * jsonBytes(r), 0);

/** Column widths, and the table's header in `row` (zero-based) as bold text. */
async function writeHeader(sheet: WorksheetSubset, batch: WriteBatch, columns: readonly { header: string; width: number }[], row: number): Promise<void> {
  const header = [columns.map((c) => c.header)];
  await batch.reserve(columns.length * 2 * OPERATION_BYTES + textBytes(header) + OPERATION_BYTES);
  columns.forEach((c, j) => {
    sheet.getRange(wholeColumn(j)).format.columnWidth = widthPoints(c.width);
  });
  const address = a1(row, 0, row, columns.length - 1);
  writeText(sheet, address, header);
  sheet.getRange(address).format.font.bold = true;
}

/** A margin in inches as Office.js takes it, in points (to the hundredth). */
const points = (inches: number): number => Math.round(inches * 72 * 100) / 100;

/**
 * A generated sheet on screen and on paper: headers and the text of `wrap`
 * columns wrap, rows grow to fit them; the sheet prints landscape, one page
 * wide, with the header row on every page and the page header and footer of
 * layout.ts (where the host has page layout).
 */
async function layOut(sheet: WorksheetSubset, batch: WriteBatch, model: SheetModel, headerRow: number, bodyEnd: number, options: WriteOptions): Promise<void> {
  const last = model.columns.length - 1;
  const wrapping = model.columns.flatMap((c, j) => (c.wrap ? [j] : []));
  await batch.reserve((4 + 2 * wrapping.length) * OPERATION_BYTES);
  sheet.getRange(a1(headerRow - 1, 0, headerRow - 1, last)).format.wrapText = true;
  for (const j of wrapping) sheet.getRange(a1(headerRow, j, bodyEnd - 1, j)).format.wrapText = true;
  sheet.getRange(a1(headerRow - 1, 0, bodyEnd - 1, last)).format.autofitRows();

  const page = pageLayoutOf(sheet);
  if (!page) return;
  const hf = headerFooter(options.page, options.language);
  await batch.reserve(20 * OPERATION_BYTES + jsonBytes(Object.values(hf)));
  page.orientation = "Landscape";
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.leftMargin = points(PRINT_MARGINS.left);
  page.rightMargin = points(PRINT_MARGINS.right);
  page.topMargin = points(PRINT_MARGINS.top);
  page.bottomMargin = points(PRINT_MARGINS.bottom);
  page.headerMargin = points(PRINT_MARGINS.header);
  page.footerMargin = points(PRINT_MARGINS.footer);
  const sections = page.headersFooters.defaultForAllPages;
  sections.leftHeader = hf.leftHeader;
  sections.centerHeader = hf.centerHeader;
  sections.rightHeader = hf.rightHeader;
  sections.leftFooter = hf.leftFooter;
  sections.rightFooter = hf.rightFooter;
  page.setPrintTitleRows(`$${headerRow}:$${headerRow}`);
}

export { CHART_MAX_ROWS };

/** A generated sheet: title, marker, then a formatted table with totals from SHEET_LAYOUT.headerRow. */
export function generatedSheetJob(model: SheetModel, options: WriteOptions): SheetJob {
  return {
    name: model.name,
    kind: model.kind,
    tableBase: generatedTableBase(model.kind),
    rows: model.rows.length,
    build: async (sheet, tableName, batch) => {
      const { titleRow, markerRow, headerRow } = SHEET_LAYOUT;
      const width = model.columns.length;
      const last = width - 1;
      const formats = model.columns.map((c) => numberFormat(c.kind, options.minorUnits));
      const mu = options.minorUnits;
      const top = [[model.title], [options.marker]];
      await batch.reserve(textBytes(top) + OPERATION_BYTES);
      writeText(sheet, `A${titleRow}:A${markerRow}`, top);
      sheet.getRange(`A${titleRow}`).format.font.bold = true;
      await writeHeader(sheet, batch, model.columns, headerRow - 1);

      // Excel wants at least one data row in a table: an empty model gets a blank, formatted one.
      const rows = Math.max(1, model.rows.length);
      await writeRows(sheet, batch, headerRow, width, rows, (i) =>
        model.columns.map((c, j) => {
          const v = model.rows[i]?.[j] ?? null;
          return generatedCell(c.kind, v, cellFormat(c.kind, v, mu));
        }),
      );

      const bodyEnd = headerRow + rows; // one-based row of the last data row
      await layOut(sheet, batch, model, headerRow, bodyEnd, options);
      const totalsFormats = [model.columns.map((c, j) => (c.total === "label" ? TEXT_FORMAT : formats[j]))];
      // Blank cells clear the total Excel adds to the last column by itself.
      const total = totalsLabel(options.language);
      const totals = [model.columns.map((c) => (c.total === "label" ? total : c.total === "sum" ? `=SUBTOTAL(109,${columnReference(c.header)})` : ""))];
      await batch.reserve(8 * OPERATION_BYTES + 2 * jsonBytes(totals[0]) + jsonBytes(totalsFormats[0]) + jsonBytes(tableName));
      const table = sheet.tables.add(a1(headerRow - 1, 0, bodyEnd - 1, last), true);
      table.name = tableName;
      if (model.columns.some((c) => c.total !== undefined)) {
        table.showTotals = true;
        const totalsRow = sheet.getRange(a1(bodyEnd, 0, bodyEnd, last));
        totalsRow.numberFormat = totalsFormats;
        totalsRow.formulas = totals;
      }
      sheet.freezePanes.freezeRows(headerRow);

      const charts = chartsOf(sheet);
      if (model.chart && charts && model.rows.length > 0 && model.rows.length <= CHART_MAX_ROWS) {
        const { categoryColumn, groupColumn, valueColumn, title } = model.chart;
        await batch.reserve(9 * OPERATION_BYTES + jsonBytes(title));
        const chart = charts.add("BarClustered", sheet.getRange(a1(headerRow - 1, valueColumn, bodyEnd - 1, valueColumn)), "Columns");
        chart.title.text = title;
        chart.legend.visible = false;
        // Two columns of names make two levels of labels, the left one outside.
        chart.series.getItemAt(0).setXAxisValues(sheet.getRange(a1(headerRow, groupColumn ?? categoryColumn, bodyEnd - 1, categoryColumn)));
        // Where the .xlsx adapter puts it: under the table, as tall as its bars need (setPosition's end cell is covered too).
        const place = chartPlacement(model.columns.length, model.rows.length, model.columns.some((c) => c.total !== undefined) ? bodyEnd + 1 : bodyEnd);
        chart.setPosition(cellName(place.fromRow, place.fromColumn), cellName(place.toRow - 1, place.toColumn - 1));
        // As the .xlsx adapter does: the chart starts a printed page of its own, so that no page break cuts it in two.
        horizontalPageBreaksOf(sheet)?.add(cellName(place.fromRow, 0));
      }
      return table;
    },
  };
}

/** An input table: header in row 1 of its own sheet, columns formatted by kind, header frozen. */
export function inputSheetJob(model: InputTableModel): SheetJob {
  return {
    name: model.sheet,
    tableBase: model.table,
    rows: model.rows.length,
    build: async (sheet, tableName, batch) => {
      const width = model.columns.length;
      const last = width - 1;
      const formats = model.columns.map((c) => inputFormat(c.kind));
      await writeHeader(sheet, batch, model.columns, 0);
      const rows = Math.max(1, model.rows.length);
      await writeRows(sheet, batch, 1, width, rows, (i) => model.columns.map((c, j) => inputCell(c.kind, model.rows[i]?.[j] ?? null, formats[j])));
      await batch.reserve(4 * OPERATION_BYTES + jsonBytes(tableName));
      const table = sheet.tables.add(a1(0, 0, rows, last), true);
      table.name = tableName;
      sheet.freezePanes.freezeRows(1);
      return table;
    },
  };
}

/** Refuses input tables whose sheet or table names are taken or invalid. */
export function checkInputTables(models: readonly InputTableModel[], book: readonly SheetSurvey[]): void {
  checkNewSheetNames(
    models.map((m) => m.sheet),
    book.map((s) => s.name),
  );
  const taken = new NamePool(book.flatMap((s) => s.tables));
  for (const m of models) {
    const problem = tableNameProblem(m.table);
    if (problem) throw new WorkbookWriteError(problem);
    if (taken.has(m.table)) throw new WorkbookWriteError({ key: "write.tableTaken", params: { name: m.table } });
    taken.claim(m.table);
  }
}
