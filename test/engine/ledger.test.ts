/**
 * The scaled-integer Ledger against the Dec ledger it replaced (kept as
 * ReferenceLedger): the same random openings and postings go to both, and
 * after each one every figure either can report must be the same value.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, ZERO } from "../../src/engine/money";
import { Ledger, type BalancingLine, type DraftLine, type EntryHeader, type LineGroup, type Side } from "../../src/engine/ledger";
import { fromUnits, scaledOf } from "../../src/engine/scaled";
import type { AccountRole, ElementSplit, JournalEntry, JournalLine } from "../../src/engine/types";
import { ReferenceLedger, type ReferenceBalancingLine, type ReferenceDraftLine, type ReferenceLineGroup } from "./ledger-reference";

const ROLES: readonly AccountRole[] = ["RIP", "FG", "COGS", "AP", "PPV", "CONV_ALLOCATED"];
const ITEMS: readonly string[] = ["M1", "M2", "P1"];
/** Lines without an item may name a conversion category, which keys their account instead. */
const CATEGORIES: readonly string[] = ["labour"];

/** A line's quantity: none, a given one, or the account's book quantity at posting time (so a credit empties it). */
type QtySpec = { kind: "none" } | { kind: "given"; qty: Dec } | { kind: "book" };

interface LineSpec {
  role: AccountRole;
  side: Side;
  item?: string;
  category?: string;
  qty: QtySpec;
  /** Hand the new ledger the quantity as scaled units too (its qtyUnits shortcut). */
  withUnits: boolean;
  memo: string;
}
interface DetailSpec extends LineSpec {
  amount: Dec;
  material?: Dec;
}
interface BalancingSpec extends LineSpec {
  withContent?: boolean;
}
interface GroupSpec {
  details: DetailSpec[];
  balancing?: BalancingSpec;
}
type Operation =
  | { op: "open"; role: AccountRole; item?: string; qty: Dec; valueUnits: bigint; element?: { materialUnits: bigint; conversionUnits: bigint } }
  | { op: "post"; groups: GroupSpec[] };

/** An exact decimal of up to `digits` digits and `places` decimals, either sign; zeros (−0 too) and halves often. */
const exact = (digits: number, places: number): fc.Arbitrary<Dec> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.bigInt({ min: -(10n ** BigInt(digits)) + 1n, max: 10n ** BigInt(digits) - 1n }), fc.integer({ min: 0, max: places })).map(([u, s]) => new Dec(`${u}e-${s}`)) },
    // x.xx5 and the like: where half away from zero matters, on both signs.
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: 1, max: 4 })).map(([u, s]) => new Dec(`${u * 10 + (u < 0 ? -5 : 5)}e-${s}`)) },
    { weight: 1, arbitrary: fc.constantFrom(new Dec(0), new Dec("-0")) },
  );

/** Opening values in minor units: small, or next to ±2^53. */
const openingUnits = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -8n, max: 8n }).chain((d) => fc.constantFrom(2n ** 53n + d, -(2n ** 53n) + d)) },
);

const place = fc.oneof(
  fc.record({ item: fc.constantFrom(...ITEMS) }),
  fc.record({ category: fc.constantFrom(...CATEGORIES) }),
  fc.constant({}),
);

const qtySpec: fc.Arbitrary<QtySpec> = fc.oneof(
  fc.constant<QtySpec>({ kind: "none" }),
  fc.constant<QtySpec>({ kind: "book" }),
  exact(6, 3).map((qty): QtySpec => ({ kind: "given", qty })),
);

const lineSpec = fc
  .tuple(fc.constantFrom(...ROLES), fc.constantFrom<Side>("debit", "credit"), place, qtySpec, fc.boolean(), fc.constantFrom("flushed", "variance", ""))
  .map(([role, side, where, qty, withUnits, memo]): LineSpec => ({ role, side, ...where, qty, withUnits, memo }));

/** A credit of an item's whole book quantity in RIP or FG: rare by chance, so asked for. */
const emptyingSpec: fc.Arbitrary<LineSpec> = fc
  .tuple(lineSpec, fc.constantFrom<AccountRole>("RIP", "FG"), fc.constantFrom(...ITEMS))
  .map(([line, role, item]) => ({ ...line, role, side: "credit", item, category: undefined, qty: { kind: "book" } }));

/** Amounts: mostly everyday ones, sometimes up to 10^17 minor units, so that sums cross 2^53 (where the ledger's JS numbers hand over to BigInts) both ways. */
const amountArb = fc.oneof({ weight: 4, arbitrary: exact(10, 6) }, { weight: 1, arbitrary: exact(19, 2) });

const detailSpec: fc.Arbitrary<DetailSpec> = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: lineSpec }, { weight: 1, arbitrary: emptyingSpec }), amountArb, fc.option(amountArb, { nil: undefined }))
  .map(([line, amount, material]) => ({ ...line, amount, ...(material === undefined ? {} : { material }) }));

/** A group with a balancing line (with or without content), or a group of mirrored details that nets to zero on its own. */
const groupSpec: fc.Arbitrary<GroupSpec> = fc.oneof(
  fc
    .tuple(fc.array(detailSpec, { maxLength: 4 }), lineSpec, fc.option(fc.boolean(), { nil: undefined }))
    .map(([details, balancing, withContent]) => ({ details, balancing: { ...balancing, ...(withContent === undefined ? {} : { withContent }) } })),
  fc.array(fc.tuple(detailSpec, lineSpec), { minLength: 1, maxLength: 2 }).map((pairs) => ({
    // The same amount on the other side: balanced once rounded, unless an account is emptied (then both ledgers must refuse the entry).
    details: pairs.flatMap(([d, other]) => [d, { ...other, side: d.side === "debit" ? "credit" : "debit", amount: d.amount } satisfies DetailSpec]),
  })),
);

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...ROLES),
        fc.option(fc.constantFrom(...ITEMS), { nil: undefined }),
        exact(6, 3),
        openingUnits,
        fc.option(fc.tuple(openingUnits, openingUnits), { nil: undefined }),
      )
      .map(([role, item, qty, valueUnits, element]): Operation => ({
        op: "open",
        role,
        ...(item === undefined ? {} : { item }),
        qty,
        valueUnits,
        ...(element === undefined ? {} : { element: { materialUnits: element[0], conversionUnits: element[1] } }),
      })),
  },
  { weight: 3, arbitrary: fc.array(groupSpec, { minLength: 1, maxLength: 3 }).map((groups): Operation => ({ op: "post", groups })) },
);

const HEADER: EntryHeader = { date: "2024-03-31", trigger: "completion", kind: "completion", description: "random posting" };

/** The spec's quantity, a "book" one read from the reference ledger as the entry is built (undefined without an item). */
function qtyOf(spec: LineSpec, reference: ReferenceLedger): Dec | undefined {
  if (spec.qty.kind === "none") return undefined;
  if (spec.qty.kind === "given") return spec.qty.qty;
  return spec.item === undefined ? undefined : reference.quantity(spec.role, spec.item);
}

function textOf(spec: LineSpec, qty: Dec | undefined): Omit<ReferenceBalancingLine, "withContent"> {
  return { role: spec.role, side: spec.side, item: spec.item, category: spec.category, qty, memo: spec.memo };
}

/** The same groups for both ledgers: Dec amounts for the reference, Scaled for the new one. */
function draftsOf(groups: readonly GroupSpec[], reference: ReferenceLedger): { ref: ReferenceLineGroup[]; scaled: LineGroup[] } {
  const ref: ReferenceLineGroup[] = [];
  const scaled: LineGroup[] = [];
  for (const g of groups) {
    const refDetails: ReferenceDraftLine[] = [];
    const details: DraftLine[] = [];
    for (const d of g.details) {
      const qty = qtyOf(d, reference);
      const text = textOf(d, qty);
      refDetails.push({ ...text, amount: d.amount, ...(d.material === undefined ? {} : { material: d.material }) });
      details.push({
        ...text,
        ...(d.withUnits && qty !== undefined ? { qtyUnits: scaledOf(qty) } : {}),
        amount: scaledOf(d.amount),
        ...(d.material === undefined ? {} : { material: scaledOf(d.material) }),
      });
    }
    let refBalancing: ReferenceBalancingLine | undefined;
    let balancing: BalancingLine | undefined;
    if (g.balancing) {
      const b = g.balancing;
      const qty = qtyOf(b, reference);
      const content = b.withContent === undefined ? {} : { withContent: b.withContent };
      refBalancing = { ...textOf(b, qty), ...content };
      balancing = { ...textOf(b, qty), ...(b.withUnits && qty !== undefined ? { qtyUnits: scaledOf(qty) } : {}), ...content };
    }
    ref.push({ details: refDetails, ...(refBalancing ? { balancing: refBalancing } : {}) });
    scaled.push({ details, ...(balancing ? { balancing } : {}) });
  }
  return { ref, scaled };
}

// Figures are compared by value with Dec's equals, never by text or Object.is: where
// the Dec ledger left a −0 (a negative amount rounded to nothing, a sum of −0s) the
// integer ledger gives +0, as a BigInt has no −0. The value is what the books show.
function sameValue(actual: Dec | undefined, expected: Dec | undefined, where: string): void {
  if (expected === undefined || actual === undefined) {
    assert.equal(actual, expected, `${where}: ${String(actual)} ≠ ${String(expected)}`);
    return;
  }
  assert.ok(actual.equals(expected), `${where}: ${actual.toString()} ≠ ${expected.toString()}`);
}

function sameElement(actual: ElementSplit | undefined, expected: ElementSplit | undefined, where: string): void {
  assert.equal(actual === undefined, expected === undefined, `${where}: element present in one ledger only`);
  if (actual && expected) {
    sameValue(actual.material, expected.material, `${where} material`);
    sameValue(actual.conversion, expected.conversion, `${where} conversion`);
  }
}

function sameLine(actual: JournalLine, expected: JournalLine, where: string): void {
  assert.equal(actual.role, expected.role, `${where} role`);
  assert.equal(actual.item, expected.item, `${where} item`);
  assert.equal(actual.category, expected.category, `${where} category`);
  sameValue(actual.debit, expected.debit, `${where} debit`);
  sameValue(actual.credit, expected.credit, `${where} credit`);
  sameValue(actual.qty, expected.qty, `${where} qty`);
  assert.equal(actual.memo, expected.memo, `${where} memo`);
  assert.deepEqual(actual.sources, expected.sources, `${where} sources`);
  sameElement(actual.element, expected.element, `${where} element`);
}

function sameEntry(actual: JournalEntry | undefined, expected: JournalEntry | undefined): void {
  assert.equal(actual === undefined, expected === undefined, `entry posted by one ledger only`);
  if (!actual || !expected) return;
  const { lines: actualLines, ...actualHeader } = actual;
  const { lines: expectedLines, ...expectedHeader } = expected;
  assert.deepEqual(actualHeader, expectedHeader);
  assert.equal(actualLines.length, expectedLines.length, "line count");
  actualLines.forEach((l, k) => sameLine(l, expectedLines[k], `line ${k + 1}`));
  // Balanced by construction: debits equal credits to the minor unit.
  const debits = actualLines.reduce((s, l) => s.plus(l.debit), ZERO);
  const credits = actualLines.reduce((s, l) => s.plus(l.credit), ZERO);
  assert.ok(debits.equals(credits), `entry ${actual.entry} debits ${debits.toString()} ≠ credits ${credits.toString()}`);
}

/** Every figure the ledgers report, compared. */
function sameBooks(ledger: Ledger, reference: ReferenceLedger): void {
  assert.equal(ledger.entries.length, reference.entries.length, "entry count");
  const actual = ledger.balances();
  const expected = reference.balances();
  assert.deepEqual(actual.map((b) => [b.role, b.item]), expected.map((b) => [b.role, b.item]), "accounts");
  actual.forEach((b, k) => {
    const e = expected[k];
    const where = `${b.role}/${b.item ?? "-"}`;
    sameValue(b.openingQty, e.openingQty, `${where} openingQty`);
    sameValue(b.openingValue, e.openingValue, `${where} openingValue`);
    sameValue(b.debit, e.debit, `${where} debit`);
    sameValue(b.credit, e.credit, `${where} credit`);
    sameValue(b.endingValue, e.endingValue, `${where} endingValue`);
    sameValue(b.endingQty, e.endingQty, `${where} endingQty`);
  });
  const totals = ledger.totals();
  const refTotals = reference.totals();
  sameValue(totals.debit, refTotals.debit, "total debit");
  sameValue(totals.credit, refTotals.credit, "total credit");
  // Debits and credits of the period agree over the whole ledger too.
  assert.ok(totals.debit.equals(totals.credit), "totals out of balance");
  for (const role of ROLES) {
    sameValue(ledger.balance(role), reference.balance(role), `balance ${role}`);
    for (const key of [...ITEMS, ...CATEGORIES]) {
      sameValue(ledger.balance(role, key), reference.balance(role, key), `balance ${role}/${key}`);
      sameValue(ledger.quantity(role, key), reference.quantity(role, key), `quantity ${role}/${key}`);
      assert.equal(ledger.belowZero(role, key), reference.quantity(role, key).lessThan(0), `belowZero ${role}/${key}`);
    }
    sameElement(ledger.content(role), reference.content(role), `content ${role}`);
    const open = ledger.openItems(role);
    const refOpen = reference.openItems(role);
    assert.deepEqual(open.map((x) => x.item), refOpen.map((x) => x.item), `openItems ${role}`);
    open.forEach((x, k) => sameValue(x.balance, refOpen[k].balance, `openItems ${role}/${x.item ?? "-"}`));
  }
}

/** Runs one operation on both; a refused entry must be refused by both, with the same words. */
function apply(op: Operation, ledger: Ledger, reference: ReferenceLedger): void {
  if (op.op === "open") {
    const value = fromUnits(op.valueUnits, ledger.minorUnits);
    const element = op.element && { material: fromUnits(op.element.materialUnits, ledger.minorUnits), conversion: fromUnits(op.element.conversionUnits, ledger.minorUnits) };
    ledger.open(op.role, op.item, op.qty, value, element);
    reference.open(op.role, op.item, op.qty, value, element);
    return;
  }
  const { ref, scaled } = draftsOf(op.groups, reference);
  let expected: JournalEntry | undefined;
  let expectedError: string | undefined;
  try {
    expected = reference.post(HEADER, ref);
  } catch (e) {
    expectedError = (e as Error).message;
  }
  if (expectedError !== undefined) {
    assert.throws(() => ledger.post(HEADER, scaled), (e: Error) => e.message === expectedError, `the new ledger must refuse it too: ${expectedError}`);
    return;
  }
  sameEntry(ledger.post(HEADER, scaled), expected);
}

describe("engine: ledger on scaled integers against the Dec ledger it replaced", () => {
  it("random openings and postings give the same entries, balances, quantities and content", () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 2, 3), fc.array(operation, { minLength: 1, maxLength: 14 }), (minorUnits, ops) => {
        const ledger = new Ledger(minorUnits);
        const reference = new ReferenceLedger(minorUnits);
        ops.forEach((op) => {
          apply(op, ledger, reference);
          sameBooks(ledger, reference);
        });
      }),
      { numRuns: 400 },
    );
  });

  it("a credit of the whole book quantity empties the account, residue and content included", () => {
    // 3 units held at 10.00 (6.00 material); selling all 3 at a standard of 9.87 must take the whole 10.00 and all the
    // content, not the standard: no value may stay where no quantity is. Both ledgers, so the oracle is checked too.
    for (const Book of [Ledger, ReferenceLedger] as const) {
      const book = new Book(2);
      book.open("FG", "P1", new Dec(3), new Dec("10.00"), { material: new Dec("6.00"), conversion: new Dec("4.00") });
      const detail = { role: "FG" as const, side: "credit" as const, item: "P1", qty: new Dec(3), memo: "sold" };
      const balancing = { role: "COGS" as const, side: "debit" as const, item: "P1", qty: new Dec(3), memo: "sold", withContent: true };
      const entry =
        book instanceof Ledger
          ? book.post(HEADER, [{ details: [{ ...detail, amount: scaledOf(new Dec("9.87")), material: scaledOf(new Dec("5.55")) }], balancing }])
          : book.post(HEADER, [{ details: [{ ...detail, amount: new Dec("9.87"), material: new Dec("5.55") }], balancing }]);
      assert.ok(entry);
      assert.equal(entry.lines[0].credit.toString(), "10");
      assert.equal(entry.lines[1].debit.toString(), "10");
      assert.equal(entry.lines[1].element?.material.toString(), "6");
      assert.ok(book.balance("FG", "P1").isZero());
      assert.ok(book.content("FG").material.isZero() && book.content("FG").conversion.isZero());
      assert.equal(book.content("COGS").conversion.toString(), "4");
    }
  });
});
