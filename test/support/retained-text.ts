/**
 * Run as its own process with --expose-gc (test/adapters/own-copy.test.ts):
 * scans a sheet of 40 MB whose every row holds a 20-character text, as the
 * reader does (256 KB pieces of its bytes), keeps every cell's value as a
 * table would, and prints how much the heap grew, in MB, once the pieces are
 * gone. A value that is a view into its piece keeps the piece: the growth is
 * then the sheet's size.
 */
import { EnoughRead, SheetScanner } from "../../src/adapters/xlsx/sheet-scanner";
import { sharedStringsOf } from "../../src/adapters/xlsx/shared-strings";
import type { CellValue } from "../../src/workbook/cells";

declare const gc: () => void;

const ROWS = 200_000;
const kept: CellValue[] = [];
const encoder = new TextEncoder();

function sheetPieces(): Uint8Array[] {
  let xml = "<worksheet><sheetData>";
  for (let r = 1; r <= ROWS; r++) xml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>WO-2026-${String(r).padStart(12, "0")}</t></is></c><c r="B${r}" t="str"><v>${"x".repeat(300)}${r}</v></c></row>`;
  xml += "</sheetData></worksheet>";
  const bytes = encoder.encode(xml);
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 1 << 18) pieces.push(bytes.subarray(i, i + (1 << 18)));
  return pieces;
}

function sharedStringsPart(): Uint8Array {
  let xml = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  for (let r = 1; r <= ROWS; r++) xml += `<si><t>WO-2026-${String(r).padStart(12, "0")}</t></si><si><t>${"x".repeat(300)}${r}</t></si>`;
  return encoder.encode(`${xml}</sst>`);
}

/** The Refs of the shared strings, the long texts between them let go. */
async function keepEveryOther(strings: readonly string[]): Promise<void> {
  for (let k = 0; k < strings.length; k += 2) kept.push(strings[k]);
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  gc();
  const before = process.memoryUsage().heapUsed;
  if (mode === "sheet") {
    const scanner = new SheetScanner({ sharedStrings: [], date1904: false, dateStyles: new Set() }, { top: 1, bottom: ROWS, left: 1, right: 1 }, (_r, _c, v) => kept.push(v));
    try {
      for (const piece of sheetPieces()) scanner.feed(piece);
    } catch (e) {
      // The scan stops at the end of sheetData by throwing EnoughRead.
      if (!(e instanceof EnoughRead)) throw e;
    }
  } else {
    // The part read whole, as readSharedStrings reads it, then let go.
    await keepEveryOther(sharedStringsOf(sharedStringsPart()));
  }
  gc();
  console.log(JSON.stringify({ cells: kept.length, grewMB: (process.memoryUsage().heapUsed - before) / 1048576 }));
}

void main();
