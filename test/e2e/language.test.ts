/**
 * The command line speaks the user's language (issue 20, item 3): --lang
 * en|sv|ms, else the locale's (LC_ALL, then LC_MESSAGES, then LANG), else
 * English; its problems, summary, progress-free messages and --help follow it,
 * and so do the sheets the job writes in a language.
 */
import { strict as assert } from "node:assert";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { localeLanguage } from "../../src/cli/main";
import { translator } from "../../src/i18n";
import { chairMaker } from "../contract/fixtures";
import { FOUR_PROBLEMS, FOUR_PROBLEMS_IN, fourProblemWorkbook } from "../support/four-problems";
import { cli, readSaved, tempFolder, workbookFile } from "./support";

const NBSP = "\u00a0";

describe("e2e: the command line in the user's language", () => {
  const folder = tempFolder();

  for (const [lang, heading] of [
    ["sv", "sample.xlsx har 4 fel; inget skrevs:"],
    ["ms", "sample.xlsx mempunyai 4 masalah; tiada apa ditulis:"],
  ] as const) {
    it(`lists issue 20's four problems with their cells in ${lang}, writing nothing`, async () => {
      await writeFile(join(folder.path, "sample.xlsx"), await fourProblemWorkbook());
      const run = await cli(folder.path, ["run", "sample.xlsx", "-o", "out.xlsx", "--lang", lang]);
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(run.stderr.split("\n"), [heading, ...FOUR_PROBLEMS_IN[lang].map((l) => `  ${l}`), ""]);
      assert.deepEqual(await readdir(folder.path), ["sample.xlsx"]);
    });
  }

  it("takes the language from the locale when there is no --lang: LC_ALL, then LC_MESSAGES, then LANG", async () => {
    await writeFile(join(folder.path, "sample.xlsx"), await fourProblemWorkbook());
    const swedish = await cli(folder.path, ["run", "sample.xlsx"], undefined, { LANG: "sv_SE.UTF-8" });
    assert.equal(swedish.code, 1);
    assert.deepEqual(swedish.stderr.split("\n").slice(1, 5), FOUR_PROBLEMS_IN.sv.map((l) => `  ${l}`));
    // The first of them that is set decides, even when it names no language of ours (C is English).
    const c = await cli(folder.path, ["run", "sample.xlsx"], undefined, { LC_ALL: "C", LANG: "sv_SE.UTF-8" });
    assert.deepEqual(c.stderr.split("\n").slice(1, 5), FOUR_PROBLEMS.map((l) => `  ${l}`));
    // --lang wins over the locale.
    const malay = await cli(folder.path, ["run", "sample.xlsx", "--lang", "ms"], undefined, { LANG: "sv_SE.UTF-8" });
    assert.deepEqual(malay.stderr.split("\n").slice(1, 5), FOUR_PROBLEMS_IN.ms.map((l) => `  ${l}`));
    assert.equal(localeLanguage({ LC_MESSAGES: "ms_MY.UTF-8", LANG: "sv_SE.UTF-8" }), "ms");
    assert.equal(localeLanguage({ LC_ALL: "", LANG: "sv" }), "sv", "an empty variable is not set");
    assert.equal(localeLanguage({ LANG: "de_DE.UTF-8" }), "en");
    assert.equal(localeLanguage({}, () => "en-US"), "en");
    // Windows sets none of the variables: the system's locale, as Intl reports it, decides.
    assert.equal(localeLanguage({}, () => "sv-SE"), "sv");
    assert.equal(localeLanguage({}, () => "ms-MY"), "ms");
    assert.equal(localeLanguage({ LANG: "C" }, () => "sv-SE"), "en", "a variable that is set decides, even as C");
  });

  it("prints --help in Malay, commands and options as they are typed", async () => {
    const run = await cli(folder.path, ["--help", "--lang", "ms"]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split("\n");
    assert.match(lines[0], /^Backflush \d+\.\d+\.\d+: pengekosan backflush pada buku kerja Excel\.$/);
    assert.equal(lines[2], "Penggunaan:");
    assert.equal(lines[3], "  backflush run INPUT.xlsx -o OUTPUT.xlsx   kira kos tempoh; tulis INPUT berserta helaian hasil ke OUTPUT");
    assert.ok(lines.includes("Pilihan:"), run.stdout);
    assert.ok(lines.some((l) => l.startsWith("      --lang LANG     bahasa ")), run.stdout);
    assert.match(run.stdout, /^Kod keluar: 0 selesai; 1 data mempunyai ralat/m);
    assert.doesNotMatch(run.stdout, /\b(the|write|where)\b/, "no English sentence left");
  });

  it("refuses a language it does not speak as a usage error naming en, sv and ms", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    for (const value of ["de", "sv_SE", ""]) {
      const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", "out.xlsx", "--lang", value]);
      assert.equal(run.code, 2, `${value}: ${run.stderr}`);
      assert.equal(run.stdout, "");
      const said = value === "" ? "--lang needs a language: give en, sv or ms" : `--lang ${value} is not a language Backflush speaks: give en, sv or ms`;
      assert.ok(run.stderr.startsWith(`backflush: ${said}\n`), run.stderr);
    }
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
  });

  it("says a command line it cannot parse in the language --lang names, before the locale's", async () => {
    const swedish = /^backflush: --foo är inget alternativ till backflush\nKör "backflush help" för att se användningen\.\n$/;
    const cases: readonly (readonly [string[], Record<string, string>, RegExp])[] = [
      [["run", "chairs.xlsx", "--lang", "sv", "--foo"], {}, swedish],
      [["run", "chairs.xlsx", "--lang=sv", "--foo"], {}, swedish],
      [["run", "chairs.xlsx", "--lang", "ms", "-o"], {}, /^backflush: -o memerlukan nilai selepasnya, seperti nama fail\nJalankan "backflush help" untuk cara penggunaan\.\n$/],
      // -o without its value does not take --lang as one: the language is still read.
      [["run", "chairs.xlsx", "-o", "--lang", "sv"], {}, /^backflush: -o behöver ett värde efter sig, till exempel ett filnamn\nKör "backflush help" för att se användningen\.\n$/],
      [["run", "chairs.xlsx", "--json=yes"], {}, /^backflush: --json takes no value\nRun "backflush help" for usage\.\n$/],
      // A value that starts with "-" is told how to be given; --lang with no value is asked for a language.
      [["run", "chairs.xlsx", "-o", "-x.xlsx"], {}, /^backflush: -o takes a value, and -x\.xlsx starts with "-" as an option does: write it as --output=-x\.xlsx\n/],
      [["run", "chairs.xlsx", "--lang"], {}, /^backflush: --lang needs a language: give en, sv or ms\n/],
      // The last --lang counts, as when the command line is parsed.
      [["run", "chairs.xlsx", "--lang", "ms", "--lang", "sv", "--foo"], {}, swedish],
      // An explicit English wins over a Swedish locale.
      [["run", "chairs.xlsx", "--lang", "en", "--foo"], { LANG: "sv_SE.UTF-8" }, /^backflush: --foo is not an option of backflush\nRun "backflush help" for usage\.\n$/],
      // A --lang that is no language of ours leaves the locale's; so does one after "--", which is no option.
      [["run", "chairs.xlsx", "--lang", "de", "--foo"], { LANG: "sv_SE.UTF-8" }, swedish],
      [["run", "--foo", "--", "--lang", "ms"], { LANG: "sv_SE.UTF-8" }, swedish],
    ];
    for (const [args, env, expected] of cases) {
      const run = await cli(folder.path, args, undefined, env);
      assert.equal(run.code, 2, args.join(" "));
      assert.equal(run.stdout, "");
      assert.match(run.stderr, expected, args.join(" "));
    }
  });

  it("says its summary in Swedish, numbers grouped the Swedish way, and writes the sheets that have a language in it", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", "out.xlsx", "--lang", "sv"]);
    assert.equal(run.code, 0, run.stderr);
    // The chair maker's cost of goods sold, 21,780.00 (test/e2e/run.test.ts), in Swedish: a no-break space groups, a comma marks decimals.
    assert.match(run.stdout, new RegExp(`^  Kostnad sålda varor 21${NBSP}780,00$`, "m"));
    assert.match(run.stdout, /^Backflush kalkylerade chairs\.xlsx: /);
    assert.match(run.stdout, /^ {2}Skrev out\.xlsx \(bladen /m);
    const review = readSaved(join(folder.path, "out.xlsx")).then((saved) => saved.values(translator("sv").t("sheet.name.standardsReview")));
    const title = String((await review)[0][0]);
    assert.ok(title.startsWith(translator("sv").t("review.sheetTitle", { start: "2026-11-01", end: "2026-11-30", tolerance: "5" }).slice(0, 24)), title);
  });

  it("names the ledger exports, and refuses an SIE file without a company, in Swedish", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const csv = await cli(folder.path, ["run", "chairs.xlsx", "--csv", "out.csv", "--lang", "sv"]);
    assert.equal(csv.code, 0, csv.stderr);
    // The chair maker has no Accounts table: the CSV posts to placeholder accounts, and its line says so in Swedish too.
    assert.match(csv.stdout, /^ {2}Skrev CSV-filen out\.csv \(UTF-8\): \d+ verifikationer; [^\n]*platshållar/m);
    assert.match(csv.stdout, /^ {2}Ingen arbetsbok skrevs: /m);
    const sie = await cli(folder.path, ["run", "chairs.xlsx", "--sie", "out.se", "--lang", "sv"]);
    assert.equal(sie.code, 2, sie.stderr);
    assert.equal(sie.stderr, "backflush: kan inte skriva out.se: en SIE-fil anger företaget (#FNAMN): lägg till raden Company, med företagets namn, i tabellen Settings\n");
  });
});
