/**
 * manifest.xml against Microsoft's published manifest schemas, offline: the
 * team's copy of the XSDs and their validate.sh (../shared/office-manifest-schemas,
 * whose README says where they come from and why --ignore-runtimes: the
 * schemas predate <Runtimes>). Needs xmllint (Debian's libxml2-utils, which
 * .ci/run installs) and python3. test/addin/manifest.test.ts checks what the
 * schemas cannot: resource ids, URLs, icons, translations.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot, sharedFolder } from "../support/root";

const VALIDATE = sharedFolder("office-manifest-schemas", "validate.sh");

function validate(manifest: string): { status: number | null; output: string } {
  const r = spawnSync("sh", [VALIDATE, "--ignore-runtimes", manifest], { encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("manifest.xml against the official manifest schemas (validate.sh)", function () {
  this.timeout(30_000);
  let scratch: string;

  before(() => {
    assert.ok(existsSync(VALIDATE), `validate.sh not found at ${VALIDATE}`);
    assert.equal(spawnSync("xmllint", ["--version"]).status, 0, "xmllint is missing: apt-get install libxml2-utils");
    scratch = mkdtempSync(join(tmpdir(), "backflush-manifest-"));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("is valid", () => {
    const { status, output } = validate(join(projectRoot(), "manifest.xml"));
    assert.equal(status, 0, output);
    assert.match(output, /manifest valid against the official schemas/);
  });

  it("would be refused with an element out of the schema's order (the check can fail)", () => {
    const manifest = readFileSync(join(projectRoot(), "manifest.xml"), "utf8");
    const id = /\s*<Id>[^<]*<\/Id>/.exec(manifest)![0];
    // <Id> must come before <Version>: moved after it, the manifest breaks the schema's sequence.
    const broken = manifest.replace(id, "").replace(/(<Version>[^<]*<\/Version>)/, `$1${id}`);
    assert.notEqual(broken, manifest);
    const file = join(scratch, "manifest.xml");
    writeFileSync(file, broken);
    const { status, output } = validate(file);
    assert.equal(status, 1, output);
    assert.match(output, /Id/);
  });
});
