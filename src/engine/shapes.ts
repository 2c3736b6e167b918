/**
 * Object shapes kept alive between runs.
 *
 * Why: V8 gives every object a hidden class (its "shape") and optimizes a hot
 * function for the shapes it has met. A shape an object reached by having its
 * fields added (every class instance does) lives only while some object has
 * it. When a run's objects are all garbage and a full collection comes, their
 * shapes go, and with them the optimized code of every function built for
 * them ("weak objects" in `node --trace-deopt`): the next run starts cold,
 * its loops over a million rows interpreted until the compiler catches up.
 * On the benchmark's full sheet that was a fifth of a run (docs/benchmark.md,
 * eighth round).
 *
 * So each module whose classes a run makes in bulk keeps a few small objects
 * of each shape here, for the life of the program: a handful of rows, never a
 * run's data.
 */

/** Owner → its exemplars; keeping again replaces what the owner kept before. */
const kept = new Map<string, readonly object[]>();

/** Keeps `exemplars` alive (and the shapes they have) until `owner` keeps others. */
export function keepShapes(owner: string, exemplars: readonly object[]): void {
  kept.set(owner, exemplars);
}

/** What an owner keeps now (tests read it). */
export function keptShapes(owner: string): readonly object[] | undefined {
  return kept.get(owner);
}
