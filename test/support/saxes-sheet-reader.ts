/**
 * The oracle for the sheet scanner (src/adapters/xlsx/sheet-scanner.ts): the
 * same cells read through saxes, a full XML tokenizer, as the adapter read
 * sheets before the scanner. Tests compare the two on random and real sheets.
 */
import { SaxesParser } from "saxes";
import { cellValueOf } from "../../src/adapters/xlsx/cells";
import type { CellContext, RawCell } from "../../src/adapters/xlsx/cells";
import { PackageError } from "../../src/adapters/xlsx/errors";
import { columnOf, rowOfRef } from "../../src/adapters/xlsx/sheet-scanner";
import { localName, unescapeCellText } from "../../src/adapters/xlsx/xml";
import type { CellValue } from "../../src/workbook/cells";

class EnoughRead extends Error {}

/** Reads a sheet's XML text (whole) through saxes, handing each non-empty cell in the window to onCell. */
export function readSheetXmlWithSaxes(
  xml: string,
  ctx: CellContext & { dateStyles: ReadonlySet<number> },
  window: { top: number; bottom: number; left: number; right: number } | undefined,
  onCell: (row: number, col: number, value: CellValue) => void,
): void {
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
  const onText = (t: string) => {
    if (textTarget === 1 || textTarget === 3) value += t;
    else if (textTarget === 2) formula += t;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
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
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof EnoughRead) return;
    throw new PackageError("badSheet", { sheet: "?" });
  }
}

/**
 * The oracle for the shared-strings scanner (src/adapters/xlsx/shared-strings.ts):
 * the part's text read through saxes, as the adapter read it before the scanner.
 * Each item's text: its <t> elements' text joined, phonetic runs left out,
 * _xHHHH_ escapes decoded. Throws on XML saxes refuses.
 */
export function sharedStringsWithSaxes(xml: string): string[] {
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
  parser.on("cdata", (t) => {
    if (inText) text += t;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") {
      strings.push(unescapeCellText(text));
      inItem = false;
      inText = false;
    } else if (name === "rPh") inPhonetic = false;
    else if (name === "t") inText = false;
  });
  parser.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).close();
  return strings;
}
