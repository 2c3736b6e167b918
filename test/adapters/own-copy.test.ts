/**
 * A cell's text must not keep alive the XML it was read from (a cut of a
 * string can be a view into it; the scanners make each text from its bytes,
 * xml-bytes.ts `textOf`): measured in a process of its own with the collector
 * at hand (test/support/retained-text.ts), 200,000 kept texts of 20
 * characters from some 80 MB of XML. A view into each piece would keep all
 * the XML; own copies keep about 10 MB. Memory, not time: it does not flake.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../support/root";

function grown(mode: "sheet" | "sharedStrings"): { cells: number; grewMB: number } {
  const r = spawnSync(process.execPath, ["--expose-gc", "--require", "tsx/cjs", join("test", "support", "retained-text.ts"), mode], { cwd: projectRoot(), encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { cells: number; grewMB: number };
}

describe("cell texts hold on to nothing but themselves", function () {
  this.timeout(60_000);

  for (const mode of ["sheet", "sharedStrings"] as const) {
    it(`${mode}: 200,000 kept texts keep far less than the XML they came from`, () => {
      const { cells, grewMB } = grown(mode);
      assert.equal(cells, 200_000);
      assert.ok(grewMB < 30, `the kept texts hold ${grewMB.toFixed(1)} MB: pieces of XML are kept with them`);
    });
  }
});
