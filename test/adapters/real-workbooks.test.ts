/**
 * The .xlsx adapter on real workbooks: the 40 files in shared/real-workbooks
 * (made by Excel, LibreOffice and others; charts, pivot tables, macros,
 * comments, links, custom XML, drawings, …). The sample's input tables are
 * added to a copy of each and the whole job runs on it, twice. Every part the
 * adapter does not own must come back with the same bytes, the user's sheets in
 * their order, and the figures must equal the sample's own.
 */
import { sharedFolder } from "../support/root";
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadXlsx, newXlsx } from "../../src/adapters/xlsx/bytes";
import { ZERO } from "../../src/engine/money";
import type { BackflushResult } from "../../src/engine/types";
import { buildSampleTables } from "../../src/sample";
import { runWorkbookJob } from "../../src/workbook/job";
import { GENERATED_KINDS } from "../../src/workbook/render";
import { TABLE_ORDER } from "../../src/workbook/schema";
import { readZip } from "./xlsx-zip";

const FOLDER = sharedFolder("real-workbooks");
const NOW = new Date(2026, 10, 1, 9, 0);

/** The only parts a run may rewrite: the package's index, the styles it adds formats to, and the calc chain it drops with a sheet. */
const INDEX_PARTS = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/calcChain\.xml)$/;

const cogsOf = (r: BackflushResult): string =>
  r.balances
    .filter((b) => b.role === "COGS")
    .reduce((a, b) => a.plus(b.endingValue), ZERO)
    .toFixed(2);

/** CT_Workbook's children in the order the schema requires (ECMA-376 part 1, 18.2.27). */
const WORKBOOK_ORDER = ["fileVersion", "fileSharing", "workbookPr", "absPath", "workbookProtection", "bookViews", "sheets", "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"];

/** The workbook part's top-level children, by local name, in document order (AlternateContent and unknown ones left out). */
function workbookChildren(xml: string): string[] {
  const body = xml.slice(xml.indexOf(">", xml.search(/<(?:\w+:)?workbook\b/)) + 1);
  const names: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)((?:[\w.-]+:)?[\w.-]+)\b(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g)) {
    const local = m[2].slice(m[2].indexOf(":") + 1);
    if (m[1]) depth--;
    else {
      if (depth === 0 && WORKBOOK_ORDER.includes(local)) names.push(local);
      if (!m[3]) depth++;
    }
  }
  return names;
}

/** Parts without a content type (no Override, no Default for their extension), and Overrides naming no part. */
function contentTypeProblems(zip: Map<string, Buffer>): string[] {
  const types = zip.get("[Content_Types].xml")?.toString("utf8") ?? "";
  const defaults = new Set([...types.matchAll(/<(?:\w+:)?Default\b[^>]*\bExtension="([^"]*)"/g)].map((m) => m[1].toLowerCase()));
  const overrides = [...types.matchAll(/<(?:\w+:)?Override\b[^>]*\bPartName="\/([^"]*)"/g)].map((m) => decodeURIComponent(m[1]).toLowerCase());
  const parts = [...zip.keys()].filter((n) => !n.endsWith("/") && n !== "[Content_Types].xml");
  const lower = new Set(parts.map((n) => n.toLowerCase()));
  return [
    ...parts.filter((n) => !overrides.includes(n.toLowerCase()) && !defaults.has(n.slice(n.lastIndexOf(".") + 1).toLowerCase())).map((n) => `no content type: ${n}`),
    ...overrides.filter((o) => !lower.has(o)).map((o) => `override for a missing part: ${o}`),
  ];
}

function sheetNamesOf(zip: Map<string, Buffer>): string[] {
  const xml = zip.get("xl/workbook.xml")?.toString("utf8") ?? "";
  return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&").replace(/&apos;/g, "'").replace(/&quot;/g, '"'));
}

describe("xlsx adapter: 40 real workbooks keep every part it does not own", function () {
  this.timeout(120_000);
  const files = existsSync(FOLDER) ? readdirSync(FOLDER).filter((n) => /\.xls[xm]$/i.test(n)) : [];
  let expected: { debit: string; cogs: string; entries: number };

  // A test of its own, so that a missing folder fails the run instead of leaving this suite with no test to run.
  it("finds the 40 real workbooks", () => assert.ok(files.length >= 40, `expected the 40 real workbooks in ${FOLDER}, found ${files.length}`));

  before(async () => {
    const port = await newXlsx();
    await port.writeInputTables(buildSampleTables());
    const outcome = await runWorkbookJob(port, { now: NOW });
    assert.ok(outcome.ok, "the sample does not run");
    expected = { debit: outcome.result.totals.debit.toFixed(2), cogs: cogsOf(outcome.result), entries: outcome.result.journal.length };
  });

  for (const file of files) {
    it(file, async () => {
      const original = readFileSync(join(FOLDER, file));
      const port = await loadXlsx(original);
      await port.writeInputTables(buildSampleTables());
      const withInputs = readZip(Buffer.from(port.toBytes()));

      for (let run = 1; run <= 2; run++) {
        const outcome = await runWorkbookJob(port, { now: NOW });
        assert.ok(outcome.ok, `run ${run}: ${outcome.ok ? "" : outcome.problems.slice(0, 3).map((p) => p.message).join("; ")}`);
        assert.equal(outcome.result.totals.debit.toFixed(2), expected.debit, `run ${run}: debits`);
        assert.equal(outcome.result.totals.credit.toFixed(2), expected.debit, `run ${run}: credits`);
        assert.equal(cogsOf(outcome.result), expected.cogs, `run ${run}: COGS`);
        assert.equal(outcome.result.journal.length, expected.entries);

        const saved = readZip(Buffer.from(port.toBytes()));
        for (const [name, bytes] of readZip(original)) {
          if (INDEX_PARTS.test(name)) continue;
          assert.ok(saved.has(name), `run ${run}: ${name} is gone`);
          assert.ok(saved.get(name)!.equals(bytes), `run ${run}: ${name} changed`);
        }
        // The input tables we added are the user's now: the second run keeps them too.
        for (const [name, bytes] of withInputs) if (!INDEX_PARTS.test(name)) assert.ok(saved.get(name)?.equals(bytes), `run ${run}: ${name} (input tables) changed`);
        // What Excel would refuse or repair: a part without a content type, the workbook's elements out of the schema's order.
        // (What the user's file already had stays as it was: one of them keeps a [trash] part with no type.)
        assert.deepEqual(contentTypeProblems(saved), contentTypeProblems(readZip(original)), `run ${run}`);
        const children = workbookChildren(saved.get("xl/workbook.xml")!.toString("utf8"));
        assert.deepEqual(children, [...children].sort((a, b) => WORKBOOK_ORDER.indexOf(a) - WORKBOOK_ORDER.indexOf(b)), `run ${run}: workbook element order`);
        const names = sheetNamesOf(saved);
        const userSheets = sheetNamesOf(readZip(original));
        assert.deepEqual(names.slice(0, userSheets.length), userSheets, `run ${run}: the user's sheets moved`);
        assert.deepEqual(names.slice(userSheets.length), [...TABLE_ORDER.map((t) => buildSampleTables().find((x) => x.table === t)?.sheet).filter((s): s is string => s !== undefined), ...GENERATED_KINDS]);
      }
    });
  }
});
