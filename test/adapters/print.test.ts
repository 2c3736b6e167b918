/**
 * The generated sheets on paper: the sample with a company, run and written
 * by the .xlsx adapter, printed to PDF by LibreOffice (Debian's
 * libreoffice-calc) and read back with poppler (Debian's poppler-utils):
 * page n of m on every page, company, sheet and period in the header, each
 * sheet one page wide at a readable size, memos kept out of the Source column,
 * codes whole, quantities without decimals and negatives in brackets, and the
 * Variances chart drawn from the chart part the adapter writes.
 * `.ci/run` installs both.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newXlsx, xlsxBytes } from "../../src/adapters/xlsx/bytes";
import { buildSampleTables } from "../../src/sample";
import { runWorkbookJob } from "../../src/workbook/job";

const SOFFICE = "/usr/bin/soffice";
const POPPLER = ["/usr/bin/pdftotext", "/usr/bin/pdfinfo", "/usr/bin/pdftoppm"];
const COMPANY = "Möbelfabriken i Småland AB";
const NOW = new Date(2026, 10, 1, 9, 0);

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of one page with its box, in points (pdftotext -bbox). */
function wordsOf(pdf: string, page: number): Word[] {
  const html = execFileSync(POPPLER[0], ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" });
  const unescape = (s: string) => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: unescape(m[5]) }));
}

describe("xlsx adapter: the generated sheets printed by LibreOffice", function () {
  this.timeout(300_000);
  let work: string;
  let pdf: string;
  let pages: string[];
  /** 1-based pages by the sheet named in their header. */
  const pagesOf = (sheet: string): number[] => pages.flatMap((p, i) => (p.split("\n").slice(0, 3).join(" ").includes(` ${sheet} `) || p.startsWith(`${sheet} `) ? [i + 1] : []));

  before(async function () {
    assert.ok(existsSync(SOFFICE), `LibreOffice is needed at ${SOFFICE} (Debian: apt-get install libreoffice-calc; .ci/run installs it)`);
    for (const p of POPPLER) assert.ok(existsSync(p), `${p} is needed (Debian: apt-get install poppler-utils; .ci/run installs it)`);
    work = mkdtempSync(join(tmpdir(), "backflush-print-"));
    const port = await newXlsx();
    await port.writeInputTables(buildSampleTables().map((t) => (t.table === "Settings" ? { ...t, rows: [...t.rows, ["Company", COMPANY]] } : t)));
    const outcome = await runWorkbookJob(port, { now: NOW });
    assert.ok(outcome.ok);
    writeFileSync(join(work, "printed.xlsx"), xlsxBytes(port));
    execFileSync(SOFFICE, [`-env:UserInstallation=file://${join(work, "lo-profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, join(work, "printed.xlsx")], { cwd: work, stdio: "pipe", timeout: 240_000 });
    pdf = join(work, "printed.pdf");
    // One text per page: pdftotext ends each page with a form feed.
    pages = execFileSync(POPPLER[0], ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\f").slice(0, -1);
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("numbers every page of the generated sheets 'Page n of m', m the PDF's page count, under company, sheet and period", () => {
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync(POPPLER[1], [pdf], { encoding: "utf8" }))?.[1]);
    assert.equal(pages.length, count);
    const ours = ["Journal", "Consumption", "Variances", "Balances", "Run Log"].flatMap(pagesOf);
    assert.ok(ours.length >= 5, `pages of our sheets: ${ours.join(", ")}`);
    for (const n of ours) {
      const text = pages[n - 1];
      assert.match(text, new RegExp(`Page ${n} of ${count}\\b`), `page ${n}`);
      const head = text.split("\n").slice(0, 3).join(" ");
      assert.ok(head.includes(COMPANY) && head.includes("Period 2026-10-01 to 2026-10-31"), `page ${n} header: ${head.trim()}`);
    }
  });

  it("prints the Journal one page wide at a readable size, memos within their column", () => {
    const [first] = pagesOf("Journal");
    const words = wordsOf(pdf, first);
    const header = (text: string) => words.find((w) => w.text === text)!;
    for (const h of ["Entry", "Account", "Debit", "Credit", "Qty", "Memo", "Source"]) assert.ok(header(h), `${h} on the Journal's first page`);
    const [memo, source] = [header("Memo"), header("Source")];
    // Every word of the Memo column stays left of the Source column.
    const memoWords = words.filter((w) => w.yMin > memo.yMax && w.xMin >= memo.xMin - 1 && w.xMin < source.xMin - 1);
    assert.ok(memoWords.length > 50);
    for (const w of memoWords) assert.ok(w.xMax < source.xMin, `"${w.text}" runs into Source`);
    // 11-point text: a code's box (ascent to descent, about 1.16 × the size in DejaVu Sans) is 8 points or more; at the old 6 points it was 7.
    const code = words.find((w) => w.text === "BIRCH-PLY")!;
    assert.ok(code.yMax - code.yMin >= 8, `text ${(code.yMax - code.yMin).toFixed(1)} points high`);
  });

  it("keeps codes whole, quantities whole, and negatives in brackets; draws the Variances chart", () => {
    const journal = pagesOf("Journal").map((n) => pages[n - 1]).join("\n");
    assert.match(journal, /\b20,000\s+20000 pcs STAPLE/, "20,000 bought, no decimals");
    const quantities = pagesOf("Journal")
      .slice(0, 6)
      .flatMap((n) => {
        const words = wordsOf(pdf, n);
        const [qty, memo] = ["Qty", "Memo"].map((h) => words.find((w) => w.text === h)!);
        return words.filter((w) => w.yMin > memo.yMax && w.xMin >= qty.xMin - 1 && w.xMax < memo.xMin);
      });
    assert.ok(quantities.length > 20, `${quantities.length} quantities`);
    for (const q of quantities) assert.match(q.text, /^\d{1,3}(,\d{3})*(\.\d*[1-9])?$/, "a quantity: grouped, no decimals padded with zeros");
    const variances = pagesOf("Variances").map((n) => pages[n - 1]).join("\n");
    assert.match(variances, /DRAWER-RUNNER /);
    assert.match(variances, /\(97\.29\)\s*F/, "BIRCH-PLY's favorable price variance in brackets");
    // The chart LibreOffice drew from our chart part: its title, and a bar's label besides the table's cell. It prints on a
    // page of its own, after the table's (xlsx.test.ts holds the page break above it); LibreOffice also puts the chart's
    // words, clipped and not shown, into the text of the page above, so the words are looked for on the last page only.
    const chartPage = pagesOf("Variances").map((n) => pages[n - 1]).filter((p) => /Variances by item \(positive = unfavorable\)/.test(p)).at(-1);
    assert.ok(chartPage, "the chart's title");
    assert.match(chartPage, /2,660\.59/, "OAK-BOARD's price variance on its bar");
    assert.doesNotMatch(chartPage, /85,626\.00/, "no row of the table on the chart's page");
    assert.match(variances, /2,660\.59\s+U/, "OAK-BOARD's price variance in the table");
    const balances = pagesOf("Balances").map((n) => pages[n - 1]).join("\n");
    assert.match(balances, /Opening balances/, "the openings brought forward");
  });

  it("renders a page as a picture (pdftoppm)", () => {
    const [first] = pagesOf("Variances");
    execFileSync(POPPLER[2], ["-f", String(first), "-l", String(first), "-r", "60", "-png", pdf, join(work, "page")]);
    const png = join(work, `page-${String(first).padStart(String(pages.length).length, "0")}.png`);
    assert.ok(statSync(png).size > 10_000, "a page with text on it");
    assert.deepEqual([...readFileSync(png).subarray(1, 4)].map((b) => String.fromCharCode(b)).join(""), "PNG");
  });
});
