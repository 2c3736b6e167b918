/**
 * The BACKFLUSH.* custom functions as plain functions, their registration
 * with Excel's custom-functions runtime (present inside Excel, absent in a
 * plain browser or here), and the errors a cell receives. test/functions/
 * tests what each function computes.
 */
import { strict as assert } from "node:assert";
import { FunctionError } from "../../src/functions/errors";
import { explode, priceVar, stdCost } from "../../src/functions/functions";

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

  it("registers every BACKFLUSH function with Excel's runtime when there is one", () => {
    const calls: [string, unknown][] = [];
    const loaded = load({ associate: (id, fn) => calls.push([id, fn]) });
    assert.deepEqual(calls, [
      ["STDCOST", loaded.stdCost],
      ["ROLLUP", loaded.rollup],
      ["EXPLODE", loaded.explode],
      ["COST", loaded.cost],
      ["PRICEVAR", loaded.priceVar],
      ["USAGEVAR", loaded.usageVar],
      ["CONVVAR", loaded.convVar],
      ["JOURNAL", loaded.journal],
      ["REVIEW", loaded.review],
    ]);
  });

  it("loads without Excel (plain browser) and registers nothing", () => {
    assert.equal(g.CustomFunctions, undefined);
    const loaded = load(undefined);
    assert.equal(loaded.priceVar(12400, 4000, 3), 400);
  });
});

describe("custom functions: errors in Excel", () => {
  const g = globalThis as unknown as Record<string, unknown>;
  /** Excel's CustomFunctions.Error, as far as a cell can tell: a code and a message. */
  class CellError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  const runtime = { associate: () => undefined, Error: CellError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };

  /** What Excel's runtime receives from a call: the value, or the error thrown. */
  function inExcel(call: () => unknown): unknown {
    g.CustomFunctions = runtime;
    try {
      return call();
    } catch (e) {
      return e;
    } finally {
      delete g.CustomFunctions;
    }
  }

  const items = [["Item", "Type", "StdPrice", "StdConversion"], ["WOOD", "Material", 3, null], ["STOOL", "Assembly", null, 4]];
  const bom = [["Parent", "Component", "QtyPer"], ["STOOL", "WOOD", 2]];

  it("gives numbers as they are", () => {
    assert.equal(inExcel(() => stdCost(items, bom, "STOOL")), 10);
  });

  it("turns an unknown item into #N/A with a message", () => {
    assert.deepEqual(inExcel(() => stdCost(items, bom, "TABLE")), new CellError("#N/A", 'Item "TABLE" is not in items'));
  });

  it("turns a bad range into #VALUE! naming its cell", () => {
    const bad = [bom[0], ["STOOL", "WOOD", "two"]];
    assert.deepEqual(inExcel(() => explode(bad, "STOOL", 1)), new CellError("#VALUE!", 'bom!C2: QtyPer "two" is not a number'));
  });

  it("turns even an unexpected JavaScript exception into #VALUE!, never a bare exception", () => {
    const broken = new Proxy([], {
      get() {
        throw new TypeError("boom");
      },
    });
    assert.deepEqual(inExcel(() => stdCost(broken, bom, "STOOL")), new CellError("#VALUE!", "Backflush could not compute this: boom"));
  });

  it("leaves the typed error as it is outside Excel", () => {
    assert.throws(() => stdCost(items, bom, "TABLE"), (e: unknown) => e instanceof FunctionError && e.code === "#N/A");
  });
});
