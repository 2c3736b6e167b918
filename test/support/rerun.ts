/**
 * Run by the shapes test in a child process under `node --trace-opt
 * --trace-deopt --expose-gc`: a plant read and run three times with full
 * collections between, as a task pane (or the bench, warm-up first) does.
 * Prints "measured" right after the first run, before its objects are
 * collected, so the test can count the optimized code thrown away from then
 * on ("reason: weak objects": the shapes it was built for were collected).
 */
import { generatePlant, rawTablesOf } from "../../src/sample";
import { readInput } from "../../src/workbook/parse";
import { runBackflush } from "../../src/engine/run";
import { TRIGGER_SEQUENCES, type TriggerSequence } from "../../src/engine/types";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const sequence = (process.argv[2] ?? "purchase-completion-sale") as TriggerSequence;
if (!TRIGGER_SEQUENCES.includes(sequence)) throw new Error(`unknown sequence ${sequence}`);
const tables = rawTablesOf(generatePlant({ completionRows: 40_000, salesRows: 8_000, purchaseRows: 2_000, materials: 200, assemblies: 120, bomDepth: 4, bomWidth: 8, sequence }));
const once = (): number => {
  const read = readInput(tables);
  if (!read.input) throw new Error(`the plant does not read cleanly: ${read.problems[0]?.message}`);
  return runBackflush(read.input).journal.length;
};
// The generator's own objects go first, so that what follows is the runs' alone.
gc();
gc();
console.log(`run 1: ${once()} entries`);
console.log("measured");
for (let i = 2; i <= 3; i++) {
  gc();
  gc();
  console.log(`run ${i}: ${once()} entries`);
}
gc();
gc();
console.log("done");
