/**
 * Reading XML from its UTF-8 bytes, as the worksheet and shared-strings
 * scanners do (sheet-scanner.ts, shared-strings.ts): every tag and attribute
 * name is ASCII, so markup is found and compared byte by byte, and only text
 * is decoded to strings.
 */
import { MalformedSheet } from "./cells";

// The last alternative, a lone "&", is what no well-formed text holds: an entity cut short (&amp2) or one XML does not define.
const ENTITY = /&(?:#x([0-9a-fA-F]+);|#([0-9]+);|(lt|gt|amp|quot|apos);)?/g;
const NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML text with its entities and character references resolved; MalformedSheet for an "&" that begins none. */
export function decodeEntities(text: string): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    if (hex === undefined && dec === undefined) throw new MalformedSheet(undefined);
    const code = hex ? parseInt(hex, 16) : Number(dec);
    if (!(code >= 0 && code <= 0x10ffff)) throw new MalformedSheet(undefined);
    return String.fromCodePoint(code);
  });
}

// The ASCII bytes the scanners compare with.
export const LT = 60;
export const GT = 62;
export const SLASH = 47;
export const QUOTE = 34;
export const APOSTROPHE = 39;
export const EQUALS = 61;
export const SPACE = 32;
export const AMPERSAND = 38;
export const UNDERSCORE = 95;

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The longest tag or run of text read from a part: 64 MB, some two thousand
 * times Excel's 32,767 characters a cell. Past it the part is refused as
 * damaged, before a string V8 cannot make (512 MB) is tried.
 */
export const MAX_TEXT_BYTES = 64 << 20;

/**
 * The text of the UTF-8 bytes b[from..to). Bytes that are not UTF-8 become
 * U+FFFD, as a streaming decoder makes them; a U+FEFF inside is kept (an
 * invisible character in a code is named, never dropped). Line ends are an
 * XML reader's: CR LF and a lone CR become LF (XML 1.0, 2.11), as Excel and
 * every other reader read them; a CR written as _x000D_ or &#13; stays.
 */
export function textOf(b: Uint8Array, from: number, to: number): string {
  if (to - from <= 16) {
    let i = from;
    // Printable ASCII, and nothing below it (a CR, or a tab or line feed, which the decoder's way takes): one comparison a byte.
    while (i < to && b[i] - 14 >>> 0 < 0x80 - 14) i++;
    if (i === to) return shortAscii(b, from, to - from);
  }
  const text = decoder.decode(b.subarray(from, to));
  return text.indexOf("\r") < 0 ? text : text.replace(/\r\n?/g, "\n");
}

/**
 * Up to 16 ASCII bytes as a string, by String.fromCharCode with as many
 * arguments as there are bytes: an item code or reference cost 50 ns so,
 * against 90 with Node's latin1Slice, 170 through a decoder and 200 through
 * fromCharCode.apply on the bytes.
 */
export function shortAscii(b: Uint8Array, f: number, n: number): string {
  const c = String.fromCharCode;
  switch (n) {
    case 0:
      return "";
    case 1:
      return c(b[f]);
    case 2:
      return c(b[f], b[f + 1]);
    case 3:
      return c(b[f], b[f + 1], b[f + 2]);
    case 4:
      return c(b[f], b[f + 1], b[f + 2], b[f + 3]);
    case 5:
      return c(b[f], b[f + 1], b[f + 2], b[f + 3], b[f + 4]);
    case 6:
      return c(b[f], b[f + 1], b[f + 2], b[f + 3], b[f + 4], b[f + 5]);
    case 7:
      return c(b[f], b[f + 1], b[f + 2], b[f + 3], b[f + 4], b[f + 5], b[f + 6]);
    case 8:
      return c(b[f], b[f + 1], b[f + 2], b[f + 3], b[f + 4], b[f + 5], b[f + 6], b[f + 7]);
    default:
      // Nine to sixteen: eight, then the rest, joined (a join under 13 characters is copied flat).
      return shortAscii(b, f, 8) + shortAscii(b, f + 8, n - 8);
  }
}

export const asciiBytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
export const COMMENT_OPEN = asciiBytes("<!--");
export const COMMENT_CLOSE = asciiBytes("-->");
export const CDATA_OPEN = asciiBytes("<![CDATA[");
export const CDATA_CLOSE = asciiBytes("]]>");
export const PI_CLOSE = asciiBytes("?>");
export const PRESERVE = asciiBytes(' xml:space="preserve">');
export const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

/** Whether b holds `word` at `at` (false where b ends first). */
export function holds(b: Uint8Array, at: number, word: Uint8Array): boolean {
  if (at + word.length > b.length) return false;
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word[k]) return false;
  return true;
}

/** Where `word` next stands in b from `from`; -1 when it does not. */
export function find(b: Uint8Array, word: Uint8Array, from: number): number {
  for (let at = b.indexOf(word[0], from); at >= 0; at = b.indexOf(word[0], at + 1)) if (holds(b, at, word)) return at;
  return -1;
}

export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Where the start or end tag that opens at `lt` ends (its ">"), quotes
 * respected; -1 when the bytes end first. MalformedSheet for a tag whose name
 * cannot start so ("<2") or that holds a "<", in a value too (XML allows
 * neither): read on, "<x<v>200</v>" would lose the value it hides.
 */
export function tagEnd(b: Uint8Array, lt: number): number {
  const first = b[lt + 1] === SLASH ? lt + 2 : lt + 1;
  if (first < b.length && !startsName(b[first])) throw new MalformedSheet(undefined);
  let gt = b.indexOf(GT, lt + 1);
  // One pass over the tag: a quoted value is jumped over, and a ">" found inside one moves the end on.
  for (let k = lt + 1; gt >= 0 && k < gt; k++) {
    const c = b[k];
    if (c === LT) throw new MalformedSheet(undefined);
    if (c !== QUOTE && c !== APOSTROPHE) continue;
    const close = b.indexOf(c, k + 1);
    if (close < 0) return -1;
    for (let j = k + 1; j < close; j++) if (b[j] === LT) throw new MalformedSheet(undefined);
    if (close > gt) gt = b.indexOf(GT, close + 1);
    k = close;
  }
  // The bytes ended inside the tag: a "<" there is damage whatever follows.
  if (gt < 0 && b.indexOf(LT, lt + 1) >= 0) throw new MalformedSheet(undefined);
  return gt;
}

/** Whether a byte may start an XML name: a letter, "_", ":" or the first byte of a character beyond ASCII. */
function startsName(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === UNDERSCORE || c === 58 || c >= 0x80;
}

/** Where a tag's name that starts at `from` ends: its first space, "/" or ">" (or `end`). */
export function nameEnd(b: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = b[i];
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === SLASH || c === GT) break;
    i++;
  }
  return i;
}

/** Where the local part of the name b[from..to) starts: past its prefix's ":", if it has one. */
export function localStart(b: Uint8Array, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (b[i] === 58 /* : */) return i + 1;
  return from;
}
