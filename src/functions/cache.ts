/**
 * Parse once, answer many: a thousand STDCOST cells over one 10,000-line BOM
 * must not read the BOM a thousand times. Excel hands every call its own copy
 * of each range, so ranges are recognised by content: a 64-bit hash computed
 * over the cells (two independent 32-bit lanes, one pass, no allocation).
 * The read table, and the BomModel built from Items and BOM (which memoizes
 * rollups and explosions per BOM version), are kept in small LRU caches, so
 * memory stays bounded however many ranges a workbook passes.
 *
 * Failures are cached too: a broken BOM is reported by every cell that uses
 * it, but read once.
 */
import { BackflushDataError } from "../engine/errors";
import type { BomModel } from "../engine/bom";
import { ZERO } from "../engine/money";
import { checkStructure } from "../engine/standards";
import type { ItemRecord, TableName } from "../engine/types";
import type { TableLayout } from "../workbook/parse";
import { FunctionError, dataError } from "./errors";
import { readArgument, rowsOf, type TableRead } from "./ranges";

/** Read tables kept: a few per input table a workbook is likely to pass. */
export const TABLE_CACHE_SIZE = 24;
/** BOM models kept (one per Items × BOM pair in use). */
export const MODEL_CACHE_SIZE = 8;

/** Counters for the benchmark and the tests; `cacheStats()` returns a copy. */
export interface CacheStats {
  /** Range arguments looked up (each one hashed once). */
  lookups: number;
  /** Lookups answered from the cache. */
  hits: number;
  /** Lookups that had to read the range. */
  misses: number;
  /** Ranges read through the contract's reader. */
  parses: number;
  /** BomModels built (structure validated). */
  models: number;
  /** Read ranges dropped to stay within the bound. */
  evictions: number;
}

const stats: CacheStats = { lookups: 0, hits: 0, misses: 0, parses: 0, models: 0, evictions: 0 };

export function cacheStats(): CacheStats {
  return { ...stats };
}

/** Empties every cache and zeroes the counters (tests; the benchmark between runs). */
export function resetCache(): void {
  tables.clear();
  models.clear();
  for (const k of Object.keys(stats) as (keyof CacheStats)[]) stats[k] = 0;
}

/** A Map in least-recently-used order: a hit moves the entry to the end, the first entry goes when full. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(
    private readonly capacity: number,
    private readonly onEvict: () => void = () => undefined,
  ) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    while (this.map.size > this.capacity) {
      this.map.delete(this.map.keys().next().value as string);
      this.onEvict();
    }
  }
  clear(): void {
    this.map.clear();
  }
}

type Outcome<T> = { ok: T } | { error: FunctionError };

/** A read table with a serial number, so that models can be keyed by the tables they were built from. */
export interface CachedTable extends TableRead {
  id: number;
}

const tables = new Lru<Outcome<CachedTable>>(TABLE_CACHE_SIZE, () => stats.evictions++);
const models = new Lru<Outcome<Structure>>(MODEL_CACHE_SIZE);
let nextId = 1;

// ------------------------------------------------------------ content hash

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

// The two lanes' steps: pure functions of (state, word), which V8 inlines.
const laneA = (h: number, x: number): number => {
  const m = Math.imul(h ^ x, 0x01000193);
  return m ^ (m >>> 15);
};
const laneB = (h: number, x: number): number => {
  const m = Math.imul(h ^ x, 0x5bd1e995);
  return m ^ (m >>> 13);
};

/**
 * A key for a range's content: its shape and a 64-bit hash of every cell's
 * type and value, in one pass. Two 32-bit lanes with different multipliers
 * and shifts; a change to any cell changes the key with overwhelming
 * likelihood (about 2^-64 for a given pair of contents). Each cell is fed
 * as a word of its type, then its value's words, so no two contents feed the
 * same words (which no choice of hash could tell apart). The state stays in
 * locals, never in a closure or an array, which keeps the loop tight (about
 * 1 ms for a 10,000-line BOM).
 */
export function contentKey(arg: unknown): string {
  const grid = rowsOf(arg);
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    a = laneA(a, 0x7fff0000 | row.length);
    b = laneB(b, 0x7fff0000 | row.length);
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      let x: number;
      if (typeof v === "string") {
        // Type and length, then the text two UTF-16 units to a word.
        x = 0x30000000 | v.length;
        for (let i = 0; i < v.length; i += 2) {
          a = laneA(a, x);
          b = laneB(b, x);
          x = v.charCodeAt(i) | (i + 1 < v.length ? v.charCodeAt(i + 1) << 16 : 0);
        }
      } else if (typeof v === "number" || v instanceof Date) {
        // The type first, then the float's exact bits, low word and high word. Every cell opens with a word of its type,
        // which also fixes how many words follow: with the type mixed into the high word only, a number whose low word
        // read as a short text's type and length hashed alike with that text ("ab" and 1.0740895488731297e-152).
        f64[0] = typeof v === "number" ? v : v.getTime();
        const type = typeof v === "number" ? 0x20000000 : 0x60000000;
        a = laneA(a, type);
        b = laneB(b, type);
        a = laneA(a, f64Words[0]);
        b = laneB(b, f64Words[0]);
        x = f64Words[1];
      } else if (v === null || v === undefined) x = 1;
      else if (typeof v === "boolean") x = v ? 4 : 5;
      else {
        // Data types and error values are rare: their JSON, as text, is good enough.
        const text = JSON.stringify(v) ?? "";
        x = 0x70000000 | text.length;
        for (let i = 0; i < text.length; i++) {
          a = laneA(a, x);
          b = laneB(b, x);
          x = text.charCodeAt(i);
        }
      }
      a = laneA(a, x);
      b = laneB(b, x);
    }
  }
  return `${grid.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

// ------------------------------------------------------------ lookups

function unwrap<T>(o: Outcome<T>): T {
  if ("error" in o) throw o.error;
  return o.ok;
}

/**
 * One range argument read as `table`, from the cache when the same content
 * was read before under the same argument name.
 * @throws FunctionError (#VALUE!) with the cells at fault.
 */
export function cachedTable(table: TableName, arg: unknown, argName: string): CachedTable {
  stats.lookups++;
  const key = `${table}|${argName}|${contentKey(arg)}`;
  const known = tables.get(key);
  if (known) {
    stats.hits++;
    return unwrap(known);
  }
  stats.misses++;
  stats.parses++;
  let outcome: Outcome<CachedTable>;
  try {
    outcome = { ok: { ...readArgument(table, arg, argName), id: nextId++ } };
  } catch (e) {
    if (!(e instanceof FunctionError)) throw e;
    outcome = { error: e };
  }
  tables.set(key, outcome);
  return unwrap(outcome);
}

/** A validated BOM model with what it was built from, for lookups and for pointing problems at cells. */
export interface Structure {
  model: BomModel;
  items: readonly ItemRecord[];
  layouts: Partial<Record<TableName, TableLayout>>;
}

function cachedStructure(key: string, build: () => { items: readonly ItemRecord[]; bom: TableRead; layouts: Partial<Record<TableName, TableLayout>> }): Structure {
  const known = models.get(key);
  if (known) return unwrap(known);
  stats.models++;
  let outcome: Outcome<Structure>;
  const { items, bom, layouts } = build();
  try {
    outcome = { ok: { model: checkStructure(items, bom.input.bom), items, layouts } };
  } catch (e) {
    if (!(e instanceof BackflushDataError)) throw e;
    outcome = { error: dataError(e, layouts) };
  }
  models.set(key, outcome);
  return unwrap(outcome);
}

/**
 * The validated model of an Items and a BOM argument.
 * @throws FunctionError (#VALUE!) with every structural problem (unknown items, loops, …) pointed at its cell.
 */
export function structureOf(items: CachedTable, bom: CachedTable): Structure {
  return cachedStructure(`${items.id}|${bom.id}`, () => ({ items: items.input.items, bom, layouts: { Items: items.layout, BOM: bom.layout } }));
}

/**
 * The model of a BOM on its own, for EXPLODE: an item that is never a Parent
 * is a leaf material; every Parent is an assembly (a phantom explodes the
 * same way). Problems that the engine would point at Items point at the
 * item's first line as a Parent.
 */
export function bomOnlyStructureOf(bom: CachedTable): Structure {
  return cachedStructure(`bom-only|${bom.id}`, () => {
    const items = new Map<string, ItemRecord>();
    for (const line of bom.input.bom) {
      if (!items.has(line.parent)) items.set(line.parent, { item: line.parent, type: "assembly", stdConversion: ZERO, row: line.row });
    }
    for (const line of bom.input.bom) {
      if (!items.has(line.component)) items.set(line.component, { item: line.component, type: "material", stdPrice: ZERO, row: line.row });
    }
    const parentColumn = bom.layout.columns.get("Parent") ?? 0;
    const asItems: TableLayout = { raw: bom.layout.raw, columns: new Map([["Item", parentColumn]]) };
    return { items: [...items.values()], bom, layouts: { Items: asItems, BOM: bom.layout } };
  });
}
