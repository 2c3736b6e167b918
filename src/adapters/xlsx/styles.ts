/**
 * The styles part: read for which cell formats show dates, and extended with
 * the few formats our sheets use. The user's styles are never changed or
 * reordered (their cells point at them by index): ours are appended, and a
 * format added by an earlier run is found and used again instead of added twice.
 */
import { isDateFormatId } from "./cells";
import type { XmlElement } from "./xml";
import { attributePattern, child, children, doubleQuoted, escapeXml, withoutComments } from "./xml";
import { PackageError } from "./errors";

/** The indexes of the cell formats (cellXfs) that show dates. */
export function dateStylesOf(styles: XmlElement | undefined): Set<number> {
  const out = new Set<number>();
  if (!styles) return out;
  const custom = new Map<number, string>();
  const numFmts = child(styles, "numFmts");
  for (const f of numFmts ? children(numFmts, "numFmt") : []) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? "");
  const xfs = child(styles, "cellXfs");
  (xfs ? children(xfs, "xf") : []).forEach((xf, i) => {
    if (isDateFormatId(Number(xf.attrs.numFmtId ?? 0), custom)) out.add(i);
  });
  return out;
}

/** A cell format we write: a number format, a font, and an alignment (top, or top and wrapped). */
export interface CellStyle {
  numberFormat: string;
  font?: "title" | "marker";
  align?: "top" | "wrap";
}

/** A styles part with nothing of the user's: for a new workbook. */
export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

// Built-in number formats we may use by id instead of adding them (ECMA-376 part 1, 18.8.30).
const BUILTIN: Readonly<Record<string, number>> = { General: 0, "0": 1, "0.00": 2, "@": 49 };

interface Span {
  /** Where the open tag starts and ends, and where the close tag starts (= end for a self-closing tag). */
  open: number;
  openEnd: number;
  close: number;
  prefix: string;
  selfClosing: boolean;
}

/** Finds an element by local name in XML text (the first), with its namespace prefix. */
function findElement(xml: string, name: string): Span | undefined {
  const m = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?)${name}(?=[\\s/>])[^>]*?(/?)>`).exec(xml);
  if (!m) return undefined;
  const open = m.index;
  const openEnd = open + m[0].length;
  if (m[2] === "/") return { open, openEnd, close: openEnd, prefix: m[1], selfClosing: true };
  const close = xml.indexOf(`</${m[1]}${name}>`, openEnd);
  if (close < 0) return undefined;
  return { open, openEnd, close, prefix: m[1], selfClosing: false };
}

/** Appends `items` inside an element, updating its count attribute; returns the new text and the first new item's index. */
function appendItems(xml: string, name: string, itemName: string, items: readonly string[], before: readonly string[]): { xml: string; first: number } {
  let span = findElement(xml, name);
  if (!span) {
    // Create the element before the first of the elements that must follow it (schema order).
    const root = findElement(xml, "styleSheet")!;
    let at = root.close;
    for (const b of before) {
      const s = findElement(xml, b);
      if (s) {
        at = s.open;
        break;
      }
    }
    xml = `${xml.slice(0, at)}<${root.prefix}${name} count="0"/>${xml.slice(at)}`;
    span = findElement(xml, name)!;
  }
  const body = span.selfClosing ? "" : xml.slice(span.openEnd, span.close);
  const existing = (body.match(new RegExp(`<${span.prefix}${itemName}[\\s/>]`, "g")) ?? []).length;
  const added = items.map((i) => i.replace(/<(\/?)(?=[a-z])/g, `<$1${span.prefix}`)).join("");
  const openTag = xml.slice(span.open, span.openEnd).replace(/\/>$/, ">");
  // An unsignedInt may be written with spaces around it (the schema collapses them).
  const count = new RegExp(attributePattern("count", "\\s*\\d*\\s*"));
  const withCount = count.test(openTag) ? openTag.replace(count, `count="${existing + items.length}"`) : openTag.replace(/>$/, ` count="${existing + items.length}">`);
  const closeTag = `</${span.prefix}${name}>`;
  const after = span.selfClosing ? xml.slice(span.openEnd) : xml.slice(span.close + closeTag.length);
  return { xml: `${xml.slice(0, span.open)}${withCount}${body}${added}${closeTag}${after}`, first: existing };
}

const ORDER_AFTER_NUMFMTS = ["fonts", "fills", "borders", "cellStyleXfs", "cellXfs"];

/**
 * Adds the cell formats `wanted` to the styles part (reusing identical ones
 * already there) and returns the new text and each format's cellXfs index.
 */
export function withCellStyles(stylesXml: string, wanted: readonly CellStyle[], part = "xl/styles.xml"): { xml: string; indexes: number[] } {
  let xml = withoutComments(stylesXml);
  const found = findElement(xml, "styleSheet");
  if (!found) throw new PackageError("damaged", { part });
  // A stylesheet written empty (<styleSheet/>) is opened, so that what is added goes inside it.
  if (found.selfClosing) {
    const open = xml.slice(found.open, found.openEnd).replace(/\s*\/>$/, ">");
    xml = `${xml.slice(0, found.open)}${open}</${found.prefix}styleSheet>${xml.slice(found.openEnd)}`;
  }
  const p = found.prefix;

  // Number formats: built-in ids, or custom ones (ids from 164 up), found by their code.
  const fmtIds = new Map<string, number>();
  // Each custom format's id and code, however its attributes are quoted: a new format never takes an id used anywhere in
  // the part (a conditional format's own, in dxfs, included), and only one of the cell formats' list (numFmts) is reused:
  // an id a dxf alone declares means nothing to a cell, which then shows a date as its serial number.
  // Quoted values are skipped whole: a format code may hold a ">" as it is ("[>=100]0").
  const codesIn = (text: string) =>
    [...text.matchAll(new RegExp(`<${p}numFmt\\s(?:[^>"']|"[^"]*"|'[^']*')*>`, "g"))].flatMap(([tag]) => {
      const id = new RegExp(attributePattern("numFmtId", "\\s*\\d+\\s*")).exec(tag)?.[2];
      const code = new RegExp(attributePattern("formatCode")).exec(tag)?.[2];
      return id === undefined ? [] : [{ id: Number(id), code: code ?? "" }];
    });
  const list = findElement(xml, "numFmts");
  const customCodes = list && !list.selfClosing ? codesIn(xml.slice(list.openEnd, list.close)) : [];
  let nextId = Math.max(163, ...codesIn(xml).map((c) => c.id)) + 1;
  const newFmts: string[] = [];
  for (const s of wanted) {
    if (fmtIds.has(s.numberFormat)) continue;
    const escaped = escapeXml(s.numberFormat);
    const builtin = BUILTIN[s.numberFormat];
    const known = customCodes.find((c) => c.code === escaped);
    if (builtin !== undefined) fmtIds.set(s.numberFormat, builtin);
    else if (known) fmtIds.set(s.numberFormat, known.id);
    else {
      fmtIds.set(s.numberFormat, nextId);
      newFmts.push(`<numFmt numFmtId="${nextId}" formatCode="${escaped}"/>`);
      nextId++;
    }
  }
  if (newFmts.length > 0) xml = appendItems(xml, "numFmts", "numFmt", newFmts, ORDER_AFTER_NUMFMTS).xml;

  // Fonts: the workbook's own default face, bold and larger for titles, italic grey for the marker.
  const faceFound = new RegExp(`<(?:\\w+:)?font\\b[^>]*>[\\s\\S]*?<(?:\\w+:)?name\\s[^>]*?${attributePattern("val")}`).exec(xml);
  const face = faceFound ? doubleQuoted(faceFound[2], faceFound[1]) : "Calibri";
  const fontXml = {
    title: `<font><b/><sz val="14"/><name val="${face}"/></font>`,
    marker: `<font><i/><sz val="11"/><color rgb="FF595959"/><name val="${face}"/></font>`,
  } as const;
  const fontIds = new Map<string, number>();
  for (const kind of ["title", "marker"] as const) {
    if (!wanted.some((s) => s.font === kind)) continue;
    const fonts = findElement(xml, "fonts");
    const body = fonts && !fonts.selfClosing ? xml.slice(fonts.openEnd, fonts.close) : "";
    const prefixed = fontXml[kind].replace(/<(\/?)(?=[a-z])/g, `<$1${fonts?.prefix ?? p}`);
    const items = splitItems(body, `${fonts?.prefix ?? p}font`);
    const found = items.indexOf(prefixed);
    if (found >= 0) fontIds.set(kind, found);
    else {
      const r = appendItems(xml, "fonts", "font", [fontXml[kind]], ["fills", "borders", "cellStyleXfs", "cellXfs"]);
      xml = r.xml;
      fontIds.set(kind, r.first);
    }
  }

  // Cell formats, found again when an earlier run added the same.
  const xfs = findElement(xml, "cellXfs");
  const xfBody = xfs && !xfs.selfClosing ? xml.slice(xfs.openEnd, xfs.close) : "";
  const xfItems = splitItems(xfBody, `${xfs?.prefix ?? p}xf`);
  const indexes: number[] = [];
  const toAdd: string[] = [];
  const firstNew = xfItems.length;
  for (const s of wanted) {
    const fontId = s.font ? fontIds.get(s.font)! : 0;
    const attrs = `numFmtId="${fmtIds.get(s.numberFormat)}" fontId="${fontId}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${s.font ? ' applyFont="1"' : ""}`;
    const xf = s.align ? `<xf ${attrs} applyAlignment="1"><alignment vertical="top"${s.align === "wrap" ? ' wrapText="1"' : ""}/></xf>` : `<xf ${attrs}/>`;
    const prefixed = xf.replace(/<(\/?)(?=[a-z])/g, `<$1${xfs?.prefix ?? p}`);
    let at = xfItems.indexOf(prefixed);
    if (at < 0) {
      const pending = toAdd.indexOf(xf);
      at = pending >= 0 ? firstNew + pending : firstNew + toAdd.push(xf) - 1;
    }
    indexes.push(at);
  }
  if (toAdd.length > 0) xml = appendItems(xml, "cellXfs", "xf", toAdd, ["cellStyles", "dxfs", "tableStyles", "colors", "extLst"]).xml;
  return { xml, indexes };
}

/** The direct child elements of a body, as text, for elements named `qualified` (balanced on that name). */
function splitItems(body: string, qualified: string): string[] {
  const items: string[] = [];
  const open = new RegExp(`<${qualified}(?=[\\s/>])`, "g");
  let m: RegExpExecArray | null;
  while ((m = open.exec(body))) {
    const start = m.index;
    const tagEnd = body.indexOf(">", start);
    if (body[tagEnd - 1] === "/") {
      items.push(body.slice(start, tagEnd + 1));
      open.lastIndex = tagEnd + 1;
      continue;
    }
    const close = body.indexOf(`</${qualified}>`, tagEnd);
    const end = close < 0 ? body.length : close + qualified.length + 3;
    items.push(body.slice(start, end));
    open.lastIndex = end;
  }
  return items;
}
