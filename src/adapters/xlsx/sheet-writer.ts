/**
 * The parts we own, as SpreadsheetML: a worksheet holding one Excel table
 * (a generated sheet with its title, marker and totals, or an input table of
 * the template), and the table part. Text is always written as an inline
 * string, never as a formula; the only formulas are the totals row's SUBTOTALs,
 * written with their values so that a reader that does not calculate sees them.
 */
import type { CellValue } from "../../workbook/cells";
import { columnLetter } from "../../workbook/cells";
import { Dec } from "../../engine/money";
import type { HeaderFooter } from "../../workbook/layout";
import { PRINT_MARGINS, fitCell } from "../../workbook/layout";
import { serialFromIso } from "./cells";
import type { DeflatedPart, PartDeflater } from "./zip";
import { concat, yieldToHost } from "./zip";
import { CELL_TEXT_ESCAPED, escapeCellText, escapeXml } from "./xml";

export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** One cell to write: its value and its cellXfs index. */
export interface OutCellSpec {
  value: string | number | boolean | Dec | { date: string } | { error: string } | { formula: string; result: number } | null;
  style: number;
}

export interface TableSpec {
  id: number;
  name: string;
  /** 1-based row of the header. */
  headerRow: number;
  columns: readonly { name: string; totalsLabel?: string; totalsFunction?: "sum" }[];
  dataRows: number;
  totalsRow: boolean;
}

export interface WorksheetSpec {
  widths: readonly number[];
  /** The last row written (at least 1), for the sheet's dimension. */
  lastRow: number;
  /** The rows, in order, each handed to `emit` as it is made: a million rows are never held as cell objects. */
  rows: SheetRows;
  frozenRows: number;
  /** A generated sheet's page: landscape, one page wide, with this header and footer, and a page break above a 0-based row. */
  print?: { headerFooter: HeaderFooter; pageBreakAbove?: number };
  /** The relationship id of the table part. */
  tableRelId: string;
  /** The relationship id of the drawing part, when the sheet has a chart. */
  drawingRelId?: string;
}

/**
 * Writes a sheet's rows: for each row with anything in it, its 1-based number,
 * its cells' XML and its height in points (when it needs more than one line).
 * `emit` answers true when the text so far has gone to a deflater, which then
 * needs the host to run (a long sheet awaits `yieldToHost` then).
 */
export type SheetRows = (emit: RowEmitter) => void | Promise<void>;
export type RowEmitter = (row: number, cells: string, height?: number) => boolean;

/**
 * One column's cells as XML, with what the column fixes made once: the start
 * of its cells' reference (`<c r="` and its letter) and, per style, the
 * attribute and tags that follow the row number. A cell is then a few strings
 * joined instead of a template of a dozen, most of them the same on every row.
 */
export class ColumnCells {
  private readonly open: string;
  private readonly heads: CellHeads[] = [];
  /** The date last written (none yet) and its serial's text: a journal's dates come in runs. */
  private lastIso: string | undefined;
  private lastSerial = "";

  constructor(
    letter: string,
    private readonly date1904: boolean,
  ) {
    this.open = '<c r="' + letter;
  }

  /** A cell of row `row` (its number's text); "" for an empty cell without a style. */
  cell(row: string, v: OutCellSpec["value"], style: number): string {
    if (v === null) return this.empty(row, style);
    if (typeof v === "string") return this.text(row, v, style);
    if (typeof v === "number") return this.number(row, v, style);
    if (typeof v === "boolean") return this.open + row + this.headsOf(style).attrs + ` t="b"><v>${v ? 1 : 0}</v></c>`;
    if (v instanceof Dec) return this.decimal(row, v, style);
    if ("date" in v) return this.date(row, v.date, style);
    if ("error" in v) return this.open + row + this.headsOf(style).attrs + ` t="e"><v>${escapeXml(v.error)}</v></c>`;
    return this.open + row + this.headsOf(style).attrs + `><f>${escapeXml(v.formula)}</f><v>${v.result}</v></c>`;
  }

  empty(row: string, style: number): string {
    return style > 0 ? this.open + row + this.headsOf(style).attrs + "/>" : "";
  }

  /** Text as an inline string, never a formula. */
  text(row: string, value: string, style: number): string {
    // Excel's limit, whatever a sheet model holds (an item code or category another program wrote longer).
    const text = fitCell(value);
    const h = this.headsOf(style);
    const needs = textNeeds(text);
    return this.open + row + (needs & PRESERVE ? h.preserved : h.text) + (needs & ESCAPE ? escapeCellText(text) : text) + TEXT_END;
  }

  number(row: string, n: number, style: number): string {
    return Number.isFinite(n) ? this.open + row + this.headsOf(style).value + n + VALUE_END : this.open + row + this.headsOf(style).attrs + ' t="e"><v>#NUM!</v></c>';
  }

  decimal(row: string, d: Dec, style: number): string {
    return this.open + row + this.headsOf(style).value + decimalText(d) + VALUE_END;
  }

  /** An ISO date (yyyy-mm-dd) as its serial in the workbook's date system. */
  date(row: string, iso: string, style: number): string {
    if (iso !== this.lastIso) {
      this.lastSerial = String(serialFromIso(iso, this.date1904));
      this.lastIso = iso;
    }
    return this.open + row + this.headsOf(style).value + this.lastSerial + VALUE_END;
  }

  private headsOf(style: number): CellHeads {
    return (this.heads[style] ??= cellHeads(style));
  }
}

/** What follows a cell's row number, for one style: its attributes alone, and the tags that open a number or a text. */
interface CellHeads {
  attrs: string;
  value: string;
  text: string;
  preserved: string;
}
const cellHeads = (style: number): CellHeads => {
  const attrs = style > 0 ? `" s="${style}"` : '"';
  return { attrs, value: attrs + "><v>", text: attrs + ' t="inlineStr"><is><t>', preserved: attrs + ' t="inlineStr"><is><t xml:space="preserve">' };
};
const VALUE_END = "</v></c>";
const TEXT_END = "</t></is></c>";

/**
 * A decimal as a cell's number: the text its double would show. Up to 15
 * characters a decimal's own text is that text (a double keeps 15 digits
 * exactly), unless it is small enough for the double's exponent form; making
 * the double only for the rest saves most of the writing's decimal work.
 */
function decimalText(v: Dec): string {
  const text = v.toString();
  return text.length <= 15 && !text.includes(".000000") ? text : String(v.toNumber());
}

/** textNeeds: xml:space="preserve" (see there). */
const PRESERVE = 1;
/** textNeeds: something for escapeCellText to do (or a "_x" it looks at). */
const ESCAPE = 2;

/**
 * What a text needs written: PRESERVE when a reader needs xml:space="preserve"
 * to keep it as it is (white space at either end, or a line break, a tab or
 * two spaces inside: Excel writes it only then; left off the rest, it is a
 * fifth of a journal's text cells), ESCAPE when it holds a character XML
 * escapes or cannot hold, or "_x", which may begin an _xHHHH_ that
 * escapeCellText escapes. Most texts need neither, which one regular
 * expression tells (on a full journal's texts in about three quarters of the
 * time the separate tests took; a loop over the characters took twice as long).
 */
export function textNeeds(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  const ends = text.charCodeAt(0) <= 32 || text.charCodeAt(n - 1) <= 32 ? PRESERVE : 0;
  return SPECIAL.test(text) ? ends | (PRESERVE_INSIDE.test(text) ? PRESERVE : 0) | (ESCAPED.test(text) ? ESCAPE : 0) : ends;
}
const PRESERVE_INSIDE = /[\t\n]| {2}/;
const ESCAPED = new RegExp(`[${CELL_TEXT_ESCAPED}]|_x`);
/** Anything PRESERVE_INSIDE or ESCAPED finds, in one test. */
const SPECIAL = new RegExp(`[\\t\\n${CELL_TEXT_ESCAPED}]| {2}|_x`);

/** The cell writers of columns A, B, … for `count` columns, made once per sheet rather than per cell. */
export function columnCells(count: number, date1904: boolean): ColumnCells[] {
  return Array.from({ length: count }, (_, j) => new ColumnCells(columnLetter(j), date1904));
}

/** Rows given as cell specs (the first at `firstRow`; an empty array is an empty row), written as they are. */
export function specRows(rows: readonly (readonly OutCellSpec[])[], date1904: boolean, firstRow = 1): SheetRows {
  let columns = 0;
  // A loop, not Math.max(...rows): a million arguments overflow the stack.
  for (const r of rows) if (r.length > columns) columns = r.length;
  const cells = columnCells(columns, date1904);
  return dataRows(rows.length, columns, firstRow, (i, j, row) => {
    const cell = rows[i][j];
    return cell ? cells[j].cell(row, cell.value, cell.style) : "";
  });
}

/**
 * `count` rows from `firstRow`, each cell's XML made by `cellOf` (row index,
 * column index, the row number's text, made once per row); a row with no
 * cells is left out. The host gets a turn whenever the text has gone to a
 * deflater.
 */
export function dataRows(count: number, width: number, firstRow: number, cellOf: (i: number, j: number, row: string) => string, heightOf?: (i: number) => number | undefined): SheetRows {
  return async (emit) => {
    for (let i = 0; i < count; i++) {
      const r = firstRow + i;
      const row = String(r);
      let cells = "";
      for (let j = 0; j < width; j++) cells += cellOf(i, j, row);
      if (cells !== "" && emit(r, cells, heightOf?.(i))) await yieldToHost();
    }
  };
}

/** The worksheet part: its bytes (UTF-8), or, with a deflater, deflated as it is written. */
export type PartContent = Uint8Array | DeflatedPart;

/** The worksheet part's bytes (UTF-8), deflated as they are made when a deflater is given. */
export async function worksheetXml(spec: WorksheetSpec, deflater?: PartDeflater): Promise<PartContent> {
  const width = spec.widths.length;
  const out = new Utf8Sink(deflater);
  out.push(XML_DECL + `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`);
  if (spec.print) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.push(`<dimension ref="A1:${columnLetter(Math.max(0, width - 1))}${Math.max(1, spec.lastRow)}"/>`);
  const f = spec.frozenRows;
  out.push(
    f > 0
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${f}" topLeftCell="A${f + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${f + 1}" sqref="A${f + 1}"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
  );
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  out.push(`<cols>${spec.widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`);
  out.push("<sheetData>");
  await spec.rows((r, cells, height) => out.push(`<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ""}>${cells}</row>`));
  out.push("</sheetData>");
  const m = spec.print ? PRINT_MARGINS : { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  out.push(`<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`);
  if (spec.print) {
    const hf = spec.print.headerFooter;
    out.push('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    const header = `&L${hf.leftHeader}&C${hf.centerHeader}&R${hf.rightHeader}`;
    const footer = `&L${hf.leftFooter}&R${hf.rightFooter}`;
    out.push(`<headerFooter><oddHeader>${escapeXml(header)}</oddHeader><oddFooter>${escapeXml(footer)}</oddFooter></headerFooter>`);
    // A manual break above the 0-based row `id`, across every column (ECMA-376 part 1, 18.3.1.73 and 18.3.1.3).
    const row = spec.print.pageBreakAbove;
    if (row !== undefined) out.push(`<rowBreaks count="1" manualBreakCount="1"><brk id="${row}" max="16383" man="1"/></rowBreaks>`);
  }
  if (spec.drawingRelId) out.push(`<drawing r:id="${spec.drawingRelId}"/>`);
  out.push(`<tableParts count="1"><tablePart r:id="${spec.tableRelId}"/></tableParts>`);
  out.push("</worksheet>");
  return out.finish();
}

const encoder = new TextEncoder();
/** The size of the buffers text is encoded into: what goes to the deflater at a time. */
const SINK_BUFFER_BYTES = 1 << 19;
/** How many UTF-16 units are joined before they are encoded. */
const SINK_BATCH_UNITS = 16384;

/**
 * Text taken piece by piece into UTF-8: pieces joined to some 16,000
 * characters (a few rows), encoded into a buffer of half a megabyte, which
 * goes to the deflater (or is kept) when full. Encoding a few rows at a time,
 * while their text is fresh, took about half the time of joining a few
 * hundred kilobytes of rows and then encoding them, and a little less than
 * an encoder's call per row; a full journal's rows joined whole made one
 * string of some 60 MB, which the collector then copied and the encoder
 * copied again.
 */
export class Utf8Sink {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  private buffer = new Uint8Array(SINK_BUFFER_BYTES);
  private used = 0;
  /** A high surrogate that ended the last piece, held for the low one that may begin the next. */
  private heldHigh = "";
  /** Pieces joined until there are enough to be worth an encoder's call. */
  private batch = "";
  /** Buffers the deflater has read through, to be filled again. */
  private readonly spare: Uint8Array<ArrayBuffer>[] = [];

  /** With a deflater, each full buffer goes to it instead of being kept. */
  constructor(private readonly deflater?: PartDeflater) {}

  /** Takes a piece; true when a buffer has just gone to the deflater (time to let the host run). */
  push(piece: string): boolean {
    this.batch += piece;
    if (this.batch.length < SINK_BATCH_UNITS) return false;
    const batch = this.batch;
    this.batch = "";
    return this.take(batch);
  }

  private take(piece: string): boolean {
    // Batches are encoded one by one: a surrogate pair split between two would otherwise become two U+FFFD.
    if (this.heldHigh !== "") {
      piece = this.heldHigh + piece;
      this.heldHigh = "";
    }
    const last = piece.charCodeAt(piece.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.heldHigh = piece.slice(-1);
      piece = piece.slice(0, -1);
    }
    return this.encode(piece);
  }

  /** All the text: its bytes, or the deflater's result. */
  async finish(): Promise<PartContent> {
    if (this.batch !== "") this.take(this.batch);
    this.batch = "";
    // A high surrogate nothing followed is a lone one: U+FFFD, as the encoder makes it.
    if (this.heldHigh !== "") this.encode(this.heldHigh);
    this.heldHigh = "";
    this.flush();
    return this.deflater ? this.deflater.end() : concat(this.chunks, this.length);
  }

  private encode(piece: string): boolean {
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    if (this.used + piece.length * 3 <= this.buffer.length) {
      this.used += encoder.encodeInto(piece, this.used === 0 ? this.buffer : this.buffer.subarray(this.used)).written;
      return false;
    }
    this.flush();
    if (piece.length * 3 > this.buffer.length) this.emit(encoder.encode(piece));
    else this.used = encoder.encodeInto(piece, this.buffer).written;
    return this.deflater !== undefined;
  }

  /**
   * The buffer so far goes out, and another takes its place: one the deflater
   * has read through, else a new one (the deflater may still be reading the
   * old one). New buffers for a whole journal were some 100 MB of memory
   * outside V8's heap, which made V8 collect its whole heap, early and again.
   */
  private flush(): void {
    if (this.used === 0) return;
    const full = this.buffer;
    this.emit(full.subarray(0, this.used), () => this.spare.push(full));
    this.buffer = this.spare.pop() ?? new Uint8Array(SINK_BUFFER_BYTES);
    this.used = 0;
  }

  private emit(bytes: Uint8Array, done?: () => void): void {
    if (this.deflater) this.deflater.write(bytes, done);
    else {
      this.chunks.push(bytes);
      this.length += bytes.length;
    }
  }
}

/** A structured reference's column name, with [ ] # ' escaped by an apostrophe. */
const structuredColumn = (name: string): string => name.replace(/['#[\]]/g, "'$&");

/** The totals formula of a summed column. */
export function subtotalFormula(table: string, column: string): string {
  return `SUBTOTAL(109,${table}[${structuredColumn(column)}])`;
}

export function tableXml(spec: TableSpec): string {
  const left = "A";
  const right = columnLetter(spec.columns.length - 1);
  const rows = Math.max(1, spec.dataRows);
  const lastData = spec.headerRow + rows;
  const bottom = lastData + (spec.totalsRow ? 1 : 0);
  const cols = spec.columns
    .map((c, j) => {
      const label = spec.totalsRow && c.totalsLabel !== undefined ? ` totalsRowLabel="${escapeXml(c.totalsLabel)}"` : "";
      const fn = spec.totalsRow && c.totalsFunction === "sum" ? ' totalsRowFunction="sum"' : "";
      return `<tableColumn id="${j + 1}" name="${escapeCellText(c.name)}"${label}${fn}/>`;
    })
    .join("");
  return (
    XML_DECL +
    `<table xmlns="${NS_MAIN}" id="${spec.id}" name="${escapeXml(spec.name)}" displayName="${escapeXml(spec.name)}" ref="${left}${spec.headerRow}:${right}${bottom}" headerRowCount="1"${spec.totalsRow ? ' totalsRowCount="1"' : ""}>` +
    `<autoFilter ref="${left}${spec.headerRow}:${right}${lastData}"/>` +
    `<tableColumns count="${spec.columns.length}">${cols}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    "</table>"
  );
}

/** A cell value from an input table (template, sample) as it is written: dates as date serials, the rest as they are. */
export function inputCell(v: CellValue, kind: "text" | "number" | "date", style: number): OutCellSpec {
  if (v === null) return { value: null, style };
  if (v instanceof Date) return { value: { date: v.toISOString().slice(0, 10) }, style };
  if (kind === "text" && typeof v === "number") return { value: String(v), style };
  return { value: v, style };
}
