/**
 * XML for the package's small parts (content types, relationships, the
 * workbook, tables, styles), read through saxes into a light element tree, and
 * the escaping we write with. Names are matched without their namespace
 * prefix: producers prefix SpreadsheetML differently ("x:sheet", "sheet").
 * Sheets, which can be huge, are streamed in sheet-reader.ts instead.
 */
import { SaxesParser } from "saxes";
import { PackageError } from "./errors";

export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Attributes by local name (r:id → id). */
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** The element's own text (of its direct text nodes). */
  text: string;
}

/** "x:sheet" → "sheet". */
export const localName = (qualified: string): string => {
  const colon = qualified.indexOf(":");
  return colon < 0 ? qualified : qualified.slice(colon + 1);
};

/** Parses a whole (small) part into its root element. */
export function parseXml(text: string, part: string): XmlElement {
  const parser = new SaxesParser();
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(tag.attributes as Record<string, string>)) {
      if (k === "xmlns" || k.startsWith("xmlns:")) continue;
      attrs[localName(k)] = v;
    }
    const el: XmlElement = { name: localName(tag.name), attrs, children: [], text: "" };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on("text", (t) => {
    stack[stack.length - 1].text += t;
  });
  parser.on("cdata", (t) => {
    stack[stack.length - 1].text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  try {
    parser.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).close();
  } catch {
    throw new PackageError("badXml", { part });
  }
  const top = root.children[0];
  if (!top) throw new PackageError("badXml", { part });
  return top;
}

/**
 * A regular expression's source for the attribute `name` with a value matching `value`, quoted either way as XML
 * allows (some producers write `count='3'`). Its groups come first in the expression: those `name` holds, then the
 * quote, then the value. For the package's small parts, which are edited as text so that every byte we do not change
 * stays as it was.
 */
export function attributePattern(name: string, value = "[^<]*?"): string {
  // A pattern that also matches nothing gives as many results as it has groups, plus the whole match.
  const quote = new RegExp(`${name}|`).exec("")?.length ?? 1;
  return `\\b(?:${name})\\s*=\\s*(["'])(${value})\\${quote}`;
}

/**
 * An index part without its comments, before it is edited as text: its elements are found by their tags, and a tag
 * quoted in a comment would take the edit in (our styles, print titles or relationships written into the comment).
 * Nothing reads them; Excel drops them when it saves.
 */
export const withoutComments = (xml: string): string => xml.replace(/<!--[\s\S]*?-->/g, "");

/** A value found by attributePattern, made fit to be written between double quotes. */
export const doubleQuoted = (value: string, quote: string): string => (quote === "'" ? value.replace(/"/g, "&quot;") : value);

/** A string as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
export const children = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);

// Characters SpreadsheetML writes as _xHHHH_: those XML 1.0 cannot hold at all, and the carriage return, which
// every XML reader turns into a line feed (a memo's "\r\n" would come back "\n"); Excel writes it as _x000D_ too.
const HEX_WRITTEN = "\\u0000-\\u0008\\u000b-\\u001f\\ufffe\\uffff";
const WRITTEN_AS_HEX = new RegExp(`[${HEX_WRITTEN}]`, "g");
/** The characters escapeCellText changes, as the body of a regular expression's class (for a writer that tests for them with more in one pattern). */
export const CELL_TEXT_ESCAPED = `&<>"${HEX_WRITTEN}`;
const OOXML_ESCAPE = /_x[0-9A-Fa-f]{4}_/g;

/** Text as it goes into an XML text node or attribute (quotes escaped too). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Cell text as SpreadsheetML stores it: a literal "_xHHHH_" is escaped, characters XML cannot hold become "_xHHHH_". */
export function escapeCellText(text: string): string {
  // Most texts (codes, memos) hold nothing to escape: one test instead of six replaces.
  if (!NEEDS_ESCAPE.test(text)) return text;
  const hex = (c: string) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
  return escapeXml(text.replace(OOXML_ESCAPE, (m) => `_x005F${m}`).replace(WRITTEN_AS_HEX, hex));
}
const NEEDS_ESCAPE = new RegExp(`[${CELL_TEXT_ESCAPED}]|_x[0-9A-Fa-f]{4}_`);

/** Cell text as read: "_xHHHH_" decoded (ECMA-376 part 1, 22.9.2.19 ST_Xstring). */
export function unescapeCellText(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(OOXML_ESCAPE, (m) => String.fromCharCode(parseInt(m.slice(2, 6), 16)));
}
