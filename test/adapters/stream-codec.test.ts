/**
 * The browser worker's codec (CompressionStream / DecompressionStream) against
 * Node's zlib: the same CRC-32, parts it deflates that zlib inflates back, parts
 * zlib deflated that it inflates back, and the job's result the same either way.
 */
import { strict as assert } from "node:assert";
import { crc32 as zlibCrc32, deflateRawSync, gzipSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { loadXlsx, newXlsx, xlsxBytes } from "../../src/adapters/xlsx/bytes";
import { nodeCodec } from "../../src/adapters/xlsx/node-codec";
import { rawOfGzip, streamCodec, workerDeflater } from "../../src/adapters/xlsx/stream-codec";
import { ZipArchive } from "../../src/adapters/xlsx/zip";
import { generatePlant } from "../../src/sample";
import { runWorkbookJob } from "../../src/workbook/job";

const codec = streamCodec(false);
const offThread = streamCodec(true);
const fromFirstByteCodec = { ...offThread!, deflater: () => workerDeflater(0) };

describe("the stream codec (the browser worker's native deflate)", () => {
  it("exists where CompressionStream does (Node 20 and Chromium both have gzip and deflate-raw)", () => {
    assert.ok(codec?.inflate && codec.deflater);
  });

  it("takes the raw deflate data, CRC-32 and size out of a gzip member split anywhere", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
        const gz = gzipSync(bytes);
        const at = [...new Set(cuts.map((c) => c % (gz.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => gz.subarray(from, i < at.length ? at[i] : gz.length));
        const part = rawOfGzip(chunks, bytes.length);
        assert.equal(part.crc, zlibCrc32(bytes));
        assert.deepEqual(inflateRawSync(Buffer.concat(part.stored)), Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  const pastAFewBytes = { ...offThread!, deflater: () => workerDeflater(3000) };
  for (const [how, c] of [
    ["through CompressionStream", codec],
    ["by fflate here, a small part", offThread],
    ["in fflate's worker, from the first byte", fromFirstByteCodec],
    ["in fflate's worker once past 3,000 bytes", pastAFewBytes],
    ["by Node's zlib, through gzip", nodeCodec],
  ] as const) {
    it(`deflates, piece by piece, what zlib inflates back (${how}), and inflates what zlib deflated`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 5000 }), { maxLength: 8 }), async (pieces) => {
          const whole = Buffer.concat(pieces);
          const d = c!.deflater!();
          for (const p of pieces) d.write(p);
          const part = await d.end();
          assert.equal(part.size, whole.length);
          assert.equal(part.crc, zlibCrc32(whole));
          assert.deepEqual(inflateRawSync(Buffer.concat(part.stored)), whole);
          const back: Uint8Array[] = [];
          await c!.inflate!(deflateRawSync(whole), (chunk) => back.push(chunk));
          assert.deepEqual(Buffer.concat(back), whole);
        }),
        { numRuns: how.startsWith("in fflate's worker") ? 15 : 60 },
      );
    });
  }

  it("refuses damaged data", async () => {
    await assert.rejects(codec!.inflate!(new Uint8Array([0xff, 0xff, 0xff, 0x00, 0x12]), () => undefined));
  });

  it("stops when the reader throws (a limit reached), with the reader's error", async () => {
    const stored = deflateRawSync(Buffer.alloc(4 << 20, 65));
    let chunks = 0;
    await assert.rejects(
      codec!.inflate!(stored, () => {
        chunks++;
        throw new Error("enough");
      }),
      /enough/,
    );
    assert.equal(chunks, 1);
  });

  it("Node's codec inflates a part of many chunks in order, read a turn after zlib hands each over", async () => {
    // 6 MB that deflate well but not trivially: some 24 chunks of 256 KB, enough for the codec to hold zlib back while they wait.
    const whole = Buffer.alloc(6 << 20);
    for (let i = 0; i < whole.length; i++) whole[i] = 65 + ((i * 7919) % 251) % 26;
    const back: Uint8Array[] = [];
    await nodeCodec.inflate!(deflateRawSync(whole), (chunk) => {
      back.push(Buffer.from(chunk));
      // A slow reader: zlib runs ahead of it, as far as the codec lets it.
      const until = performance.now() + 2;
      while (performance.now() < until);
    });
    assert.ok(back.length > 8, `${back.length} chunks`);
    assert.ok(Buffer.concat(back).equals(whole));
  });

  it("Node's codec refuses damaged data and stops, with the reader's error, at the chunk where the reader throws", async () => {
    await assert.rejects(nodeCodec.inflate!(new Uint8Array([0xff, 0xff, 0xff, 0x00, 0x12]), () => undefined));
    const stored = deflateRawSync(Buffer.alloc(8 << 20, 65));
    let chunks = 0;
    await assert.rejects(
      nodeCodec.inflate!(stored, () => {
        chunks++;
        if (chunks === 3) throw new Error("enough");
      }),
      /enough/,
    );
    // Chunks zlib had already inflated are not handed over once the reader has said no.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(chunks, 3);
  });

  it("a part whose deflater fails fails the write with its error, and leaves no rejection unhandled", async () => {
    const book = await newXlsx();
    await book.writeInputTables(generatePlant({ completionRows: 60, salesRows: 20, purchaseRows: 10, materials: 8, assemblies: 4 }));
    let parts = 0;
    // The first part's deflater fails at its end.
    const failing = {
      ...nodeCodec,
      deflater: () => {
        const d = nodeCodec.deflater!();
        const first = ++parts === 1;
        return { write: d.write, end: () => (first ? d.end().then(() => Promise.reject(new Error("disk of the deflater gone"))) : d.end()) };
      },
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      const port = await loadXlsx(xlsxBytes(book), failing);
      await assert.rejects(runWorkbookJob(port, { now: new Date(Date.UTC(2026, 10, 30, 12)) }), /disk of the deflater gone/);
      assert.ok(parts >= 1, "no part was deflated");
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("writes a run's workbook whose every part equals the one Node's zlib writes", async () => {
    const book = await newXlsx();
    await book.writeInputTables(generatePlant({ completionRows: 400, salesRows: 80, purchaseRows: 40, materials: 30, assemblies: 12 }));
    const input = xlsxBytes(book);
    const now = new Date(Date.UTC(2026, 10, 30, 12));
    const outputs: ZipArchive[] = [];
    for (const c of [nodeCodec, codec!, offThread!, fromFirstByteCodec]) {
      const port = await loadXlsx(input, c);
      const outcome = await runWorkbookJob(port, { now });
      assert.ok(outcome.ok);
      outputs.push(new ZipArchive(xlsxBytes(port)));
    }
    const [viaZlib, ...others] = outputs;
    for (const other of others) {
      assert.deepEqual(
        other.entries.map((e) => e.name),
        viaZlib.entries.map((e) => e.name),
      );
      for (const e of viaZlib.entries) assert.deepEqual(await other.read(other.entry(e.name)!), await viaZlib.read(e), e.name);
    }
  });
});
