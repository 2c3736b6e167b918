/** The Currency setting: an ISO 4217 code, as the platform lists them (Intl.supportedValuesOf); a typo is refused at its cell, in every language. */
import { strict as assert } from "node:assert";
import { minorUnitsOf } from "../../src/engine/money";
import { translator } from "../../src/i18n";
import { problemText } from "../../src/i18n/problems";
import { formatProblem } from "../../src/workbook/parse";
import { readSetting } from "./support";

describe("workbook: the Currency setting", () => {
  it("takes an ISO 4217 code in any case, with its own minor units", () => {
    for (const [value, code, minor] of [
      ["SEK", "SEK", 2],
      ["myr", "MYR", 2],
      [" usd ", "USD", 2],
      ["JPY", "JPY", 0],
      ["KWD", "KWD", 3],
    ] as const) {
      const r = readSetting("Currency", value);
      assert.deepEqual(r.problems.map(formatProblem), [], value);
      assert.equal(r.input!.settings.currency, code);
      assert.equal(minorUnitsOf(code), minor, code);
    }
  });

  it("takes the currencies the users' companies keep their books in, written any case", () => {
    for (const code of ["USD", "EUR", "SEK", "MYR", "BND", "JPY", "BHD", "gbp", "Chf"]) {
      const r = readSetting("Currency", code);
      assert.deepEqual(r.problems.map(formatProblem), [], code);
      assert.equal(r.input!.settings.currency, code.toUpperCase());
    }
  });

  it("takes the codes ISO 4217 added in recent years whatever the runtime's list, each with 2 decimals", () => {
    // VED (2021) is missing from Node 20's ICU 78 list; ZWG (2024), SLE (2022), XCG (2025) from older runtimes in Excel.
    for (const code of ["VED", "ZWG", "SLE", "XCG", "XAD", "VES", "MRU", "STN"]) {
      const r = readSetting("Currency", code.toLowerCase());
      assert.deepEqual(r.problems.map(formatProblem), [], code);
      assert.equal(r.input!.settings.currency, code);
      assert.equal(minorUnitsOf(code), 2, code);
    }
    assert.equal(readSetting("Currency", "XXQ").problems[0]?.key, "problem.notCurrency");
  });

  it("refuses three letters that are no currency (a typo such as SKE), at the Value cell, naming the value, in English, Swedish and Malay", () => {
    for (const value of ["XXQ", "SKE", "usq"]) {
      const p = readSetting("Currency", value).problems;
      assert.equal(p.length, 1, value);
      assert.equal(p[0].address, "Settings!B2");
      assert.equal(p[0].message, `Currency "${value}" is not a currency code such as USD, SEK or MYR`);
    }
    const [p] = readSetting("Currency", "SKE").problems;
    assert.equal(problemText(translator("sv"), p.key, p.params), 'Currency "SKE" är ingen valutakod som USD, SEK eller MYR');
    assert.equal(problemText(translator("ms"), p.key, p.params), 'Currency "SKE" bukan kod mata wang seperti USD, SEK atau MYR');
  });

  it("still refuses what is not three letters", () => {
    for (const value of ["kronor", "US", 840]) assert.equal(readSetting("Currency", value).problems[0]?.key, "problem.notCurrency", String(value));
  });
});
