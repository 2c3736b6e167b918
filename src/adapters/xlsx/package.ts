/**
 * The package's index, as read: which part is the workbook, its sheets in tab
 * order and the parts behind them, each sheet's tables, the shared strings and
 * the styles. Part names are resolved as ECMA-376 part 2 says: a relationship's
 * target is relative to its source part's folder, or absolute from the
 * package's root when it starts with "/" (openpyxl writes those).
 */
import { PackageError } from "./errors";
import { WORKBOOK_EXTENSIONS, type WorkbookExtension } from "./extensions";
import type { XmlElement } from "./xml";
import { child, children, parseXml } from "./xml";
import type { ZipArchive } from "./zip";
import { yieldToHost } from "./zip";

export const REL = {
  officeDocument: "/officeDocument",
  worksheet: "/worksheet",
  sharedStrings: "/sharedStrings",
  styles: "/styles",
  table: "/table",
  calcChain: "/calcChain",
  drawing: "/drawing",
  chart: "/chart",
} as const;

export interface Relationship {
  id: string;
  /** The type URI's last segment, with its slash ("/worksheet"). */
  type: string;
  /** The target's part name, resolved, without a leading slash; undefined for external targets. */
  part?: string;
}

export interface TableInfo {
  part: string;
  id: number;
  name: string;
  displayName: string;
  /** The whole table, header and totals rows included ("B3:E10"). */
  ref: string;
  headerRow: boolean;
  totalsRow: boolean;
  columns: string[];
}

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  /** The sheet's part; undefined when the workbook's relationship is missing. */
  part?: string;
  /** Where `part` is undefined: what the package lacks, the part the relationship names, or the workbook's relationships part that has no relationship for the sheet. */
  missingPart?: string;
  /** A worksheet (not a chart sheet, dialog or macro sheet). */
  isWorksheet: boolean;
  tables: TableInfo[];
}

/** The folder of a part ("xl/worksheets/sheet1.xml" → "xl/worksheets"). */
const folderOf = (part: string): string => part.slice(0, Math.max(0, part.lastIndexOf("/")));

/**
 * A relationship target resolved against its source part, normalized ("../x",
 * "./x", "/x"). Percent-encoded characters are decoded (a zip entry holds the
 * character itself), unless the package holds an entry named as the target is
 * written (`exists`), as some producers name their parts.
 */
export function resolveTarget(sourcePart: string, target: string, exists: (part: string) => boolean = () => false): string {
  const path = target.startsWith("/") ? target.slice(1) : `${folderOf(sourcePart)}/${target}`;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  const written = out.join("/");
  return exists(written) ? written : out.map(decodeURIComponentSafe).join("/");
}

function decodeURIComponentSafe(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** The relationships part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPartOf(part: string): string {
  const folder = folderOf(part);
  const file = part.slice(part.lastIndexOf("/") + 1);
  return folder ? `${folder}/_rels/${file}.rels` : `_rels/${file}.rels`;
}

/** A part relative to another, as a relationship's Target is written ("xl/worksheets/sheet2.xml" from "xl/workbook.xml" → "worksheets/sheet2.xml"). */
export function relativeTarget(sourcePart: string, part: string): string {
  const from = folderOf(sourcePart).split("/").filter(Boolean);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array(from.length - common).fill(".."), ...to.slice(common)].join("/");
}

export async function readXmlPart(zip: ZipArchive, part: string): Promise<XmlElement | undefined> {
  const entry = zip.entry(part);
  return entry ? parseXml(await zip.text(entry), part) : undefined;
}

/** The relationships of a part (none when it has no relationships part). */
export async function readRelationships(zip: ZipArchive, sourcePart: string): Promise<Relationship[]> {
  const root = await readXmlPart(zip, relsPartOf(sourcePart));
  if (!root) return [];
  return children(root, "Relationship").map((r) => {
    const type = r.attrs.Type ?? "";
    const external = r.attrs.TargetMode === "External";
    return { id: r.attrs.Id ?? "", type: type.slice(type.lastIndexOf("/")), part: external ? undefined : resolveTarget(sourcePart, r.attrs.Target ?? "", (part) => zip.entry(part) !== undefined) };
  });
}

export interface PackageIndex {
  workbookPart: string;
  workbookRels: Relationship[];
  sheets: SheetEntry[];
  sharedStringsPart?: string;
  stylesPart?: string;
  date1904: boolean;
}

/** Reads the package's index: the workbook, its sheets and their tables. */
export async function readPackageIndex(zip: ZipArchive): Promise<PackageIndex> {
  const rootRels = await readRelationships(zip, "");
  const workbookPart = rootRels.find((r) => r.type === REL.officeDocument)?.part ?? (zip.entry("xl/workbook.xml") ? "xl/workbook.xml" : undefined);
  if (!workbookPart || !zip.entry(workbookPart)) throw new PackageError("notWorkbook", {});
  const workbook = await readXmlPart(zip, workbookPart);
  if (!workbook || workbook.name !== "workbook") throw new PackageError("notWorkbook", {});
  const workbookRels = await readRelationships(zip, workbookPart);
  const relById = new Map(workbookRels.map((r) => [r.id, r]));
  const pr = child(workbook, "workbookPr");
  const date1904 = pr?.attrs.date1904 === "1" || pr?.attrs.date1904 === "true";
  const sheetsEl = child(workbook, "sheets");
  const sheets: SheetEntry[] = [];
  for (const s of sheetsEl ? children(sheetsEl, "sheet") : []) {
    // The host runs between sheets: the page reads a result's index again after a run (17 sheets and their tables,
    // with code the page has not run before), which in one go froze it for some 50 ms.
    await yieldToHost();
    const rel = relById.get(s.attrs.id ?? "");
    const isWorksheet = rel?.type === REL.worksheet;
    const part = rel?.part && zip.entry(rel.part) ? zip.entry(rel.part)!.name : undefined;
    sheets.push({
      name: s.attrs.name ?? "",
      sheetId: Number(s.attrs.sheetId ?? 0),
      relId: s.attrs.id ?? "",
      part,
      missingPart: part ? undefined : (rel?.part ?? relsPartOf(workbookPart)),
      isWorksheet,
      tables: isWorksheet && rel?.part ? await readTables(zip, rel.part) : [],
    });
  }
  const partOf = (type: string) => {
    const p = workbookRels.find((r) => r.type === type)?.part;
    return p && zip.entry(p) ? zip.entry(p)!.name : undefined;
  };
  return { workbookPart: zip.entry(workbookPart)!.name, workbookRels, sheets, sharedStringsPart: partOf(REL.sharedStrings), stylesPart: partOf(REL.styles), date1904 };
}

async function readTables(zip: ZipArchive, sheetPart: string): Promise<TableInfo[]> {
  const rels = await readRelationships(zip, sheetPart);
  const tables: TableInfo[] = [];
  for (const rel of rels) {
    if (rel.type !== REL.table || !rel.part || !zip.entry(rel.part)) continue;
    const part = zip.entry(rel.part)!.name;
    const t = await readXmlPart(zip, part);
    if (!t || t.name !== "table") continue;
    const cols = child(t, "tableColumns");
    tables.push({
      part,
      id: Number(t.attrs.id ?? 0),
      name: t.attrs.name ?? t.attrs.displayName ?? "",
      displayName: t.attrs.displayName ?? t.attrs.name ?? "",
      ref: t.attrs.ref ?? "",
      // headerRowCount defaults to 1 and totalsRowCount to 0 (ECMA-376 part 1, 18.5.1.2).
      headerRow: (t.attrs.headerRowCount ?? "1") !== "0",
      totalsRow: Number(t.attrs.totalsRowCount ?? "0") > 0,
      columns: cols ? children(cols, "tableColumn").map((c) => c.attrs.name ?? "") : [],
    });
  }
  return tables;
}

export { WORKBOOK_EXTENSIONS, WORKBOOK_MEDIA_TYPES, type WorkbookExtension } from "./extensions";

/**
 * The extension the package's workbook part calls for, from [Content_Types].xml:
 * the part's Override, else the Default for its extension (ECMA-376 part 2;
 * part names compare without case). Undefined when the content type
 * is none of a workbook's.
 */
export async function workbookExtensionOf(zip: ZipArchive, workbookPart: string): Promise<WorkbookExtension | undefined> {
  const types = await readXmlPart(zip, "[Content_Types].xml");
  if (!types) return undefined;
  const partName = `/${workbookPart}`.toLowerCase();
  const suffix = workbookPart.slice(workbookPart.lastIndexOf(".") + 1).toLowerCase();
  const override = children(types, "Override").find((o) => (o.attrs.PartName ?? "").toLowerCase() === partName);
  const type = override?.attrs.ContentType ?? children(types, "Default").find((d) => (d.attrs.Extension ?? "").toLowerCase() === suffix)?.attrs.ContentType;
  return type === undefined ? undefined : (WORKBOOK_EXTENSIONS as Readonly<Record<string, WorkbookExtension>>)[type.trim()];
}
