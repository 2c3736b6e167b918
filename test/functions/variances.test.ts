/**
 * PRICEVAR, USAGEVAR and CONVVAR: DOMAIN.md's figures, exact decimals, bad
 * arguments, and the sample workbook's Variances, to the cent.
 */
import { strict as assert } from "node:assert";
import { Dec, roundMoney, runBackflush, type BackflushResult } from "../../src/engine";
import { convVar, priceVar, usageVar } from "../../src/functions/functions";
import { buildSampleTables, rawTablesOf } from "../../src/sample";
import { readInput } from "../../src/workbook/parse";
import { failure } from "./support";


describe("functions: PRICEVAR, USAGEVAR, CONVVAR", () => {
  it("give DOMAIN.md's variances: WOOD usage 60.00 U, conversion 450.00 U", () => {
    assert.equal(usageVar(500, 480, 3), 60);
    assert.equal(usageVar(480, 500, 3), -60); // more counted than booked: favorable
    assert.equal(convVar(10450, 10000), 450);
    assert.equal(convVar(9800, 10000), -200);
    assert.equal(priceVar(12400, 4000, 3), 400);
  });

  it("read Excel's floats to 15 significant digits, as tables are read, then work in decimals", () => {
    assert.notEqual(0.1 + 0.2, 0.3);
    assert.equal(priceVar(0.1 + 0.2, 1, 0.1), 0.2);
    assert.equal(usageVar(0.3, 0.1, 3), 0.6);
    assert.equal(convVar(0.3, 0.1), 0.2);
  });

  it("return #VALUE! naming the argument that is not a number", () => {
    const e = failure(() => usageVar("lots" as unknown as number, 1, 1));
    assert.deepEqual([e.code, e.message], ["#VALUE!", 'bookQty "lots" is not a number']);
    assert.equal(failure(() => convVar(1, null as unknown as number)).message, "allocated: the cell is blank");
    assert.equal(failure(() => priceVar(1, 1, true as unknown as number)).message, "stdPrice: TRUE is not a number");
  });

  describe("on the sample workbook, to the cent of its Variances", () => {
    const models = buildSampleTables();
    const read = readInput(rawTablesOf(models));
    let result: BackflushResult;
    before(() => {
      assert.ok(read.input, "the sample does not read");
      result = runBackflush(read.input);
    });
    const priceOf = (item: string): number => result.standards.find((s) => s.item === item)!.material.toNumber();
    const cents = (n: number): Dec => roundMoney(new Dec(n), 2);

    it("PRICEVAR of each material's purchases", () => {
      const price = result.variances.filter((v) => v.kind === "price");
      assert.ok(price.length > 10);
      for (const v of price) assert.ok(cents(priceVar(v.actual.toNumber(), v.qty!.toNumber(), priceOf(v.item!))).equals(v.amount), v.item);
    });

    it("USAGEVAR of each material counted", () => {
      const usage = result.variances.filter((v) => v.kind === "usage");
      assert.ok(usage.length > 0);
      for (const v of usage) {
        const counted = read.input!.inventory!.find((i) => i.item === v.item)!.count!;
        const book = counted.plus(v.qty!);
        // The sheet's variance is the book value less the counted value, each rounded on its own, where the book value is what RIP's
        // rounded lines hold: it differs from (book − counted) × standard by what those lines rounded away, and by that alone.
        const drift = v.standard.minus(cents(usageVar(book.toNumber(), 0, priceOf(v.item!))));
        assert.ok(cents(usageVar(book.toNumber(), counted.toNumber(), priceOf(v.item!))).plus(drift).minus(v.amount).abs().lte("0.01"), v.item);
      }
    });

    it("CONVVAR of the period's conversion costs", () => {
      const [v] = result.variances.filter((x) => x.kind === "conversion");
      assert.ok(v.amount.isPositive());
      assert.ok(new Dec(convVar(v.actual.toNumber(), v.standard.toNumber())).equals(v.amount));
    });
  });
});
