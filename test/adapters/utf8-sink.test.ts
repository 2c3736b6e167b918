/**
 * The sheet writer's UTF-8 sink: whatever pieces it is given, of whatever
 * sizes (a few characters, around the half-megabyte buffer's bound, larger
 * than the buffer), it gives the very bytes the whole text encoded at once
 * would be, kept or handed to a deflater; a buffer the deflater has read
 * through is filled again, and none before.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Utf8Sink } from "../../src/adapters/xlsx/sheet-writer";
import type { DeflatedPart, PartDeflater } from "../../src/adapters/xlsx/zip";

/** A deflater that deflates nothing: it keeps what it is given as given (not copied, so a buffer the sink reused would show). */
class CollectingDeflater implements PartDeflater {
  readonly pieces: Uint8Array[] = [];
  write(piece: Uint8Array): void {
    this.pieces.push(piece);
  }
  async end(): Promise<DeflatedPart> {
    return { stored: this.pieces, crc: 0, size: this.pieces.reduce((n, p) => n + p.length, 0) };
  }
}

/**
 * A deflater that reads each piece a turn after it is given, as zlib's thread
 * pool does: it copies the piece when given, checks when it reads it that its
 * buffer still holds the same bytes, and then says it is done with it.
 */
class LateReader implements PartDeflater {
  readonly copies: Uint8Array[] = [];
  readonly buffers = new Set<ArrayBufferLike>();
  overwritten = 0;
  write(piece: Uint8Array, done?: () => void): void {
    const copy = piece.slice();
    this.copies.push(copy);
    this.buffers.add(piece.buffer);
    setImmediate(() => {
      if (!Buffer.from(piece).equals(copy)) this.overwritten++;
      done?.();
    });
  }
  async end(): Promise<DeflatedPart> {
    return { stored: this.copies, crc: 0, size: this.copies.reduce((n, p) => n + p.length, 0) };
  }
}

/** Pieces pushed into a sink as worksheetXml does: a turn for the host whenever a buffer has gone out. */
async function pushAll(sink: Utf8Sink, pieces: readonly string[]): Promise<void> {
  for (const piece of pieces) if (sink.push(piece)) await new Promise((resolve) => setImmediate(resolve));
}

const joined = (chunks: readonly Uint8Array[]): Uint8Array => Buffer.concat(chunks);

const codeUnits = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
/** One character of each kind the sheets can hold, and the ones UTF-8 encoding has to mend. */
const characterArb = fc.oneof(
  codeUnits(0x20, 0x7e), // ASCII: one byte
  codeUnits(0xa0, 0xff), // Latin-1: two bytes
  codeUnits(0x4e00, 0x9fff), // CJK: three bytes
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), // outside the BMP: a surrogate pair, four bytes
  fc.constant("\ufffd"),
  codeUnits(0xd800, 0xdbff), // a lone high surrogate: U+FFFD's three bytes
  codeUnits(0xdc00, 0xdfff), // a lone low surrogate
);

/**
 * A piece: a short run of characters repeated to a length in UTF-16 units (so
 * it may end halfway through a pair), short, around the length that fills the
 * 512 KiB buffer at three bytes a unit (174,762), or up to 450,000.
 */
const pieceArb = fc
  .tuple(
    fc.array(characterArb, { minLength: 1, maxLength: 12 }).map((cs) => cs.join("")),
    fc.oneof(fc.nat(80), fc.integer({ min: 170_000, max: 180_000 }), fc.nat(450_000)),
  )
  .map(([run, length]) => run.repeat(Math.ceil(length / run.length)).slice(0, length));

describe("sheet writer: the UTF-8 sink", () => {
  it("gives the bytes of the whole text encoded at once, for any pieces, kept or deflated", async () => {
    const encoder = new TextEncoder();
    await fc.assert(
      fc.asyncProperty(fc.array(pieceArb, { maxLength: 8 }), async (pieces) => {
        const expected = encoder.encode(pieces.join(""));
        const kept = new Utf8Sink();
        for (const piece of pieces) kept.push(piece);
        const keptBytes = await kept.finish();
        assert.ok(keptBytes instanceof Uint8Array);
        assert.ok(Buffer.from(keptBytes).equals(expected), "kept bytes differ");

        const deflater = new CollectingDeflater();
        const deflated = new Utf8Sink(deflater);
        for (const piece of pieces) deflated.push(piece);
        const part = await deflated.finish();
        assert.ok(!(part instanceof Uint8Array));
        assert.ok(Buffer.from(joined(part.stored)).equals(expected), "bytes given to the deflater differ");
        assert.equal(part.size, expected.length);
      }),
      { numRuns: 150 },
    );
  });

  it("fills a buffer again only once the deflater has read it through", async () => {
    const encoder = new TextEncoder();
    await fc.assert(
      fc.asyncProperty(fc.array(pieceArb, { maxLength: 8 }), async (pieces) => {
        const reader = new LateReader();
        const sink = new Utf8Sink(reader);
        await pushAll(sink, pieces);
        const part = await sink.finish();
        assert.ok(!(part instanceof Uint8Array));
        assert.ok(Buffer.from(joined(part.stored)).equals(encoder.encode(pieces.join(""))), "bytes given to the deflater differ");
        assert.equal(reader.overwritten, 0);
      }),
      { numRuns: 60 },
    );
  });

  it("reuses the buffers the deflater is done with", async () => {
    // 40 pieces of 100,000 ASCII units: 4 MB, some 8 buffers of 512 KiB gone out, each read a turn later and then free again.
    const reader = new LateReader();
    const sink = new Utf8Sink(reader);
    await pushAll(sink, Array.from({ length: 40 }, (_, i) => String.fromCharCode(65 + (i % 26)).repeat(100_000)));
    await sink.finish();
    assert.ok(reader.copies.length >= 7, `${reader.copies.length} pieces`);
    assert.ok(reader.buffers.size <= 3, `${reader.buffers.size} buffers for ${reader.copies.length} pieces`);
    assert.equal(reader.overwritten, 0);
  });

  it("says when a buffer has gone to the deflater, and only with one", () => {
    // 200,000 ASCII units fill more than the 512 KiB buffer's bound (200,000 × 3 > 524,288): the second piece sends the first on.
    const piece = "x".repeat(200_000);
    const withDeflater = new Utf8Sink(new CollectingDeflater());
    const without = new Utf8Sink();
    assert.deepEqual([withDeflater.push("<a/>"), withDeflater.push(piece)], [false, true]);
    assert.deepEqual([without.push("<a/>"), without.push(piece)], [false, false]);
  });
});
