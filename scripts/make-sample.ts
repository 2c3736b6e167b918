/**
 * Writes the bundled sample workbook, assets/sample/backflush-sample.xlsx,
 * from buildSampleTables(), then opens the file again and runs a check on it,
 * so a sample that the engine would reject is never shipped.
 *
 *   npx tsx scripts/make-sample.ts [out.xlsx]
 */
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { newXlsx, openXlsx, saveXlsx } from "../src/adapters/xlsx";
import { buildSampleTables } from "../src/sample";
import { checkWorkbook, problemLines } from "../src/workbook/job";
import type { WorkbookPort } from "../src/workbook/port";

/** The sample's input tables, written through any workbook port. */
export async function writeSample(port: WorkbookPort): Promise<void> {
  await port.writeInputTables(buildSampleTables());
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? resolve(__dirname, "..", "assets", "sample", "backflush-sample.xlsx"));
  await mkdir(dirname(out), { recursive: true });
  const book = await newXlsx();
  await writeSample(book);
  await saveXlsx(book, out);

  const checked = await checkWorkbook(await openXlsx(out));
  if (!checked.ok) {
    console.error(`${out} was written but does not pass the check:\n${problemLines(checked.problems).join("\n")}`);
    process.exitCode = 1;
    return;
  }
  const v = checked.result.variances;
  console.log(`Wrote ${out}: ${checked.result.journal.length} journal entries; ${v.filter((x) => x.kind === "price").length} price, ${v.filter((x) => x.kind === "usage").length} usage and ${v.filter((x) => x.kind === "conversion").length} conversion variances.`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
