/**
 * The platform's own deflate as the package's codec where there is no Node
 * zlib: CompressionStream and DecompressionStream ("deflate-raw"), native in
 * Chromium's workers, several times faster than fflate, which does the same in
 * JavaScript. Where they are missing, the package falls back to fflate.
 */
import { AsyncGzip, gzipSync } from "fflate";
import type { DeflatedPart, PartDeflater, ZipCodec } from "./zip";
import { concat } from "./zip";

/**
 * The codec, or undefined where the platform lacks raw deflate streams.
 * `offThread`: deflate on a thread of its own (fflate's worker, at its fastest
 * level) instead of through CompressionStream, which deflates on the calling
 * thread at zlib's default level: in the engine worker that was as long again
 * as writing a journal's XML, where a second thread deflates it alongside
 * (the default where the platform has Web Workers).
 */
export function streamCodec(offThread = canStartBlobWorkers()): ZipCodec | undefined {
  if (typeof CompressionStream !== "function" || typeof DecompressionStream !== "function") return undefined;
  try {
    new CompressionStream("gzip");
    new DecompressionStream("deflate-raw");
  } catch {
    return undefined;
  }
  return { inflate, deflater: offThread ? workerDeflater : deflater };
}

/**
 * Whether this context may start a worker from a blob: URL, as fflate does: a
 * Content-Security-Policy without `worker-src blob:` refuses it at once, and
 * the codec then deflates through CompressionStream instead.
 */
function canStartBlobWorkers(): boolean {
  if (typeof Worker !== "function" || typeof URL.createObjectURL !== "function") return false;
  const url = URL.createObjectURL(new Blob([""], { type: "text/javascript" }));
  try {
    new Worker(url).terminate();
    return true;
  } catch {
    return false;
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function inflate(stored: Uint8Array, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const reader = new Blob([stored as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onChunk(value);
    }
  } catch (e) {
    // Stop inflating what nobody will read (the limits, or the reader, said no).
    await reader.cancel().catch(() => undefined);
    throw e;
  }
}

/**
 * Deflates through a gzip stream rather than a raw one: gzip's trailer carries
 * the CRC-32 and size a zip entry needs, computed natively; CRC-32 in
 * JavaScript cost as much as a sixth of writing. The raw deflate data is what
 * lies between gzip's 10-byte header (no optional fields: its flags byte is 0)
 * and its 8-byte trailer.
 */
function deflater(): PartDeflater {
  const stream = new CompressionStream("gzip");
  const writer = stream.writable.getWriter();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let failure: unknown;
  const reading = (async () => {
    const reader = stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      chunks.push(value);
    }
  })();
  return {
    write(piece) {
      size += piece.length;
      writer.write(piece as Uint8Array<ArrayBuffer>).catch((e: unknown) => (failure ??= e));
    },
    async end(): Promise<DeflatedPart> {
      await writer.close();
      await reading;
      if (failure) throw failure;
      return rawOfGzip(chunks, size);
    },
  };
}

/**
 * A part deflated by fflate: in a worker of its own once it passes
 * `threshold` bytes (its pieces handed over, not copied), else here, at once.
 * Most parts are small, and starting a worker for each cost more than
 * deflating them; a journal's XML is deflated alongside its writing.
 */
export function workerDeflater(threshold = WORKER_THRESHOLD): PartDeflater {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let held: Uint8Array[] = [];
  let gzip: AsyncGzip | undefined;
  let settle: { resolve: (part: DeflatedPart) => void; reject: (e: unknown) => void } | undefined;
  let outcome: { part?: DeflatedPart; error?: unknown } | undefined;
  const finish = (s: NonNullable<typeof settle>) => (outcome!.error !== undefined ? s.reject(outcome!.error) : s.resolve(outcome!.part!));
  const start = (): AsyncGzip =>
    new AsyncGzip({ level: 1 }, (error, data, final) => {
      if (outcome) return;
      if (error) outcome = { error };
      else {
        chunks.push(data);
        if (!final) return;
        try {
          outcome = { part: rawOfGzip(chunks, size) };
        } catch (e) {
          outcome = { error: e };
        }
      }
      if (settle) finish(settle);
    });
  return {
    write(piece) {
      size += piece.length;
      if (gzip) return gzip.push(piece);
      held.push(piece);
      if (size < threshold) return;
      gzip = start();
      for (const p of held) gzip.push(p);
      held = [];
    },
    end(): Promise<DeflatedPart> {
      if (!gzip) {
        try {
          return Promise.resolve(rawOfGzip([gzipSync(concat(held, size), { level: 1 })], size));
        } catch (e) {
          return Promise.reject(e);
        }
      }
      gzip.push(new Uint8Array(0), true);
      return new Promise((resolve, reject) => {
        settle = { resolve, reject };
        if (outcome) finish(settle);
      });
    },
  };
}

/** Parts up to this size are deflated on the spot; larger ones in a worker of their own. */
const WORKER_THRESHOLD = 1 << 20;

const GZIP_HEADER = 10;
const GZIP_TRAILER = 8;

/** The raw deflate data, CRC-32 and size inside a gzip member given in chunks (split anywhere); Node's codec deflates through gzip too. */
export function rawOfGzip(chunks: readonly Uint8Array[], size: number): DeflatedPart {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const byteAt = (at: number): number => {
    for (const c of chunks) {
      if (at < c.length) return c[at];
      at -= c.length;
    }
    throw new Error("gzip data cut short");
  };
  if (total < GZIP_HEADER + GZIP_TRAILER || byteAt(0) !== 0x1f || byteAt(1) !== 0x8b || byteAt(3) !== 0) throw new Error("unexpected gzip header");
  const end = total - GZIP_TRAILER;
  const crc = (byteAt(end) | (byteAt(end + 1) << 8) | (byteAt(end + 2) << 16) | (byteAt(end + 3) << 24)) >>> 0;
  const isize = (byteAt(end + 4) | (byteAt(end + 5) << 8) | (byteAt(end + 6) << 16) | (byteAt(end + 7) << 24)) >>> 0;
  // gzip keeps the size modulo 2^32; a part is capped far below that.
  if (isize !== size % 2 ** 32) throw new Error("gzip size differs from the bytes written");
  const stored: Uint8Array[] = [];
  let at = 0;
  for (const c of chunks) {
    const from = Math.max(GZIP_HEADER - at, 0);
    const to = Math.min(end - at, c.length);
    if (to > from) stored.push(from === 0 && to === c.length ? c : c.subarray(from, to));
    at += c.length;
  }
  return { stored, crc, size };
}
