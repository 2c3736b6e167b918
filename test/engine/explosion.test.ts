/**
 * The day's explosion in scaled integers (BomModel.explodeDemand) against the
 * Dec algorithm it replaces (explodeDemandDec): the same materials, in the same
 * order, with the same quantities, over random BOMs and in the cases the
 * integers hand back to Dec.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { BomModel, Dec, ZERO, effectiveQty } from "../../src/engine";
import type { BomLineRecord, ItemRecord } from "../../src/engine";
import { decOf } from "../../src/engine/scaled";

/** A model whose fallbacks to the Dec algorithm are counted, and that algorithm on its own. */
function watched(items: readonly ItemRecord[], bom: readonly BomLineRecord[]) {
  const model = new BomModel(items, bom);
  const reference = model.explodeDemandDec.bind(model);
  let fallbacks = 0;
  model.explodeDemandDec = (demand, version) => {
    fallbacks++;
    return reference(demand, version);
  };
  return { model, reference, fallbacks: () => fallbacks };
}

/** The result as it reads, in its order: "M1=1.5". */
const listed = (m: Map<string, Dec>) => [...m].map(([k, v]) => `${k}=${v.toString()}`);

function assertSameExplosion(actual: Map<string, Dec>, expected: Map<string, Dec>): void {
  assert.deepEqual(listed(actual), listed(expected));
  for (const [k, v] of expected) assert.ok(actual.get(k)?.equals(v), `${k}: ${actual.get(k)} ≠ ${v}`);
}

const decimal = (units: number, places: number) => new Dec(`${units}e-${places}`);
const item = (id: string, type: ItemRecord["type"], row: number): ItemRecord => ({ item: id, type, row });
const line = (parent: string, component: string, qtyPer: string, row: number, scrap = "0"): BomLineRecord => ({ parent, component, qtyPer: new Dec(qtyPer), scrap: new Dec(scrap), row });

// ------------------------------------------------------------------ random plants

const DATES = ["2026-11-05", "2026-11-12", "2026-11-20"];
const GHOST = "GHOST"; // a component missing from Items: validation reports it, the explosion must still agree

const qtyPerArb = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((n) => new Dec(n)),
  fc.record({ units: fc.integer({ min: 1, max: 999_999 }), places: fc.integer({ min: 1, max: 6 }) }).map(({ units, places }) => decimal(units, places)),
);
const scrapArb = fc.oneof(
  fc.constant(ZERO),
  fc.integer({ min: 1, max: 4 }).chain((places) => fc.integer({ min: 1, max: 10 ** places - 1 }).map((units) => decimal(units, places))),
);
const qtyArb = fc.oneof(
  fc.integer({ min: 1, max: 10_000 }).map((n) => new Dec(n)),
  fc.record({ units: fc.integer({ min: 1, max: 1_000_000 }), places: fc.integer({ min: 1, max: 4 }) }).map(({ units, places }) => decimal(units, places)),
);
/** Demand up to 10^38, so that some needs pass 40 digits and the Dec algorithm has to answer. */
const anyQtyArb = fc.oneof(qtyArb, fc.record({ units: fc.integer({ min: 1, max: 999_999 }), shift: fc.integer({ min: 20, max: 32 }) }).map(({ units, shift }) => new Dec(`${units}e${shift}`)));
const lineArb = (qtyPer: fc.Arbitrary<Dec>, scrap: fc.Arbitrary<Dec>, dated: boolean) =>
  fc.record({
    pick: fc.nat(),
    qtyPer,
    scrap,
    validFrom: dated ? fc.option(fc.constantFrom(...DATES), { nil: undefined }) : fc.constant(undefined),
    validTo: dated ? fc.option(fc.constantFrom(...DATES), { nil: undefined }) : fc.constant(undefined),
  });

interface Plant {
  items: ItemRecord[];
  bom: BomLineRecord[];
  /** Everything demand may name: materials, phantoms, assemblies (and the ghost when present). */
  ids: string[];
}

/** A DAG by construction: an item of level L only uses materials and items of lower levels. */
function plantArb(o: { maxLevels: number; qtyPer: fc.Arbitrary<Dec>; scrap: fc.Arbitrary<Dec>; dated: boolean; ghost: boolean }): fc.Arbitrary<Plant> {
  const parentArb = fc.record({ phantom: fc.boolean(), lines: fc.array(lineArb(o.qtyPer, o.scrap, o.dated), { minLength: 1, maxLength: 4 }) });
  return fc
    .record({
      materials: fc.integer({ min: 1, max: 5 }),
      levels: fc.array(fc.array(parentArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: o.maxLevels }),
      ghost: o.ghost ? fc.boolean() : fc.constant(false),
    })
    .map(({ materials, levels, ghost }) => {
      let row = 2;
      const items: ItemRecord[] = Array.from({ length: materials }, (_, i) => item(`M${i}`, "material", row++));
      const below = items.map((it) => it.item);
      if (ghost) below.push(GHOST);
      const bom: BomLineRecord[] = [];
      levels.forEach((level, L) => {
        const made = level.map((x, j) => {
          const id = `A${L + 1}${String.fromCharCode(97 + j)}`;
          items.push(item(id, x.phantom ? "phantom" : "assembly", row++));
          for (const l of x.lines) bom.push({ parent: id, component: below[l.pick % below.length], qtyPer: l.qtyPer, scrap: l.scrap, validFrom: l.validFrom, validTo: l.validTo, row: row++ });
          return id;
        });
        below.push(...made);
      });
      return { items, bom, ids: below };
    });
}

const demandArb = (plant: Plant, qty: fc.Arbitrary<Dec>) =>
  fc.array(fc.record({ pick: fc.nat(), qty }), { minLength: 1, maxLength: 8 }).map((picks) => new Map(picks.map((p) => [plant.ids[p.pick % plant.ids.length], p.qty])));

const caseArb = (plant: fc.Arbitrary<Plant>, qty: fc.Arbitrary<Dec>) => plant.chain((p) => fc.record({ plant: fc.constant(p), demand: demandArb(p, qty) }));

/** Every BOM version of the model: 0 up to the newest. */
const versions = (model: BomModel) => Array.from({ length: model.versionOf() + 1 }, (_, v) => v);

// ------------------------------------------------------------------ tests

describe("explodeDemand in scaled integers", () => {
  it("equals the Dec algorithm over random BOMs: same materials, same order, same quantities — as Decs, and as the scaled integers posting reads", () => {
    const plants = plantArb({ maxLevels: 5, qtyPer: qtyPerArb, scrap: scrapArb, dated: true, ghost: true });
    fc.assert(
      fc.property(caseArb(plants, anyQtyArb), ({ plant, demand }) => {
        const { model, reference } = watched(plant.items, plant.bom);
        for (const v of versions(model)) {
          const want = reference(demand, v);
          assertSameExplosion(model.explodeDemand(demand, v), want);
          const scaled = model.explodeDemandScaled(demand, v);
          assert.deepEqual([...scaled.keys()], [...want.keys()]);
          for (const [k, q] of want) assert.equal(decOf(scaled.get(k)!).toString(), q.toString(), k);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never needs the Dec algorithm while quantities stay within 40 digits", () => {
    // Three levels of 3 items of 4 lines at most, qtyPer < 1,000 and scrap with 2 decimals, demand ≤ 100,000 with 4:
    // every need stays below 10^36 at its scale (at most 16 decimals), so the integers must answer alone.
    const small = (max: number) => fc.record({ units: fc.integer({ min: 1, max }), places: fc.integer({ min: 0, max: 2 }) }).map(({ units, places }) => decimal(units, places));
    const plants = plantArb({ maxLevels: 3, qtyPer: small(999), scrap: fc.oneof(fc.constant(ZERO), fc.integer({ min: 1, max: 99 }).map((n) => decimal(n, 2))), dated: true, ghost: false });
    fc.assert(
      fc.property(caseArb(plants, qtyArb), ({ plant, demand }) => {
        const { model, reference, fallbacks } = watched(plant.items, plant.bom);
        for (const v of versions(model)) assertSameExplosion(model.explodeDemand(demand, v), reference(demand, v));
        assert.equal(fallbacks(), 0);
      }),
      { numRuns: 200 },
    );
  });

  it("puts materials in the Dec algorithm's order: first reached through the BOM, then demanded as such", () => {
    const items = [item("M1", "material", 2), item("M2", "material", 3), item("M3", "material", 4), item("A", "assembly", 5), item("P", "phantom", 6)];
    const bom = [line("A", "P", "2", 7), line("A", "M2", "1.5", 8, "0.05"), line("P", "M1", "0.25", 9)];
    const { model, reference, fallbacks } = watched(items, bom);
    const demand = new Map([
      ["M3", new Dec(4)],
      ["M2", new Dec("0.5")],
      ["A", new Dec(3)],
    ]);
    const got = model.explodeDemand(demand, 0);
    // A's lines: M2 first (P is exploded after A), then M1 through the phantom; M3 only as demanded.
    assert.deepEqual(listed(got), ["M2=5.225", "M1=1.5", "M3=4"]);
    assertSameExplosion(got, reference(demand, 0));
    assert.equal(fallbacks(), 0);
  });

  it("keeps an item reached at zero: its materials are listed with quantity 0, as by the Dec algorithm", () => {
    const items = [item("M1", "material", 2), item("A", "assembly", 3), item("B", "assembly", 4)];
    const bom = [line("A", "B", "0", 5), line("B", "M1", "2", 6)];
    const { model, reference, fallbacks } = watched(items, bom);
    const demand = new Map([["A", new Dec(7)]]);
    const got = model.explodeDemand(demand, 0);
    assert.deepEqual(listed(got), ["M1=0"]);
    assertSameExplosion(got, reference(demand, 0));
    assert.equal(fallbacks(), 0);
  });

  it("answers alone for tiny quantities too (written with an exponent by Dec)", () => {
    const items = [item("M1", "material", 2), item("A", "assembly", 3)];
    const bom = [line("A", "M1", "0.00000000000000000000000000000000125", 4, "0.5")];
    const { model, reference, fallbacks } = watched(items, bom);
    const demand = new Map([["A", new Dec("2e-31")]]);
    const got = model.explodeDemand(demand, 0);
    assert.equal(got.get("M1")?.toString(), "3.75e-64");
    assertSameExplosion(got, reference(demand, 0));
    assert.equal(fallbacks(), 0);
  });

  describe("hands back to the Dec algorithm, with the same result", () => {
    // M3 is in no line: demanded, it goes to the result as it is.
    const items = [item("M1", "material", 2), item("M2", "material", 3), item("M3", "material", 4), item("A", "assembly", 5), item("S", "assembly", 6)];
    const bom = [line("A", "S", "3", 6, "0.02"), line("A", "M1", "1.5", 7), line("S", "M2", "0.125", 8), line("S", "M1", "2", 9)];

    const check = (demand: Map<string, Dec>, lines = bom) => {
      const { model, reference, fallbacks } = watched(items, lines);
      const got = model.explodeDemand(demand, 0);
      assertSameExplosion(got, reference(demand, 0));
      assert.equal(fallbacks(), 1);
      return got;
    };

    it("when a demand quantity has 45 digits", () => {
      check(new Map([["A", new Dec("1234567890.12345678901234567890123456789012345")]]));
      check(new Map([["M2", new Dec("1234567890.12345678901234567890123456789012345")]]));
      const got = check(new Map([["A", new Dec(1)], ["M3", new Dec("1234567890.12345678901234567890123456789012345")]]));
      assert.equal(got.get("M3")?.toString(), "1234567890.12345678901234567890123456789"); // rounded at 40 digits
    });

    it("when a need grows past 40 digits down the BOM", () => {
      const a = "987654321987654321987654321987654321.75";
      const got = check(new Map([["A", new Dec(a)]]));
      // M2 = a × 3.06 × 0.125 has 42 digits: the Dec algorithm rounds it at 40, and so must the result.
      const Wide = Dec.clone({ precision: 100 });
      const exact = new Wide(a).times("3.06").times("0.125");
      assert.equal(exact.toString(), "377777778160277778160277778160277778.069375");
      assert.equal(got.get("M2")?.toString(), "377777778160277778160277778160277778.0694");
    });

    it("when a line's quantity has 45 digits", () => {
      const long = [...bom, line("A", "M2", "1.00000000000000000000000000000000000000000001", 10)];
      check(new Map([["A", new Dec(3)]]), long);
    });

    it("when the demand holds a zero quantity", () => {
      const got = check(new Map([["A", ZERO], ["S", new Dec(2)]]));
      assert.deepEqual(listed(got), ["M1=4", "M2=0.25"]);
    });

    it("when the demand holds a negative quantity", () => {
      check(new Map([["A", new Dec(-2)]]));
    });

    it("when a material has lines (validation stops that before a run)", () => {
      check(new Map([["A", new Dec(2)], ["M2", new Dec(1)]]), [...bom, line("M2", "M1", "1", 10)]);
    });
  });

  it("follows a loop as the Dec algorithm does (validation stops it before a run): the line back is lost", () => {
    const items = [item("M1", "material", 2), item("A", "assembly", 3), item("S", "assembly", 4)];
    const bom = [line("A", "S", "3", 5), line("S", "A", "1", 6), line("S", "M1", "2", 7)];
    const { model, reference } = watched(items, bom);
    const demand = new Map([["A", new Dec(2)]]);
    const got = model.explodeDemand(demand, 0);
    assert.deepEqual(listed(got), ["M1=12"]);
    assertSameExplosion(got, reference(demand, 0));
  });
});

/** One unit of `id` in leaf materials, in Dec line by line with nothing memoized: the reference for BomModel.explode. */
function explodeByHand(model: BomModel, id: string, version: number): Map<string, Dec> {
  const out = new Map<string, Dec>();
  const type = model.typeOf(id);
  if (type === "material") out.set(id, new Dec(1));
  else if (type) {
    for (const l of model.linesOf(id, version)) {
      const q = effectiveQty(l);
      for (const [m, per] of explodeByHand(model, l.component, version)) out.set(m, (out.get(m) ?? ZERO).plus(q.times(per)));
    }
  }
  return out;
}

describe("explode (one unit of an item) in scaled integers", () => {
  it("equals the Dec algorithm over random BOMs for every item and version: same materials, same order, same quantities — as Decs, and as the scaled integers the Consumption figures read", () => {
    const plants = plantArb({ maxLevels: 5, qtyPer: qtyPerArb, scrap: scrapArb, dated: true, ghost: true });
    fc.assert(
      fc.property(plants, (plant) => {
        const model = new BomModel(plant.items, plant.bom);
        const reference = new BomModel(plant.items, plant.bom);
        for (const v of versions(model)) {
          for (const id of plant.ids) {
            assertSameExplosion(new Map(model.explode(id, v)), explodeByHand(model, id, v));
            const scaled = model.explodeScaled(id, v);
            const want = reference.explodeDec(id, v);
            assert.deepEqual([...scaled.keys()], [...want.keys()], id);
            for (const [k, q] of want) assert.equal(decOf(scaled.get(k)!).toString(), q.toString(), `${id} → ${k}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("works out in BigInts an item whose quantities pass 2^53, where JS numbers would round them", () => {
    // S's line is 2^52 + 1 (a safe integer); A holds 3 of S: 13510798882111491 per unit of A, past 2^53, which a double cannot hold.
    // B's line is 2^53 + 1 itself. C holds 2 of A and 1 of T, whose M2 stays small: C's M1 is past 2^53 through A.
    const items = [item("M1", "material", 2), item("M2", "material", 3), item("S", "assembly", 4), item("A", "assembly", 5), item("B", "assembly", 6), item("T", "assembly", 7), item("C", "assembly", 8)];
    const bom = [
      line("S", "M1", "4503599627370497", 9),
      line("A", "S", "3", 10),
      line("A", "M2", "0.5", 11),
      line("B", "M1", "9007199254740993", 12),
      line("T", "M2", "7", 13),
      line("C", "A", "2", 14),
      line("C", "T", "1", 15),
    ];
    const model = new BomModel(items, bom);
    const units = (id: string) => Object.fromEntries([...model.explodeScaled(id, 0)].map(([m, q]) => [m, `${q.units}e-${q.scale}`]));
    assert.deepEqual(units("S"), { M1: "4503599627370497e-0" });
    assert.deepEqual(units("A"), { M1: "13510798882111491e-0", M2: "5e-1" });
    assert.deepEqual(units("B"), { M1: "9007199254740993e-0" });
    assert.deepEqual(units("C"), { M1: "27021597764222982e-0", M2: "80e-1" });
    for (const id of ["S", "A", "B", "T", "C"]) assertSameExplosion(new Map(model.explode(id, 0)), explodeByHand(model, id, 0));
  });

  it("hands an item whose quantities pass 40 digits to the Dec algorithm, and the rest still agree", () => {
    const items = [item("M1", "material", 2), item("M2", "material", 3), item("S", "assembly", 4), item("A", "assembly", 5)];
    const bom = [line("S", "M1", "123456789012345678901234.5", 6), line("S", "M2", "0.5", 7), line("A", "S", "98765432109876543210.25", 8), line("A", "M2", "2", 9)];
    const model = new BomModel(items, bom);
    for (const id of ["A", "S", "M1"]) assertSameExplosion(new Map(model.explode(id, 0)), explodeByHand(model, id, 0));
    // A's M1 is 123456789012345678901234.5 × 98765432109876543210.25 — 46 digits exactly; the result is Dec's 40-digit rounding of it.
    const Wide = Dec.clone({ precision: 100 });
    const exact = new Wide("123456789012345678901234.5").times("98765432109876543210.25");
    assert.ok(exact.precision() > 40);
    assert.equal(model.explode("A", 0).get("M1")!.toString(), new Dec(exact.toString()).toSignificantDigits(40).toString());
  });
});

// ------------------------------------------------------------------ posting's integer paths

/** The standard cost rollup in Dec, line by line: what BomModel.unitCost computed before it went to integers. */
function rollupDec(model: BomModel, id: string, v: number): { material: Dec; conversion: Dec } {
  const it = model.item(id);
  if (!it) return { material: ZERO, conversion: ZERO };
  if (it.type === "material") return { material: it.stdPrice ?? ZERO, conversion: ZERO };
  let material = ZERO;
  let conversion = it.stdConversion ?? ZERO;
  for (const l of model.linesOf(id, v)) {
    const q = effectiveQty(l);
    const c = rollupDec(model, l.component, v);
    material = material.plus(q.times(c.material));
    conversion = conversion.plus(q.times(c.conversion));
  }
  return { material, conversion };
}

/** Text and sign: −0 and 0 read apart. */
const exactly = (x: Dec) => `${x.isNegative() ? "-" : "+"}${x.toString()}`;

describe("unitCost in scaled integers", () => {
  // Prices with up to 6 decimals, now and then 30-digit ones (sums past 40 digits: Dec rounds, the integers must hand over), zeros of both signs.
  const priceArb = fc.oneof(
    { weight: 6, arbitrary: fc.record({ units: fc.integer({ min: 0, max: 99_999_999 }), places: fc.integer({ min: 0, max: 6 }) }).map(({ units, places }) => decimal(units, places)) },
    { weight: 1, arbitrary: fc.record({ units: fc.integer({ min: 1, max: 999_999 }), shift: fc.integer({ min: 20, max: 34 }) }).map(({ units, shift }) => new Dec(`${units}.123456789012345e${shift}`)) },
    { weight: 1, arbitrary: fc.constantFrom(ZERO, ZERO.negated()) },
  );
  const pricedArb = (plants: fc.Arbitrary<Plant>) =>
    plants.chain((plant) =>
      fc.array(fc.option(priceArb, { nil: undefined }), { minLength: plant.items.length, maxLength: plant.items.length }).map((prices) => ({
        ...plant,
        items: plant.items.map((it, i) => (it.type === "material" ? { ...it, stdPrice: prices[i] } : { ...it, stdConversion: prices[i] })),
      })),
    );

  it("equals the Dec rollup over random BOMs, to the digit and the sign of zero", () => {
    const plants = pricedArb(plantArb({ maxLevels: 5, qtyPer: qtyPerArb, scrap: scrapArb, dated: true, ghost: true }));
    fc.assert(
      fc.property(plants, (plant) => {
        const model = new BomModel(plant.items, plant.bom);
        for (const v of versions(model)) {
          for (const id of plant.ids) {
            const got = model.unitCost(id, v);
            const want = rollupDec(model, id, v);
            assert.equal(exactly(got.material), exactly(want.material), `${id} material`);
            assert.equal(exactly(got.conversion), exactly(want.conversion), `${id} conversion`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("rounds as Dec does when a cost passes 40 digits", () => {
    const items: ItemRecord[] = [{ ...item("M1", "material", 2), stdPrice: new Dec("987654321987654321987654321.123456789") }, { ...item("A", "assembly", 3), stdConversion: new Dec("-0") }];
    const model = new BomModel(items, [line("A", "M1", "3.333333", 4, "0.05")]);
    const got = model.unitCost("A", 0);
    // The exact product has 45 digits; Dec keeps 40, rounded half up.
    const Wide = Dec.clone({ precision: 100 });
    const exact = new Wide("987654321987654321987654321.123456789").times(new Wide("3.333333").times("1.05"));
    assert.equal(exact.precision(), 45);
    assert.equal(got.material.toString(), exact.toSignificantDigits(40, Wide.ROUND_HALF_UP).toString());
    assert.equal(got.material.toString(), rollupDec(model, "A", 0).material.toString());
    // −0 + 3.49999965 × (+0) is +0 in Dec.
    assert.equal(exactly(got.conversion), "+0");
  });

  it("keeps a standard conversion of −0 on an assembly without lines in force, as Dec does", () => {
    const items: ItemRecord[] = [{ ...item("A", "assembly", 2), stdConversion: new Dec("-0") }];
    assert.equal(exactly(new BomModel(items, []).unitCost("A", 0).conversion), "-0");
  });
});
