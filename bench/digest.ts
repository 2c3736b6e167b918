/**
 * The identity guard for engine work: a digest of the whole BackflushResult
 * of the engine case's full-sheet plant, per trigger sequence. A change that
 * only makes the engine faster must leave every digest as docs/benchmark.md
 * lists it ("Identity guard").
 *
 *   node --expose-gc --max-old-space-size=4096 --import tsx bench/digest.ts [sequence …] [--rows N]
 *
 * Decimals are read as their values (toString: every significant digit, and
 * −0 reads as 0), dates as ISO text, everything else as JSON; the walk visits
 * every field of every journal line, Consumption line, balance, variance,
 * warning and standard in order.
 */
import { createHash, type Hash } from "node:crypto";
import { parseArgs } from "node:util";
import { TRIGGER_SEQUENCES, type BackflushResult, type TriggerSequence } from "../src/engine/types";
import { Dec } from "../src/engine/money";
import { generatePlantGrids } from "../src/sample";
import { costFromRanges } from "./engine";
import { FULL_SHEET_ROWS, asExcelValues, plantFor, tableRanges } from "./plants";

/** Feeds one value into the hash, in a form that tells every value and every structure apart. */
function feed(h: Hash, v: unknown, rowLists: WeakMap<readonly number[], string>): void {
  if (v === null || v === undefined) h.update(String(v));
  else if (typeof v !== "object") h.update(JSON.stringify(v));
  else if (v instanceof Dec) h.update(`D${v.toString()}`);
  else if (v instanceof Date) h.update(v.toISOString());
  else if (hasPlainForm(v)) feed(h, v.toJSON(), rowLists);
  else if (v instanceof Map) {
    h.update("M");
    for (const [k, x] of v) {
      feed(h, k, rowLists);
      feed(h, x, rowLists);
    }
  } else if (Array.isArray(v)) {
    if (v.length > 0 && typeof v[0] === "number") {
      // Row lists are shared by many lines (a day's rows by every material line): hashed once.
      let d = rowLists.get(v);
      if (d === undefined) rowLists.set(v, (d = createHash("sha1").update(v.join(",")).digest("hex")));
      h.update(d);
      return;
    }
    h.update("[");
    for (const x of v) feed(h, x, rowLists);
    h.update("]");
  } else {
    h.update("{");
    for (const [k, x] of Object.entries(v)) {
      h.update(k);
      feed(h, x, rowLists);
    }
    h.update("}");
  }
}

/** A result object that keeps its figures in another form (a posted journal line) and lists them as a plain object. */
function hasPlainForm(v: object): v is { toJSON(): object } {
  return !Array.isArray(v) && !(v instanceof Map) && typeof (v as { toJSON?: unknown }).toJSON === "function";
}

export function resultDigest(result: BackflushResult): string {
  const h = createHash("sha256");
  feed(h, result, new WeakMap());
  return h.digest("hex").slice(0, 16);
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { rows: { type: "string" } }, allowPositionals: true });
  const rows = values.rows === undefined ? FULL_SHEET_ROWS : Number(values.rows);
  const sequences = (positionals.length > 0 ? positionals : TRIGGER_SEQUENCES) as TriggerSequence[];
  for (const sequence of sequences) {
    if (!TRIGGER_SEQUENCES.includes(sequence)) throw new Error(`unknown sequence "${sequence}"; the sequences are ${TRIGGER_SEQUENCES.join(", ")}`);
    const grids = asExcelValues(generatePlantGrids({ ...plantFor(false, rows), sequence }));
    const timed = costFromRanges(tableRanges(grids));
    console.log(`${sequence.padEnd(26)} ${resultDigest(timed.result)}   (reading ${Math.round(timed.parseMs)} ms, engine ${Math.round(timed.engineMs)} ms)`);
  }
}

if (require.main === module) main();
