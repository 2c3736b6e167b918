import { strict as assert } from "node:assert";
import { Dec, DecTally, ZERO } from "../../src/engine/money";

describe("engine: DecTally (exact group sums)", () => {
  it("sums repeated shared values exactly, as value × count", () => {
    const values = ["0.1", "2", "3.25"].map((v) => new Dec(v));
    const tally = new DecTally();
    let expected = ZERO;
    for (let i = 0; i < 1000; i++) {
      const v = values[i % 3];
      tally.add(v);
      expected = expected.plus(v);
    }
    assert.equal(tally.total().toFixed(), expected.toFixed());
  });

  it("stays exact past 16 distinct values, where it switches to a map", () => {
    const tally = new DecTally();
    let expected = ZERO;
    for (let i = 0; i < 40 * 3; i++) {
      const v = new Dec(i % 40).dividedBy(7); // 40 distinct, non-terminating values, each seen 3 times (as separate instances)
      tally.add(v);
      expected = expected.plus(v);
    }
    assert.ok(tally.total().equals(expected), `${tally.total()} ≠ ${expected}`);
  });

  it("is zero when empty", () => {
    assert.ok(new DecTally().total().isZero());
  });
});
