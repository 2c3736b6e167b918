/**
 * The Accounts table: one account number has one name. Two roles may post to
 * one account (a small company's one inventory account), but not under two
 * names: the SIE file's #KONTO and the Journal would disagree.
 */
import { strict as assert } from "node:assert";
import { readInput } from "../../src/workbook/parse";
import { accountsIn } from "../../src/workbook/schema";
import { chairMaker, withSheets } from "../contract/fixtures";
import { checked, rawTablesOf } from "./support";

const withAccounts = (...rows: (string | null)[][]) => withSheets(chairMaker(), { name: "Accounts", rows: [["Role", "Account", "Name"], ...rows] });

describe("workbook: the Accounts table", () => {
  it("refuses one account under two names, at the second name's cell", () => {
    const r = checked(withAccounts(["RIP", "1400", "Lager"], ["FG", "1400", "Färdigvaror"]));
    assert.deepEqual(r.problems, ['Accounts!C3: Account 1400 is named "Färdigvaror" here but "Lager" on row 2: one account has one name']);
  });

  it("lets two roles share an account: a row without a name takes the one given to the account elsewhere", () => {
    const read = readInput(rawTablesOf(withAccounts(["FG", "1400", null], ["RIP", "1400", "Lager"], ["COGS", "4000", "Kostnad sålda varor"], ["PPV", "4000", "Kostnad sålda varor"])));
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.accounts.FG, { account: "1400", name: "Lager" });
    assert.deepEqual(read.accounts.PPV, { account: "4000", name: "Kostnad sålda varor" });
  });

  it("gives an account that no row names the first row's default name, so it still has one", () => {
    const read = readInput(rawTablesOf(withAccounts(["COGS", "4000", null], ["PPV", "4000", null])));
    assert.deepEqual(read.problems, []);
    assert.deepEqual([read.accounts.COGS.name, read.accounts.PPV.name], ["Cost of goods sold", "Cost of goods sold"]);
    // In a Swedish run too: both take the name of the default they carry, in Swedish.
    const sv = accountsIn(read.accounts, "sv");
    assert.equal(sv.PPV.name, sv.COGS.name);
    assert.notEqual(sv.COGS.name, "Cost of goods sold");
  });
});

describe("workbook: an account the table gives one role that is another's default", () => {
  it("is refused at its row where the other role is left out and posted to; mapped, or not posted to, it is fine", () => {
    // CONV_SOURCE to 2000 with AP left out: AP posts to its default 2000 too, and the two would be one account.
    assert.deepEqual(checked(withAccounts(["CONV_SOURCE", "2000", "Leverantörsskulder"])).problems, [
      "Accounts!B2: Account 2000 of CONV_SOURCE is the default account of AP, which this table does not map, so both would post to it: give AP a row of its own, or CONV_SOURCE another account",
    ]);
    assert.deepEqual(checked(withAccounts(["CONV_SOURCE", "2000", "Skulder"], ["AP", "2000", "Skulder"])).problems, undefined);
    // Materials clearing's default 2050 is no account of purchase, completion, sale (it books purchases as they come).
    assert.deepEqual(checked(withAccounts(["CONV_SOURCE", "2050", "Upplupna kostnader"])).problems, undefined);
  });
});
