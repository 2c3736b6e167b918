/**
 * Text → IBM PC 8-bit, code page 437: the character set SIE 4 requires
 * (`#FORMAT PC8`). The code page's upper half comes from the iconv-lite
 * package's table of single-byte code pages; only that table is loaded, not
 * the package's whole codec set, which would add some 500 KB (its CJK tables
 * and a Buffer shim) to the pane's bundles for one 128-character table.
 */
// A data file of the package (no typings of its own): code page name → its 128 upper characters.
const SINGLE_BYTE_TABLES = require("iconv-lite/encodings/sbcs-data-generated") as Readonly<Record<string, string | { type: string; chars: string }>>;

/** A character the code page lacks becomes "?", as iconv-lite writes it. */
const MISSING = 0x3f;

/** UTF-16 code unit → byte, for every unit (a lookup per character, as iconv-lite encodes); made on first use. */
let bytesOf: Uint8Array | undefined;

function table(): Uint8Array {
  if (bytesOf) return bytesOf;
  const cp437 = SINGLE_BYTE_TABLES.cp437;
  if (typeof cp437 !== "object" || cp437.chars.length !== 128) throw new Error("iconv-lite's table of code page 437 is not where it was: check the package's version");
  const t = new Uint8Array(0x10000).fill(MISSING);
  for (let code = 0; code < 0x80; code++) t[code] = code;
  for (let i = 0; i < 128; i++) t[cp437.chars.charCodeAt(i)] = 0x80 + i;
  return (bytesOf = t);
}

export function encodePc8(text: string): Uint8Array {
  const t = table();
  const bytes = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A character past U+FFFF (two units) is one character the code page lacks: one "?".
    if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) i++;
    }
    bytes[n++] = t[unit];
  }
  return bytes.subarray(0, n);
}
