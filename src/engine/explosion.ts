/**
 * A day's demand exploded in exact scaled integers (BigInt), the fast path of
 * BomModel.explodeDemand; one unit of an item in exact JS integers while every
 * product and sum stays below 2^53, in BigInts past that.
 *
 * Built once per BOM version: every item gets an index and a static decimal
 * scale offset, off(item) = max over its lines in force of off(parent) +
 * decimals(effective qty), so each line needs one integer multiplier and the
 * day's explosion is `need[c] += need[p] × mult[line]` over arrays. A call
 * with demand of at most D decimals holds each item at scale D + off(item).
 *
 * Same numbers as the Dec algorithm: that one rounds to 40 significant digits,
 * so it is exact while every sum fits in 40 digits. All quantities are
 * positive, so every partial sum is at most its item's final need; when every
 * final need (an integer at its scale) is below 10^40 the Dec path was exact
 * and both agree. Otherwise, and for what the kernel does not model (zero,
 * negative or non-finite demand, materials with lines, absurd scales),
 * `explode` answers undefined and the caller runs the Dec algorithm. A loop
 * (reported by validation) is followed as the Dec algorithm follows it: the
 * line back to an item already exploded is lost.
 */
import { DEC_DIGITS, DEC_EXACT_BELOW, MAX_EXACT, type Dec } from "./money";
import { decOf, pow10, scaledOf, toUnits, type Scaled } from "./scaled";
import type { BomLineRecord } from "./types";

/** Scales past this are absurd data (1e-400 per unit); they go the Dec way rather than grow huge powers of ten. */
const MAX_SCALE = 400;

/** Leaf materials of one unit of an item: material indexes (in first-contribution order) and their quantities in units. */
interface UnitVector {
  at: number[];
  units: bigint[];
}

/** `UnitVector` in JS numbers, each a whole number below 2^53. */
interface SmallVector {
  at: number[];
  units: number[];
}

/** A line's effective quantity as units × 10^-places (places: its decimals). */
interface LineQty {
  units: bigint;
  places: number;
}

export class ScaledExplosion {
  private readonly ids: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly offset: number[] = [];
  private readonly material: boolean[] = [];
  /** Parents in parents-first order, with their lines at lineStart[k] ≤ l < lineStart[k + 1]. */
  private readonly parents: number[] = [];
  private readonly lineStart: number[] = [0];
  private readonly component: number[] = [];
  private readonly multiplier: bigint[] = [];
  /** Item index → its place in `parents` (absent: no lines in force). */
  private readonly parentAt = new Map<number, number>();
  /** Item index → one unit of it in leaf materials, in units (null: past 40 digits, the Dec algorithm answers). */
  private readonly perUnit = new Map<number, UnitVector | null>();
  /** Item index → one unit of it in leaf materials as JS numbers (null: past 2^53, `perUnit` answers). */
  private readonly perUnitSmall = new Map<number, SmallVector | null>();
  /** Per line: its multiplier as a JS number when exact (below 2^53), else NaN. */
  private readonly smallMultiplier: number[] = [];
  /** Scratch for `smallUnitsOf`: material index → its place in the vector being built (−1: none yet). */
  private slots?: Int32Array;

  private constructor(private readonly isMaterial: (id: string) => boolean) {}

  /**
   * The plan for one BOM version: `order` is every item with lines, each
   * before its components. Undefined when the version holds what the kernel
   * does not model (a material with lines, an absurd quantity).
   */
  static plan(order: readonly string[], linesOf: (id: string) => readonly BomLineRecord[], effectiveQty: (line: BomLineRecord) => Dec, isMaterial: (id: string) => boolean): ScaledExplosion | undefined {
    const x = new ScaledExplosion(isMaterial);
    const position = new Map(order.map((id, i) => [id, i]));
    // Adapters share one Dec per distinct cell value, so a BOM has few (qtyPer, scrap) pairs: each is converted once.
    const known = new Map<Dec, Map<Dec, LineQty | null>>();
    const qtyOf = (line: BomLineRecord): LineQty | null => {
      let byScrap = known.get(line.qtyPer);
      if (!byScrap) known.set(line.qtyPer, (byScrap = new Map()));
      let q = byScrap.get(line.scrap);
      if (q === undefined) {
        const eff = effectiveQty(line);
        const places = eff.decimalPlaces();
        q = eff.isFinite() && !eff.isNegative() && eff.e <= MAX_SCALE && places <= MAX_SCALE ? { units: toUnits(eff, places), places } : null;
        byScrap.set(line.scrap, q);
      }
      return q;
    };
    const lineQty: LineQty[] = [];
    const lineParent: number[] = [];
    for (let i = 0; i < order.length; i++) {
      if (isMaterial(order[i])) return undefined; // a material with lines: reported by validation, never run
      const p = x.index(order[i]);
      x.parentAt.set(p, x.parents.length);
      x.parents.push(p);
      for (const line of linesOf(order[i])) {
        const at = position.get(line.component);
        // An assembly without lines, or one already exploded (a loop), is never read again: no part in the result.
        if (!isMaterial(line.component) && (at === undefined || at <= i)) continue;
        const q = qtyOf(line);
        if (q === null) return undefined;
        const c = x.index(line.component);
        x.offset[c] = Math.max(x.offset[c], x.offset[p] + q.places);
        if (x.offset[c] > MAX_SCALE) return undefined;
        x.component.push(c);
        lineQty.push(q);
        lineParent.push(p);
      }
      x.lineStart.push(x.component.length);
    }
    // Offsets are final only now: a material takes the deepest of all its lines.
    for (let l = 0; l < lineQty.length; l++) {
      const { units, places } = lineQty[l];
      const multiplier = units * pow10(x.offset[x.component[l]] - x.offset[lineParent[l]] - places);
      x.multiplier.push(multiplier);
      x.smallMultiplier.push(multiplier <= MAX_EXACT ? Number(multiplier) : NaN);
    }
    return x;
  }

  private index(id: string): number {
    let i = this.indexOf.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.indexOf.set(id, i);
      this.ids.push(id);
      this.offset.push(0);
      this.material.push(this.isMaterial(id));
    }
    return i;
  }

  /**
   * Leaf materials for the demand, in the order the Dec algorithm inserts
   * them: at their first contribution, then the materials demanded as such.
   * Undefined when the result might differ from the Dec algorithm's.
   */
  explode(demand: ReadonlyMap<string, Dec>): Map<string, Dec> | undefined {
    const scaled = this.explodeScaled(demand);
    if (scaled === undefined) return undefined;
    const out = new Map<string, Dec>();
    for (const [id, q] of scaled) out.set(id, decOf(q));
    return out;
  }

  /**
   * `explode` with the quantities left as scaled integers, for the run, which
   * costs them in integers (a Dec is made only for the journal line's quantity).
   */
  explodeScaled(demand: ReadonlyMap<string, Dec>): Map<string, Scaled> | undefined {
    const d = demandDecimals(demand);
    if (d === undefined) return undefined;
    const need = new Array<bigint>(this.ids.length).fill(0n);
    // Reached, not need > 0: an item in the demand or hit by a line is exploded even at zero, as in the Dec algorithm.
    const reached = new Uint8Array(this.ids.length);
    // Materials demanded as such: their quantity is in `need` at once (sums do not care), their place in the result comes last.
    const demanded: [string, Dec][] = [];
    for (const [id, q] of demand) {
      const i = this.indexOf.get(id);
      if (i !== undefined) {
        // Exact: the scale d + offset is at least q's decimals.
        const s = scaledOf(q);
        need[i] = s.units * pow10(d + this.offset[i] - s.scale);
        if (this.material[i]) demanded.push([id, q]);
        else reached[i] = 1;
      } else if (this.isMaterial(id)) {
        if (q.precision() > DEC_DIGITS) return undefined; // the Dec algorithm's 0 + q would round it
        demanded.push([id, q]);
      }
    }
    const firstHit = this.pushDown(need, reached);
    for (const n of need) if (n >= DEC_EXACT_BELOW) return undefined;
    const out = new Map<string, Scaled>();
    const result = (i: number): Scaled => ({ units: need[i], scale: d + this.offset[i] });
    for (const c of firstHit) out.set(this.ids[c], result(c));
    for (const [id, q] of demanded) {
      if (out.has(id)) continue;
      const i = this.indexOf.get(id);
      out.set(id, i === undefined ? scaledOf(q) : result(i));
    }
    return out;
  }

  /**
   * One unit of an assembly or phantom in leaf materials (BomModel.explode),
   * in the Dec algorithm's order: line by line, each component's materials in
   * their own order. Sub-assemblies stay in integers (one unit of X is the sum
   * over its lines of multiplier × one unit of the component, at scale
   * offset(material) − offset(X)); only the answer becomes Decs. Undefined
   * for an item the plan does not hold, or when the integers cannot vouch for
   * the Dec result.
   */
  explodeItem(id: string): Map<string, Dec> | undefined {
    const scaled = this.explodeItemScaled(id);
    if (scaled === undefined) return undefined;
    const out = new Map<string, Dec>();
    for (const [m, q] of scaled) out.set(m, decOf(q));
    return out;
  }

  /** `explodeItem` with the quantities left as scaled integers. */
  explodeItemScaled(id: string): Map<string, Scaled> | undefined {
    const i = this.indexOf.get(id);
    if (i === undefined || this.material[i]) return undefined;
    const v = this.smallUnitsOf(i) ?? this.unitsOf(i);
    if (v === null) return undefined;
    const out = new Map<string, Scaled>();
    for (let j = 0; j < v.at.length; j++) out.set(this.ids[v.at[j]], { units: BigInt(v.units[j]), scale: this.offset[v.at[j]] - this.offset[i] });
    return out;
  }

  /**
   * `unitsOf` in JS numbers: the same sums in the same order, while every
   * product and sum is a whole number below 2^53 (then exact, and far below
   * the 40 digits past which the Dec algorithm would round); null past that,
   * and `unitsOf` answers in BigInts. A plant's per-unit quantities rarely
   * come near 2^53, and numbers spare a BigInt per multiplication.
   */
  private smallUnitsOf(i: number): SmallVector | null {
    const known = this.perUnitSmall.get(i);
    if (known !== undefined) return known;
    let result: SmallVector | null = null;
    if (this.material[i]) result = { at: [i], units: [1] };
    else {
      const k = this.parentAt.get(i);
      const from = k === undefined ? 0 : this.lineStart[k];
      const to = k === undefined ? 0 : this.lineStart[k + 1];
      // The components first: their own vectors are built in the scratch below, which must be free while this one is.
      const subs: SmallVector[] = [];
      for (let l = from; l < to; l++) {
        const sub = this.smallUnitsOf(this.component[l]);
        if (sub === null || Number.isNaN(this.smallMultiplier[l])) break;
        subs.push(sub);
      }
      if (subs.length === to - from) result = this.combine(subs, from);
    }
    this.perUnitSmall.set(i, result);
    return result;
  }

  private unitsOf(i: number): UnitVector | null {
    const known = this.perUnit.get(i);
    if (known !== undefined) return known;
    let result: UnitVector | null = { at: [], units: [] };
    if (this.material[i]) result = { at: [i], units: [1n] };
    else {
      const k = this.parentAt.get(i);
      const place = new Map<number, number>();
      for (let l = k === undefined ? 0 : this.lineStart[k]; k !== undefined && l < this.lineStart[k + 1]; l++) {
        const sub = this.unitsOf(this.component[l]);
        if (sub === null) {
          result = null;
          break;
        }
        for (let j = 0; j < sub.at.length; j++) {
          const m = sub.at[j];
          const add = sub.units[j] * this.multiplier[l];
          const at = place.get(m);
          if (at === undefined) {
            place.set(m, result.at.length);
            result.at.push(m);
            result.units.push(add);
          } else result.units[at] += add;
        }
      }
      // Every term is positive and at most the total: a total within 40 digits means the Dec sums were exact.
      if (result && result.units.some((u) => u >= DEC_EXACT_BELOW)) result = null;
    }
    this.perUnit.set(i, result);
    return result;
  }

  /** The lines from `firstLine` on, each its multiplier × its component's vector, summed by material in first-contribution order; null past 2^53. */
  private combine(subs: readonly SmallVector[], firstLine: number): SmallVector | null {
    const out: SmallVector = { at: [], units: [] };
    const slot = (this.slots ??= new Int32Array(this.ids.length).fill(-1));
    for (let s = 0; s < subs.length; s++) {
      const sub = subs[s];
      const mult = this.smallMultiplier[firstLine + s];
      for (let j = 0; j < sub.at.length; j++) {
        const m = sub.at[j];
        const add = sub.units[j] * mult;
        const at = slot[m];
        if (at < 0) {
          slot[m] = out.at.length;
          out.at.push(m);
          out.units.push(add);
        } else out.units[at] += add;
      }
    }
    for (const m of out.at) slot[m] = -1;
    // Every term is a whole number not below zero, so no product or partial sum is past the total: a total below 2^53 kept every step exact.
    for (const u of out.units) if (!(u <= Number.MAX_SAFE_INTEGER)) return null;
    return out;
  }

  /** The demand down every line, parents first; the materials in the order they are first reached. */
  private pushDown(need: bigint[], reached: Uint8Array): number[] {
    const firstHit: number[] = [];
    const { parents, lineStart, component, multiplier, material } = this;
    for (let k = 0; k < parents.length; k++) {
      const p = parents[k];
      if (!reached[p]) continue;
      const q = need[p];
      for (let l = lineStart[k]; l < lineStart[k + 1]; l++) {
        const c = component[l];
        need[c] += q * multiplier[l];
        if (!reached[c]) {
          reached[c] = 1;
          if (material[c]) firstHit.push(c);
        }
      }
    }
    return firstHit;
  }
}

/** The most decimals in the demand; undefined for what the kernel does not model (zero, negative, non-finite, huge). */
function demandDecimals(demand: ReadonlyMap<string, Dec>): number | undefined {
  let d = 0;
  for (const q of demand.values()) {
    if (!q.isFinite() || !q.isPositive() || q.isZero() || q.e >= DEC_DIGITS) return undefined;
    d = Math.max(d, q.decimalPlaces());
  }
  return d <= MAX_SCALE ? d : undefined;
}
