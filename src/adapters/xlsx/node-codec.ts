/**
 * Node's zlib as the package's codec (Node only): native inflate and deflate,
 * several times faster than fflate on a full sheet. The browser has its own
 * (stream-codec.ts).
 */
import { constants, crc32, createGzip, createInflateRaw, deflateRawSync } from "node:zlib";
import { rawOfGzip } from "./stream-codec";
import type { DeflatedPart, ZipCodec } from "./zip";

export const nodeCodec: ZipCodec = {
  inflate(stored, onChunk) {
    return new Promise<void>((resolve, reject) => {
      const inflater = createInflateRaw({ chunkSize: 1 << 18 });
      let settled = false;
      let ended = false;
      // Chunks are read on a later turn, not in the 'data' event: zlib asks its thread for the next chunk only once the
      // event returns, so reading there made inflating and reading take turns; queued, the next chunk inflates meanwhile.
      const queue: Buffer[] = [];
      let draining = false;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        inflater.destroy();
        reject(e);
      };
      const drain = () => {
        draining = false;
        while (!settled && queue.length > 0) {
          const chunk = queue.shift()!;
          if (queue.length < 2 && inflater.isPaused()) inflater.resume();
          try {
            onChunk(chunk);
          } catch (e) {
            fail(e);
          }
        }
        if (!settled && ended && queue.length === 0) {
          settled = true;
          resolve();
        }
      };
      const schedule = () => {
        if (draining) return;
        draining = true;
        setImmediate(drain);
      };
      inflater.on("data", (chunk: Buffer) => {
        if (settled) return;
        queue.push(chunk);
        // A few chunks ahead at most: zlib is held while they wait, so a part is never inflated whole into memory.
        if (queue.length >= 4) inflater.pause();
        schedule();
      });
      inflater.on("error", fail);
      inflater.on("end", () => {
        ended = true;
        schedule();
      });
      inflater.end(stored);
    });
  },
  deflate(content) {
    return { stored: deflateRawSync(content, { level: constants.Z_BEST_SPEED }), crc: crc32(content) };
  },
  /**
   * Deflates through a gzip stream, as the browser's codec does: gzip's
   * trailer carries the CRC-32, computed on zlib's thread pool with the
   * deflating, where computing it here for each piece held the main thread
   * (some 30–90 ms on a full journal).
   */
  deflater() {
    const deflate = createGzip({ level: constants.Z_BEST_SPEED, chunkSize: 1 << 18 });
    const chunks: Uint8Array[] = [];
    let size = 0;
    deflate.on("data", (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<DeflatedPart>((resolve, reject) => {
      deflate.on("error", reject);
      deflate.on("end", () => {
        try {
          resolve(rawOfGzip(chunks, size));
        } catch (e) {
          reject(e);
        }
      });
    });
    return {
      write(piece, done) {
        size += piece.length;
        // The stream calls back once zlib has read the piece through: its buffer may then be filled again.
        deflate.write(piece, done && (() => done()));
      },
      end() {
        deflate.end();
        return done;
      },
    };
  },
};
