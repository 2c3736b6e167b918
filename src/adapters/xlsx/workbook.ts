/**
 * The .xlsx adapter: the workbook port over an .xlsx package held as its bytes.
 *
 * It reads only what it needs (the package's index, the shared strings and
 * styles, and the sheets that hold input tables, streamed), and it writes by
 * parts: the sheets we generate (and their tables) are new parts or replace our
 * own old ones, a few index parts are edited in place (content types, the
 * workbook and its relationships, styles), the calc chain goes when a sheet
 * goes (Excel rebuilds it), and every other part — the user's sheets, charts,
 * drawings, pivot tables, macros, comments, links, custom XML, theme — is
 * copied with its stored bytes. Each write makes a whole new package, so the
 * object is always one consistent file and a failed write leaves it as it was.
 */
import { zipSync, strToU8 } from "fflate";
import type { CellValue } from "../../workbook/cells";
import { isBlank, isCellError } from "../../workbook/cells";
import type { RawTable } from "../../workbook/parse";
import type { InputTableModel, SheetInfo, TablePlace, WorkbookPort, WriteOptions } from "../../workbook/port";
import type { GeneratedKind, OutCell, SheetModel } from "../../workbook/render";
import { CHART_MAX_ROWS, SHEET_LAYOUT, isMarker, numberFormat } from "../../workbook/render";
import { QUANTITY_FRACTION, QUANTITY_WHOLE, chartPlacement, headerFooter, rowHeight, totalsLabel } from "../../workbook/layout";
import type { ColumnKind } from "../../workbook/schema";
import { SHEET_ROWS, sheetTableColumns, tableHeadingSheet, tableSources } from "../../workbook/table-lookup";
import { Dec, ZERO } from "../../engine/money";
import { NamePool, WorkbookWriteError, checkNewSheetNames, generatedTableBase, sameName, succeeds, tableNameProblem } from "../../workbook/names";
import type { PackageIndex, SheetEntry, TableInfo, WorkbookExtension } from "./package";
import { REL, readPackageIndex, readRelationships, readXmlPart, relativeTarget, relsPartOf, workbookExtensionOf } from "./package";
import type { ChartAnchor } from "./chart-writer";
import { CHART_CONTENT_TYPES, chartXml, drawingXml } from "./chart-writer";
import { readSharedStrings } from "./shared-strings";
import { readSheetCells } from "./sheet-reader";
import { columnOf } from "./sheet-scanner";
import type { SheetWindow } from "./sheet-reader";
import type { OutCellSpec, TableSpec } from "./sheet-writer";
import type { PartContent, SheetRows } from "./sheet-writer";
import { NS_REL, columnCells, dataRows, inputCell, specRows, subtotalFormula, tableXml, worksheetXml } from "./sheet-writer";
import type { CellStyle } from "./styles";
import { EMPTY_STYLES, dateStylesOf, withCellStyles } from "./styles";
import { attributePattern, escapeRegExp, escapeXml, withoutComments } from "./xml";
import type { PartDeflater, ZipCodec, ZipOutput } from "./zip";
import { ZipArchive, writeZip } from "./zip";
import { PackageError } from "./errors";
export { WorkbookWriteError, sheetNameProblem, tableNameProblem } from "../../workbook/names";

const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
} as const;
/** The content type of a part we write, by its path. */
function contentTypeOf(part: string): string | undefined {
  if (part.endsWith(".rels")) return CT.relationships;
  if (/(^|\/)worksheets\/sheet\d+\.xml$/.test(part)) return CT.worksheet;
  if (/(^|\/)tables\/table\d+\.xml$/.test(part)) return CT.table;
  if (/(^|\/)drawings\/drawing\d+\.xml$/.test(part)) return CHART_CONTENT_TYPES.drawing;
  if (/(^|\/)charts\/chart\d+\.xml$/.test(part)) return CHART_CONTENT_TYPES.chart;
  if (/(^|\/)styles\.xml$/.test(part)) return CT.styles;
  return undefined;
}

const REL_TYPE = (t: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships${t}`;

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B3:E10" (or "B3") → 1-based rows and columns. */
export function decodeRange(ref: string): CellRange {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) throw new Error(`"${ref}" is not a cell range`);
  const [top, left] = [Number(m[2]), columnOf(m[1])];
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnOf(m[3]) : left };
}

/** An Excel table's extent: its range, the row its headers are on (above the range when it has no header row), and its last data row. */
function tableExtent(t: TableInfo): CellRange & { headerRow: number; lastData: number } {
  let range: CellRange;
  try {
    range = decodeRange(t.ref);
  } catch {
    throw new PackageError("badXml", { part: t.part });
  }
  // A table without a header row (rare) has its column names only in the table's definition.
  return { ...range, headerRow: t.headerRow ? range.top : range.top - 1, lastData: range.bottom - (t.totalsRow ? 1 : 0) };
}

/** The Excel table a sheet found by its name is read as: the one its first row heads (table-lookup.ts tableHeadingSheet). */
function headingTable(s: SheetEntry): TableInfo | undefined {
  const at = tableHeadingSheet(s.tables.map((t) => (t.headerRow ? extentOrNone(t)?.top : undefined)));
  return at === undefined ? undefined : s.tables[at];
}

/** A table's extent, or undefined where its range cannot be read (reading that table says so). */
function extentOrNone(t: TableInfo): CellRange | undefined {
  try {
    return tableExtent(t);
  } catch {
    return undefined;
  }
}

/** Whether two ranges share a cell. */
const overlaps = (a: CellRange, b: CellRange): boolean => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/** The sheet, when the package holds its part; otherwise the package is damaged there. */
function withPart(sheet: SheetEntry): SheetEntry {
  if (!sheet.part) throw new PackageError("damaged", { part: sheet.missingPart });
  return sheet;
}

/** What reading cells needs, loaded once per package. */
interface ReadContext {
  sharedStrings: string[];
  date1904: boolean;
  dateStyles: Set<number>;
  /** Whether each sheet part carries our marker: a job lists the sheets, then writeSheets checks the ones it replaces. */
  markers: Map<string, boolean>;
}

export class XlsxWorkbook implements WorkbookPort {
  private zip: ZipArchive;
  private index: PackageIndex;
  private context?: Promise<ReadContext>;

  private constructor(
    private bytes: Uint8Array,
    zip: ZipArchive,
    index: PackageIndex,
  ) {
    this.zip = zip;
    this.index = index;
  }

  /** Opens a package from its bytes; refuses, in plain words, what is not an .xlsx workbook. `codec` inflates and deflates faster than fflate where there is one (Node's zlib). */
  static async open(bytes: Uint8Array, codec?: ZipCodec): Promise<XlsxWorkbook> {
    const zip = new ZipArchive(bytes, codec);
    return new XlsxWorkbook(bytes, zip, await readPackageIndex(zip));
  }

  /** The package as it stands, every write included: the file to save. */
  toBytes(): Uint8Array {
    return this.bytes;
  }

  /** Takes another version of this package (the one the engine worker wrote), as if it had been opened. */
  async reload(bytes: Uint8Array): Promise<void> {
    const zip = new ZipArchive(bytes, this.zip.codec);
    const index = await readPackageIndex(zip);
    this.bytes = bytes;
    this.zip = zip;
    this.index = index;
    this.context = undefined;
  }

  /** Sheet names in tab order, and the Excel tables on each (for the pane's source list). */
  sheetsAndTables(): { sheet: string; tables: string[] }[] {
    return this.index.sheets.map((s) => ({ sheet: s.name, tables: s.tables.map((t) => t.name) }));
  }

  /** The extension Excel requires of this package's name, from its workbook part's content type (which writing sheets keeps); undefined when that type is none of a workbook's. */
  fileExtension(): Promise<WorkbookExtension | undefined> {
    return workbookExtensionOf(this.zip, this.index.workbookPart);
  }

  private readContext(): Promise<ReadContext> {
    this.context ??= (async () => {
      const { sharedStringsPart, stylesPart, date1904 } = this.index;
      const sharedStrings = sharedStringsPart ? await readSharedStrings(this.zip, sharedStringsPart) : [];
      const dateStyles = dateStylesOf(stylesPart ? await readXmlPart(this.zip, stylesPart) : undefined);
      return { sharedStrings, date1904, dateStyles, markers: new Map<string, boolean>() };
    })();
    return this.context;
  }

  async findTable(names: readonly string[]): Promise<RawTable | undefined> {
    const [first, ...others] = this.sources(names);
    if (!first) return undefined;
    const heading = first.table ? undefined : headingTable(first.sheet);
    const table = first.table ?? heading;
    const raw = table ? await this.readExcelTable(first.sheet, table, heading !== undefined) : await this.readSheetTable(first.sheet);
    return others.length > 0 ? { ...raw, alsoFound: others.map((o) => (o.table ? { sheet: o.sheet.name, table: o.table.name } : { sheet: o.sheet.name })) } : raw;
  }

  /** An Excel table's place from its definition alone; a plain sheet is read, as findTable reads it. */
  async locateTable(names: readonly string[]): Promise<TablePlace | undefined> {
    const [first] = this.sources(names);
    if (!first) return undefined;
    const table = first.table ?? headingTable(first.sheet);
    if (table) {
      const { headerRow, lastData } = tableExtent(table);
      const rows = Math.max(0, lastData - headerRow);
      // Excel keeps one row in a table whose rows were all deleted (the template's tables): a blank one is none, as a read finds.
      const blank = rows === 1 && (await this.oneBlankRow(first.sheet, table));
      return { sheet: first.sheet.name, tableName: table.name, rows: blank ? 0 : rows };
    }
    const raw = await this.readSheetTable(first.sheet);
    return { sheet: raw.sheet, tableName: raw.tableName, rows: raw.rows.length };
  }

  /** Whether a one-row table's row is blank; a part that cannot be read is left for the run to report (locating reads no more). */
  private async oneBlankRow(s: SheetEntry, t: TableInfo): Promise<boolean> {
    try {
      return (await this.readExcelTable(s, t)).rows[0].every(isBlank);
    } catch {
      return false;
    }
  }

  /**
   * The Excel tables and sheets answering to `names`, the one to read first
   * (tableSources); a sheet the workbook names whose part is missing counts, and
   * reading it is damage, not an absent table.
   */
  private sources(names: readonly string[]): { sheet: SheetEntry; table?: TableInfo }[] {
    const sheets = this.index.sheets;
    const found = tableSources(
      names,
      sheets.map((s) => ({ name: s.name, worksheet: s.isWorksheet || !s.part, tables: s.tables.map((t) => [t.name, t.displayName]) })),
    );
    return found.map((f, i) => ({ sheet: i === 0 ? withPart(sheets[f.sheet]) : sheets[f.sheet], table: f.table === undefined ? undefined : sheets[f.sheet].tables[f.table] }));
  }

  async listSheets(): Promise<SheetInfo[]> {
    const out: SheetInfo[] = [];
    for (const s of this.index.sheets) out.push({ name: s.name, generated: await this.carriesMarker(s) });
    return out;
  }

  async writeSheets(models: readonly SheetModel[], replace: readonly string[], options: WriteOptions): Promise<void> {
    const sheets = this.index.sheets;
    const going = sheets.filter((s) => replace.some((r) => sameName(r, s.name)));
    for (const s of going) if (!(await this.carriesMarker(s))) throw new WorkbookWriteError({ key: "write.notOurs", params: { name: s.name } });
    const staying = sheets.filter((s) => !going.includes(s));
    checkNewSheetNames(
      models.map((m) => m.name),
      staying.map((s) => s.name),
    );
    const tableNames = new NamePool(staying.flatMap((s) => s.tables.map((t) => t.name)));
    const newSheets = models.map((model) => ({ name: model.name, kind: model.kind, build: (styles: StyleBook, tableId: number, deflater?: PartDeflater) => generatedSheet(model, tableNames.claim(generatedTableBase(model.kind)), tableId, styles, options, this.index.date1904, deflater) }));
    await this.rewrite(going, newSheets, [...new Set(models.flatMap((m) => generatedStyles(m, options.minorUnits)).map(styleKey))].map(parseStyleKey));
  }

  async writeInputTables(tables: readonly InputTableModel[]): Promise<void> {
    const sheets = this.index.sheets;
    checkNewSheetNames(
      tables.map((t) => t.sheet),
      sheets.map((s) => s.name),
    );
    const taken = new NamePool(sheets.flatMap((s) => s.tables.map((t) => t.name)));
    for (const t of tables) {
      const problem = tableNameProblem(t.table);
      if (problem) throw new WorkbookWriteError(problem);
      if (taken.has(t.table)) throw new WorkbookWriteError({ key: "write.tableTaken", params: { name: t.table } });
      taken.claim(t.table);
    }
    const newSheets = tables.map((t) => ({ name: t.sheet, build: (styles: StyleBook, tableId: number, deflater?: PartDeflater) => inputSheet(t, tableId, styles, this.index.date1904, deflater) }));
    await this.rewrite([], newSheets, INPUT_STYLES);
  }

  private async carriesMarker(s: SheetEntry): Promise<boolean> {
    if (!s.isWorksheet || !s.part) return false;
    const ctx = await this.readContext();
    const known = ctx.markers.get(s.part);
    if (known !== undefined) return known;
    let marker: CellValue = null;
    const { markerRow } = SHEET_LAYOUT;
    await readSheetCells(this.zip, s.part, s.name, ctx, { top: markerRow, bottom: markerRow, left: 1, right: 1 }, (_r, _c, v) => {
      marker = v;
    });
    ctx.markers.set(s.part, isMarker(marker));
    return isMarker(marker);
  }

  /** `belowAnywhere`: the sheet is read as this table (headingTable), so a value anywhere below it, not only right below, is outside it. */
  private async readExcelTable(s: SheetEntry, t: TableInfo, belowAnywhere = false): Promise<RawTable> {
    const { top, left, right, bottom, headerRow, lastData } = tableExtent(t);
    const width = right - left + 1;
    const header: CellValue[] = new Array<CellValue>(width).fill(null);
    // Each row's array is made when its first cell comes, so the rows are young
    // together with their values: a million arrays made up front and filled
    // later made every collection trace each new value into old arrays.
    const rows: CellValue[][] = [];
    const blankRow = () => new Array<CellValue>(width).fill(null);
    let current: CellValue[] = header;
    let currentRow = headerRow;
    // The row right below the table (below its totals row, where it has one) is read too: data typed there is outside the table
    // (RawTable.outsideBelow), unless it is another table's (tables may be stacked with no row between).
    const belowRow = bottom + 1;
    const stacked = s.tables.some((o) => {
      if (o === t) return false;
      const other = extentOrNone(o);
      return other !== undefined && overlaps(other, { top: belowRow, bottom: belowRow, left, right });
    });
    const below = stacked ? undefined : belowRow;
    let outsideBelow: RawTable["outsideBelow"];
    // Read to the end of the sheet: a row out of order after the table must be refused, not taken for the end of it.
    const others = belowAnywhere ? s.tables.filter((o) => o !== t).map(extentOrNone).filter((e): e is CellRange => e !== undefined) : [];
    const window: SheetWindow = { top, bottom: belowAnywhere ? SHEET_ROWS : below ?? lastData, left, right, toEnd: true };
    await readSheetCells(this.zip, s.part!, s.name, await this.readContext(), window, (r, c, v) => {
      if (r < headerRow) return;
      if (r > lastData) {
        // A formula saved without its result (an error value here) is no data anyone typed: only values count.
        if (outsideBelow !== undefined || isBlank(v) || isCellError(v)) return;
        if (r === below) outsideBelow = { row: r, column: c - left };
        else if (belowAnywhere && r > bottom && !others.some((o) => overlaps(o, { top: r, bottom: r, left: c, right: c }))) outsideBelow = { row: r, column: c - left, far: true };
        return;
      }
      if (r !== currentRow) {
        while (rows.length < r - headerRow - 1) rows.push(blankRow());
        current = blankRow();
        rows.push(current);
        currentRow = r;
      }
      current[c - left] = v;
    });
    while (rows.length < lastData - headerRow) rows.push(blankRow());
    const names = t.headerRow ? header.map((v, j) => (v === null ? t.columns[j] ?? null : v)) : t.columns.slice(0, width);
    return { sheet: s.name, tableName: t.name, headerRow, firstColumn: left - 1, header: names, rows, ...(outsideBelow ? { outsideBelow } : {}) };
  }

  /** A sheet read as a table: headers in row 1, over the columns its heading rows hold (sheetTableColumns), down to the last row holding a value in them. */
  private async readSheetTable(s: SheetEntry): Promise<RawTable> {
    const byRow: CellValue[][] = [];
    await readSheetCells(this.zip, s.part!, s.name, await this.readContext(), undefined, (r, c, v) => {
      (byRow[r] ??= [])[c] = v;
    });
    // A cell of spaces heads nothing (Office's reader sees it blank too).
    const columns = sheetTableColumns((r) => byRow[r + 1]?.flatMap((v, c) => (v === undefined || isBlank(v) ? [] : [c - 1])) ?? []);
    if (!columns) return { sheet: s.name, headerRow: 1, firstColumn: 0, header: [], rows: [] };
    const { left, right } = columns;
    const cut = (r: number): CellValue[] => {
      const src = byRow[r];
      const out = new Array<CellValue>(right - left + 1).fill(null);
      if (src) for (let c = left; c <= right; c++) if (src[c + 1] !== undefined) out[c - left] = src[c + 1];
      return out;
    };
    // Up from the sheet's last row to the last holding a value in these columns, no row made on the way.
    const holds = (r: number) => byRow[r]?.some((v, c) => c - 1 >= left && c - 1 <= right && !isBlank(v)) ?? false;
    let bottom = byRow.length - 1;
    while (bottom > 1 && !holds(bottom)) bottom--;
    const rows: CellValue[][] = [];
    for (let r = 2; r <= bottom; r++) rows.push(cut(r));
    return { sheet: s.name, headerRow: 1, firstColumn: left, header: cut(1), rows };
  }

  /**
   * Makes the package anew: `going` sheets (ours) leave, `adding` sheets come
   * in — each into the tab place of the sheet it replaces (names.ts
   * `succeeds`), the others at the end — and every part not ours is copied as
   * it was stored.
   */
  private async rewrite(going: readonly SheetEntry[], adding: readonly { name: string; kind?: GeneratedKind; build: (styles: StyleBook, tableId: number, deflater?: PartDeflater) => Promise<BuiltSheet> }[], styles: readonly CellStyle[]): Promise<void> {
    const zip = this.zip;
    const index = this.index;
    const wbPart = index.workbookPart;
    const wbFolder = wbPart.includes("/") ? wbPart.slice(0, wbPart.lastIndexOf("/") + 1) : "";
    const removed = new Set<string>();
    const added = new Map<string, PartContent>();
    const goingIds = new Set(going.map((s) => s.relId));

    // Parts that go with our old sheets: the sheet, its relationships, its tables, its chart.
    for (const s of going) {
      if (!s.part) continue;
      removed.add(s.part.toLowerCase());
      removed.add(relsPartOf(s.part).toLowerCase());
      for (const t of s.tables) removed.add(t.part.toLowerCase());
      for (const part of await chartPartsOf(zip, s.part)) removed.add(part.toLowerCase());
    }
    const calcChain = going.length > 0 ? index.workbookRels.find((r) => r.type === REL.calcChain) : undefined;
    if (calcChain?.part) removed.add(calcChain.part.toLowerCase());

    // Styles: the user's part extended, or a new one.
    const stylesPart = index.stylesPart ?? `${wbFolder}styles.xml`;
    const stylesEntry = index.stylesPart ? zip.entry(index.stylesPart) : undefined;
    const stylesText = stylesEntry ? await zip.text(stylesEntry) : EMPTY_STYLES;
    const withStyles = withCellStyles(stylesText, styles, stylesPart);
    const styleBook = new StyleBook(styles, withStyles.indexes);
    added.set(stylesPart, strToU8(withStyles.xml));

    // New part names, never one the package already has.
    // A part of ours that goes frees its name: a rerun writes its sheets under the names the last run used.
    const taken = new Set(zip.entries.map((e) => e.name.toLowerCase()).filter((name) => !removed.has(name)));
    const freshName = (folder: string, stem: string): string => {
      for (let n = 1; ; n++) {
        const name = `${wbFolder}${folder}/${stem}${n}.xml`;
        if (taken.has(name.toLowerCase())) continue;
        taken.add(name.toLowerCase());
        return name;
      }
    };
    let nextTableId = Math.max(0, ...index.sheets.flatMap((s) => s.tables.map((t) => t.id))) + 1;
    const relIds = new Set(index.workbookRels.map((r) => r.id));
    let nextRel = 1;
    const freshRelId = (): string => {
      while (relIds.has(`rId${nextRel}`)) nextRel++;
      relIds.add(`rId${nextRel}`);
      return `rId${nextRel}`;
    };
    let nextSheetId = Math.max(0, ...index.sheets.map((s) => s.sheetId)) + 1;

    const newEntries: NewEntry[] = [];
    for (const a of adding) {
      const sheetPart = freshName("worksheets", "sheet");
      const tablePart = freshName("tables", "table");
      const built = await a.build(styleBook, nextTableId++, zip.codec.deflater?.());
      added.set(sheetPart, built.sheetXml);
      added.set(tablePart, strToU8(built.tableXml));
      const sheetRels = [relationship("rId1", REL.table, relativeTarget(sheetPart, tablePart))];
      if (built.chart) {
        const drawingPart = freshName("drawings", "drawing");
        const chartPart = freshName("charts", "chart");
        added.set(chartPart, strToU8(built.chart.chartXml));
        added.set(drawingPart, strToU8(drawingXml(built.chart.anchor, "rId1", `${a.name} chart`)));
        added.set(relsPartOf(drawingPart), strToU8(relationships([relationship("rId1", REL.chart, relativeTarget(drawingPart, chartPart))])));
        sheetRels.push(relationship(DRAWING_REL, REL.drawing, relativeTarget(sheetPart, drawingPart)));
      }
      added.set(relsPartOf(sheetPart), strToU8(relationships(sheetRels)));
      newEntries.push({ name: a.name, kind: a.kind, relId: freshRelId(), sheetId: nextSheetId++, part: sheetPart, printTitles: built.printTitlesRow });
    }

    // The workbook: its sheet list, defined names, calculation, views.
    const wbText = await zip.text(zip.entry(wbPart)!);
    const newOrder = planOrder(index.sheets, going, newEntries);
    added.set(wbPart, strToU8(editWorkbook(wbText, wbPart, index.sheets.length, newOrder)));

    // The workbook's relationships.
    const relsPart = relsPartOf(wbPart);
    const relsEntry = zip.entry(relsPart);
    let relsText = relsEntry ? withoutComments(await zip.text(relsEntry)) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const dropRel = (id: string) => {
      relsText = relsText.replace(new RegExp(`<(?:\\w+:)?Relationship\\b[^>]*${attributePattern("Id", escapeRegExp(id))}[^>]*?(?:/>|>\\s*</(?:\\w+:)?Relationship>)`), "");
    };
    for (const id of goingIds) dropRel(id);
    if (calcChain) dropRel(calcChain.id);
    const newRels = newEntries.map((e) => `<Relationship Id="${e.relId}" Type="${REL_TYPE(REL.worksheet)}" Target="${escapeXml(relativeTarget(wbPart, e.part))}"/>`);
    if (!index.stylesPart) newRels.push(`<Relationship Id="${freshRelId()}" Type="${REL_TYPE(REL.styles)}" Target="${escapeXml(relativeTarget(wbPart, stylesPart))}"/>`);
    relsText = insertBeforeClose(relsText, "Relationships", newRels.join(""), relsEntry?.name ?? relsPart);
    added.set(relsEntry?.name ?? relsPart, strToU8(relsText));

    // Content types.
    const ctEntry = zip.entry("[Content_Types].xml");
    if (!ctEntry) throw new PackageError("notWorkbook", {});
    let ctText = withoutComments(await zip.text(ctEntry));
    const dropOverride = (part: string) => {
      ctText = ctText.replace(new RegExp(`<(?:\\w+:)?Override\\b[^>]*${attributePattern("PartName", `/${escapeRegExp(part)}`)}[^>]*?(?:/>|>\\s*</(?:\\w+:)?Override>)`, "gi"), "");
    };
    for (const part of removed) dropOverride(part);
    // Every part we add has a content type: its own Override, or the package's Default for its extension
    // (some producers give every .rels part an Override and declare no Default for .rels).
    const overrides: string[] = [];
    const hasOverride = (part: string) => new RegExp(`<(?:\\w+:)?Override\\b[^>]*${attributePattern("PartName", `/${escapeRegExp(part)}`)}`, "i").test(ctText);
    const hasDefault = (extension: string) => new RegExp(`<(?:\\w+:)?Default\\b[^>]*${attributePattern("Extension", escapeRegExp(extension))}`, "i").test(ctText);
    for (const [part] of added) {
      if (part === ctEntry.name) continue;
      // A part the package holds keeps its content type (a macro workbook's own); a new part's name may still carry an
      // Override a tool left behind when it deleted the part, with another type: ours takes its place.
      if (zip.entry(part)) {
        if (hasOverride(part)) continue;
      } else dropOverride(part);
      const type = contentTypeOf(part);
      if (type && !(type === CT.relationships && hasDefault("rels"))) overrides.push(`<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`);
    }
    ctText = insertBeforeClose(ctText, "Types", overrides.join(""), ctEntry.name);
    added.set(ctEntry.name, strToU8(ctText));

    // The new package: untouched parts first, in their order, with their stored bytes; then ours.
    const outputs: ZipOutput[] = [];
    const addedLower = new Map([...added].map(([k, v]) => [k.toLowerCase(), { name: k, content: v }]));
    const written = new Set<string>();
    for (const e of zip.entries) {
      const key = e.name.toLowerCase();
      if (removed.has(key) && !addedLower.has(key)) continue;
      const replacement = addedLower.get(key);
      if (replacement) {
        outputs.push(partOutput(e.name, replacement.content));
        written.add(key);
      } else outputs.push({ name: e.name, kept: { archive: zip, entry: e } });
    }
    for (const [key, v] of addedLower) if (!written.has(key)) outputs.push(partOutput(v.name, v.content));
    const bytes = await writeZip(outputs, zip.codec);
    const nextZip = new ZipArchive(bytes, zip.codec);
    const nextIndex = await readPackageIndex(nextZip);
    this.bytes = bytes;
    this.zip = nextZip;
    this.index = nextIndex;
    this.context = undefined;
  }
}

const relationship = (id: string, type: string, target: string): string => `<Relationship Id="${id}" Type="${REL_TYPE(type)}" Target="${escapeXml(target)}"/>`;
const relationships = (items: readonly string[]): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;

/**
 * The parts of a generated sheet's chart, to go with the sheet: its drawing
 * and the drawing's relationships, each chart in it with its relationships,
 * and what a chart alone refers to (the style and colour parts Excel adds when
 * it saves a chart).
 */
async function chartPartsOf(zip: ZipArchive, sheetPart: string): Promise<string[]> {
  const parts: string[] = [];
  for (const d of await readRelationships(zip, sheetPart)) {
    if (d.type !== REL.drawing || !d.part || !zip.entry(d.part)) continue;
    parts.push(d.part, relsPartOf(d.part));
    for (const c of await readRelationships(zip, d.part)) {
      if (c.type !== REL.chart || !c.part || !zip.entry(c.part)) continue;
      parts.push(c.part, relsPartOf(c.part));
      for (const own of await readRelationships(zip, c.part)) if (own.part && (own.type === "/chartStyle" || own.type === "/chartColorStyle")) parts.push(own.part);
    }
  }
  return parts;
}

/** A new, empty workbook (for the template and the sample): no sheets until tables are written. */
export async function emptyWorkbook(): Promise<XlsxWorkbook> {
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files = {
    "[Content_Types].xml": strToU8(
      `${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT.workbook}"/><Override PartName="/xl/styles.xml" ContentType="${CT.styles}"/></Types>`,
    ),
    "_rels/.rels": strToU8(`${decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_TYPE(REL.officeDocument)}" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(
      `${decl}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS_REL}"><workbookPr/><bookViews><workbookView/></bookViews><sheets></sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(`${decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_TYPE(REL.styles)}" Target="styles.xml"/></Relationships>`),
    "xl/styles.xml": strToU8(EMPTY_STYLES),
  };
  return XlsxWorkbook.open(zipSync(files));
}

/**
 * Inserts `content` right before the closing tag of the root element `name` (prefix kept), opening a self-closed one.
 * The root's close is the last such tag (in a part without its comments): a processing instruction may follow it.
 */
function insertBeforeClose(xml: string, name: string, content: string, part: string): string {
  const close = [...xml.matchAll(new RegExp(`</((?:\\w+:)?)${name}>`, "g"))].at(-1);
  if (close?.index !== undefined) {
    const prefixed = close[1] ? content.replace(/<(\/?)(?=[A-Z])/g, `<$1${close[1]}`) : content;
    return xml.slice(0, close.index) + prefixed + xml.slice(close.index);
  }
  const selfClosed = new RegExp(`<((?:\\w+:)?)${name}\\b([^>]*)/>`).exec(xml);
  if (!selfClosed) throw new PackageError("badXml", { part });
  const prefixed = selfClosed[1] ? content.replace(/<(\/?)(?=[A-Z])/g, `<$1${selfClosed[1]}`) : content;
  return `${xml.slice(0, selfClosed.index)}<${selfClosed[1]}${name}${selfClosed[2]}>${prefixed}</${selfClosed[1]}${name}>${xml.slice(selfClosed.index + selfClosed[0].length)}`;
}

export type NewEntry = { name: string; kind?: GeneratedKind; relId: string; sheetId: number; part: string; printTitles?: number };
/** The new tab order: staying sheets keep theirs, a replaced sheet's successor takes its place, the rest go to the end. Each item: an old sheet's index, or a new entry. */
export type Placed = { old: number } | { added: NewEntry; replaces?: number };
function planOrder(sheets: readonly SheetEntry[], going: readonly SheetEntry[], adding: readonly NewEntry[]): Placed[] {
  const placed = new Set<NewEntry>();
  const order: Placed[] = [];
  sheets.forEach((s, i) => {
    if (!going.includes(s)) {
      order.push({ old: i });
      return;
    }
    const successor = adding.find((a) => succeeds(a, s.name) && !placed.has(a));
    if (successor) {
      placed.add(successor);
      order.push({ added: successor, replaces: i });
    }
  });
  for (const a of adding) if (!placed.has(a)) order.push({ added: a });
  return order;
}

/** The workbook part with its sheet list in the new order, defined names and views following their sheets, and full calculation on load. */
export function editWorkbook(text: string, part: string, sheetCount: number, order: readonly Placed[]): string {
  const xml = withoutComments(text);
  const sheetsOpen = /<((?:\w+:)?)sheets\b[^>]*?(\/?)>/.exec(xml);
  if (!sheetsOpen) throw new PackageError("notWorkbook", {});
  const p = sheetsOpen[1];
  const rootTag = /<(?:\w+:)?workbook\b[^>]*>/.exec(xml)?.[0] ?? "";
  const relPrefix = new RegExp(attributePattern("xmlns:(\\w+)", escapeRegExp(NS_REL))).exec(rootTag)?.[1];
  const bodyStart = sheetsOpen.index + sheetsOpen[0].length;
  const closeTag = `</${p}sheets>`;
  const bodyEnd = sheetsOpen[2] === "/" ? bodyStart : xml.indexOf(closeTag, bodyStart);
  const body = xml.slice(bodyStart, bodyEnd);
  // Quoted values are skipped whole: a sheet named "P>L" may be written with its ">" as it is.
  const oldElements = [...body.matchAll(new RegExp(`<${p}sheet\\b(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>[\\s\\S]*?</${p}sheet>)`, "g"))].map((m) => m[0]);
  // Every sheet the index read must be found again here, or one would be dropped from the tab list.
  if (oldElements.length !== sheetCount) throw new PackageError("badXml", { part });
  const newIndexOfOld = new Map<number, number>();
  // A tab that was showing a replaced sheet shows its successor.
  const viewIndexOfOld = new Map<number, number>();
  const elements = order.map((o, i) => {
    if ("old" in o) {
      newIndexOfOld.set(o.old, i);
      viewIndexOfOld.set(o.old, i);
      return oldElements[o.old] ?? "";
    }
    if (o.replaces !== undefined) viewIndexOfOld.set(o.replaces, i);
    const e = o.added;
    const rid = relPrefix ? `${relPrefix}:id="${e.relId}"` : `r:id="${e.relId}" xmlns:r="${NS_REL}"`;
    return `<${p}sheet name="${escapeXml(e.name)}" sheetId="${e.sheetId}" ${rid}/>`;
  });
  const sheetsXml = `<${p}sheets>${elements.join("")}</${p}sheets>`;
  let out = xml.slice(0, sheetsOpen.index) + sheetsXml + xml.slice(sheetsOpen[2] === "/" ? bodyStart : bodyEnd + closeTag.length);

  // Defined names local to a sheet follow it; those of sheets that went, go.
  const remap = (attr: string, value: string): string | undefined => {
    const n = newIndexOfOld.get(Number(value));
    return n === undefined ? undefined : `${attr}="${n}"`;
  };
  // Each defined name whole, self-closed or not, whatever prefix it has; its local sheet read from its start tag.
  const localSheet = new RegExp(attributePattern("localSheetId", "\\s*\\d+\\s*"));
  out = out.replace(new RegExp(`(<(?:\\w+:)?definedName\\b(?:[^>"']|"[^"]*"|'[^']*')*?)(/>|>[\\s\\S]*?</(?:\\w+:)?definedName>)`, "g"), (m, start: string, rest: string) => {
    const found = localSheet.exec(start);
    if (!found) return m;
    const r = remap("localSheetId", found[2]);
    return r === undefined ? "" : start.replace(localSheet, r) + rest;
  });
  // Print titles for our sheets: the header row on every page.
  const titles = order
    .map((o, i) => ("added" in o && o.added.printTitles ? `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${o.added.name.replace(/'/g, "''")}'!$${o.added.printTitles}:$${o.added.printTitles}</${p}definedName>` : ""))
    .join("");
  // The elements after the sheets are found whatever their prefix: a producer may prefix some and not others.
  if (titles) {
    const empty = /<((?:\w+:)?)definedNames\b[^>]*\/>/.exec(out);
    const close = /<\/((?:\w+:)?)definedNames>/.exec(out);
    if (empty) out = out.slice(0, empty.index) + `<${empty[1]}definedNames>${titles}</${empty[1]}definedNames>` + out.slice(empty.index + empty[0].length);
    else if (close) out = out.slice(0, close.index) + titles + out.slice(close.index);
    // definedNames follows sheets, functionGroups and externalReferences (CT_Workbook's order).
    else out = insertAfterLast(out, ["externalReferences", "functionGroups", "sheets"], `<${p}definedNames>${titles}</${p}definedNames>`);
  }
  out = out.replace(/<(?:\w+:)?definedNames\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?definedNames>)/, "");
  // Views: the active and first visible tab follow their sheets (the first sheet when theirs went).
  out = out.replace(new RegExp(attributePattern("(activeTab|firstSheet)", "\\s*\\d+\\s*"), "g"), (_m, attr: string, _quote: string, value: string) => `${attr}="${viewIndexOfOld.get(Number(value)) ?? 0}"`);
  // Totals rows hold formulas: have Excel calculate them (and the user's own) on opening.
  const calcPr = /<((?:\w+:)?)calcPr\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/.exec(out);
  if (calcPr) {
    const fullCalc = new RegExp(attributePattern("fullCalcOnLoad"));
    const attrs = fullCalc.test(calcPr[2]) ? calcPr[2].replace(fullCalc, 'fullCalcOnLoad="1"') : `${calcPr[2]} fullCalcOnLoad="1"`;
    out = out.slice(0, calcPr.index) + `<${calcPr[1]}calcPr${attrs}${calcPr[3]}>` + out.slice(calcPr.index + calcPr[0].length);
  } else {
    // calcPr follows sheets, functionGroups, externalReferences and definedNames (CT_Workbook's order).
    out = insertAfterLast(out, ["definedNames", "externalReferences", "functionGroups", "sheets"], `<${p}calcPr fullCalcOnLoad="1"/>`);
  }
  return out;
}

/**
 * Inserts `content` right after the end of the first of `names` (in the order
 * given: the one that comes last in the schema first) that the workbook holds,
 * self-closed (`<definedNames/>`) or not.
 */
function insertAfterLast(xml: string, names: readonly string[], content: string): string {
  for (const name of names) {
    const m = new RegExp(`</(?:\\w+:)?${name}>|<(?:\\w+:)?${name}\\b(?:[^>"']|"[^"]*"|'[^']*')*/>`).exec(xml);
    if (m) return xml.slice(0, m.index + m[0].length) + content + xml.slice(m.index + m[0].length);
  }
  throw new PackageError("notWorkbook", {});
}

/** The cell formats our sheets use, by key; each write asks the styles part for its indexes. */
class StyleBook {
  private readonly byKey = new Map<string, number>();
  constructor(styles: readonly CellStyle[], indexes: readonly number[]) {
    styles.forEach((s, i) => this.byKey.set(styleKey(s), indexes[i]));
  }
  of(style: CellStyle): number {
    const i = this.byKey.get(styleKey(style));
    if (i === undefined) throw new Error(`style ${styleKey(style)} was not prepared`);
    return i;
  }
}
const styleKey = (s: CellStyle): string => `${s.font ?? ""}|${s.align ?? ""}|${s.numberFormat}`;
const parseStyleKey = (k: string): CellStyle => {
  const [font, align] = k.split("|", 2);
  return { numberFormat: k.slice(font.length + align.length + 2), font: font === "title" || font === "marker" ? font : undefined, align: align === "top" || align === "wrap" ? align : undefined };
};

/** A new part for the zip writer: content to deflate, or content already deflated as it was written. */
const partOutput = (name: string, content: PartContent): ZipOutput => (content instanceof Uint8Array ? { name, content } : { name, deflated: content });

interface BuiltSheet {
  sheetXml: PartContent;
  tableXml: string;
  printTitlesRow?: number;
  /** The sheet's chart (relationship DRAWING_REL from the sheet), and where it sits. */
  chart?: { chartXml: string; anchor: ChartAnchor };
}
/** The sheet's relationship to its drawing; rId1 is its table. */
const DRAWING_REL = "rId2";

/** The styles of a generated sheet: title, marker, the wrapped header, and each column's cells (top-aligned, wrapped where the column wraps). */
function generatedStyles(model: SheetModel, minorUnits: number): CellStyle[] {
  const cells = model.columns.flatMap((c) => {
    const align = c.wrap ? "wrap" : "top";
    const formats = c.kind === "quantity" ? [QUANTITY_WHOLE, QUANTITY_FRACTION] : [numberFormat(c.kind, minorUnits)];
    return formats.map((numberFormat): CellStyle => ({ numberFormat, align }));
  });
  return [{ numberFormat: "General", font: "title" }, { numberFormat: "General", font: "marker" }, HEADER_STYLE, { numberFormat: numberFormat("text", 0), align: "top" }, ...cells];
}
const HEADER_STYLE: CellStyle = { numberFormat: "General", align: "wrap" };

async function generatedSheet(model: SheetModel, tableName: string, tableId: number, styles: StyleBook, options: WriteOptions, date1904: boolean, deflater?: PartDeflater): Promise<BuiltSheet> {
  const { titleRow, markerRow, headerRow } = SHEET_LAYOUT;
  const mu = options.minorUnits;
  // Each column's style, found once: a cell's style depends only on its column, and a quantity's on whether it is whole.
  const columns = model.columns.map((c) => {
    const align = c.wrap ? "wrap" : "top";
    const style = styles.of({ numberFormat: numberFormat(c.kind, mu), align });
    return { kind: c.kind, style, fraction: c.kind === "quantity" ? styles.of({ numberFormat: QUANTITY_FRACTION, align }) : style };
  });
  const styleOf = (j: number, v: OutCell) => {
    const c = columns[j];
    // Only a quantity column has a second style: a money column's decimals are not asked whether they are whole.
    return c.fraction !== c.style && v instanceof Dec && !v.isInteger() ? c.fraction : c.style;
  };
  const textStyle = styles.of({ numberFormat: numberFormat("text", 0), align: "top" });
  const top: OutCellSpec[][] = [];
  top[titleRow - 1] = [{ value: model.title, style: styles.of({ numberFormat: "General", font: "title" }) }];
  top[markerRow - 1] = [{ value: options.marker, style: styles.of({ numberFormat: "General", font: "marker" }) }];
  top[headerRow - 1] = model.columns.map((c) => ({ value: c.header, style: styles.of(HEADER_STYLE) }));
  for (let i = 0; i < top.length; i++) top[i] ??= [];
  // Excel needs at least one data row in a table.
  const data = model.rows.length > 0 ? model.rows : [model.columns.map(() => null)];
  // Headers wrap in every column, between words.
  const headerHeight = rowHeight(model.columns.map((c) => ({ ...c, wrap: true })), model.columns.map((c) => c.header));
  const hasTotals = model.columns.some((c) => c.total !== undefined);
  const total = totalsLabel(options.language);
  const totalsRow = headerRow + 1 + data.length;
  const totals: OutCellSpec[] = hasTotals
    ? model.columns.map((c, j) => {
        if (c.total === "label") return { value: total, style: textStyle };
        if (c.total === "sum") {
          const sum = columnSum(model, j);
          return { value: { formula: subtotalFormula(tableName, c.header), result: sum.toNumber() }, style: styleOf(j, sum) };
        }
        return { value: null, style: 0 };
      })
    : [];
  const wraps = model.columns.some((c) => c.wrap);
  const cells = columnCells(columns.length, date1904);
  // What a generated cell is written as: numbers for amounts, a date for dates, text for text; no value object per cell.
  const body = dataRows(
    data.length,
    columns.length,
    headerRow + 1,
    (i, j, row) => {
      const v = data[i][j] ?? null;
      const { kind, style } = columns[j];
      const out = cells[j];
      // An empty text is a blank cell, as the Office adapter writes it (ISBLANK and COUNTA read both alike).
      if (v === null || v === "") return out.empty(row, style);
      if (v instanceof Dec) return kind === "text" ? out.text(row, v.toFixed(), style) : out.decimal(row, v, styleOf(j, v));
      if (typeof v === "string") return kind === "date" ? out.date(row, v, style) : out.text(row, v, style);
      return kind === "text" ? out.text(row, String(v), style) : out.number(row, v, style);
    },
    wraps ? (i) => rowHeight(model.columns, data[i]) : undefined,
  );
  const rows: SheetRows = async (emit) => {
    await specRows(top, date1904)((r, cells) => emit(r, cells, r === headerRow ? headerHeight : undefined));
    await body(emit);
    if (hasTotals) await specRows([totals], date1904, totalsRow)(emit);
  };
  const table: TableSpec = {
    id: tableId,
    name: tableName,
    headerRow,
    columns: model.columns.map((c) => ({ name: c.header, totalsLabel: c.total === "label" ? total : undefined, totalsFunction: c.total === "sum" ? "sum" : undefined })),
    dataRows: data.length,
    totalsRow: hasTotals,
  };
  const lastRow = hasTotals ? totalsRow : totalsRow - 1;
  const chart = chartOf(model, options, lastRow);
  return {
    // Accountants print journals: landscape, one page wide at widths that keep it readable, the header row on every page.
    // The chart starts a printed page of its own, so that no page break cuts it in two.
    sheetXml: await worksheetXml(
      { widths: model.columns.map((c) => c.width), lastRow, rows, frozenRows: headerRow, print: { headerFooter: headerFooter(options.page, options.language), pageBreakAbove: chart?.anchor.fromRow }, tableRelId: "rId1", drawingRelId: chart ? DRAWING_REL : undefined },
      deflater,
    ),
    tableXml: tableXml(table),
    printTitlesRow: headerRow,
    chart,
  };
}


/**
 * The model's chart, under the table (one blank row between), so it prints on
 * the sheet's own pages, one page wide like the table: `lastRow` is the
 * table's last row, 1-based (its totals row where it has one).
 */
function chartOf(model: SheetModel, options: WriteOptions, lastRow: number): BuiltSheet["chart"] {
  const spec = model.chart;
  if (!spec || model.rows.length === 0 || model.rows.length > CHART_MAX_ROWS) return undefined;
  const { headerRow } = SHEET_LAYOUT;
  const first = headerRow + 1;
  const group = spec.groupColumn;
  return {
    chartXml: chartXml({
      title: spec.title,
      series: model.columns[spec.valueColumn].header,
      headerRow,
      sheet: model.name,
      firstRow: first,
      lastRow: first + model.rows.length - 1,
      categoryColumn: spec.categoryColumn,
      groupColumn: spec.groupColumn,
      valueColumn: spec.valueColumn,
      categories: model.rows.map((r) => String(r[spec.categoryColumn] ?? "")),
      groups: group === undefined ? undefined : model.rows.map((r) => String(r[group] ?? "")),
      values: model.rows.map((r) => {
        const v = r[spec.valueColumn];
        return v instanceof Dec ? v.toNumber() : typeof v === "number" ? v : 0;
      }),
      valueFormat: numberFormat(model.columns[spec.valueColumn].kind, options.minorUnits),
    }),
    anchor: chartPlacement(model.columns.length, model.rows.length, lastRow),
  };
}

function columnSum(model: SheetModel, j: number): Dec {
  const measured = model.columns[j].sum;
  if (measured !== undefined) return measured;
  return model.rows.reduce((a, r) => {
    const v = r[j];
    return v instanceof Dec ? a.plus(v) : typeof v === "number" ? a.plus(v) : a;
  }, ZERO);
}

const INPUT_FORMATS: Readonly<Record<ColumnKind, string>> = { text: numberFormat("text", 0), number: "General", date: numberFormat("date", 0) };
const INPUT_STYLES: readonly CellStyle[] = Object.values(INPUT_FORMATS).map((numberFormat) => ({ numberFormat }));

async function inputSheet(t: InputTableModel, tableId: number, styles: StyleBook, date1904: boolean, deflater?: PartDeflater): Promise<BuiltSheet> {
  const formats = t.columns.map((c) => styles.of({ numberFormat: INPUT_FORMATS[c.kind] }));
  const data = t.rows.length > 0 ? t.rows : [t.columns.map(() => null)];
  const header: OutCellSpec[] = t.columns.map((c) => ({ value: c.header, style: 0 }));
  const cells = columnCells(t.columns.length, date1904);
  const body = dataRows(data.length, t.columns.length, 2, (i, j, row) => {
    const cell = inputCell(data[i][j] ?? null, t.columns[j].kind, formats[j]);
    return cells[j].cell(row, cell.value, cell.style);
  });
  const rows: SheetRows = async (emit) => {
    await specRows([header], date1904)(emit);
    await body(emit);
  };
  return {
    sheetXml: await worksheetXml({ widths: t.columns.map((c) => c.width), lastRow: data.length + 1, rows, frozenRows: 1, tableRelId: "rId1" }, deflater),
    tableXml: tableXml({ id: tableId, name: t.table, headerRow: 1, columns: t.columns.map((c) => ({ name: c.header })), dataRows: data.length, totalsRow: false }),
  };
}
