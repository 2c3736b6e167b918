/**
 * The opening and count paths in exact integers against the Dec arithmetic
 * they replaced: materials inside goods on hand (goods.ts), and openings
 * booked from exact figures (Ledger.openExact) against open(roundMoney(…)).
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, roundMoney } from "../../src/engine/money";
import { materialsInGoods, materialsInGoodsDec, materialsInGoodsScaled, withRow, type GoodsBom, type GoodsRow, type MaterialsInGoods } from "../../src/engine/goods";
import { Ledger } from "../../src/engine/ledger";
import { scaledOf, times } from "../../src/engine/scaled";
import { BomModel } from "../../src/engine/bom";
import type { BomLineRecord, ItemRecord } from "../../src/engine/types";
import { purchaseTotals, purchaseTotalsDec, purchaseTotalsScaled, type PurchaseTotal } from "../../src/engine/purchases";
import type { MovementGroup } from "../../src/engine/prepare";

/** An exact decimal from `min` units of up to `digits` digits and up to `places` decimals, as text parsed by Dec. */
const decimal = (min: bigint, digits: number, places: number): fc.Arbitrary<Dec> =>
  fc.tuple(fc.bigInt({ min, max: 10n ** BigInt(digits) - 1n }), fc.integer({ min: 0, max: places })).map(([u, s]) => new Dec(`${u}e-${s}`));
/** Units on hand: above zero, as validation leaves them; sometimes wide enough for a total past 40 digits. */
const units = fc.oneof({ weight: 5, arbitrary: decimal(1n, 9, 4) }, { weight: 1, arbitrary: decimal(1n, 28, 6) });
/** A quantity per: above zero, as validation leaves it; sometimes wide. */
const qtyPer = fc.oneof({ weight: 5, arbitrary: decimal(1n, 6, 4) }, { weight: 1, arbitrary: decimal(1n, 16, 12) });
const scrap = fc.oneof(fc.constant(new Dec(0)), fc.integer({ min: 1, max: 99 }).map((n) => new Dec(n).dividedBy(1000)));

interface Plant {
  items: ItemRecord[];
  lines: BomLineRecord[];
  assemblies: string[];
}

/** A DAG by construction, with phantoms: each level's items use materials and items of lower levels only. */
const plant: fc.Arbitrary<Plant> = fc
  .record({
    materials: fc.integer({ min: 1, max: 5 }),
    levels: fc.array(fc.array(fc.record({ phantom: fc.boolean(), lines: fc.array(fc.record({ pick: fc.nat(), qtyPer, scrap }), { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ materials, levels }) => {
    let row = 2;
    const items: ItemRecord[] = Array.from({ length: materials }, (_, i) => ({ item: `M${i}`, type: "material" as const, row: row++ }));
    const below = items.map((it) => it.item);
    const lines: BomLineRecord[] = [];
    const assemblies: string[] = [];
    levels.forEach((level, L) => {
      const made = level.map((x, j) => {
        const id = `A${L}${j}`;
        items.push({ item: id, type: x.phantom ? "phantom" : "assembly", row: row++ });
        if (!x.phantom) assemblies.push(id);
        for (const l of x.lines) lines.push({ parent: id, component: below[l.pick % below.length], qtyPer: l.qtyPer, scrap: l.scrap, row: row++ });
        return id;
      });
      below.push(...made);
    });
    return { items, lines, assemblies };
  });

/** Goods rows of a plant's assemblies (an item may have several rows, as a malformed sheet could). */
const goodsOf = (p: Plant): fc.Arbitrary<GoodsRow[]> => p.assemblies.length === 0 ? fc.constant([]) : fc.array(fc.record({ item: fc.constantFrom(...p.assemblies), units, row: fc.integer({ min: 2, max: 2000 }) }), { maxLength: 8 });

/** A model's explosions in version 0, as the run hands them over. */
function bomOf(model: BomModel): GoodsBom {
  return { explode: (item) => model.explode(item, 0), explodeScaled: (item) => model.explodeScaled(item, 0), explodeDemandExact: (demand) => model.explodeDemandExact(demand, 0) };
}

/** Same materials in the same order, same rows, same quantities to the digit and the sign of zero. */
function assertSame(got: MaterialsInGoods, want: MaterialsInGoods): void {
  assert.deepEqual([...got.keys()], [...want.keys()]);
  for (const [m, w] of want) {
    const g = got.get(m)!;
    assert.deepEqual(g.rows, w.rows, m);
    assert.equal(g.qty.toString(), w.qty.toString(), m);
    assert.ok(g.qty.equals(w.qty) && g.qty.isNegative() === w.qty.isNegative(), `${m}: ${g.qty} vs ${w.qty}`);
  }
}

describe("engine: materials inside goods on hand, in scaled integers", () => {
  it("equal the Dec sums of units × explosion over random BOMs: same materials, order, rows and quantities; past 40 digits the Dec answers", () => {
    let scaledAnswered = 0;
    let decAnswered = 0;
    fc.assert(
      fc.property(plant.chain((p) => fc.tuple(fc.constant(p), goodsOf(p))), ([p, goods]) => {
        const want = materialsInGoodsDec(goods, bomOf(new BomModel(p.items, p.lines)));
        const model = new BomModel(p.items, p.lines);
        const scaled = materialsInGoodsScaled(goods, bomOf(model));
        if (scaled) {
          scaledAnswered++;
          assertSame(scaled, want);
        } else decAnswered++;
        assertSame(materialsInGoods(goods, bomOf(model)), want);
      }),
      { numRuns: 400 },
    );
    // Both paths were exercised.
    assert.ok(scaledAnswered > 100 && decAnswered > 0, `${scaledAnswered} / ${decAnswered}`);
  });

  const simple = (qtyPer: string) => new BomModel([{ item: "M1", type: "material", row: 2 }, { item: "A", type: "assembly", row: 3 }], [{ parent: "A", component: "M1", qtyPer: new Dec(qtyPer), scrap: new Dec(0), row: 4 }]);

  it("hands a total past 40 digits to Dec, which rounds it", () => {
    const goods: GoodsRow[] = [
      { item: "A", units: new Dec("1e39"), row: 2 },
      { item: "A", units: new Dec("0.3"), row: 3 },
    ];
    const bom = bomOf(simple("0.1"));
    assert.equal(materialsInGoodsScaled(goods, bom), undefined);
    const got = materialsInGoods(goods, bom);
    // 1e38 + 0.03 has 41 digits: Dec keeps 40.
    assert.equal(got.get("M1")!.qty.toString(), new Dec("1e38").plus("0.03").toString());
    assert.deepEqual(got.get("M1")!.rows, [2, 3]);
  });

  it("hands over to Dec when the rows' sum lost the decimals its terms had (a total under 10^40 only at the sum's scale)", () => {
    const goods: GoodsRow[] = [
      { item: "A", units: new Dec("239897274365707318785623.97"), row: 2 },
      { item: "A", units: new Dec("230048.516"), row: 3 },
      { item: "A", units: new Dec("0.006"), row: 4 },
      { item: "A", units: new Dec("0.007"), row: 5 },
      { item: "A", units: new Dec("0.001"), row: 6 },
    ];
    const bom = bomOf(simple("415945043.613126"));
    // The units add up to …15672.500 = …15672.5 (1 decimal): × the 6-decimal quantity per, 9.98e31 at 7 decimals, 39 digits.
    // The Dec way adds the rows' terms, which have up to 9 decimals: at 9, 41 digits, so Dec rounds, and the integers may not answer.
    assert.equal(materialsInGoodsScaled(goods, bom), undefined);
    // And Dec's answer is not the exact total here (…5220.717235): its 40 digits make it …5220.71723501, which the run must give.
    assert.equal(materialsInGoods(goods, bom).get("M1")!.qty.toString(), "99784082248714184776137281365220.71723501");
  });

  it("keeps a zero quantity per (validation refuses it) as +0, as the Dec product of units above zero gives it", () => {
    const got = materialsInGoodsScaled([{ item: "A", units: new Dec(2), row: 5 }], bomOf(simple("0")))!;
    assert.ok(got.get("M1")!.qty.isZero() && !got.get("M1")!.qty.isNegative());
  });
});

describe("engine: a count's rows with the rows of goods (withRow)", () => {
  it("are [row, ...rows] sorted by number, rows in order or not, repeats included", () => {
    const rowsArb = fc.oneof(fc.array(fc.integer({ min: 2, max: 40 }), { maxLength: 12 }), fc.array(fc.integer({ min: 2, max: 40 }), { maxLength: 12 }).map((r) => r.sort((a, b) => a - b)));
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), rowsArb, (row, rows) => {
        const before = rows.slice();
        assert.deepEqual(withRow(row, rows), [row, ...rows].sort((a, b) => a - b));
        assert.deepEqual(rows, before); // the goods' list is left as it was
      }),
      { numRuns: 500 },
    );
  });
});

describe("engine: purchase totals in scaled integers", () => {
  /** Days of groups as prepare makes them: a quantity above zero, an amount of at least zero (zeros often), sometimes past 40 digits in total. */
  const day = fc.array(
    fc.record({
      item: fc.constantFrom("M1", "M2", "M3"),
      qty: fc.oneof({ weight: 6, arbitrary: decimal(1n, 10, 4) }, { weight: 1, arbitrary: decimal(1n, 30, 12) }),
      amount: fc.oneof({ weight: 5, arbitrary: decimal(0n, 10, 3) }, { weight: 1, arbitrary: fc.constant(new Dec(0)) }, { weight: 1, arbitrary: decimal(0n, 38, 12) }),
      rows: fc.array(fc.integer({ min: 2, max: 60_000 }), { minLength: 1, maxLength: 3 }),
    }).map((g): MovementGroup => ({ ...g, rowCount: g.rows.length })),
    { maxLength: 4 },
  );
  const sameTotals = (got: Map<string, PurchaseTotal>, want: Map<string, PurchaseTotal>) => {
    assert.deepEqual([...got.keys()], [...want.keys()]);
    for (const [item, w] of want) {
      const g = got.get(item)!;
      assert.deepEqual(g.rows, w.rows, item);
      for (const k of ["qty", "amount"] as const) assert.ok(g[k].equals(w[k]) && g[k].toString() === w[k].toString() && g[k].isNegative() === w[k].isNegative(), `${item} ${k}: ${g[k]} vs ${w[k]}`);
    }
  };
  it("equal the Dec sums: same materials, order, rows, quantities and amounts; past 40 digits the Dec answers", () => {
    let scaledAnswered = 0;
    let decAnswered = 0;
    fc.assert(
      fc.property(fc.array(day, { maxLength: 5 }), (days: MovementGroup[][]) => {
        const want = purchaseTotalsDec(days);
        const scaled = purchaseTotalsScaled(days);
        if (scaled) {
          scaledAnswered++;
          sameTotals(scaled, want);
        } else decAnswered++;
        for (const b of want.values()) b.rows.sort((x, y) => x - y);
        sameTotals(purchaseTotals(days), want);
      }),
      { numRuns: 500 },
    );
    assert.ok(scaledAnswered > 100 && decAnswered > 0, `${scaledAnswered} / ${decAnswered}`);
  });

  it("hands an amount past 40 digits to Dec, which rounds it", () => {
    const days: MovementGroup[][] = [[{ item: "M1", qty: new Dec(1), amount: new Dec("1e38"), rows: [2], rowCount: 1 }], [{ item: "M1", qty: new Dec(1), amount: new Dec("0.03"), rows: [3], rowCount: 1 }]];
    assert.equal(purchaseTotalsScaled(days), undefined);
    assert.equal(purchaseTotals(days).get("M1")!.amount.toString(), new Dec("1e38").plus("0.03").toString());
  });

  it("leaves an amount of −0 to Dec, which keeps its sign", () => {
    const days: MovementGroup[][] = [[{ item: "M1", qty: new Dec(1), amount: new Dec(-0), rows: [2], rowCount: 1 }]];
    assert.equal(purchaseTotalsScaled(days), undefined);
    assert.ok(purchaseTotals(days).get("M1")!.amount.isNegative());
  });
});

describe("engine: Ledger.openExact against open(roundMoney(…))", () => {
  const signed = (digits: number, places: number) =>
    fc.tuple(fc.bigInt({ min: -(10n ** BigInt(digits)) + 1n, max: 10n ** BigInt(digits) - 1n }), fc.integer({ min: 0, max: places })).map(([u, s]) => new Dec(`${u}e-${s}`));
  it("books the same quantities, values and content, halves and small negatives (−0 after rounding) included", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3),
        fc.array(fc.record({ item: fc.constantFrom("M1", "M2"), qty: fc.oneof(signed(12, 6), signed(30, 12)), price: fc.oneof(signed(8, 6), fc.constantFrom(new Dec("0.005"), new Dec("-0.0049"), new Dec("0.335"))) }), { maxLength: 6 }),
        (minorUnits, openings) => {
          const byDec = new Ledger(minorUnits);
          const exact = new Ledger(minorUnits);
          for (const o of openings) {
            byDec.open("RIP", o.item, o.qty, roundMoney(o.qty.times(o.price), minorUnits));
            exact.openExact("RIP", o.item, scaledOf(o.qty), times(scaledOf(o.qty), scaledOf(o.price)));
          }
          assert.deepEqual(exact.balances().map(text), byDec.balances().map(text));
          assert.deepEqual(text(exact.content("RIP")), text(byDec.content("RIP")));
        },
      ),
      { numRuns: 400 },
    );
  });
});

/** Every figure of a record as its text (Dec's toString), for deepEqual. */
function text(x: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v instanceof Dec ? `${v.toString()}${v.isZero() && v.isNegative() ? " (−0)" : ""}` : v]));
}
