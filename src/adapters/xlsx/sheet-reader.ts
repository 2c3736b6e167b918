/**
 * A worksheet read as a stream: its part inflated slice by slice, its XML
 * tokenized by saxes as it comes, and each cell handed over as it closes, so a
 * million-row sheet is never held whole, as text or as objects. Reading stops
 * once the rows asked for are past. Also the shared strings, streamed the same way.
 */
import { SaxesParser } from "saxes";
import type { CellValue } from "../../workbook/cells";
import { columnLetter } from "../../workbook/cells";
import type { CellContext, RawCell } from "./cells";
import { cellValueOf } from "./cells";
import { PackageError } from "./errors";
import { localName, unescapeCellText } from "./xml";
import type { ZipArchive } from "./zip";

/** Thrown from inside the stream to stop reading early; never leaves this module. */
class EnoughRead extends Error {}

/** "BC12" → column 55 (1-based); 0 when there are no letters. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const upper = c >= 97 ? c - 32 : c;
    if (upper < 65 || upper > 90) break;
    col = col * 26 + (upper - 64);
  }
  return col;
}

function rowOfRef(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  return Number(ref.slice(i));
}

/** Feeds a part's XML, as it inflates, to a saxes parser; stops quietly when a handler throws EnoughRead. */
async function streamXml(zip: ZipArchive, part: string, parser: SaxesParser, onBadXml: () => PackageError): Promise<void> {
  const entry = zip.entry(part);
  if (!entry) throw new PackageError("damaged", { part });
  const decoder = new TextDecoder("utf-8");
  let first = true;
  try {
    await zip.inflate(entry, (chunk) => {
      let text = decoder.decode(chunk, { stream: true });
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      parser.write(text);
    });
    parser.write(decoder.decode()).close();
  } catch (e) {
    if (e instanceof EnoughRead) return;
    if (e instanceof PackageError) throw e;
    throw onBadXml();
  }
}

export interface SheetWindow {
  /** 1-based rows and columns, inclusive. */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Streams a worksheet's cells inside `window` (every cell when none),
 * handing each non-empty one to `onCell` with its 1-based row and column.
 */
export async function readSheetCells(
  zip: ZipArchive,
  part: string,
  sheetName: string,
  ctx: CellContext & { dateStyles: ReadonlySet<number> },
  window: SheetWindow | undefined,
  onCell: (row: number, col: number, value: CellValue) => void,
): Promise<void> {
  const parser = new SaxesParser();
  const top = window?.top ?? 1;
  const bottom = window?.bottom ?? Infinity;
  const left = window?.left ?? 1;
  const right = window?.right ?? Infinity;
  let row = 0;
  let col = 0;
  let inData = false;
  let cell: RawCell | undefined;
  let styleIndex = 0;
  // What text goes where: 1 <v>, 2 <f>, 3 <t> inside <is> (not inside <rPh>).
  let textTarget = 0;
  let inInline = false;
  let inPhonetic = false;
  let value = "";
  let formula = "";

  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    const attrs = tag.attributes as Record<string, string>;
    switch (name) {
      case "sheetData":
        inData = true;
        return;
      case "row": {
        if (!inData) return;
        const r = attrs.r;
        row = r !== undefined ? Number(r) : row + 1;
        col = 0;
        if (row > bottom) throw new EnoughRead();
        return;
      }
      case "c": {
        if (!inData) return;
        const r = attrs.r;
        col = r !== undefined ? columnOf(r) || col + 1 : col + 1;
        if (r !== undefined && row === 0) row = rowOfRef(r);
        if (row < top || col < left || col > right) {
          cell = undefined;
          return;
        }
        styleIndex = attrs.s !== undefined ? Number(attrs.s) : 0;
        cell = { type: attrs.t, value: undefined, formula: undefined, isDate: false };
        value = "";
        formula = "";
        return;
      }
      case "v":
        if (cell) textTarget = 1;
        return;
      case "f":
        if (cell) textTarget = 2;
        return;
      case "is":
        if (cell) inInline = true;
        return;
      case "rPh":
        inPhonetic = true;
        return;
      case "t":
        if (cell && inInline && !inPhonetic) textTarget = 3;
        return;
    }
  });
  parser.on("text", (t) => {
    if (textTarget === 1 || textTarget === 3) value += t;
    else if (textTarget === 2) formula += t;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    switch (name) {
      case "v":
        if (cell && textTarget === 1) cell.value = value;
        textTarget = 0;
        return;
      case "f":
        if (cell) cell.formula = formula;
        textTarget = 0;
        return;
      case "t":
        textTarget = 0;
        return;
      case "rPh":
        inPhonetic = false;
        return;
      case "is":
        if (cell) {
          cell.value = value;
          cell.type = "inlineStr";
        }
        inInline = false;
        return;
      case "c": {
        if (!cell) return;
        if (cell.type === "str" || cell.type === "inlineStr") cell.value = cell.value === undefined ? undefined : unescapeCellText(cell.value);
        cell.isDate = ctx.dateStyles.has(styleIndex);
        const v = cellValueOf(cell, ctx);
        cell = undefined;
        if (v !== null) onCell(row, col, v);
        return;
      }
      case "sheetData":
        inData = false;
        throw new EnoughRead();
    }
  });
  await streamXml(zip, part, parser, () => new PackageError("badSheet", { sheet: sheetName, cell: row > 0 ? `${columnLetter(Math.max(col, 1) - 1)}${row}` : undefined }));
}

/** The shared strings, in order; each its plain text (rich-text runs joined, phonetic runs left out). */
export async function readSharedStrings(zip: ZipArchive, part: string): Promise<string[]> {
  const parser = new SaxesParser();
  const strings: string[] = [];
  let inItem = false;
  let inText = false;
  let inPhonetic = false;
  let text = "";
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") {
      inItem = true;
      text = "";
    } else if (name === "rPh") inPhonetic = true;
    else if (name === "t" && inItem && !inPhonetic) inText = true;
  });
  parser.on("text", (t) => {
    if (inText) text += t;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") {
      strings.push(unescapeCellText(text));
      inItem = false;
    } else if (name === "rPh") inPhonetic = false;
    else if (name === "t") inText = false;
  });
  await streamXml(zip, part, parser, () => new PackageError("badXml", { part }));
  return strings;
}
