/**
 * The ledger exports read back by the test-side readers of
 * test/support/ledger-files.ts, not by the writers' code. Every #VER must
 * balance, and per account the files must carry what the journal posts.
 */
import { strict as assert } from "node:assert";
import { Dec, ZERO } from "../../src/engine/money";
import { runBackflush } from "../../src/engine";
import type { AccountRole, BackflushResult } from "../../src/engine/types";
import { readInput } from "../../src/workbook/parse";
import iconv from "iconv-lite";
import { csvText, encodePc8, sieBytes, sieRefusal, sieText, summaryEntry } from "../../src/workbook/posting";
import { renderSheets } from "../../src/workbook/render";
import type { Accounts } from "../../src/workbook/render";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import type { LedgerSettings } from "../../src/workbook/schema";
import { chairMaker } from "../support/build";
import { translator } from "../../src/i18n";
import { csvNets, nonZeroNets, readCsv, readSie, sieNets } from "../support/ledger-files";

// ------------------------------------------------------------------ the plant

/** The chair maker's chart in Swedish, with a quote, a backslash and a would-be formula among the names. */
const SWEDISH: Accounts = {
  ...DEFAULT_ACCOUNTS,
  RIP: { account: "1410", name: "Råvarulager" },
  FG: { account: "1460", name: "Färdigvarulager" },
  AP: { account: "2440", name: "Leverantörsskulder" },
  CONV_SOURCE: { account: "2940", name: 'Upplupna löner "fabrik" \\ övrigt' },
  COGS: { account: "4010", name: "Kostnad sålda varor – ÅÄÖ" },
  PPV: { account: "4960", name: "=HYPERLINK(\"http://x\",\"prisavvikelse\")" },
  USAGE_VARIANCE: { account: "4970", name: "Förbrukningsavvikelse" },
  CONV_CONTROL: { account: "4900", name: "Tillverkningsomkostnader" },
  CONV_ALLOCATED: { account: "4910", name: "Fördelade omkostnader" },
};
const COMPANY: LedgerSettings = { company: "Möbelfabriken i Småland AB", orgNumber: "556677-8899", posting: "detail" };
const OPTIONS = { generated: "2026-12-06", program: { name: "Backflush", version: "0.1.0" } };

/** Journal net (debit − credit) per account number, from the engine's result. */
function journalNet(result: BackflushResult, accounts: Accounts): Map<string, string> {
  const net = new Map<string, Dec>();
  for (const e of result.journal) for (const l of e.lines) net.set(accounts[l.role].account, (net.get(accounts[l.role].account) ?? ZERO).plus(l.debit).minus(l.credit));
  return nonZeroNets(net);
}
const sieNet = sieNets;
const csvNet = csvNets;

describe("posting: SIE 4", () => {
  const result = runBackflush(chairMaker({ currency: "SEK" }));
  const bytes = sieBytes(result, SWEDISH, COMPANY, OPTIONS);
  const file = readSie(bytes);

  it("writes the header records first, in order, with the company, the period and the currency", () => {
    const head = file.records.filter((r) => !["#KONTO", "#VER", "#TRANS"].includes(r[0]));
    assert.deepEqual(head, [
      ["#FLAGGA", "0"],
      ["#PROGRAM", "Backflush", "0.1.0"],
      ["#FORMAT", "PC8"],
      ["#GEN", "20261206"],
      ["#SIETYP", "4"],
      ["#FNAMN", "Möbelfabriken i Småland AB"],
      ["#ORGNR", "556677-8899"],
      ["#RAR", "0", "20261101", "20261130"],
      ["#VALUTA", "SEK"],
    ]);
    const labels = file.records.map((r) => r[0]);
    assert.ok(labels.lastIndexOf("#KONTO") < labels.indexOf("#VER"), "accounts before verifications");
  });

  it("is code page 437: å, ä, ö and Å, Ä, Ö are their PC8 bytes, and no UTF-8 sequence is left", () => {
    // "Råvarulager" in code page 437: R, then å as 0x86, then "varulager" in ASCII.
    const raavarulager = Buffer.from([0x52, 0x86, ...Buffer.from("varulager", "ascii")]);
    assert.ok(Buffer.from(bytes).includes(raavarulager), "Råvarulager as PC8 bytes");
    assert.ok(bytes.includes(0x86) && bytes.includes(0x84) && bytes.includes(0x94) && bytes.includes(0x8f) && bytes.includes(0x8e) && bytes.includes(0x99));
    assert.ok(!bytes.includes(0xc3), "no UTF-8 lead byte of å/ä/ö");
    assert.equal(file.konto.get("1410"), "Råvarulager");
    assert.equal(file.konto.get("1460"), "Färdigvarulager");
    // The en dash is not in code page 437: it is written as a hyphen.
    assert.equal(file.konto.get("4010"), "Kostnad sålda varor - ÅÄÖ");
    assert.equal(file.konto.get("2940"), 'Upplupna löner "fabrik" \\ övrigt', "a quote and a backslash inside a name survive");
  });

  it("folds what code page 437 lacks to its nearest: arrows, ellipses, minus signs, times signs (never a ?)", () => {
    const accounts = { ...SWEDISH, COGS: { account: "4010", name: "Omvärdering 63,25 → 62,50 … −12 × 2 › c" } };
    const folded = readSie(sieBytes(result, accounts, COMPANY, OPTIONS));
    assert.equal(folded.konto.get("4010"), "Omvärdering 63,25 -> 62,50 ... -12 x 2 > c");
  });

  it("names every account the journal uses, and no other", () => {
    const used = new Set(result.journal.flatMap((e) => e.lines.map((l) => SWEDISH[l.role].account)));
    assert.deepEqual([...file.konto.keys()].sort(), [...used].sort());
  });

  it("has one balanced #VER per journal entry, with its number, date and text", () => {
    assert.equal(file.vers.length, result.journal.length);
    file.vers.forEach((v, i) => {
      const e = result.journal[i];
      assert.equal(v.number, String(e.entry));
      assert.equal(v.date, e.date.replace(/-/g, ""));
      assert.equal(v.text, e.description);
      assert.equal(v.trans.length, e.lines.length);
      assert.ok(v.trans.reduce((a, t) => a.plus(t.amount), ZERO).isZero(), `#VER ${v.number} balances`);
    });
  });

  it("carries the journal's net per account, debit positive and credit negative", () => {
    assert.deepEqual(sieNet(file), journalNet(result, SWEDISH));
    // The chair maker buys wood for 12,400.00 on 2026-11-02: AP is credited, so its #TRANS is negative.
    const purchase = file.vers.find((v) => v.trans.some((t) => t.account === "2440" && t.amount.equals(new Dec("-12400"))));
    assert.ok(purchase, "the wood purchase credits 2440 with -12400.00");
  });

  it("writes amounts at the currency's minor unit: none for JPY", () => {
    const jpy = runBackflush(chairMaker({ currency: "JPY" }));
    const trans = readSie(sieBytes(jpy, SWEDISH, COMPANY, OPTIONS)).records.filter((r) => r[0] === "#TRANS");
    assert.ok(trans.length > 0 && trans.every((r) => /^-?\d+$/.test(r[3])), trans.map((r) => r[3]).join(" "));
  });

  it("writes a line break in a memo as a space, so a record never spans lines", () => {
    const text = sieText(result, { ...SWEDISH, FG: { account: "1460", name: "Färdig\r\nvarulager" } }, COMPANY, OPTIONS);
    assert.ok(text.includes('#KONTO 1460 "Färdig  varulager"'));
  });

  it("leaves out #ORGNR when no organisation number is given, and refuses without a company name", () => {
    const file2 = readSie(sieBytes(result, SWEDISH, { company: "AB", posting: "detail" }, OPTIONS));
    assert.ok(!file2.records.some((r) => r[0] === "#ORGNR"));
    assert.deepEqual(sieRefusal({ posting: "detail" }), { code: "company" });
    // SIE's #KONTO takes digits: an account of letters is refused, naming the first role that has one.
    assert.deepEqual(sieRefusal({ company: "AB", posting: "detail" }, { ...SWEDISH, PPV: { account: "1410 A", name: "Prisavvikelse" } }), { code: "account", role: "PPV", account: "1410 A" });
    assert.equal(sieRefusal({ company: "AB", posting: "detail" }, SWEDISH), undefined);
    // An account no journal line posts to is not in the file: its number does not stop it.
    assert.equal(sieRefusal({ company: "AB", posting: "detail" }, { ...SWEDISH, MATERIALS_CLEARING: { account: "1420 X", name: "Avräkning" } }, new Set(["RIP", "AP", "PPV"])), undefined);
    assert.throws(() => sieBytes(result, SWEDISH, { posting: "detail" }, OPTIONS), /Company/);
  });

  it("with Posting = summary, carries one balanced #VER on the period's last day, one #TRANS per account naming the entries it sums", () => {
    const summary = readSie(sieBytes(result, SWEDISH, { ...COMPANY, posting: "summary" }, OPTIONS));
    assert.equal(summary.vers.length, 1);
    const [ver] = summary.vers;
    assert.equal(ver.date, "20261130");
    assert.ok(ver.trans.reduce((a, t) => a.plus(t.amount), ZERO).isZero(), "the summary balances");
    assert.deepEqual(sieNet(summary), journalNet(result, SWEDISH));
    assert.equal(new Set(ver.trans.map((t) => t.account)).size, ver.trans.length, "one line per account");
    for (const t of ver.trans) {
      const entries = result.journal.filter((e) => e.lines.some((l) => SWEDISH[l.role].account === t.account)).map((e) => e.entry);
      assert.match(t.text, /^Net of journal entr(y|ies) /);
      for (const n of entries) assert.ok(listed(t.text, n), `${t.account}: entry ${n} in "${t.text}"`);
    }
  });
});

/** Whether "Net of journal entries 1-3, 7" names entry n. */
function listed(text: string, n: number): boolean {
  const list = text.replace(/^.*entr(y|ies) /, "");
  return list.split(", ").some((part) => {
    const [a, b] = part.split("-").map(Number);
    return b === undefined ? a === n : a <= n && n <= b;
  });
}

describe("posting: code page 437", () => {
  it("encodes every character of the Basic Multilingual Plane as iconv-lite's full codec does", () => {
    let text = "";
    for (let code = 0; code < 0x10000; code++) if (code < 0xd800 || code >= 0xe000) text += String.fromCharCode(code);
    assert.ok(Buffer.from(encodePc8(text)).equals(iconv.encode(text, "cp437")));
  });

  it("writes one ? for a character past U+FFFF, and a ? for a lone surrogate", () => {
    // "a", the emoji (two UTF-16 units, one character), "b", a lone high surrogate: 61 3f 62 3f.
    assert.equal(Buffer.from(encodePc8("a\u{1F600}b\ud800")).toString("hex"), "613f623f");
  });
});

describe("posting: CSV", () => {
  const result = runBackflush(chairMaker({ currency: "SEK" }));
  const text = csvText(result, SWEDISH, COMPANY, { Purchases: "Inköp", Production: "Tillverkning", Sales: "Försäljning" });
  const bytes = Buffer.from(text, "utf8");
  const rows = readCsv(text.slice(1));

  it("is UTF-8 with a byte-order mark, and å, ä, ö survive", () => {
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3)), text.slice(1));
    assert.ok(rows.some((r) => r[3] === "Råvarulager"));
    assert.ok(rows.some((r) => r[3] === "Kostnad sålda varor – ÅÄÖ"));
  });

  it("has the header and one record per journal line, debit and credit each on their side", () => {
    assert.deepEqual(rows[0], ["Date", "Entry", "Account", "Account name", "Debit", "Credit", "Memo", "Source rows"]);
    assert.equal(rows.length - 1, result.journal.reduce((n, e) => n + e.lines.length, 0));
    for (const r of rows) assert.equal(r.length, 8, r.join("|"));
    for (const r of rows.slice(1)) assert.ok(r[4] === "" || r[5] === "", `one side only: ${r.join("|")}`);
    assert.ok(rows.some((r) => r[7].startsWith("Inköp row")), "source rows name the user's sheet");
  });

  it("carries the journal's net per account, and every entry balances", () => {
    assert.deepEqual(csvNet(rows), journalNet(result, SWEDISH));
    const byEntry = new Map<string, Dec>();
    for (const r of rows.slice(1)) byEntry.set(r[1], (byEntry.get(r[1]) ?? ZERO).plus(new Dec(r[4] || 0)).minus(new Dec(r[5] || 0)));
    assert.equal(byEntry.size, result.journal.length);
    for (const [entry, net] of byEntry) assert.ok(net.isZero(), `entry ${entry} balances`);
  });

  it("quotes a field with a quote or comma, and neutralizes text a spreadsheet would run as a formula", () => {
    assert.ok(rows.some((r) => r[3] === 'Upplupna löner "fabrik" \\ övrigt'));
    assert.ok(rows.some((r) => r[3] === "'=HYPERLINK(\"http://x\",\"prisavvikelse\")"), "a leading = gets an apostrophe");
    const starts = ["+1", "-1", "@SUM(A1)", "\tx", "\rx"];
    for (const s of starts) {
      const out = readCsv(csvText(result, { ...SWEDISH, FG: { account: "1460", name: s } }, COMPANY).slice(1));
      assert.ok(out.some((r) => r[3] === `'${s}`), `${JSON.stringify(s)} neutralized`);
    }
  });

  it("with Posting = summary, carries one line per account dated the period's end, naming every entry summed", () => {
    const summary = readCsv(csvText(result, SWEDISH, { ...COMPANY, posting: "summary" }).slice(1));
    const lines = summary.slice(1);
    assert.ok(lines.every((r) => r[0] === "2026-11-30" && r[1] === "1"));
    assert.deepEqual(csvNet(summary), journalNet(result, SWEDISH));
    for (const r of lines) {
      const entries = result.journal.filter((e) => e.lines.some((l) => SWEDISH[l.role].account === r[2])).map((e) => e.entry);
      for (const n of entries) assert.ok(listed(r[7], n), `${r[2]}: entry ${n} in "${r[7]}"`);
    }
  });
});

describe("posting: the summary entry and the Posting sheet", () => {
  const result = runBackflush(chairMaker());

  it("nets each account over the journal and leaves out accounts that net to zero", () => {
    const summary = summaryEntry(result, DEFAULT_ACCOUNTS);
    const net = journalNet(result, DEFAULT_ACCOUNTS);
    assert.deepEqual(nonZeroNets(new Map(summary.lines.map((l) => [l.account, l.debit.minus(l.credit)]))), net);
    for (const l of summary.lines) assert.ok(l.debit.isZero() !== l.credit.isZero(), `${l.account} on one side`);
    // Conversion control (5500) is debited with what was incurred and credited at the close: it nets to zero.
    const control = result.journal.flatMap((e) => e.lines).filter((l) => l.role === "CONV_CONTROL");
    assert.ok(control.length > 0 && !summary.lines.some((l) => l.account === "5500"));
  });

  it("sums per account number when two roles share an account", () => {
    const shared: Record<AccountRole, { account: string; name: string }> = { ...DEFAULT_ACCOUNTS, FG: { account: "1300", name: "Inventory" }, RIP: { account: "1300", name: "Inventory" } };
    const summary = summaryEntry(result, shared);
    assert.equal(summary.lines.filter((l) => l.account === "1300").length, 1);
    assert.deepEqual(nonZeroNets(new Map(summary.lines.map((l) => [l.account, l.debit.minus(l.credit)]))), journalNet(result, shared));
  });

  const ctx = { when: "2026-12-06 07:00", accounts: DEFAULT_ACCOUNTS, sheets: {}, inputs: [], notes: [], version: "0.1.0" };
  it("is a generated sheet only with Posting = summary, between Balances and the Run Log", () => {
    assert.deepEqual(renderSheets(result, ctx).map((s) => s.kind), ["Journal", "Consumption", "Variances", "Balances", "Run Log", "Closing"]);
    const sheets = renderSheets(result, { ...ctx, posting: "summary" });
    assert.deepEqual(sheets.map((s) => s.kind), ["Journal", "Consumption", "Variances", "Balances", "Posting", "Run Log", "Closing"]);
    const posting = sheets.find((s) => s.kind === "Posting")!;
    const summary = summaryEntry(result, DEFAULT_ACCOUNTS);
    assert.equal(posting.rows.length, summary.lines.length);
    const total = (col: number) => posting.rows.reduce((a, r) => a.plus((r[col] as Dec | null) ?? ZERO), ZERO);
    assert.ok(total(3).equals(total(4)), "the Posting sheet's debits equal its credits");
    assert.ok(posting.rows.every((r) => typeof r[5] === "string" && /^Journal entr/.test(r[5] as string)));
  });
});

describe("posting: a summary line's list of entries cut short", () => {
  it("ends its memo with the count grouped as the language groups figures, as the Source column's lists end", () => {
    // 3,000 entries, every other one posting to COGS and the rest to FG: neither list is a range, so both are cut.
    const line = (role: AccountRole, debit: string, credit: string) => ({ role, debit: new Dec(debit), credit: new Dec(credit) });
    const journal = Array.from({ length: 3000 }, (_, i) => ({ entry: i + 1, lines: [line(i % 2 ? "COGS" : "RIP", "1.00", "0"), line("AP", "0", "1.00")] }));
    const fake = { ...runBackflush(chairMaker()), journal } as unknown as BackflushResult;
    for (const [lang, count] of [["en", "1,500"], ["sv", "1\u00a0500"], ["ms", "1,500"]] as const) {
      const cogs = summaryEntry(fake, DEFAULT_ACCOUNTS, translator(lang)).lines.find((l) => l.account === DEFAULT_ACCOUNTS.COGS.account)!;
      assert.ok(cogs.memo.includes(count), `${lang} memo: ${cogs.memo.slice(-60)}`);
    }
  });
});

describe("posting: the Settings rows", () => {
  const settings = (rows: [string, string | number | null][]) => ({ Settings: { sheet: "Settings", headerRow: 1, firstColumn: 0, header: ["Setting", "Value"], rows } });

  it("reads Company, OrgNumber and Posting, in English and Swedish", () => {
    assert.deepEqual(readInput(settings([["Company", "Möbler AB"], ["OrgNumber", 5566778899], ["Posting", "summary"]])).ledger, { company: "Möbler AB", orgNumber: "5566778899", posting: "summary" });
    assert.deepEqual(readInput(settings([["Företag", "Möbler AB"], ["Organisationsnummer", "556677-8899"], ["Bokföring", "detalj"]])).ledger, { company: "Möbler AB", orgNumber: "556677-8899", posting: "detail" });
    assert.deepEqual(readInput(settings([])).ledger, { posting: "detail" }, "detail unless asked");
    assert.equal(readInput(settings([["Posting", "detail"]]), {}, { posting: "summary" }).ledger.posting, "summary", "the command line's --summary wins");
  });

  it("points a Posting value it does not know at its cell", () => {
    const read = readInput(settings([["Company", "AB"], ["Posting", "weekly"]]));
    const p = read.problems.find((x) => x.address === "Settings!B3");
    assert.ok(p, read.problems.map((x) => `${x.address}: ${x.message}`).join("\n"));
    assert.match(p.message, /Posting "weekly" is not summary or detail/);
  });
});
