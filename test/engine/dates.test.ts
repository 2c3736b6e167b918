import { strict as assert } from "node:assert";
import { memoize } from "../../src/engine/dates";

describe("engine: memoize", () => {
  it("works a repeated key out once, and never answers −0 with 0's result or 0 with −0's", () => {
    let calls = 0;
    const sign = memoize((n: number) => {
      calls++;
      return Object.is(n, -0) ? "-0" : String(n);
    });
    // Both orders, both through the last-key shortcut (back to back) and through the map (with another key between).
    for (const keys of [[0, -0, 0, 7, -0, 0], [-0, 0, -0, 7, 0, -0]]) {
      assert.deepEqual(keys.map(sign), keys.map((k) => (Object.is(k, -0) ? "-0" : String(k))));
    }
    assert.equal(sign(7), "7");
    // 0 and 7 once each; every −0 worked out afresh (five of them).
    assert.equal(calls, 2 + 5);
  });
});
