/**
 * The engine writes in the run's language (RunInput.language): entry
 * descriptions, memos, warnings and suitability findings in English, Swedish
 * or Malay, numbers in each language's style. Hand-checked texts of the
 * DOMAIN.md chair maker, the revaluation warning's grouping, and a property:
 * the language changes the words only, never a figure, an account or the order.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { runBackflush } from "../../src/engine";
import type { BackflushResult, JournalEntry, PeriodInput } from "../../src/engine";
import type { Language } from "../../src/i18n";
import { assembly, buy, chairMaker, line, material, move, period } from "../support/build";
import { entryOf } from "../support/ledger-views";
import { anyPeriod } from "./plants";

const NBSP = "\u00a0"; // Swedish groups digits with a no-break space (Intl's sv-SE), and writes a decimal comma.

const inLanguage = (input: PeriodInput, language: Language): BackflushResult => runBackflush({ ...input, language });
const memoOf = (e: JournalEntry, role: string, item?: string) => e.lines.find((l) => l.role === role && l.item === item)!.memo;

describe("engine texts in the run's language", () => {
  // The worked example: buy 4,000 kg WOOD at 3.10 (standard 3), 20,000 SCREW, 600 m FABRIC; make 1,000 CHAIR (3.5 kg WOOD each);
  // sell 900; count WOOD 480 of a book 500; variances prorated.
  const input = chairMaker({ disposition: "prorate" });
  const sv = inLanguage(input, "sv");
  const ms = inLanguage(input, "ms");

  it("a purchase: the debit at standard, the amount invoiced and the average price, grouped", () => {
    // 4,000 kg × 3 = 12,000 at standard; 12,400 invoiced ÷ 4,000 kg = 3.1 per kg.
    const s = entryOf(sv, "purchase");
    assert.equal(s.description, "Materialinköp 2026-11-02");
    assert.equal(memoOf(s, "RIP", "WOOD"), `4${NBSP}000 kg WOOD till standardpris 3`);
    assert.equal(memoOf(s, "AP", "WOOD"), `WOOD: fakturerat 12${NBSP}400,00 (3,1 per enhet)`);
    assert.equal(memoOf(s, "PPV", "WOOD"), "Prisavvikelse vid inköp för WOOD: utfall 3,1 mot standard 3");
    // 20,000 SCREW at 0.05: a decimal below one keeps its comma.
    assert.equal(memoOf(s, "RIP", "SCREW"), `20${NBSP}000 SCREW till standardpris 0,05`);
    const m = entryOf(ms, "purchase");
    assert.equal(m.description, "Bahan dibeli 2026-11-02");
    assert.equal(memoOf(m, "RIP", "WOOD"), "4,000 kg WOOD pada harga piawai 3");
    assert.equal(memoOf(m, "AP", "WOOD"), "WOOD diinvois 12,400.00 (3.1 seunit)");
    assert.equal(memoOf(m, "PPV", "WOOD"), "Varians harga belian bagi WOOD: sebenar 3.1 berbanding piawai 3");
  });

  it("a completion: the product at standard by element, and each material backflushed for it", () => {
    // CHAIR: material 13.30 + conversion 10 = 23.30 a unit; 1,000 made take 1,000 × 3.5 = 3,500 kg WOOD.
    const s = entryOf(sv, "completion");
    assert.equal(s.description, "Färdigrapportering 2026-11-20: backflush till standardkostnad");
    assert.equal(memoOf(s, "FG", "CHAIR"), `1${NBSP}000 CHAIR, färdigrapportering till standardkostnad 23,3 (material 13,3, förädling 10)`);
    assert.equal(memoOf(s, "RIP", "WOOD"), `3${NBSP}500 kg WOOD till standardpris 3, backflush för CHAIR`);
    assert.equal(memoOf(s, "CONV_ALLOCATED"), "Förädlingskostnad fördelad till standard");
    const m = entryOf(ms, "completion");
    assert.equal(m.description, "Penyiapan 2026-11-20: backflush pada kos piawai");
    assert.equal(memoOf(m, "FG", "CHAIR"), "1,000 CHAIR disiapkan pada kos piawai 23.3 (bahan 13.3, penukaran 10)");
    assert.equal(memoOf(m, "RIP", "WOOD"), "3,500 kg WOOD pada harga piawai 3, backflush untuk CHAIR");
  });

  it("a sale from stock: FG relieved and COGS at standard", () => {
    // 900 CHAIR × 23.30 = 20,970.00.
    const s = entryOf(sv, "sale");
    assert.equal(s.description, "Försäljning 2026-11-25: kostnad sålda varor till standardkostnad");
    assert.equal(memoOf(s, "FG", "CHAIR"), "900 CHAIR, försäljning till standardkostnad 23,3");
    assert.equal(memoOf(s, "COGS", "CHAIR"), "Kostnad för sålda CHAIR till standardkostnad");
    const m = entryOf(ms, "sale");
    assert.equal(memoOf(m, "FG", "CHAIR"), "900 CHAIR dijual pada kos piawai 23.3");
    assert.equal(memoOf(m, "COGS", "CHAIR"), "Kos CHAIR dijual pada kos piawai");
  });

  it("a count variance: book against counted, at standard", () => {
    // WOOD: book 4,000 − 3,500 = 500, counted 480: 20 kg × 3 = 60.00 to the usage variance.
    const s = entryOf(sv, "material-count");
    assert.equal(s.description, "Förbrukningsavvikelse material enligt inventeringen vid periodens slut");
    assert.equal(memoOf(s, "RIP", "WOOD"), "Inventering av WOOD: bokfört 500, inventerat 480, till standardkostnad 3");
    assert.equal(memoOf(s, "USAGE_VARIANCE", "WOOD"), "Förbrukningsavvikelse material för WOOD");
    const m = entryOf(ms, "material-count");
    assert.equal(memoOf(m, "RIP", "WOOD"), "Kiraan stok WOOD: buku 500, kiraan fizikal 480, pada kos piawai 3");
  });

  it("a proration line: the share of standard material cost each account holds, with a decimal comma in Swedish", () => {
    // The price variance (300.00 U) over the material bought: RIP holds 2,040 of 15,400 = 13.246… → 13.25 %.
    const s = sv.journal.find((e) => e.kind === "variance-disposition" && e.lines.some((l) => l.role === "PPV"))!;
    assert.equal(s.description, "Prisavvikelse fördelas proportionellt över RIP, FG, COGS och USAGE_VARIANCE");
    assert.equal(memoOf(s, "RIP"), "Ogynnsam prisavvikelse fördelas proportionellt: RIP har 13,25 % av standardkostnaden för material");
    assert.equal(memoOf(s, "PPV", "WOOD"), "Avslut av prisavvikelse vid inköp för WOOD");
    const m = ms.journal.find((e) => e.kind === "variance-disposition" && e.lines.some((l) => l.role === "PPV"))!;
    assert.equal(m.description, "Varians harga diagihkan secara prorata ke RIP, FG, COGS dan USAGE_VARIANCE");
    assert.equal(memoOf(m, "RIP"), "Varians harga tidak memihak diagihkan secara prorata: RIP memegang 13.25 % kos bahan piawai");
  });

  it("the suitability findings, figures in the language's style", () => {
    // Nothing was held at the start, so inventory moved by its whole ending value: RIP 2,040 + 39.74 and FG 2,330 + 45 + 25.91 + 6.12
    // (the prorated shares) = 4,486.77, against COGS 20,970 + 405 + 233.18 + 55.05 = 21,663.23: 20.711… → 20.7 %.
    assert.equal(sv.suitability.checks.find((c) => c.id === "inventory-change")!.message, "Lagret ändrades med 20,7 % av kostnad sålda varor under perioden: inte stabilt, så kostnader flyttas mellan perioder");
    assert.equal(ms.suitability.checks.find((c) => c.id === "inventory-change")!.message, "Inventori berubah sebanyak 20.7 % daripada kos barang dijual dalam tempoh ini: tidak stabil, jadi kos beralih antara tempoh");
  });

  it("English is the language when none is given", () => {
    const en = runBackflush(input);
    assert.equal(memoOf(entryOf(en, "purchase"), "AP", "WOOD"), "WOOD invoiced 12400.00 (3.1 per unit)");
    assert.deepEqual(textsOf(inLanguage(input, "en")), textsOf(en));
  });
});

describe("the suitability finding on negative inventory says one item or several", () => {
  // 1,000 chairs need 3,500 kg WOOD (1 + 2.5 each) and 16,000 SCREW (4 + 12 each): 3,000 kg WOOD bought leaves WOOD short,
  // 10,000 SCREW bought leaves SCREW short too.
  const base = chairMaker();
  const oneShort = { ...base, purchases: [buy("2026-11-02", "WOOD", 3000, "9000.00"), ...base.purchases.slice(1)] };
  const twoShort = { ...oneShort, purchases: [oneShort.purchases[0], buy("2026-11-02", "SCREW", 10000, "480.00"), oneShort.purchases[2]] };
  const finding = (input: PeriodInput, language: Language) => inLanguage(input, language).suitability.checks.find((c) => c.id === "negative-inventory")!.message;

  it("in the singular for one item, the plural for two, in each language", () => {
    assert.equal(finding(oneShort, "en"), "1 item went below zero on the books: purchases, BOM or completions are incomplete or wrong");
    assert.equal(finding(twoShort, "en"), "2 items went below zero on the books: purchases, BOM or completions are incomplete or wrong");
    assert.match(finding(oneShort, "sv"), /^1 artikel fick negativt bokfört saldo/);
    assert.match(finding(twoShort, "sv"), /^2 artiklar fick negativt bokfört saldo/);
    assert.match(finding(twoShort, "ms"), /^2 barang jatuh di bawah sifar/);
  });
});

describe("the standard-changed warning groups its figures in every language", () => {
  // M std 0.8537; P = 100 M (85.37) until 11-09, 90 M (76.833) from 11-10. 1,250 P made on 11-05:
  // FG 1,250 × 85.37 = 106,712.50, revalued to 1,250 × 76.833 = 96,041.25.
  const plant = period({
    items: [material("M", "0.8537"), assembly("P")],
    bom: [line("P", "M", 100, 0, undefined, "2026-11-09"), line("P", "M", 90, 0, "2026-11-10")],
    purchases: [buy("2026-11-02", "M", 125000, "106712.50")],
    completions: [move("2026-11-05", "P", 1250)],
  });
  const warning = (language: Language) => inLanguage(plant, language).warnings.find((w) => w.code === "standard-changed")!.message;

  it("English, Swedish and Malay", () => {
    assert.equal(warning("en"), 'The standard of "P" changed on 2026-11-10 with 1,250 on hand: revalued from 106,712.50 to 96,041.25, the difference to the revaluation variance');
    assert.equal(warning("sv"), `Standardkostnaden för "P" ändrades den 2026-11-10 med 1${NBSP}250 i lager: omvärderat från 106${NBSP}712,50 till 96${NBSP}041,25, skillnaden till omvärderingsavvikelsen`);
    assert.equal(warning("ms"), 'Kos piawai "P" berubah pada 2026-11-10 dengan 1,250 dalam stok: dinilai semula daripada 106,712.50 kepada 96,041.25, perbezaannya ke varians penilaian semula');
  });
});

/** Every text a result carries, in order. */
function textsOf(r: BackflushResult): string[] {
  return [...r.journal.flatMap((e) => [e.description, ...e.lines.map((l) => l.memo)]), ...r.warnings.map((w) => w.message), ...r.suitability.checks.map((c) => c.message)];
}

/** A result with its texts left out: what no language may change. */
function figuresOf(r: BackflushResult): unknown {
  const { journal, warnings, suitability, ...rest } = r;
  return {
    ...rest,
    journal: journal.map((e) => ({
      entry: e.entry,
      date: e.date,
      trigger: e.trigger,
      kind: e.kind,
      lines: e.lines.map((l) => [l.role, l.item, l.category, l.debit.toFixed(), l.credit.toFixed(), l.qty?.toFixed(), l.element?.material.toFixed(), l.element?.conversion.toFixed(), JSON.stringify(l.sources)]),
    })),
    warnings: warnings.map(({ message: _message, ...w }) => w),
    suitability: { verdict: suitability.verdict, checks: suitability.checks.map(({ message: _message, ...c }) => c) },
  };
}

describe("property: the language changes the words, never the figures", () => {
  it("the same amounts, accounts, quantities, sources and line order in en, sv and ms, and every {parameter} filled", () => {
    fc.assert(
      fc.property(anyPeriod, (input) => {
        const en = runBackflush(input);
        const enTexts = textsOf(en);
        for (const language of ["sv", "ms"] as const) {
          const other = inLanguage(input, language);
          assert.deepEqual(figuresOf(other), figuresOf(en), language);
          const texts = textsOf(other);
          assert.equal(texts.length, enTexts.length);
          texts.forEach((t, i) => {
            assert.doesNotMatch(t, /\{\w+\}/, `${language}: ${t}`);
            // Each text is written in the language: none is the English one.
            assert.notEqual(t, enTexts[i], `${language} left in English: ${t}`);
          });
        }
        for (const t of enTexts) assert.doesNotMatch(t, /\{\w+\}/, t);
      }),
      { numRuns: 60 },
    );
  });
});
