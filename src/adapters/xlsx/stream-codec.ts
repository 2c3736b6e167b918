/**
 * The platform's own deflate as the package's codec where there is no Node
 * zlib: CompressionStream and DecompressionStream ("deflate-raw"), native in
 * Chromium's workers, several times faster than fflate, which does the same in
 * JavaScript. Where they are missing, the package falls back to fflate.
 */
import type { DeflatedPart, PartDeflater, ZipCodec } from "./zip";

/** The codec, or undefined where the platform lacks raw deflate streams. */
export function streamCodec(): ZipCodec | undefined {
  if (typeof CompressionStream !== "function" || typeof DecompressionStream !== "function") return undefined;
  try {
    new CompressionStream("deflate-raw");
    new DecompressionStream("deflate-raw");
  } catch {
    return undefined;
  }
  return { inflate, deflater };
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

function deflater(): PartDeflater {
  const stream = new CompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const stored: Uint8Array[] = [];
  let crc = CRC_START;
  let size = 0;
  let failure: unknown;
  const reading = (async () => {
    const reader = stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      stored.push(value);
    }
  })();
  return {
    write(piece) {
      crc = crc32Update(crc, piece);
      size += piece.length;
      writer.write(piece as Uint8Array<ArrayBuffer>).catch((e: unknown) => (failure ??= e));
    },
    async end(): Promise<DeflatedPart> {
      await writer.close();
      await reading;
      if (failure) throw failure;
      return { stored, crc: (crc ^ CRC_START) >>> 0, size };
    },
  };
}

// CRC-32 as zip uses it (ISO 3309, reflected polynomial 0xEDB88320), a byte at a time through a table.
const CRC_START = 0xffffffff;
const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** The running CRC (started at CRC_START, finished by xor with it) carried over `bytes`. */
export function crc32Update(crc: number, bytes: Uint8Array): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return c;
}

/** The CRC-32 of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  return (crc32Update(CRC_START, bytes) ^ CRC_START) >>> 0;
}
