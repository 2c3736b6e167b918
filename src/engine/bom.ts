/**
 * The bill of materials as a model: which lines are in force on a date, the
 * standard cost rollup (material and conversion kept apart at every level) and
 * the explosion of an item to its leaf materials.
 *
 * Validity dates cut time into "BOM versions": intervals in which the same set
 * of lines is in force. Rollups and explosions are memoized per (item, version),
 * so the cost of a run grows with products × versions × BOM lines, never with
 * the number of completion rows.
 */
import { Dec, ONE, ZERO } from "./money";
import type { IsoDate } from "./dates";
import { isIsoDate, nextDay } from "./dates";
import { ScaledExplosion } from "./explosion";
import { SCALED_ZERO, decOf, fitsDec, plus, scaledOf, times, type Scaled } from "./scaled";
import type { BomLineRecord, ItemRecord, ItemType } from "./types";

/** Standard cost per unit, by cost element. */
export interface UnitCost {
  material: Dec;
  conversion: Dec;
}

/** Leaf materials per one unit of an item: material → standard quantity (scrap included). */
export type Explosion = ReadonlyMap<string, Dec>;

/**
 * The most levels a BOM may have (a parent, its components, theirs …): far
 * more than any product's, and few enough for the costing's walks, which go
 * down a level at a time, in any JavaScript runtime (docs/workbook.md, "Limits").
 */
export const MAX_BOM_LEVELS = 500;

export class BomModel {
  private readonly itemsById = new Map<string, ItemRecord>();
  private readonly linesByParent = new Map<string, BomLineRecord[]>();
  /** Sorted, unique dates at which the set of valid lines changes. */
  private readonly breakpoints: IsoDate[];
  private readonly costMemo = new Map<number, Map<string, UnitCost>>();
  /** unitCost as exact scaled integers, made with it; null where the integers do not stand for the Dec (see unitCost). */
  private readonly scaledCostMemo = new Map<number, Map<string, ScaledCost | null>>();
  /** A line's effective quantity as scaled units, by its (qtyPer, scrap) cells: adapters share one Dec per distinct cell value. */
  private readonly lineQtyMemo = new Map<Dec, Map<Dec, Scaled | null>>();
  private readonly explosionMemo = new Map<number, Map<string, Explosion>>();
  private readonly scaledExplosionMemo = new Map<number, Map<string, ReadonlyMap<string, Scaled>>>();
  private readonly gapMemo = new Map<number, Map<string, readonly string[]>>();
  private readonly linesMemo = new Map<number, Map<string, BomLineRecord[]>>();
  private readonly treeMemo = new Map<number, Map<string, string>>();
  private readonly parentsMemo = new Map<number, Map<string, readonly string[]>>();
  private readonly heldMemo = new Map<number, Map<string, number>>();
  private readonly orderMemo = new Map<number, readonly string[]>();
  /** The integer explosion plan per version; null where the version needs the Dec algorithm. */
  private readonly planMemo = new Map<number, ScaledExplosion | null>();

  constructor(items: readonly ItemRecord[], bom: readonly BomLineRecord[]) {
    for (const it of items) if (!this.itemsById.has(it.item)) this.itemsById.set(it.item, it);
    const cuts = new Set<IsoDate>();
    for (const line of bom) {
      let list = this.linesByParent.get(line.parent);
      if (!list) this.linesByParent.set(line.parent, (list = []));
      list.push(line);
      // Malformed dates are reported by validation; they must not stop the model being built.
      if (line.validFrom && isIsoDate(line.validFrom)) cuts.add(line.validFrom);
      // 9999-12-31 (Excel's last day, a common "no end") has no next day to cut at.
      const after = line.validTo && isIsoDate(line.validTo) ? nextDay(line.validTo) : undefined;
      if (after && isIsoDate(after)) cuts.add(after);
    }
    this.breakpoints = [...cuts].sort();
  }

  item(id: string): ItemRecord | undefined {
    return this.itemsById.get(id);
  }

  typeOf(id: string): ItemType | undefined {
    return this.itemsById.get(id)?.type;
  }

  /** Every item with lines of its own (assemblies and phantoms), in the order first listed. */
  parents(): IterableIterator<string> {
    return this.linesByParent.keys();
  }

  /** All lines ever listed under `parent`, whatever their dates. */
  allLinesOf(parent: string): readonly BomLineRecord[] {
    return this.linesByParent.get(parent) ?? [];
  }

  /**
   * The BOM version in force on `date`. Without a date: the newest version
   * (the lines in force after the last validity date in the table).
   */
  versionOf(date?: IsoDate): number {
    if (date === undefined) return this.breakpoints.length;
    let lo = 0;
    let hi = this.breakpoints.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.breakpoints[mid] <= date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first day of a version ("" for the open start). */
  versionStart(version: number): IsoDate {
    return version === 0 ? "" : this.breakpoints[version - 1];
  }

  /** Lines under `parent` in force in `version`. */
  linesOf(parent: string, version: number): BomLineRecord[] {
    const memo = memoFor(this.linesMemo, version);
    let lines = memo.get(parent);
    if (!lines) {
      const day = this.versionStart(version);
      lines = this.allLinesOf(parent).filter(
        (l) => (l.validFrom === undefined || l.validFrom <= day) && (l.validTo === undefined || l.validTo >= day),
      );
      memo.set(parent, lines);
    }
    return lines;
  }

  /**
   * Leaf materials for a whole day's demand at once, the way MRP explodes:
   * demand is pushed down the BOM level by level, so every BOM line is used at
   * most once per call however many products share it. Equal to the sum of
   * qty × explode(item) over the demand, in far fewer operations.
   *
   * Run in exact scaled integers (explosion.ts); the result, down to the
   * order of the map, is the Dec algorithm's, which runs instead whenever the
   * integers cannot vouch for that.
   */
  explodeDemand(demand: ReadonlyMap<string, Dec>, version: number): Map<string, Dec> {
    return this.explosionPlan(version)?.explode(demand) ?? this.explodeDemandDec(demand, version);
  }

  /** explodeDemand with the quantities as exact scaled integers (the same values, in the same order), for the run's posting. */
  explodeDemandScaled(demand: ReadonlyMap<string, Dec>, version: number): Map<string, Scaled> {
    const scaled = this.explodeDemandExact(demand, version);
    if (scaled) return scaled;
    const out = new Map<string, Scaled>();
    for (const [id, q] of this.explodeDemandDec(demand, version)) out.set(id, scaledOf(q));
    return out;
  }

  /**
   * explodeDemandScaled from the integer kernel alone: undefined where it
   * cannot vouch for the Dec algorithm (the caller then has its own Dec way).
   * Every need, down to the leaves, is then below 10^40 units at its scale.
   */
  explodeDemandExact(demand: ReadonlyMap<string, Dec>, version: number): Map<string, Scaled> | undefined {
    return this.explosionPlan(version)?.explodeScaled(demand);
  }

  /**
   * explodeDemand in Dec, line by line: the reference the integer kernel must
   * match, and its fallback. A material enters the result at its first
   * contribution; materials demanded as such come last.
   */
  explodeDemandDec(demand: ReadonlyMap<string, Dec>, version: number): Map<string, Dec> {
    const need = new Map<string, Dec>(demand);
    const out = new Map<string, Dec>();
    for (const id of this.parentsFirst(version)) {
      const q = need.get(id);
      if (q === undefined) continue;
      for (const line of this.linesOf(id, version)) {
        const add = q.times(effectiveQty(line));
        const target = this.itemsById.get(line.component)?.type === "material" ? out : need;
        const had = target.get(line.component);
        target.set(line.component, had === undefined ? add : had.plus(add));
      }
    }
    for (const [id, q] of demand) if (this.itemsById.get(id)?.type === "material") out.set(id, (out.get(id) ?? ZERO).plus(q));
    return out;
  }

  private explosionPlan(version: number): ScaledExplosion | undefined {
    let plan = this.planMemo.get(version);
    if (plan === undefined) {
      const isMaterial = (id: string) => this.itemsById.get(id)?.type === "material";
      plan = ScaledExplosion.plan(this.parentsFirst(version), (id) => this.linesOf(id, version), effectiveQty, isMaterial) ?? null;
      this.planMemo.set(version, plan);
    }
    return plan ?? undefined;
  }

  /** Every item with lines in `version`, each before all of its components (a topological order). */
  private parentsFirst(version: number): readonly string[] {
    const known = this.orderMemo.get(version);
    if (known) return known;
    const done = new Set<string>();
    const post: string[] = [];
    const visit = (id: string, depth: number): void => {
      if (done.has(id) || depth > 10_000) return; // loops are reported by validation, never run
      done.add(id);
      for (const line of this.linesOf(id, version)) visit(line.component, depth + 1);
      if (this.linesOf(id, version).length > 0) post.push(id);
    };
    for (const parent of [...this.linesByParent.keys()].sort()) visit(parent, 0);
    const order = post.reverse();
    this.orderMemo.set(version, order);
    return order;
  }

  /**
   * Standard cost per unit of `id` in `version`. Unknown items cost nothing (validation reports them).
   *
   * An assembly's cost is the sum over its lines of effective quantity ×
   * component cost. It is worked out in exact scaled integers, which equal
   * the Dec rollup while every product and partial sum has fewer than 40
   * digits (Dec rounds only past 40 significant digits); otherwise the Dec
   * rollup answers. A zero total is +0 either way (Dec's sums from +0 never
   * reach −0), except from a standard conversion of −0, left to Dec.
   */
  unitCost(id: string, version: number): UnitCost {
    const memo = memoFor(this.costMemo, version);
    const known = memo.get(id);
    if (known) return known;
    const it = this.itemsById.get(id);
    let cost: UnitCost;
    let scaled: ScaledCost | null = null;
    if (!it) cost = { material: ZERO, conversion: ZERO };
    else if (it.type === "material") {
      cost = { material: it.stdPrice ?? ZERO, conversion: ZERO };
      if (cost.material.isFinite()) scaled = { material: scaledOf(cost.material), conversion: SCALED_ZERO };
    } else {
      scaled = this.rollupScaled(id, it.stdConversion ?? ZERO, version);
      cost = scaled ? { material: decOf(scaled.material), conversion: decOf(scaled.conversion) } : this.rollupDec(id, it.stdConversion ?? ZERO, version);
    }
    memo.set(id, cost);
    memoFor(this.scaledCostMemo, version).set(id, scaled);
    return cost;
  }

  /** The rollup in Dec, line by line: the reference the integers must match, and their fallback. */
  private rollupDec(id: string, stdConversion: Dec, version: number): UnitCost {
    let material = ZERO;
    let conversion = stdConversion;
    for (const line of this.linesOf(id, version)) {
      const q = effectiveQty(line);
      const c = this.unitCost(line.component, version);
      material = material.plus(q.times(c.material));
      conversion = conversion.plus(q.times(c.conversion));
    }
    return { material, conversion };
  }

  /** The rollup in scaled integers; null when it might differ from the Dec rollup. */
  private rollupScaled(id: string, stdConversion: Dec, version: number): ScaledCost | null {
    if (!stdConversion.isFinite() || (stdConversion.isZero() && stdConversion.isNegative())) return null;
    let material: Scaled = SCALED_ZERO;
    let conversion = scaledOf(stdConversion);
    for (const line of this.linesOf(id, version)) {
      const q = this.lineQty(line);
      this.unitCost(line.component, version);
      const c = memoFor(this.scaledCostMemo, version).get(line.component);
      if (q === null || !c) return null;
      const m = exactSum(material, exactProduct(q, c.material));
      const k = exactSum(conversion, exactProduct(q, c.conversion));
      if (m === null || k === null) return null;
      material = m;
      conversion = k;
    }
    return { material, conversion };
  }

  /** A line's effective quantity (effectiveQty) as scaled units; null when not finite. */
  private lineQty(line: BomLineRecord): Scaled | null {
    let byScrap = this.lineQtyMemo.get(line.qtyPer);
    if (!byScrap) this.lineQtyMemo.set(line.qtyPer, (byScrap = new Map()));
    let q = byScrap.get(line.scrap);
    if (q === undefined) {
      const eff = effectiveQty(line);
      q = eff.isFinite() ? scaledOf(eff) : null;
      byScrap.set(line.scrap, q);
    }
    return q;
  }

  /**
   * Leaf materials in one unit of `id` in `version`, through phantoms and
   * sub-assemblies. Worked out in exact scaled integers (explosion.ts) when
   * they can vouch for the Dec algorithm's result, which runs otherwise.
   */
  explode(id: string, version: number): Explosion {
    const memo = memoFor(this.explosionMemo, version);
    const known = memo.get(id);
    if (known) return known;
    const it = this.itemsById.get(id);
    const scaled = it && it.type !== "material" ? this.explosionPlan(version)?.explodeItem(id) : undefined;
    const out = scaled ?? this.explodeDec(id, version);
    memo.set(id, out);
    return out;
  }

  /** `explode` with the quantities as exact scaled integers (the same values, in the same order), for the run's posting. */
  explodeScaled(id: string, version: number): ReadonlyMap<string, Scaled> {
    const memo = memoFor(this.scaledExplosionMemo, version);
    let out = memo.get(id);
    if (!out) {
      const it = this.itemsById.get(id);
      out = it && it.type !== "material" ? this.explosionPlan(version)?.explodeItemScaled(id) : undefined;
      if (!out) {
        const scaled = new Map<string, Scaled>();
        for (const [m, per] of this.explode(id, version)) scaled.set(m, scaledOf(per));
        out = scaled;
      }
      memo.set(id, out);
    }
    return out;
  }

  /** explode in Dec, line by line: the reference the integers must match, and their fallback (not memoized itself). */
  explodeDec(id: string, version: number): Map<string, Dec> {
    const it = this.itemsById.get(id);
    const out = new Map<string, Dec>();
    if (it?.type === "material") out.set(id, ONE);
    else if (it) {
      for (const line of this.linesOf(id, version)) {
        const q = effectiveQty(line);
        for (const [material, per] of this.explode(line.component, version)) {
          out.set(material, (out.get(material) ?? ZERO).plus(q.times(per)));
        }
      }
    }
    return out;
  }

  /**
   * The version whose standard goods of `id` made before a day of `version` are held at: the latest up to it whose BOM of
   * them is complete. Goods whose BOM has ended (a discontinued product) keep the standard they were made at, to be sold,
   * counted and closed at; `version` itself where no version up to it has one.
   */
  heldVersion(id: string, version: number): number {
    const memo = memoFor(this.heldMemo, version);
    let held = memo.get(id);
    if (held === undefined) {
      held = version;
      for (let w = version; w >= 0; w--) {
        if (this.gaps(id, w).length > 0) continue;
        held = w;
        break;
      }
      memo.set(id, held);
    }
    return held;
  }

  /** `id` and the assemblies and phantoms under it, at every level, in `version`. */
  treeParents(id: string, version: number): readonly string[] {
    const memo = memoFor(this.parentsMemo, version);
    let parents = memo.get(id);
    if (!parents) {
      const seen = new Set<string>();
      const walk = (parent: string) => {
        if (seen.has(parent) || this.typeOf(parent) === "material") return;
        seen.add(parent);
        for (const l of this.linesOf(parent, version)) walk(l.component);
      };
      walk(id);
      parents = [...seen];
      memo.set(id, parents);
    }
    return parents;
  }

  /**
   * The first version from which `id`'s tree (its lines, and theirs, at every level) has been as it is in `version`: the
   * day its BOM came into force, which a memo names, not the day another product's BOM changed.
   */
  treeSince(id: string, version: number): number {
    const key = this.treeKey(id, version);
    let w = version;
    while (w > 0 && this.treeKey(id, w - 1) === key) w--;
    return w;
  }

  /** The rows of the lines in `id`'s tree in force in `version`, as one text: equal texts, the same tree. */
  private treeKey(id: string, version: number): string {
    const memo = memoFor(this.treeMemo, version);
    let key = memo.get(id);
    if (key === undefined) {
      key = this.treeParents(id, version)
        .flatMap((p) => this.linesOf(p, version).map((l) => l.row))
        .sort((a, b) => a - b)
        .join(",");
      memo.set(id, key);
    }
    return key;
  }

  /** Assemblies in the tree of `id` that have no line in force in `version` (sorted). */
  gaps(id: string, version: number): readonly string[] {
    const memo = memoFor(this.gapMemo, version);
    const known = memo.get(id);
    if (known) return known;
    const it = this.itemsById.get(id);
    const found = new Set<string>();
    if (it && it.type !== "material") {
      const lines = this.linesOf(id, version);
      if (lines.length === 0) found.add(id);
      for (const line of lines) for (const g of this.gaps(line.component, version)) found.add(g);
    }
    const list = [...found].sort();
    memo.set(id, list);
    return list;
  }

  /**
   * Every loop in the BOM, whatever the dates of its lines, as a path that
   * starts and ends at the same item (A → B → A), with the line closing it.
   */
  findLoops(): { path: string[]; closingLine: BomLineRecord }[] {
    return this.walk().loops;
  }

  /**
   * The longest chain of lines in the BOM, whatever their dates, from its top
   * parent down (empty for a BOM without lines). Only meaningful for a BOM
   * without loops: a chain stops where it would close one.
   */
  deepestChain(): readonly BomLineRecord[] {
    const { levels, deepest } = this.walk();
    let top: string | undefined;
    for (const [item, n] of levels) if (top === undefined || n > levels.get(top)!) top = item;
    const chain: BomLineRecord[] = [];
    for (let line = top === undefined ? undefined : deepest.get(top); line !== undefined; line = deepest.get(line.component)) chain.push(line);
    return chain;
  }

  private walked?: { loops: { path: string[]; closingLine: BomLineRecord }[]; levels: Map<string, number>; deepest: Map<string, BomLineRecord> };

  /**
   * One depth-first walk over every line, with a stack of its own rather than
   * the call stack (a BOM may be thousands of levels deep): the loops, and
   * each parent's number of levels below it with the line that leads down
   * the deepest.
   */
  private walk(): NonNullable<BomModel["walked"]> {
    if (this.walked) return this.walked;
    const loops: { path: string[]; closingLine: BomLineRecord }[] = [];
    const levels = new Map<string, number>();
    const deepest = new Map<string, BomLineRecord>();
    const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
    const path: string[] = [];
    const next: number[] = []; // for each item on the path, its next line to follow
    for (const root of [...this.linesByParent.keys()].sort()) {
      if (state.has(root)) continue;
      state.set(root, 1);
      path.push(root);
      next.push(0);
      while (path.length > 0) {
        const top = path.length - 1;
        const node = path[top];
        const lines = this.allLinesOf(node);
        if (next[top] < lines.length) {
          const line = lines[next[top]++];
          const s = state.get(line.component);
          if (s === 1) loops.push({ path: [...path.slice(path.indexOf(line.component)), line.component], closingLine: line });
          else if (s === undefined) {
            state.set(line.component, 1);
            path.push(line.component);
            next.push(0);
          }
          continue;
        }
        // Every component is done now (or closes a loop, and is left out): this item's levels are known.
        let most = -1;
        for (const line of lines) {
          if (state.get(line.component) !== 2) continue;
          const below = levels.get(line.component) ?? 0;
          if (below > most) {
            most = below;
            deepest.set(node, line);
          }
        }
        if (most >= 0) levels.set(node, most + 1);
        path.pop();
        next.pop();
        state.set(node, 2);
      }
    }
    this.walked = { loops, levels, deepest };
    return this.walked;
  }
}

/** A standard cost per unit as exact scaled integers. */
interface ScaledCost {
  material: Scaled;
  conversion: Scaled;
}

/** a × b when Dec's times gives it exactly; null otherwise. */
function exactProduct(a: Scaled, b: Scaled): Scaled | null {
  const p = times(a, b);
  return fitsDec(p) ? p : null;
}

/** a + b when Dec's plus gives it exactly (a, b and the sum within 40 digits); null otherwise. */
function exactSum(a: Scaled, b: Scaled | null): Scaled | null {
  if (b === null) return null;
  const s = plus(a, b);
  return fitsDec(s) ? s : null;
}

/** Quantity per with the scrap allowance: qtyPer × (1 + scrap). */
export function effectiveQty(line: BomLineRecord): Dec {
  return line.scrap.isZero() ? line.qtyPer : line.qtyPer.times(ONE.plus(line.scrap));
}

/** The memo of one BOM version (made on first use): per-version caches keyed by item. */
export function memoFor<T>(store: Map<number, Map<string, T>>, version: number): Map<string, T> {
  let m = store.get(version);
  if (!m) store.set(version, (m = new Map()));
  return m;
}
