import { strict as assert } from "node:assert";
import { describe, it } from "mocha";
import { RowsTrace } from "../../src/engine/trace";

describe("engine: source traces", () => {
  it("reads its rows from their holder only when asked, and lists itself as a plain trace", () => {
    let reads = 0;
    const holder = {
      get rows() {
        reads++;
        return [4, 7, 9];
      },
    };
    const trace = new RowsTrace("Production", holder);
    assert.equal(reads, 0);
    assert.deepEqual(trace.rows, [4, 7, 9]);
    assert.equal(reads, 1);
    assert.deepEqual(trace.toJSON(), { table: "Production", rows: [4, 7, 9] });
    assert.equal(JSON.stringify(trace), JSON.stringify({ table: "Production", rows: [4, 7, 9] }));
  });
});
