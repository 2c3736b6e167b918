/**
 * The zip container of an .xlsx package: its central directory read once, each
 * entry's stored bytes reachable as they are (so a part we do not own is
 * written back with the very bytes it came with, never recompressed), and the
 * entries we do read inflated by fflate, streamed and capped.
 *
 * fflate inflates and writes zips but gives no access to an entry's stored
 * bytes; the central directory is read here for that (APPNOTE.TXT 4.3).
 */
import { Inflate, Zip, ZipDeflate } from "fflate";
import type { ZipInputFile } from "fflate";
import { PackageError } from "./errors";

/** What one part may inflate to, and what all the parts read from one file may inflate to together. */
export const INFLATE_LIMITS = { partBytes: 1024 * 1024 * 1024, fileBytes: 2 * 1024 * 1024 * 1024 } as const;
/** The most a part read whole as text may take unpacked (an index part: content types, workbook, relationships, styles, tables). */
export const TEXT_PART_BYTES = 256 * 1024 * 1024;

export interface ZipEntry {
  /** The entry's name as stored ("xl/worksheets/sheet1.xml"). */
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  /** The size it says it inflates to; checked while inflating. */
  size: number;
  localOffset: number;
  flags: number;
  /** Its MS-DOS modification time and date, as stored: a kept part keeps them. */
  dosTime?: number;
  dosDate?: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;

const u16 = (b: Uint8Array, p: number): number => b[p] | (b[p + 1] << 8);
const u32 = (b: Uint8Array, p: number): number => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;

const utf8 = new TextDecoder("utf-8");

/** The first bytes of a zip file ("PK\x03\x04", or an empty zip's "PK\x05\x06"). */
export function looksLikeZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5) && (data[3] === 4 || data[3] === 6);
}

/**
 * Inflate and deflate from elsewhere than fflate: Node's zlib is native and
 * several times faster (node-codec.ts); the browser has fflate only. Either
 * may be left out.
 */
export interface ZipCodec {
  /** Inflates raw deflate data, handing out its chunks in order; rejects on damaged data or when `onChunk` throws. */
  inflate?(stored: Uint8Array, onChunk: (chunk: Uint8Array) => void): Promise<void>;
  /** Raw deflate of `content`, with its CRC-32. */
  deflate?(content: Uint8Array): { stored: Uint8Array; crc: number };
  /**
   * A part deflated as its content is made, off the main thread where the
   * host can (Node's zlib works on its thread pool): the writer hands over
   * each piece and lets the host run now and then, so a sheet is deflated
   * while the next rows are written, and its whole text is never held.
   */
  deflater?(): PartDeflater;
}

/** A part being deflated piece by piece. */
export interface PartDeflater {
  /**
   * Takes the next piece. A deflater that can tell when it has read a piece
   * through calls `done` then, and the writer may fill the piece's buffer
   * again; one that cannot (a piece handed to another thread) never calls it.
   */
  write(piece: Uint8Array, done?: () => void): void;
  /** Every piece written: the part's stored bytes, CRC-32 and size. */
  end(): Promise<DeflatedPart>;
}

/** A part's content already deflated: what a zip entry needs of it. */
export interface DeflatedPart {
  stored: readonly Uint8Array[];
  crc: number;
  /** Bytes before deflating. */
  size: number;
}

/** A zip archive held in memory, read by its central directory. */
export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  /**
   * Bytes inflated from this archive, against INFLATE_LIMITS.fileBytes: each
   * part counted once, as far as it was ever read (a part read twice, or only
   * its first rows, is not charged twice or in full).
   */
  private inflated = 0;
  private readonly charged = new Map<ZipEntry, number>();

  constructor(
    readonly data: Uint8Array,
    readonly codec: ZipCodec = {},
  ) {
    this.entries = readCentralDirectory(data);
    // Part names are case-insensitive (ECMA-376 part 2, 9.1.1.1) and unique: of a part in the file twice, which one is
    // the workbook's is anyone's guess (one reader takes the first, another the last), so such a file is refused.
    for (const e of this.entries) {
      const key = e.name.toLowerCase();
      if (this.byName.has(key)) throw new PackageError("duplicatePart", { part: e.name });
      this.byName.set(key, e);
    }
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The entry's stored (compressed) bytes, as they are in the file. */
  stored(entry: ZipEntry): Uint8Array {
    const p = entry.localOffset;
    if (p + 30 > this.data.length || u32(this.data, p) !== SIG_LOCAL) throw new PackageError("damaged", { part: entry.name });
    const start = p + 30 + u16(this.data, p + 26) + u16(this.data, p + 28);
    const end = start + entry.compressedSize;
    if (end > this.data.length) throw new PackageError("damaged", { part: entry.name });
    return this.data.subarray(start, end);
  }

  /**
   * Inflates an entry chunk by chunk, handing each to `onChunk`. Refuses, before
   * spending the memory, a part that says or turns out to be larger than `limit`
   * (a part's limit, or less), or the file larger than its limit.
   */
  async inflate(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void, limit = INFLATE_LIMITS.partBytes): Promise<void> {
    // A part that says it is too large is refused before anything is inflated; the file's total is counted as parts are read.
    if (entry.size > limit) throw new PackageError("partTooLarge", { part: entry.name, limit });
    const stored = this.stored(entry);
    if (entry.method === 0) {
      this.count(entry, stored.length, limit);
      onChunk(stored);
      return;
    }
    if (entry.method !== 8) throw new PackageError("unsupportedCompression", { part: entry.name });
    let produced = 0;
    let failure: unknown;
    const take = (chunk: Uint8Array) => {
      if (failure) return;
      try {
        produced += chunk.length;
        this.count(entry, produced, limit);
        onChunk(chunk);
      } catch (e) {
        failure = e;
        throw e;
      }
    };
    try {
      if (this.codec.inflate) await this.codec.inflate(stored, take);
      else await inflateWithFflate(stored, take, () => failure !== undefined);
    } catch (e) {
      // What the reader threw (or the limits) goes on as it is; anything else is damaged data.
      if (failure) throw failure;
      if (e instanceof PackageError) throw e;
      throw new PackageError("damaged", { part: entry.name });
    }
    if (failure) throw failure;
  }

  /** The whole entry inflated into one array; refused past `limit` bytes. */
  async read(entry: ZipEntry, limit = INFLATE_LIMITS.partBytes): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let length = 0;
    await this.inflate(
      entry,
      (c) => {
        length += c.length;
        chunks.push(c);
      },
      limit,
    );
    return concat(chunks, length);
  }

  /**
   * The entry as text (a leading byte-order mark dropped): the package's index
   * parts (content types, workbook, relationships, styles, tables), read whole.
   * UTF-8, or UTF-16 where a byte-order mark says so (OPC allows both); the
   * text says UTF-8 in its declaration then, as it is written back in UTF-8.
   * Refused past TEXT_PART_BYTES, below the longest string JavaScript makes (a
   * 600 MB styles part crashed there).
   */
  async text(entry: ZipEntry): Promise<string> {
    const bytes = await this.read(entry, TEXT_PART_BYTES);
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : undefined;
    if (utf16 === undefined) return utf8.decode(bytes);
    return new TextDecoder(utf16).decode(bytes).replace(/^(<\?xml\b[^>]*?\bencoding\s*=\s*["'])UTF-16(?:LE|BE)?(["'])/i, "$1UTF-8$2");
  }

  /** Counts a part read up to `partSoFar` bytes against its `limit` and the file's. */
  private count(entry: ZipEntry, partSoFar: number, limit: number): void {
    if (partSoFar > limit) throw new PackageError("partTooLarge", { part: entry.name, limit });
    const before = this.charged.get(entry) ?? 0;
    if (partSoFar <= before) return;
    this.charged.set(entry, partSoFar);
    this.inflated += partSoFar - before;
    if (this.inflated > INFLATE_LIMITS.fileBytes) throw new PackageError("fileTooLarge", { limit: INFLATE_LIMITS.fileBytes });
  }
}

/**
 * Lets the host run between slices of work: a page paints and takes input, a
 * worker hears its messages. A macrotask, not a resolved promise, which would
 * run before anything else could.
 */
export function yieldToHost(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** fflate's streaming inflate, in slices, letting the host run in between. */
async function inflateWithFflate(stored: Uint8Array, onChunk: (chunk: Uint8Array) => void, stopped: () => boolean): Promise<void> {
  let failure: unknown;
  const inflater = new Inflate((chunk) => {
    if (failure) return;
    try {
      onChunk(chunk);
    } catch (e) {
      failure = e;
    }
  });
  // 128 kB of deflated XML is about 1 MB of text: a slice inflated and read stays far under the 50 ms of a long task.
  const STEP = 1 << 17;
  for (let p = 0; p < stored.length && !failure && !stopped(); p += STEP) {
    inflater.push(stored.subarray(p, Math.min(stored.length, p + STEP)), p + STEP >= stored.length);
    if (p + STEP < stored.length) await yieldToHost();
  }
  if (stored.length === 0) inflater.push(new Uint8Array(0), true);
  if (failure) throw failure;
}

function readCentralDirectory(data: Uint8Array): ZipEntry[] {
  // The end-of-central-directory record sits in the last 22 + 65,535 bytes (its comment may run up to 64 kB).
  let eocd = -1;
  for (let p = data.length - 22; p >= Math.max(0, data.length - 22 - 0xffff); p--) {
    if (u32(data, p) === SIG_EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new PackageError("notZip", {});
  if (eocd >= 20 && u32(data, eocd - 20) === SIG_ZIP64_LOCATOR) throw new PackageError("zip64", {});
  const count = u16(data, eocd + 10);
  let p = u32(data, eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || u32(data, p) !== SIG_CENTRAL) throw new PackageError("damaged", {});
    const flags = u16(data, p + 8);
    if (flags & 1) throw new PackageError("encryptedZip", {});
    const nameLength = u16(data, p + 28);
    const extraLength = u16(data, p + 30);
    const commentLength = u16(data, p + 32);
    entries.push({
      name: utf8.decode(data.subarray(p + 46, p + 46 + nameLength)),
      method: u16(data, p + 10),
      crc: u32(data, p + 16),
      compressedSize: u32(data, p + 20),
      size: u32(data, p + 24),
      localOffset: u32(data, p + 42),
      flags,
      dosTime: u16(data, p + 12),
      dosDate: u16(data, p + 14),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry of a zip to write: a part kept with its stored bytes, or new content to deflate. */
export type ZipOutput = { name: string; kept: { archive: ZipArchive; entry: ZipEntry } } | { name: string; content: Uint8Array } | { name: string; deflated: DeflatedPart };

/** The most entries a zip holds without zip64, which Backflush does not write. */
export const MAX_ZIP_ENTRIES = 0xffff;

/**
 * Writes a zip: kept entries go in with their stored bytes, CRC and sizes as
 * they were; new content is deflated. `onProgress` hears the share done (0–1).
 */
export async function writeZip(outputs: readonly ZipOutput[], codec: ZipCodec = {}, onProgress?: (share: number) => void): Promise<Uint8Array> {
  // Past it the entry count wraps around (65,564 written as 28), and the package could not be read again.
  if (outputs.length > MAX_ZIP_ENTRIES) throw new PackageError("tooManyParts", { count: outputs.length });
  const chunks: Uint8Array[] = [];
  let length = 0;
  let failure: Error | null = null;
  let finished = false;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else {
      chunks.push(chunk);
      length += chunk.length;
      if (final) finished = true;
    }
  });
  const total = outputs.reduce((n, o) => n + ("kept" in o ? o.kept.entry.compressedSize : "deflated" in o ? o.deflated.size : o.content.length), 0) || 1;
  let done = 0;
  for (const o of outputs) {
    if ("kept" in o) {
      const stored = o.kept.archive.stored(o.kept.entry);
      const file = new KeptEntry(o.name, o.kept.entry);
      zip.add(file);
      file.push(stored);
      done += stored.length;
    } else if ("deflated" in o) {
      const file = new KeptEntry(o.name, { method: 8, crc: o.deflated.crc, size: o.deflated.size });
      zip.add(file);
      const pieces = o.deflated.stored;
      if (pieces.length === 0) file.push(new Uint8Array(0));
      pieces.forEach((piece, i) => file.push(piece, i === pieces.length - 1));
      done += o.deflated.size;
    } else if (codec.deflate) {
      const { stored, crc } = codec.deflate(o.content);
      const file = new KeptEntry(o.name, { method: 8, crc, size: o.content.length });
      zip.add(file);
      file.push(stored);
      done += o.content.length;
    } else {
      const file = new ZipDeflate(o.name, { level: 6 });
      file.mtime = timeOfEntry({});
      zip.add(file);
      const STEP = 1 << 20;
      for (let p = 0; p < o.content.length || p === 0; p += STEP) {
        file.push(o.content.subarray(p, Math.min(o.content.length, p + STEP)), p + STEP >= o.content.length);
        if (o.content.length > STEP) await Promise.resolve();
        if (o.content.length === 0) break;
      }
      done += o.content.length;
    }
    onProgress?.(done / total);
  }
  zip.end();
  if (failure) throw failure;
  if (!finished) throw new Error("the zip writer did not finish");
  return concat(chunks, length);
}

/** Chunks of bytes as one array (the one chunk itself when there is one). */
export function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/**
 * The time a part is stamped with: a kept part's own (its header comes back as
 * it was), a new one Excel's 1980-01-01, so that the same workbook and run give
 * the same bytes whatever the clock (a run two seconds later differed).
 */
function timeOfEntry(entry: Pick<ZipEntry, "dosTime" | "dosDate">): Date {
  const newPart = () => new Date(1980, 0, 1);
  const { dosTime, dosDate } = entry;
  if (dosTime === undefined || dosDate === undefined) return newPart();
  const month = (dosDate >> 5) & 15;
  const day = dosDate & 31;
  // An impossible date (month or day 0, as some writers leave) is stamped as a new part is.
  if (month < 1 || month > 12 || day < 1) return newPart();
  const [year, hour, minute, second] = [1980 + (dosDate >> 9), dosTime >> 11, (dosTime >> 5) & 63, (dosTime & 31) * 2];
  const d = new Date(year, month - 1, day, hour, minute, second);
  // What the writer cannot stamp (past 2099, which the format allows and fflate refuses) or would not stamp back the same
  // (an hour, minute or second out of range; a local time in a daylight-saving gap): stamped as a new part is.
  const same = d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === day && d.getHours() === hour && d.getMinutes() === minute && d.getSeconds() === second;
  return same && year <= 2099 ? d : newPart();
}

/** A zip entry written with stored bytes already made: those it had in the source file, or deflated by a codec. */
class KeptEntry implements ZipInputFile {
  readonly size: number;
  readonly crc: number;
  readonly compression: number;
  readonly mtime: Date;
  ondata?: ZipInputFile["ondata"];

  constructor(
    readonly filename: string,
    entry: Pick<ZipEntry, "method" | "crc" | "size" | "dosTime" | "dosDate">,
  ) {
    this.size = entry.size;
    this.crc = entry.crc;
    this.compression = entry.method;
    this.mtime = timeOfEntry(entry);
  }

  push(stored: Uint8Array, final = true): void {
    this.ondata?.(null, stored as Uint8Array<ArrayBuffer>, final);
  }
}
