/**
 * Properties of the engine over random plants and periods (fast-check):
 * random BOMs (DAGs of 1–4 levels, phantoms, scrap, BOM versions, prices in
 * cents or fractions of a cent) and random movements in every sequence.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, ZERO, SEQUENCE_RULES, checkStructure, explode, runBackflush, standardCosts, sum, TRIGGER_SEQUENCES } from "../../src/engine";
import type { AccountRole, BackflushResult, MovementRecord, PeriodInput, PurchaseRecord, Settings, TriggerSequence } from "../../src/engine";
import { PERIOD, anyPeriod, cents, day, plantArb, qtyArb } from "./plants";
import { entryTotals } from "../support/ledger-views";

const RUNS = { numRuns: 60 };

// ------------------------------------------------------------------ read-outs

const INVENTORY_ROLES: readonly AccountRole[] = ["RIP", "FG", "COGS"];
const roleTotal = (r: BackflushResult, role: AccountRole, pick: (b: BackflushResult["balances"][number]) => Dec) => sum(r.balances.filter((b) => b.role === role).map(pick));
const journalSide = (r: BackflushResult, role: AccountRole, side: "debit" | "credit") => sum(r.journal.flatMap((e) => e.lines.filter((l) => l.role === role).map((l) => l[side])));

describe("engine properties", () => {
  it("every entry balances exactly, in the currency's minor units", () => {
    fc.assert(
      fc.property(anyPeriod, (input) => {
        const r = runBackflush(input);
        for (const e of r.journal) {
          const t = entryTotals(e);
          assert.ok(t.debit.equals(t.credit), `entry ${e.entry} ${e.description}: ${t.debit} ≠ ${t.credit}`);
          for (const l of e.lines) {
            assert.ok(l.debit.decimalPlaces() <= r.settings.minorUnits && l.credit.decimalPlaces() <= r.settings.minorUnits, `${l.role} ${l.debit}/${l.credit}`);
            assert.ok(!l.debit.isNegative() && !l.credit.isNegative());
          }
        }
        assert.ok(r.totals.debit.equals(r.totals.credit));
      }),
      RUNS,
    );
  });

  it("conserves value in RIP, FG and COGS: opening + debits − credits = ending, journal and balances agreeing", () => {
    fc.assert(
      fc.property(anyPeriod, (input) => {
        const r = runBackflush(input);
        for (const role of INVENTORY_ROLES) {
          const entered = roleTotal(r, role, (b) => b.openingValue).plus(journalSide(r, role, "debit"));
          const left = journalSide(r, role, "credit");
          const remains = roleTotal(r, role, (b) => b.endingValue);
          assert.equal(entered.minus(left).toFixed(), remains.toFixed(), role);
          assert.equal(roleTotal(r, role, (b) => b.debit).toFixed(), journalSide(r, role, "debit").toFixed(), `${role} debits`);
        }
        // The whole ledger: every debit has its credit, opening balances included.
        assert.ok(sum(r.balances.map((b) => b.endingValue.minus(b.openingValue))).isZero());
      }),
      RUNS,
    );
  });

  it("conserves quantities: FG = opening + completed − sold, or the count; RIP ends at the count where one is given", () => {
    fc.assert(
      fc.property(anyPeriod, (input) => {
        const r = runBackflush(input);
        const rules = SEQUENCE_RULES[input.settings.sequence];
        const model = checkStructure(input.items, input.bom);
        const qtyIn = (role: AccountRole, item: string) => r.balances.find((b) => b.role === role && b.item === item)?.endingQty ?? ZERO;
        const moved = (list: readonly MovementRecord[], item: string) => sum(list.filter((m) => m.item === item).map((m) => m.qty));
        if (rules.holdsFinishedGoods) {
          const products = new Set([...input.completions, ...input.sales].map((m) => m.item));
          for (const p of products) {
            const stock = input.inventory?.find((i) => i.item === p);
            const open = stock?.opening ?? ZERO;
            // A count of finished goods sets FG to it (the difference is shrinkage).
            const expected = stock?.count ?? open.plus(moved(input.completions, p)).minus(moved(input.sales, p));
            assert.equal(qtyIn("FG", p).toFixed(), expected.toFixed(), p);
          }
        }
        if (rules.booksPurchases) {
          // Goods on hand are materials in finished form where no FG is kept: counted, or, with a blank Count
          // (not counted), at their book quantity, opening + completed − sold, where that is above zero.
          const inGoods = new Map<string, Dec>();
          if (!rules.holdsFinishedGoods) {
            const products = new Set([...(input.inventory ?? []).map((i) => i.item), ...input.completions.map((m) => m.item), ...input.sales.map((m) => m.item)]);
            for (const p of products) {
              if (model.typeOf(p) !== "assembly") continue;
              const stock = input.inventory?.find((i) => i.item === p);
              const onHand = stock?.count ?? (stock?.opening ?? ZERO).plus(moved(input.completions, p)).minus(moved(input.sales, p));
              if (!onHand.isPositive() || onHand.isZero()) continue;
              for (const m of explode(model, p, onHand, input.settings.periodEnd)) inGoods.set(m.material, (inGoods.get(m.material) ?? ZERO).plus(m.qty));
            }
          }
          for (const inv of input.inventory ?? []) {
            if (inv.count === undefined || model.typeOf(inv.item) !== "material") continue;
            assert.equal(qtyIn("RIP", inv.item).toFixed(), inv.count.plus(inGoods.get(inv.item) ?? ZERO).toFixed(), inv.item);
          }
          // What the flushes took out of RIP is what the consumption report says was consumed.
          for (const m of new Set(r.consumption.map((c) => c.material))) {
            const flushed = sum(r.journal.filter((e) => e.kind === "completion" || e.kind === "sale").flatMap((e) => e.lines.filter((l) => l.role === "RIP" && l.item === m).map((l) => l.qty!)));
            assert.equal(flushed.toFixed(), sum(r.consumption.filter((c) => c.material === m).map((c) => c.materialQty)).toFixed(), m);
          }
        }
      }),
      RUNS,
    );
  });

  it("explosion is linear in quantity and values at the standard material cost", () => {
    fc.assert(
      fc.property(plantArb({ versions: true }), qtyArb, qtyArb, fc.integer({ min: 1, max: 30 }), fc.nat(), (plant, q1, q2, d, pick) => {
        const model = checkStructure(plant.items, plant.bom);
        const item = plant.products[pick % plant.products.length];
        const asOf = day(d);
        const x = (q: Dec) => new Map(explode(model, item, q, asOf).map((m) => [m.material, m.qty]));
        const one = x(new Dec(1));
        const both = x(q1.plus(q2));
        const a = x(q1);
        const b = x(q2);
        assert.deepEqual([...both.keys()], [...one.keys()]);
        for (const [m, per] of one) {
          assert.equal(both.get(m)!.toFixed(), a.get(m)!.plus(b.get(m)!).toFixed(), `${m}: additive`);
          assert.equal(a.get(m)!.toFixed(), per.times(q1).toFixed(), `${m}: proportional`);
        }
        const price = new Map(plant.items.map((i) => [i.item, i.stdPrice ?? ZERO]));
        const std = standardCosts(model, plant.items, asOf).find((s) => s.item === item)!;
        assert.equal(sum([...one].map(([m, per]) => per.times(price.get(m)!))).toFixed(), std.material.toFixed());
      }),
      RUNS,
    );
  });

  it("when everything made is sold and everything bought consumed, all four sequences put the same total in COGS", () => {
    // No BOM versions here: the flush uses the BOM in force on the flush day, which is the
    // completion day in some sequences and the sale day in others (by design).
    const closedPeriod = plantArb({ versions: false }).chain((plant) =>
      fc
        .record({
          made: fc.array(fc.record({ pick: fc.nat(), made: fc.integer({ min: 6, max: 15 }), sold: fc.integer({ min: 16, max: 28 }), qty: qtyArb, split: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 5 }),
          buys: fc.array(fc.record({ day: fc.integer({ min: 1, max: 5 }), split: fc.integer({ min: 0, max: 3 }), markup: fc.integer({ min: -30, max: 30 }) }), { minLength: 4, maxLength: 4 }),
          conversion: fc.array(fc.record({ day: fc.integer({ min: 1, max: 30 }), amount: cents(300_000) }), { maxLength: 3 }),
          disposition: fc.constantFrom<Settings["disposition"]>("cogs", "prorate"),
        })
        .map((x) => ({ plant, ...x })),
    );
    fc.assert(
      fc.property(closedPeriod, ({ plant, made, buys, conversion, disposition }) => {
        let row = 2000;
        const model = checkStructure(plant.items, plant.bom);
        const completions: MovementRecord[] = [];
        const sales: MovementRecord[] = [];
        const need = new Map<string, Dec>();
        made.forEach((m, i) => {
          const item = plant.products[m.pick % plant.products.length];
          completions.push({ date: day(m.made), item, qty: m.qty, ref: `M${i}`, row: row++ });
          // Sold in one or two lots, all of it.
          const first = m.qty.times(m.split).dividedBy(4);
          for (const [k, q] of [first, m.qty.minus(first)].entries()) if (!q.isZero()) sales.push({ date: day(m.sold + k), item, qty: q, ref: `S${i}.${k}`, row: row++ });
          for (const x of explode(model, item, m.qty)) need.set(x.material, (need.get(x.material) ?? ZERO).plus(x.qty));
        });
        // Purchases: exactly what is consumed, in one or two rows, at a price off standard, in cents.
        const purchases: PurchaseRecord[] = [];
        [...need].forEach(([item, qty], i) => {
          const b = buys[i % buys.length];
          const price = plant.items.find((it) => it.item === item)!.stdPrice!;
          const first = qty.times(b.split).dividedBy(4);
          for (const [k, q] of [first, qty.minus(first)].entries()) {
            if (!q.isZero()) purchases.push({ date: day(b.day), item, qty: q, amount: q.times(price).times(100 + b.markup).dividedBy(100).toDecimalPlaces(2), ref: `P${i}.${k}`, row: row++ });
          }
        });
        const input = (sequence: TriggerSequence): PeriodInput => ({
          items: plant.items,
          bom: plant.bom,
          completions,
          sales,
          purchases,
          conversion: conversion.map((c, i) => ({ date: day(c.day), amount: c.amount, ref: `C${i}`, row: 3000 + i })),
          inventory: plant.materials.map((m, i) => ({ item: m, count: ZERO, row: 4000 + i })),
          settings: { ...PERIOD, sequence, currency: "USD", disposition },
        });
        const paid = sum(purchases.map((p) => p.amount)).plus(sum(conversion.map((c) => c.amount)));
        for (const sequence of TRIGGER_SEQUENCES) {
          const r = runBackflush(input(sequence));
          assert.equal(roleTotal(r, "COGS", (b) => b.endingValue).toFixed(2), paid.toFixed(2), `${sequence}: COGS = all paid`);
          assert.ok(roleTotal(r, "RIP", (b) => b.endingValue).isZero(), `${sequence}: RIP empty`);
          assert.ok(roleTotal(r, "FG", (b) => b.endingValue).isZero(), `${sequence}: FG empty`);
          assert.equal(r.variances.filter((v) => v.kind === "usage").length, 0, `${sequence}: no usage variance`);
          assert.equal(r.warnings.filter((w) => w.code === "negative-inventory").length, 0, sequence);
        }
      }),
      RUNS,
    );
  });

  it("the order of rows in a table does not change the result", () => {
    fc.assert(
      fc.property(
        anyPeriod.chain((input) => fc.tuple(fc.constant(input), fc.shuffledSubarray([...input.completions], { minLength: input.completions.length }), fc.shuffledSubarray([...input.purchases], { minLength: input.purchases.length }), fc.shuffledSubarray([...input.bom], { minLength: input.bom.length }))),
        ([input, completions, purchases, bom]) => {
          const a = runBackflush(input);
          const b = runBackflush({ ...input, completions, purchases, bom });
          const view = (r: BackflushResult) => r.balances.map((x) => `${x.role}/${x.item ?? ""}: ${x.endingValue.toFixed()} (${x.endingQty.toFixed()})`);
          assert.deepEqual(view(b), view(a));
        },
      ),
      RUNS,
    );
  });
});
