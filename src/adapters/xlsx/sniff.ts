/**
 * What kind of file this is, from its bytes alone, so that a file that is not
 * an .xlsx workbook is named in plain words ("password-protected", "an Excel
 * 97–2003 .xls") instead of being handed to a reader whose own error text
 * would reach the user. Pure: it reads through a ByteSource, which the caller
 * backs with a file (a few small reads: the start, a zip's central directory
 * at the end, a compound file's directory) or with bytes already in memory.
 *
 * The formats, as far as they are needed here:
 * - zip (ECMA-376 Part 2 packages, OpenDocument): local headers start with
 *   "PK\3\4"; the end-of-central-directory record, within the last 64 KiB,
 *   points to the central directory, which lists every entry's name.
 * - OLE compound file ([MS-CFB]), used by .xls and by password-protected
 *   workbooks ([MS-OFFCRYPTO]: streams EncryptionInfo and EncryptedPackage):
 *   a 512-byte header, a FAT of sector chains, and a directory of 128-byte entries.
 */

/** What a file is, as far as Backflush tells. */
export type FileKind =
  /** An Office Open XML workbook (.xlsx), or one with macros (.xlsm). */
  | "xlsx"
  | "xlsm"
  /** An Excel binary workbook (.xlsb): a package whose workbook part is binary. */
  | "xlsb"
  /** A password-protected (encrypted) Office file: a compound file holding EncryptionInfo and EncryptedPackage. */
  | "encrypted"
  /** An Excel 97–2003 workbook: a compound file holding a Workbook (or, older, Book) stream. */
  | "xls"
  /** An OpenDocument spreadsheet (.ods, .ots). */
  | "ods"
  /** Text, such as .csv or .txt (or HTML or XML saved with a spreadsheet's name). */
  | "text"
  /** A zip archive that is not a workbook. */
  | "zip"
  /** No bytes at all. */
  | "empty"
  /** Begins as a zip or a compound file, but its structure cannot be read (a cut-off download, say). */
  | "damaged"
  /** Anything else. */
  | "unknown";

/** Random access to a file's bytes; `bytes` may return fewer than asked at the end. */
export interface ByteSource {
  readonly size: number;
  bytes(offset: number, length: number): Uint8Array;
}

/** A ByteSource over bytes in memory. */
export function bytesSource(data: Uint8Array): ByteSource {
  return { size: data.length, bytes: (offset, length) => data.subarray(offset, offset + length) };
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const ZIP_CENTRAL = 0x02014b50;
const ODS_MIMETYPES = new Set(["application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet-template"]);
/** How much of the start is looked at to tell text from binary. */
const TEXT_PROBE = 8192;

/** A structure that is not what its format says: the file is damaged. */
class Damaged extends Error {}

/** Little-endian reads with bounds checked: reading past the data means damage. */
function reader(data: Uint8Array) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const check = (at: number, n: number) => {
    if (at < 0 || at + n > data.length) throw new Damaged();
  };
  return {
    u16: (at: number) => (check(at, 2), view.getUint16(at, true)),
    u32: (at: number) => (check(at, 4), view.getUint32(at, true)),
    u64: (at: number) => {
      check(at, 8);
      const v = view.getBigUint64(at, true);
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Damaged();
      return Number(v);
    },
    slice: (at: number, n: number) => (check(at, n), data.subarray(at, at + n)),
  };
}

function startsWith(data: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => data[i] === b);
}

/** What a file held whole in memory is (an .xlsx workbook, or an .xls, .ods, .csv, a password-protected file, …), before any reader sees it. */
export function fileKindOf(bytes: ArrayBuffer | Uint8Array): FileKind {
  return sniffFileKind(bytesSource(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
}

/** Says what kind of file the source holds. Never throws for any bytes; only the source's own reads may. */
export function sniffFileKind(source: ByteSource): FileKind {
  if (source.size === 0) return "empty";
  const head = source.bytes(0, Math.min(source.size, TEXT_PROBE));
  try {
    if (startsWith(head, OLE_SIGNATURE)) return compoundFileKind(source);
    if (head.length >= 4 && reader(head).u32(0) === ZIP_LOCAL) return zipKind(source);
    // An empty zip is the end record alone.
    if (head.length >= 4 && reader(head).u32(0) === ZIP_END) return "zip";
  } catch (e) {
    if (e instanceof Damaged) return "damaged";
    throw e;
  }
  return isText(head) ? "text" : "unknown";
}

/**
 * Text has no NUL and no control characters but tab, line ends, form feed
 * and the old end-of-file mark; UTF-16 text (which has NULs) is told by its BOM.
 * Bytes of 0x80 and up are allowed, so Windows-1252 files saved as CSV count too.
 */
function isText(head: Uint8Array): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  for (const b of head) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The entries listed in a zip's central directory. */
function zipEntries(source: ByteSource): ZipEntry[] {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const tailStart = Math.max(0, source.size - (22 + 0xffff));
  const tail = source.bytes(tailStart, source.size - tailStart);
  const t = reader(tail);
  let end = tail.length - 22;
  while (end >= 0 && !(tail[end] === 0x50 && t.u32(end) === ZIP_END)) end--;
  if (end < 0) throw new Damaged();
  let count = t.u16(end + 10);
  let size = t.u32(end + 12);
  let offset = t.u32(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    // Zip64: a locator just before the end record points to the zip64 end record.
    if (t.u32(end - 20) !== ZIP64_LOCATOR) throw new Damaged();
    const at = t.u64(end - 20 + 8);
    const record = reader(source.bytes(at, 56));
    if (record.u32(0) !== ZIP64_END) throw new Damaged();
    count = record.u64(32);
    size = record.u64(40);
    offset = record.u64(48);
  }
  if (offset + size > source.size) throw new Damaged();
  const directory = reader(source.bytes(offset, size));
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (directory.u32(p) !== ZIP_CENTRAL) throw new Damaged();
    const nameLength = directory.u16(p + 28);
    entries.push({
      name: decoder.decode(directory.slice(p + 46, nameLength)),
      method: directory.u16(p + 10),
      compressedSize: directory.u32(p + 20),
      localOffset: directory.u32(p + 42),
    });
    p += 46 + nameLength + directory.u16(p + 30) + directory.u16(p + 32);
  }
  return entries;
}

/** The contents of an entry stored without compression (OpenDocument's mimetype always is). */
function storedContent(source: ByteSource, entry: ZipEntry): Uint8Array | undefined {
  if (entry.method !== 0 || entry.compressedSize > 1024) return undefined;
  const local = reader(source.bytes(entry.localOffset, 30));
  if (local.u32(0) !== ZIP_LOCAL) throw new Damaged();
  const start = entry.localOffset + 30 + local.u16(26) + local.u16(28);
  return source.bytes(start, entry.compressedSize);
}

function zipKind(source: ByteSource): FileKind {
  const entries = zipEntries(source);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (names.has("[content_types].xml")) {
    if (names.has("xl/workbook.bin")) return "xlsb";
    if (names.has("xl/workbook.xml")) return names.has("xl/vbaproject.bin") ? "xlsm" : "xlsx";
    // A workbook part elsewhere than xl/ is unusual but allowed: it is named by the package's relationships.
    if ([...names].some((n) => /(^|\/)workbook\d*\.xml$/.test(n) && !n.includes("_rels/"))) return "xlsx";
    return "zip";
  }
  const mimetype = entries.find((e) => e.name === "mimetype");
  if (mimetype) {
    const content = storedContent(source, mimetype);
    if (content && ODS_MIMETYPES.has(new TextDecoder().decode(content).trim())) return "ods";
  }
  return "zip";
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;

/** The names in a compound file's directory, read by following its FAT; damage throws Damaged. */
function compoundFileNames(source: ByteSource): Set<string> {
  const header = reader(source.bytes(0, 512));
  const shift = header.u16(0x1e);
  if (shift !== 9 && shift !== 12) throw new Damaged();
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorCount = Math.ceil(source.size / sectorSize);
  const sector = (n: number) => {
    if (n >= sectorCount) throw new Damaged();
    const data = source.bytes((n + 1) * sectorSize, sectorSize);
    if (data.length !== sectorSize) throw new Damaged();
    return reader(data);
  };
  // Where the FAT's sectors are: the first 109 in the header, the rest in a chain of DIFAT sectors.
  const fatCount = header.u32(0x2c);
  if (fatCount > sectorCount) throw new Damaged();
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(header.u32(0x4c + i * 4));
  for (let next = header.u32(0x44), hops = 0; fatSectors.length < fatCount && next !== END_OF_CHAIN && next !== FREE; hops++) {
    if (hops > sectorCount) throw new Damaged();
    const difat = sector(next);
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) fatSectors.push(difat.u32(i * 4));
    next = difat.u32((perSector - 1) * 4);
  }
  const nextSector = (n: number) => {
    const fatSector = fatSectors[Math.floor(n / perSector)];
    if (fatSector === undefined) throw new Damaged();
    return sector(fatSector).u32((n % perSector) * 4);
  };
  const names = new Set<string>();
  const decoder = new TextDecoder("utf-16le");
  for (let n = header.u32(0x30), hops = 0; n !== END_OF_CHAIN; n = nextSector(n), hops++) {
    if (hops > sectorCount) throw new Damaged();
    const dir = sector(n);
    for (let at = 0; at < sectorSize; at += 128) {
      const type = dir.slice(at + 66, 1)[0];
      const nameBytes = dir.u16(at + 64);
      // 1 storage, 2 stream, 5 root; 0 is an unused entry. The length counts the closing NUL.
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      names.add(decoder.decode(dir.slice(at, nameBytes - 2)));
    }
  }
  return names;
}

function compoundFileKind(source: ByteSource): FileKind {
  const names = compoundFileNames(source);
  if (names.has("EncryptionInfo") && names.has("EncryptedPackage")) return "encrypted";
  if (names.has("Workbook") || names.has("Book")) return "xls";
  return "unknown";
}
