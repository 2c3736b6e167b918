/**
 * The BACKFLUSH.* custom functions as plain functions, and their registration
 * with Excel's custom-functions runtime (present inside Excel, absent in a
 * plain browser or here).
 */
import { strict as assert } from "node:assert";
import { priceVar } from "../../src/functions/functions";

type Registry = { associate(id: string, fn: unknown): void };

describe("custom functions: BACKFLUSH.PRICEVAR", () => {
  it("gives DOMAIN.md's purchase price variances: WOOD 400 U, SCREW 40 F, FABRIC 60 F", () => {
    assert.equal(priceVar(12400, 4000, 3), 400);
    assert.equal(priceVar(960, 20000, 0.05), -40);
    assert.equal(priceVar(2340, 600, 4), -60);
  });

  it("works in decimals, not floats: 0.3 paid for 1 at 0.1 is exactly 0.2", () => {
    assert.notEqual(0.3 - 1 * 0.1, 0.2); // what float arithmetic would return
    assert.equal(priceVar(0.3, 1, 0.1), 0.2);
    assert.equal(priceVar(1000.1, 3, 333.3), 0.2);
  });

  it("is zero at standard and does not round", () => {
    assert.equal(priceVar(300, 100, 3), 0);
    assert.equal(priceVar(10, 3, 3.3333), 0.0001);
  });
});

describe("custom functions: registration", () => {
  const modulePath = require.resolve("../../src/functions/functions");
  // The runtime is a global; a plain record lets the test add and remove a stand-in.
  const g = globalThis as unknown as Record<string, unknown>;

  /** Loads functions.ts afresh, as the page does, with `registry` as Excel's runtime (or none). */
  function load(registry: Registry | undefined): typeof import("../../src/functions/functions") {
    delete require.cache[modulePath];
    if (registry) g.CustomFunctions = registry;
    try {
      return require(modulePath) as typeof import("../../src/functions/functions");
    } finally {
      delete g.CustomFunctions;
    }
  }

  it("registers PRICEVAR with Excel's runtime when there is one", () => {
    const calls: [string, unknown][] = [];
    const loaded = load({ associate: (id, fn) => calls.push([id, fn]) });
    assert.deepEqual(calls, [["PRICEVAR", loaded.priceVar]]);
  });

  it("loads without Excel (plain browser) and registers nothing", () => {
    assert.equal(g.CustomFunctions, undefined);
    const loaded = load(undefined);
    assert.equal(loaded.priceVar(12400, 4000, 3), 400);
  });
});
