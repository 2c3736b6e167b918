/**
 * Files of every kind sniff.ts tells apart, made here byte by byte: OLE
 * compound files ([MS-CFB]: a 512-byte header, a FAT sector, directory
 * sectors of 128-byte entries) holding the streams an .xls or a
 * password-protected workbook holds, zips laid out as each producer's
 * package, and text.
 */
import { writeZip } from "./xlsx-zip";

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;

/** A directory entry: 1 storage, 2 stream (the root entry is added first). */
export interface CompoundEntry {
  name: string;
  type: 1 | 2;
}

function directoryEntry(name: string, type: number): Buffer {
  const entry = Buffer.alloc(128);
  const nameBytes = Buffer.from(`${name}\0`, "utf16le");
  nameBytes.copy(entry, 0);
  entry.writeUInt16LE(nameBytes.length, 64);
  entry[66] = type;
  // Left sibling, right sibling, child: none (a sniffer reads the entries in order, not the tree).
  entry.writeUInt32LE(FREE, 68);
  entry.writeUInt32LE(FREE, 72);
  entry.writeUInt32LE(FREE, 76);
  entry.writeUInt32LE(END_OF_CHAIN, 116);
  return entry;
}

function header(sectorShift: number, fatSectors: readonly number[], firstDirectorySector: number, firstDifat = END_OF_CHAIN, difatCount = 0, fatCount = fatSectors.length): Buffer {
  const h = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(h, 0);
  h.writeUInt16LE(0x3e, 0x18); // minor version
  h.writeUInt16LE(sectorShift === 12 ? 4 : 3, 0x1a); // major version
  h.writeUInt16LE(0xfffe, 0x1c); // little-endian
  h.writeUInt16LE(sectorShift, 0x1e);
  h.writeUInt16LE(6, 0x20); // mini sector shift
  h.writeUInt32LE(fatCount, 0x2c);
  h.writeUInt32LE(firstDirectorySector, 0x30);
  h.writeUInt32LE(0x1000, 0x38); // mini stream cutoff
  h.writeUInt32LE(END_OF_CHAIN, 0x3c); // no mini FAT
  h.writeUInt32LE(firstDifat, 0x44);
  h.writeUInt32LE(difatCount, 0x48);
  for (let i = 0; i < 109; i++) h.writeUInt32LE(fatSectors[i] ?? FREE, 0x4c + i * 4);
  if (sectorShift === 12) return Buffer.concat([h, Buffer.alloc(4096 - 512)]);
  return h;
}

/**
 * A compound file whose directory holds the root entry and `entries`:
 * sector 0 the FAT, sectors 1… the directory, chained in the FAT.
 */
export function compoundFile(entries: readonly CompoundEntry[], sectorShift: 9 | 12 = 9): Buffer {
  const sectorSize = 1 << sectorShift;
  const perSector = sectorSize / 128;
  const all = [directoryEntry("Root Entry", 5), ...entries.map((e) => directoryEntry(e.name, e.type))];
  const directorySectors = Math.ceil(all.length / perSector);
  const fat = Buffer.alloc(sectorSize, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  for (let i = 1; i <= directorySectors; i++) fat.writeUInt32LE(i === directorySectors ? END_OF_CHAIN : i + 1, i * 4);
  const directory = Buffer.alloc(directorySectors * sectorSize);
  all.forEach((e, i) => e.copy(directory, i * 128));
  return Buffer.concat([header(sectorShift, [0], 1), fat, directory]);
}

/**
 * A compound file of 110 FAT sectors, the 110th listed in a DIFAT sector (the
 * header holds 109), with the directory in a sector only that one maps:
 * as large files are (over 7 MB with 512-byte sectors).
 */
export function compoundFileWithDifat(entries: readonly CompoundEntry[]): Buffer {
  const directorySector = 109 * 128 + 5;
  const sectors = directorySector + 1;
  const file = Buffer.alloc((sectors + 1) * 512);
  // Sector 0 stands for the first 109 FAT sectors (all free); sector 1 is the 110th; sector 2 the DIFAT.
  header(9, new Array<number>(109).fill(0), directorySector, 2, 1, 110).copy(file, 0);
  const sector = (n: number) => (n + 1) * 512;
  file.fill(0xff, sector(0), sector(0) + 512);
  file.fill(0xff, sector(1), sector(1) + 512);
  file.writeUInt32LE(END_OF_CHAIN, sector(1) + (directorySector % 128) * 4);
  file.fill(0xff, sector(2), sector(2) + 512);
  file.writeUInt32LE(1, sector(2));
  file.writeUInt32LE(END_OF_CHAIN, sector(2) + 127 * 4);
  [directoryEntry("Root Entry", 5), ...entries.map((e) => directoryEntry(e.name, e.type))].forEach((e, i) => e.copy(file, sector(directorySector) + i * 128));
  return file;
}

const stream = (name: string): CompoundEntry => ({ name, type: 2 });
const storage = (name: string): CompoundEntry => ({ name, type: 1 });

/** What Excel writes for a workbook saved with a password ([MS-OFFCRYPTO] 2.3.4). */
export const ENCRYPTED_ENTRIES: readonly CompoundEntry[] = [storage("\u0006DataSpaces"), stream("EncryptionInfo"), stream("EncryptedPackage")];
/** What Excel 97–2003 writes. */
export const XLS_ENTRIES: readonly CompoundEntry[] = [stream("Workbook"), stream("\u0005SummaryInformation"), stream("\u0005DocumentSummaryInformation")];
/** What Word 97–2003 writes (a compound file that is no workbook). */
export const DOC_ENTRIES: readonly CompoundEntry[] = [stream("WordDocument"), stream("1Table"), stream("\u0005SummaryInformation")];

const xml = (s: string) => Buffer.from(s, "utf8");
const CONTENT_TYPES = xml('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

export function zipOf(entries: Record<string, string | Buffer>): Buffer {
  return writeZip(new Map(Object.entries(entries).map(([k, v]) => [k, typeof v === "string" ? xml(v) : v])));
}

export const XLSM = zipOf({ "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": "<Relationships/>", "xl/workbook.xml": "<workbook/>", "xl/vbaProject.bin": Buffer.from([0xd0, 0xcf]) });
export const XLSB = zipOf({ "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": "<Relationships/>", "xl/workbook.bin": Buffer.from([0x83, 0x01]) });
export const DOCX = zipOf({ "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": "<Relationships/>", "word/document.xml": "<w:document/>" });
/** OpenDocument puts `mimetype` first, stored uncompressed, so that its bytes can be read in place. */
export const ODS = zipOf({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "META-INF/manifest.xml": "<manifest/>", "content.xml": "<office:document-content/>" });
export const ODT = zipOf({ mimetype: "application/vnd.oasis.opendocument.text", "META-INF/manifest.xml": "<manifest/>", "content.xml": "<office:document-content/>" });
export const PLAIN_ZIP = zipOf({ "readme.txt": "hello", "data/plant.csv": "Item;Qty\n" });

/** The same zip with a zip64 end record and locator, and the classic end record's fields set to "see zip64". */
export function zip64Of(zip: Buffer): Buffer {
  const end = zip.length - 22;
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(end), 8);
  locator.writeUInt32LE(1, 16);
  const classic = Buffer.from(zip.subarray(end));
  classic.writeUInt16LE(0xffff, 8);
  classic.writeUInt16LE(0xffff, 10);
  classic.writeUInt32LE(0xffffffff, 12);
  classic.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([zip.subarray(0, end), record, locator, classic]);
}

/** The zip with a comment after its end record, as some tools add. */
export function withComment(zip: Buffer, comment: string): Buffer {
  const text = Buffer.from(comment, "latin1");
  const out = Buffer.concat([zip, text]);
  out.writeUInt16LE(text.length, zip.length - 22 + 20);
  return out;
}
