/**
 * The shared-strings part (xl/sharedStrings.xml), read from its bytes.
 *
 * Excel writes every text cell's text here once and the cell holds its index,
 * so a sheet whose Refs are all different has as many shared strings as rows:
 * the full sheet saved by Excel has 1.3 million, 34 MB of XML. Read through
 * saxes that took about 0.9 s; scanned from its bytes as the sheets are
 * (xml-bytes.ts), about a tenth of it. The part is inflated whole and scanned
 * once: its strings are all kept anyway, and a scan with nothing carried from
 * piece to piece is short enough to be right at a glance.
 *
 * An item's text is its <t> elements' text, rich-text runs joined, phonetic
 * runs (<rPh>) left out, entities and _xHHHH_ escapes decoded, CR LF read as
 * LF; names may carry a prefix. test/adapters/shared-strings.test.ts holds it
 * to a saxes-based reader on random parts and on the 40 real workbooks.
 */
import { MalformedSheet } from "./cells";
import { PackageError } from "./errors";
import { unescapeCellText } from "./xml";
import { AMPERSAND, BYTE_ORDER_MARK, CDATA_CLOSE, CDATA_OPEN, COMMENT_CLOSE, COMMENT_OPEN, GT, LT, PI_CLOSE, PRESERVE, SLASH, UNDERSCORE, decodeEntities, find, holds, localStart, MAX_TEXT_BYTES, nameEnd, tagEnd, textOf } from "./xml-bytes";
import type { ZipArchive } from "./zip";

/** An item whose text runs past MAX_TEXT_BYTES: no Excel's, and past what can be made a string. */
class TextTooLong extends Error {}

/** Text of b[from, to), or TextTooLong when `already` characters and it would be more than MAX_TEXT_BYTES. */
function boundedText(b: Uint8Array, from: number, to: number, already = 0): string {
  if (to - from + already > MAX_TEXT_BYTES) throw new TextTooLong();
  return textOf(b, from, to);
}

/** The elements an item's text is made of; every other is passed over. */
const enum Element {
  Other,
  Item,
  Text,
  Phonetic,
}

/** The element whose name (any prefix dropped) runs from `from` to the first space, "/" or ">" before `end`. */
function elementAt(b: Uint8Array, from: number, end: number): Element {
  const i = nameEnd(b, from, end);
  const start = localStart(b, from, i);
  switch (i - start) {
    case 1:
      return b[start] === 116 /* t */ ? Element.Text : Element.Other;
    case 2:
      return b[start] === 115 /* s */ && b[start + 1] === 105 /* i */ ? Element.Item : Element.Other;
    case 3:
      return b[start] === 114 /* r */ && b[start + 1] === 80 /* P */ && b[start + 2] === 104 /* h */ ? Element.Phonetic : Element.Other;
    default:
      return Element.Other;
  }
}

/**
 * The item Excel writes, `<si><t>text</t></si>` (or `<t xml:space="preserve">`),
 * whose text has nothing to decode, at `lt`: its text added to `strings`, and
 * where it ends; -1, with nothing added, for any other form.
 */
function plainItem(b: Uint8Array, lt: number, strings: string[]): number {
  if (b[lt + 1] !== 115 || b[lt + 2] !== 105 || b[lt + 3] !== GT || b[lt + 4] !== LT || b[lt + 5] !== 116) return -1;
  let from: number;
  if (b[lt + 6] === GT) from = lt + 7;
  else if (holds(b, lt + 6, PRESERVE)) from = lt + 6 + PRESERVE.length;
  else return -1;
  let to = from;
  for (; to < b.length; to++) {
    const c = b[to];
    if (c === LT || c === AMPERSAND || c === UNDERSCORE) break;
  }
  // "</t></si>"
  if (b[to] !== LT || b[to + 1] !== SLASH || b[to + 2] !== 116 || b[to + 3] !== GT || b[to + 4] !== LT || b[to + 5] !== SLASH || b[to + 6] !== 115 || b[to + 7] !== 105 || b[to + 8] !== GT) return -1;
  strings.push(boundedText(b, from, to));
  return to + 9;
}

/** The shared strings in the part's UTF-8 bytes, in order; MalformedSheet when the part is not well formed. */
export function sharedStringsOf(b: Uint8Array): string[] {
  const strings: string[] = [];
  let pos = b[0] === BYTE_ORDER_MARK[0] && b[1] === BYTE_ORDER_MARK[1] && b[2] === BYTE_ORDER_MARK[2] ? 3 : 0;
  let inItem = false;
  let inText = false;
  let inPhonetic = false;
  /** Inside a <t>, a run's or a phonetic one's. */
  let textOpen = false;
  // An item's text as written, entities and all: decoded once, when the item closes.
  let text = "";
  while (pos < b.length) {
    const lt = b[pos] === LT ? pos : b.indexOf(LT, pos);
    if (lt < 0) break;
    if (inText && lt > pos) text += boundedText(b, pos, lt, text.length);
    const next = b[lt + 1];
    if (next === 115 /* s */ && !inItem) {
      const end = plainItem(b, lt, strings);
      if (end >= 0) {
        pos = end;
        continue;
      }
    }
    if (next === 33 /* ! */) {
      if (holds(b, lt, COMMENT_OPEN)) {
        const end = find(b, COMMENT_CLOSE, lt + 4);
        if (end < 0) throw new MalformedSheet(undefined);
        pos = end + 3;
      } else if (holds(b, lt, CDATA_OPEN)) {
        const end = find(b, CDATA_CLOSE, lt + 9);
        if (end < 0) throw new MalformedSheet(undefined);
        // CDATA is literal text: its "&" escaped, so that decoding the item's text leaves it as it is.
        if (inText) text += boundedText(b, lt + 9, end, text.length).replace(/&/g, "&amp;");
        pos = end + 3;
      } else {
        const gt = b.indexOf(GT, lt);
        if (gt < 0) throw new MalformedSheet(undefined);
        pos = gt + 1;
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const end = find(b, PI_CLOSE, lt + 2);
      if (end < 0) throw new MalformedSheet(undefined);
      pos = end + 2;
      continue;
    }
    const gt = tagEnd(b, lt);
    if (gt < 0) throw new MalformedSheet(undefined);
    pos = gt + 1;
    if (next === SLASH) {
      switch (elementAt(b, lt + 2, gt)) {
        case Element.Item:
          if (!inItem || textOpen || inPhonetic) throw new MalformedSheet(undefined);
          strings.push(unescapeCellText(decodeEntities(text)));
          inItem = false;
          inText = false;
          break;
        // An end tag that closes nothing open ("STO</t>OL</t>", read as STO) is damage.
        case Element.Text:
          if (!textOpen) throw new MalformedSheet(undefined);
          textOpen = false;
          inText = false;
          break;
        case Element.Phonetic:
          if (!inPhonetic) throw new MalformedSheet(undefined);
          inPhonetic = false;
          break;
      }
      continue;
    }
    const selfClosing = b[gt - 1] === SLASH;
    switch (elementAt(b, lt + 1, gt)) {
      case Element.Item:
        if (inItem) throw new MalformedSheet(undefined);
        if (selfClosing) strings.push("");
        else {
          inItem = true;
          text = "";
        }
        break;
      case Element.Text:
        if (textOpen) throw new MalformedSheet(undefined);
        textOpen = inItem && !selfClosing;
        if (inItem && !inPhonetic && !selfClosing) inText = true;
        break;
      case Element.Phonetic:
        if (!selfClosing) inPhonetic = true;
        break;
    }
  }
  if (inItem) throw new MalformedSheet(undefined);
  return strings;
}

/** The shared strings of a package, in order; each its plain text. A part that is not well formed is named as damaged. */
export async function readSharedStrings(zip: ZipArchive, part: string): Promise<string[]> {
  const entry = zip.entry(part);
  if (!entry) throw new PackageError("damaged", { part });
  let bytes = await zip.read(entry);
  // OPC allows UTF-16 where a byte-order mark says so: read as the UTF-8 it says the same in.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : undefined;
  if (utf16 !== undefined) bytes = new TextEncoder().encode(new TextDecoder(utf16).decode(bytes));
  try {
    return sharedStringsOf(bytes);
  } catch (e) {
    if (e instanceof MalformedSheet) throw new PackageError("badXml", { part });
    if (e instanceof TextTooLong) throw new PackageError("damaged", { part });
    throw e;
  }
}
