/**
 * A movement table (Production, Sales or Purchases) in the form the engine
 * works on: grouped by day and item. A full sheet is a million rows, so the
 * book keeps them as a few flat columns of small integers (row, group,
 * quantity, amount) plus the Refs, and makes no object per row; the groups,
 * their sums and the double entries are worked out once, in one pass over the
 * rows, when the book is closed.
 *
 * Rules on a row's own numbers (a positive quantity, an amount that is not
 * negative) are checked as it is added (for a sheet's cells, once per distinct
 * number); rows that break one are set aside
 * whole, so `prepare` can still report every rule on them. Rules that need the
 * rest of the input (the period, the items) are `prepare`'s, checked once per
 * day and once per item.
 */
import { cellDecimal, decOfCellNumber } from "./cellnumbers";
import type { IsoDate } from "./dates";
import { Dec, DecIndex, MAX_EXACT, ZERO } from "./money";
import type { Finding } from "./errors";
import { said } from "./errors";
import { fromUnits, scaledOf, unitsAt } from "./scaled";
import type { MovementRecord, PurchaseRecord, TableName } from "./types";

export type MovementTable = Extract<TableName, "Production" | "Sales" | "Purchases">;

/** Movements of one item on one day. */
export interface BookGroup {
  readonly item: string;
  readonly qty: Dec;
  /** Amount paid (purchases; zero otherwise). */
  readonly amount: Dec;
  /** Sheet rows, ascending. */
  readonly rows: readonly number[];
  /** How many: `rows.length`, without making the list. */
  readonly rowCount: number;
  /** Rows identical in every column to an earlier row of the group, with that row. */
  readonly repeats: readonly Repeat[];
}

/**
 * A sheet's rows for `MovementBook.addSheetRows`: where the columns are (−1:
 * not there), how their cells read (undefined: not a value of the column's
 * kind), and where the other rows go.
 */
export interface SheetRows {
  cells: readonly (readonly unknown[])[];
  /** Index of the last row to read. */
  last: number;
  /** Sheet row of `cells[0]`. */
  firstSheetRow: number;
  dateAt: number;
  itemAt: number;
  qtyAt: number;
  amountAt: number;
  refAt: number;
  dateOf(cell: unknown): IsoDate | undefined;
  /** Non-empty text. */
  textOf(cell: unknown): string | undefined;
  /** A finite number, as the cell holds it (see `addNumbers`). */
  numberOf(cell: unknown): number | undefined;
  /** A Ref: its text, undefined for none, null for a cell that cannot be one. */
  refOf(cell: unknown): string | undefined | null;
  /**
   * What else tells a row from another that the book does not keep (the
   * user's own columns, a date's time of day), joined to its Ref as the key
   * repeats are found by; undefined for nothing. Absent: nothing ever does.
   */
  restOf?(cells: readonly unknown[]): string | undefined;
  /** A row not in the usual shape, by its index in `cells` and its sheet row. */
  other(index: number, sheetRow: number): void;
}

/** A row that repeats an earlier row of its group in every column (`first`). */
export interface Repeat {
  row: number;
  first: number;
}

export interface BookDay {
  readonly date: IsoDate;
  /** Every row of the day, ascending. */
  readonly rows: readonly number[];
  /** Ascending by item (as strings compare), the order `prepare` hands them over in. */
  readonly groups: readonly BookGroup[];
}

/**
 * Sheet rows kept in a stretch of a typed column and listed when first read:
 * a full sheet's groups and days hold well over a million rows, which a run
 * only reads to trace a line or report a problem (the journal's Source
 * column). Made at once, the lists were some 20 MB a run that the collector
 * copied and the system had to page in.
 */
class RowStretch {
  private list?: number[];
  constructor(
    private readonly column: Int32Array,
    private readonly from: number,
    readonly rowCount: number,
  ) {}

  get rows(): readonly number[] {
    return (this.list ??= listOf(this.column, this.from, this.rowCount));
  }

  /** The rows in place, unlisted (the journal's Source column walks a day's rows once). */
  rowView(): ArrayLike<number> {
    return this.list ?? this.column.subarray(this.from, this.from + this.rowCount);
  }
}

/** `count` numbers of `column` from `from`, as a list. */
function listOf(column: Int32Array, from: number, count: number): number[] {
  const list = new Array<number>(count);
  for (let k = 0; k < count; k++) list[k] = column[from + k];
  return list;
}

class StretchGroup extends RowStretch implements BookGroup {
  constructor(
    readonly item: string,
    readonly qty: Dec,
    readonly amount: Dec,
    readonly repeats: readonly Repeat[],
    column: Int32Array,
    from: number,
    rowCount: number,
  ) {
    super(column, from, rowCount);
  }
}

/** A day of the book: a few per table, so its rows are a stretch it holds rather than one it is. */
class StretchDay implements BookDay {
  constructor(
    readonly date: IsoDate,
    readonly groups: readonly BookGroup[],
    private readonly stretch: RowStretch,
  ) {}

  get rows(): readonly number[] {
    return this.stretch.rows;
  }

  rowView(): ArrayLike<number> {
    return this.stretch.rowView();
  }
}

/** NaN and ±Infinity: no sheet means them (callers that compute their input can pass them). */
export function numberFinding(field: string, value: Dec): Finding | undefined {
  return value.isFinite() ? undefined : { code: "not-a-number", ...said("problem.notFinite", { field, value: value.toString() }) };
}

/** The rule on a movement's quantity: a number above zero. Rows that break it are set aside. */
export function qtyFinding(qty: Dec): Finding | undefined {
  return numberFinding("Qty", qty) ?? (!qty.isPositive() || qty.isZero() ? { code: "not-positive", ...said("problem.notPositive", { field: "Qty", value: { figure: qty.toString() } }) } : undefined);
}

/** The rule on an amount paid: a number not below zero. */
export function amountFinding(amount: Dec): Finding | undefined {
  return numberFinding("Amount", amount) ?? (amount.isNegative() ? { code: "negative", ...said("problem.negative", { field: "Amount", value: { figure: amount.toString() } }) } : undefined);
}

/** A column's rule, and whether every number above zero keeps it: then a cell's number above zero is checked without a Dec. */
interface ColumnRule {
  finding(value: Dec): Finding | undefined;
  keptAboveZero: boolean;
}

const QTY_RULE: ColumnRule = { finding: qtyFinding, keptAboveZero: true };
const AMOUNT_RULE: ColumnRule = { finding: amountFinding, keptAboveZero: true };

/** A row whose own numbers break a rule; kept whole for `prepare` to report. */
export type SetAsideRow = MovementRecord & { amount?: Dec };

/**
 * The rows' columns of small integers, one buffer each instead of an array per
 * group, grown together (doubled when full): one length and one check a row.
 */
class RowColumns {
  /** Sheet row. */
  row: Int32Array;
  group: Int32Array;
  /** Index of the quantity, and of the amount, among the column's distinct values. */
  qty: Int32Array;
  amount: Int32Array;
  /**
   * A hash of the row's quantity, amount and Ref, the key of a double entry:
   * rows are compared as integers first, and on their columns only when those
   * agree. Made as the row is read, while the Ref's text is at hand, so the
   * search for double entries reads one column where it jumps about.
   */
  keyHash: Int32Array;
  length = 0;

  constructor(capacity: number) {
    const size = Math.max(1024, capacity);
    this.row = new Int32Array(size);
    this.group = new Int32Array(size);
    this.qty = new Int32Array(size);
    this.amount = new Int32Array(size);
    this.keyHash = new Int32Array(size);
  }

  push(row: number, group: number, qty: number, amount: number, keyHash: number): void {
    const k = this.length;
    if (k === this.row.length) this.grow();
    this.row[k] = row;
    this.group[k] = group;
    this.qty[k] = qty;
    this.amount[k] = amount;
    this.keyHash[k] = keyHash;
    this.length = k + 1;
  }

  private grow(): void {
    const doubled = (column: Int32Array) => {
      const bigger = new Int32Array(column.length * 2);
      bigger.set(column);
      return bigger;
    };
    this.row = doubled(this.row);
    this.group = doubled(this.group);
    this.qty = doubled(this.qty);
    this.amount = doubled(this.amount);
    this.keyHash = doubled(this.keyHash);
  }
}

/**
 * A growing column of texts, in chunks, so growing never copies a million of
 * them. A book that expects many rows takes chunks big enough to be made
 * outside the young generation (V8's large objects), which a scavenge never
 * copies; still below the length at which V8 makes `new Array(n)` a
 * dictionary.
 */
class TextColumn {
  private readonly chunks: (string | undefined)[][] = [];
  private readonly bits: number;
  private readonly mask: number;
  length = 0;
  constructor(expected: number) {
    this.bits = expected >= 1 << 16 ? 16 : 12;
    this.mask = (1 << this.bits) - 1;
  }
  push(text: string | undefined): void {
    const k = this.length & this.mask;
    if (k === 0) this.chunks.push(new Array<string | undefined>(this.mask + 1));
    this.chunks[this.chunks.length - 1][k] = text;
    this.length++;
  }
  at(i: number): string | undefined {
    return this.chunks[i >>> this.bits][i & this.mask];
  }
}

/**
 * A column's distinct values in integer units of its finest decimal: as JS
 * numbers, each made once (NaN past 2^53 − 1), so that summing a row is one
 * addition; as BigInts for the sums past 2^53, each made the first time one
 * needs it, or at once for a value that had to be read from its Dec's digits.
 */
class ColumnUnits {
  readonly scale: number;
  /** Per value: its units when they are an integer below 2^53, exactly, or else NaN. */
  readonly small: Float64Array;
  private readonly units: (bigint | undefined)[];

  constructor(readonly values: ColumnValues) {
    let scale = 0;
    for (let i = 0; i < values.size; i++) scale = Math.max(scale, values.decimalPlaces(i));
    this.scale = scale;
    this.small = new Float64Array(values.size);
    this.units = new Array<bigint | undefined>(values.size);
    for (let i = 0; i < values.size; i++) {
      const u = values.units(i, scale);
      if (typeof u === "number") this.small[i] = u;
      else {
        this.units[i] = u;
        this.small[i] = u <= MAX_EXACT && u >= -MAX_EXACT ? Number(u) : NaN;
      }
    }
  }

  of(index: number): bigint {
    return (this.units[index] ??= this.values.bigUnits(index, this.scale));
  }
}

/**
 * Numbers → small integers, in an open-addressing table of their bits: no
 * boxed number per key and no call per lookup, as a Map has (a purchase
 * column of a full sheet looks up two numbers a row, most of them distinct).
 * Keys are compared with === but placed by their bits, so it must never hold
 * NaN, and −0 would not find 0: its caller never looks a zero cell up here.
 */
class NumberIndex {
  private keys = new Float64Array(64);
  private values = new Int32Array(64);
  private used = new Uint8Array(64);
  private count = 0;
  /** The bits of the number being hashed, as two 32-bit words. */
  private readonly bits = new Float64Array(1);
  private readonly words = new Int32Array(this.bits.buffer);

  get(key: number): number | undefined {
    const { keys, used } = this;
    const mask = keys.length - 1;
    for (let s = this.slot(key, mask); used[s] === 1; s = (s + 1) & mask) if (keys[s] === key) return this.values[s];
    return undefined;
  }

  set(key: number, value: number): void {
    // At most half full: probes stay short.
    if (2 * (this.count + 1) > this.keys.length) this.grow();
    const { keys, used, values } = this;
    const mask = keys.length - 1;
    let s = this.slot(key, mask);
    for (; used[s] === 1; s = (s + 1) & mask) {
      if (keys[s] === key) {
        values[s] = value;
        return;
      }
    }
    used[s] = 1;
    keys[s] = key;
    values[s] = value;
    this.count++;
  }

  private slot(key: number, mask: number): number {
    this.bits[0] = key;
    return keyHash(this.words[0], this.words[1], 0) & mask;
  }

  private grow(): void {
    const { keys, values, used } = this;
    const size = keys.length * 2;
    this.keys = new Float64Array(size);
    this.values = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.count = 0;
    for (let s = 0; s < keys.length; s++) if (used[s] === 1) this.set(keys[s], values[s]);
  }
}

/** Past this, whole numbers are looked up in the map like any other. */
const SMALL_WHOLE = 4096;

/**
 * A number column's distinct values, each with a small index; equal values
 * share one (0.1 + 0.2 and 0.3, 5 and 5.0), whether they come as Decs or as
 * the JS numbers of cells, which stand for their 15-digit decimals
 * (`decOfCellNumber`).
 *
 * A value of at most 15 significant digits, above zero and with an exponent
 * within ±300, is keyed by the double nearest to it: such decimals and doubles
 * convert both ways without loss, so equal values get equal keys and unequal
 * ones unequal keys. Other values are keyed by their text. A cell's number is
 * looked up as it is, its key made once; its Dec only when asked for, as most
 * values of a full sheet only ever reach sums, in units.
 */
class ColumnValues {
  private readonly decs: (Dec | undefined)[] = [];
  /** Per value: its key (NaN for a text key), and for values read from numbers their decimal places (−1 for Decs, and numbers written with an exponent). */
  private readonly numbers: number[] = [];
  private readonly places: number[] = [];
  /** Keys, and numbers met as cells' values (−1: breaks the rule), → value index. A zero cell is never looked up or kept by its number (−0 and 0 differ for the rules, not for ===); a zero Dec is kept by its key, 0. */
  private readonly byKey = new NumberIndex();
  private readonly byText = new Map<string, number>();
  /** Decs already met, by their digits (no text made): DecIndex's index → ours. */
  private readonly byDec = new DecIndex();
  private readonly ofDecIndex: number[] = [];
  /** Small whole number → value index + 1; 0: not met yet; −1: breaks the rule. */
  private readonly small = new Int32Array(SMALL_WHOLE);

  constructor(private readonly rule: ColumnRule) {
    if (rule.keptAboveZero && rule.finding(new Dec(Number.MIN_VALUE))) throw new Error("Internal error: a column rule said to keep every number above zero does not");
  }

  get size(): number {
    return this.decs.length;
  }

  /** The index of a Dec that keeps the column's rule. */
  indexOfDec(value: Dec): number {
    const known = this.byDec.indexOf(value);
    if (known < this.ofDecIndex.length) return this.ofDecIndex[known];
    let index: number;
    if (value.isPositive() && value.sd() <= 15 && value.e >= -300 && value.e <= 300) {
      const key = Number(value.toString());
      index = this.byKey.get(key) ?? this.added(value, key, -1);
      this.byKey.set(key, index);
    } else index = this.byText.get(value.toString()) ?? this.textual(value);
    this.ofDecIndex.push(index);
    return index;
  }

  /** The index of a finite number, or −1 when its value breaks the column's rule. */
  indexOfNumber(n: number): number {
    if (n >= 1 && n < SMALL_WHOLE && Math.floor(n) === n) {
      const known = this.small[n];
      if (known !== 0) return known > 0 ? known - 1 : -1;
      const index = this.byKey.get(n) ?? this.indexOfNew(n);
      this.small[n] = index < 0 ? -1 : index + 1;
      return index;
    }
    // Neither zero nor NaN is ever a key (the table must not hold NaN: it never finds itself, and every NaN would pile into one chain).
    if (n === 0 || n !== n) return this.indexOfNew(n);
    return this.byKey.get(n) ?? this.indexOfNew(n);
  }

  /**
   * A number the keys do not hold yet; after it, they hold it (zero aside). One
   * map serves numbers and keys alike: a number that is the double nearest a
   * 15-digit decimal is that decimal's key, and no other number is anyone's key.
   */
  private indexOfNew(n: number): number {
    if (n > 0 && this.rule.keptAboveZero) {
      const { nearest, places } = cellDecimal(n);
      if (nearest >= 1e-300 && nearest < 1e301) {
        // The keys hold no n (the caller looked); a number that is not its decimal's nearest double may find that double's key there.
        let index = nearest === n ? undefined : this.byKey.get(nearest);
        if (index === undefined) this.byKey.set(nearest, (index = this.added(undefined, nearest, places)));
        if (nearest !== n) this.byKey.set(n, index);
        return index;
      }
    }
    const value = decOfCellNumber(n);
    const index = this.rule.finding(value) ? -1 : this.indexOfDec(value);
    if (n !== 0 && n === n) this.byKey.set(n, index);
    return index;
  }

  private added(value: Dec | undefined, key: number, places: number): number {
    this.decs.push(value);
    this.numbers.push(key);
    return this.places.push(places) - 1;
  }

  private textual(value: Dec): number {
    const index = this.added(value, NaN, -1);
    this.byText.set(value.toString(), index);
    return index;
  }

  valueAt(index: number): Dec {
    return (this.decs[index] ??= this.decOf(index));
  }

  /** A value read from a number, as `decOfCellNumber` makes it: from its digits without a text when `cellDigits` has them. */
  private decOf(index: number): Dec {
    const digits = this.cellDigits(index);
    return Number.isNaN(digits) ? decOfCellNumber(this.numbers[index]) : fromUnits(BigInt(digits), this.places[index]);
  }

  /**
   * A value read from a number with its places known: its digits as an exact
   * whole number, taken from the double standing for it (below 10^15 the
   * double × 10^places is off by less than 0.25, so rounding gives them); NaN
   * for any other value.
   */
  private cellDigits(index: number): number {
    const places = this.places[index];
    if (places < 0) return NaN;
    const digits = this.numbers[index] * 10 ** places;
    return digits < 1e15 ? Math.round(digits) : NaN;
  }

  decimalPlaces(index: number): number {
    const places = this.places[index];
    return places >= 0 ? places : this.valueAt(index).decimalPlaces();
  }

  /**
   * The value × 10^scale exactly (scale at least its decimal places): a JS
   * integer when read from a cell's digits (NaN past 2^53 − 1), otherwise
   * the BigInt from its Dec's digits, made once for the caller to keep.
   */
  units(index: number, scale: number): number | bigint {
    const digits = this.cellDigits(index);
    if (Number.isNaN(digits)) return this.bigUnits(index, scale);
    // Products of exact integers are exact up to 2^53, and a rounded product past it stays past it.
    const units = digits * 10 ** (scale - this.places[index]);
    return units <= Number.MAX_SAFE_INTEGER ? units : NaN;
  }

  /** The value × 10^scale as a BigInt, exactly, from its Dec's digits (scale at least its decimal places). */
  bigUnits(index: number, scale: number): bigint {
    return unitsAt(scaledOf(this.valueAt(index)), scale);
  }
}

export class MovementBook {
  readonly setAside: SetAsideRow[] = [];
  /** Purchases: every row has an amount paid. */
  readonly withAmount: boolean;
  private readonly columns: RowColumns;
  private readonly refOf: TextColumn;
  private readonly quantities = new ColumnValues(QTY_RULE);
  private readonly amounts = new ColumnValues(AMOUNT_RULE);
  private readonly dayIndex = new Map<IsoDate, number>();
  private readonly dates: IsoDate[] = [];
  private readonly itemIndex = new Map<string, number>();
  private readonly itemNames: string[] = [];
  /** Per day: item index → group index + 1 (0: none yet). */
  private readonly groupsOfDay: Int32Array[] = [];
  private readonly groupDay: number[] = [];
  private readonly groupItem: number[] = [];
  private inOrder = true;
  /** No day came back after another (days are numbered as they first appear, so their rows then sit day after day). */
  private daysInTurn = true;
  private lastRow = -Infinity;
  private lastDate?: IsoDate;
  private lastDay = -1;
  private closed?: BookDay[];

  /** `expectedRows`: how many rows a reader will add, when it knows (a sheet's rows), so the columns are made once at their size. */
  constructor(
    readonly table: MovementTable,
    expectedRows = 0,
  ) {
    this.withAmount = table === "Purchases";
    this.columns = new RowColumns(expectedRows);
    this.refOf = new TextColumn(expectedRows);
  }

  /** The records of a table, grouped: how callers that hold records (tests, single-purpose calls) hand them over. */
  static of(table: MovementTable, records: readonly (MovementRecord | PurchaseRecord)[]): MovementBook {
    const book = new MovementBook(table);
    for (const r of records) book.add(r.row, r.date, r.item, r.qty, r.ref, "amount" in r ? r.amount : undefined);
    return book;
  }

  /** Rows added, set aside or not. */
  get rowCount(): number {
    return this.columns.length + this.setAside.length;
  }

  /** Every date seen (grouped rows and rows set aside), in no order. */
  allDates(): IsoDate[] {
    return [...this.dates, ...this.setAside.map((r) => r.date)];
  }

  add(row: number, date: IsoDate, item: string, qty: Dec, ref?: string, amount?: Dec): void {
    this.open();
    const paid = amount ?? ZERO;
    if (qtyFinding(qty) || amountFinding(paid)) {
      this.setAside.push(this.withAmount ? { row, date, item, qty, ref, amount: paid } : { row, date, item, qty, ref });
      return;
    }
    this.place(row, date, item, this.quantities.indexOfDec(qty), this.withAmount ? this.amounts.indexOfDec(paid) : 0, ref);
  }

  /**
   * A row as a sheet holds it: the quantity and amount as the JS numbers of
   * their cells, which stand for their 15-digit decimals (`decOfCellNumber`);
   * each column checks its rule the first time it meets a number. A row that
   * breaks one goes through `add` with its Decs, to be set aside.
   */
  addNumbers(row: number, date: IsoDate, item: string, qty: number, ref: string | undefined, amount: number | undefined): void {
    this.open();
    this.fileNumbers(row, date, item, qty, ref, amount);
  }

  private fileNumbers(row: number, date: IsoDate, item: string, qty: number, ref: string | undefined, amount: number | undefined): void {
    const q = this.quantities.indexOfNumber(qty);
    const a = this.withAmount ? this.amounts.indexOfNumber(amount ?? 0) : 0;
    if (q < 0 || a < 0) this.add(row, date, item, decOfCellNumber(qty), ref, amount === undefined ? undefined : decOfCellNumber(amount));
    else this.place(row, date, item, q, a, ref);
  }

  /**
   * A sheet's rows, read in one loop: each row in the usual shape (a date, an
   * item, a quantity, an amount for purchases, a Ref or none, as the sheet's
   * own readers convert its cells) is filed at once; any other row goes to
   * `rows.other`, in sheet order. The loop sits in the book so that a row's
   * values go straight to its columns (a full sheet is a million rows).
   */
  addSheetRows(rows: SheetRows): void {
    this.open();
    const { cells: grid, last, firstSheetRow, dateAt, itemAt, qtyAt, amountAt, refAt } = rows;
    const paid = this.withAmount;
    // A sheet's dates come in stretches of one day: a date cell equal to the one before is not read again.
    let lastCell: unknown = undefined;
    let date: IsoDate | undefined;
    for (let i = 0; i <= last; i++) {
      const cells = grid[i];
      const cell = cells[dateAt];
      if (cell !== lastCell || typeof cell !== "number") {
        date = rows.dateOf(cell);
        lastCell = cell;
      }
      const item = rows.textOf(cells[itemAt]);
      const qty = rows.numberOf(cells[qtyAt]);
      const amount = paid ? rows.numberOf(cells[amountAt]) : 0;
      const ref = refAt < 0 ? undefined : rows.refOf(cells[refAt]);
      if (date === undefined || item === undefined || qty === undefined || amount === undefined || ref === null) {
        rows.other(i, firstSheetRow + i);
        continue;
      }
      this.fileNumbers(firstSheetRow + i, date, item, qty, repeatKey(ref, rows.restOf?.(cells)), paid ? amount : undefined);
    }
  }

  private open(): void {
    if (this.closed) throw new Error("Internal error: a row was added to a closed movement book");
  }

  /** Files a row whose numbers keep the rules, by the indexes of its quantity and amount. */
  private place(row: number, date: IsoDate, item: string, qty: number, amount: number, ref: string | undefined): void {
    if (row < this.lastRow) this.inOrder = false;
    this.lastRow = row;
    let day = this.lastDay;
    if (date !== this.lastDate) {
      const known = this.dayIndex.get(date);
      if (known === undefined) {
        day = this.dates.length;
        this.dayIndex.set(date, day);
        this.dates.push(date);
        this.groupsOfDay.push(new Int32Array(0));
      } else {
        day = known;
        this.daysInTurn = false;
      }
      this.lastDate = date;
      this.lastDay = day;
    }
    let itemAt = this.itemIndex.get(item);
    if (itemAt === undefined) {
      itemAt = this.itemNames.length;
      this.itemIndex.set(item, itemAt);
      this.itemNames.push(item);
    }
    let byItem = this.groupsOfDay[day];
    if (itemAt >= byItem.length) {
      // Grown with the items seen: a typed array indexed by item, never a sparse one.
      const bigger = new Int32Array(Math.max(64, 2 * byItem.length, itemAt + 1));
      bigger.set(byItem);
      this.groupsOfDay[day] = byItem = bigger;
    }
    let group = byItem[itemAt] - 1;
    if (group < 0) {
      group = this.groupDay.length;
      byItem[itemAt] = group + 1;
      this.groupDay.push(day);
      this.groupItem.push(itemAt);
    }
    this.columns.push(row, group, qty, amount, keyHash(qty, amount, ref === undefined ? 0 : textHash(ref)));
    this.refOf.push(ref);
  }

  /** The grouped days, in the order they first appeared. Closes the book: no row can be added after. */
  days(): readonly BookDay[] {
    return (this.closed ??= this.close());
  }

  /**
   * Groups the rows: each group's rows are counted first; one pass in sheet
   * order lays out each group's column indexes (a counting sort), a day's
   * groups side by side, and one more pass reads their sheet rows into a
   * column of their own. A day's rows are the row column's own stretch when
   * the sheet is in order day after day, or else are laid out in a pass of
   * their own. No comparison sort (but for rows added out of turn), and no
   * list per group or day until one is read (`RowStretch`).
   */
  private close(): BookDay[] {
    const columns = this.columns;
    const n = columns.length;
    const rows = columns.row;
    const groupOf = columns.group;
    const groupCount = this.groupDay.length;
    const groupDay = Int32Array.from(this.groupDay);

    // A day's groups by item: the items' names compared once; the groups then put in their items' order (a counting sort: a day has one group an item) and dealt out to their days.
    const byName = this.itemNames.map((_, k) => k).sort((a, b) => (this.itemNames[a] < this.itemNames[b] ? -1 : this.itemNames[a] > this.itemNames[b] ? 1 : 0));
    const rank = new Int32Array(byName.length);
    byName.forEach((item, r) => (rank[item] = r));
    const groupsOfDay: number[][] = this.dates.map(() => []);
    for (const g of byItemRank(this.groupItem, rank)) groupsOfDay[groupDay[g]].push(g);

    // Sizes, then each group's stretch of `at` (the column indexes of its rows), a day's groups side by side.
    const size = groupSizes(groupOf, n, groupCount);
    const start = new Int32Array(groupCount);
    const dayStart = new Int32Array(groupsOfDay.length + 1);
    let offset = 0;
    groupsOfDay.forEach((groups, d) => {
      dayStart[d] = offset;
      for (const g of groups) {
        start[g] = offset;
        offset += size[g];
      }
    });
    dayStart[groupsOfDay.length] = offset;
    const at = new Int32Array(n);
    // Sheet order: the order rows were added in, unless records came out of it.
    const order = this.inOrder ? undefined : Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => rows[a] - rows[b] || a - b);
    fillStretches(order, n, groupOf, start, at);
    // Group by group, each group's rows: its stretch. A day's rows, in sheet order, are the column's own stretch when the sheet is in order day after day.
    const groupRows = rowsInStretches(at, rows);
    const dayRows = order === undefined && this.daysInTurn ? rows : daysInStretches(order, n, rows, groupOf, groupDay, dayStart);

    const qty = new GroupSums(groupCount, columns.qty, n, groupOf, new ColumnUnits(this.quantities));
    const amount = this.withAmount ? new GroupSums(groupCount, columns.amount, n, groupOf, new ColumnUnits(this.amounts)) : undefined;
    const repeats = new RepeatFinder(columns.qty, columns.amount, columns.keyHash, this.refOf, rows);
    return this.dates.map((date, d) => {
      const groups = groupsOfDay[d].map((g): BookGroup => {
        const from = start[g];
        const to = from + size[g];
        const sum = amount === undefined ? ZERO : amount.of(g, at, from, to);
        return new StretchGroup(this.itemNames[this.groupItem[g]], qty.of(g, at, from, to), sum, repeats.find(g, at, from, to), groupRows, from, size[g]);
      });
      return new StretchDay(date, groups, new RowStretch(dayRows, dayStart[d], dayStart[d + 1] - dayStart[d]));
    });
  }
}

// The passes over every row are functions of their own: a small function is optimized within a few thousand rows, a large one only late in the run.

/** The groups in the order of their items' ranks. */
function byItemRank(groupItem: readonly number[], rank: Int32Array): Int32Array {
  const next = new Int32Array(rank.length + 1);
  for (const item of groupItem) next[rank[item] + 1]++;
  for (let r = 1; r <= rank.length; r++) next[r] += next[r - 1];
  const sorted = new Int32Array(groupItem.length);
  for (let g = 0; g < groupItem.length; g++) sorted[next[rank[groupItem[g]]]++] = g;
  return sorted;
}

/** How many rows each group has. */
function groupSizes(groupOf: Int32Array, n: number, groupCount: number): Int32Array {
  const size = new Int32Array(groupCount);
  for (let k = 0; k < n; k++) size[groupOf[k]]++;
  return size;
}

/** Each group's stretch of `at` (from `start`): the column indexes of its rows, in sheet order (`order`, or the order rows were added in). */
function fillStretches(order: Int32Array | undefined, n: number, groupOf: Int32Array, start: Int32Array, at: Int32Array): void {
  const next = start.slice();
  if (order === undefined) for (let k = 0; k < n; k++) at[next[groupOf[k]]++] = k;
  else for (let k = 0; k < n; k++) at[next[groupOf[order[k]]]++] = order[k];
}

/** The rows through `at`: each group's rows in its stretch. */
function rowsInStretches(at: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(at.length);
  for (let k = 0; k < at.length; k++) out[k] = rows[at[k]];
  return out;
}

/** Each day's rows in sheet order, day after day (day d from `dayStart[d]`). */
function daysInStretches(order: Int32Array | undefined, n: number, rows: Int32Array, groupOf: Int32Array, groupDay: Int32Array, dayStart: Int32Array): Int32Array {
  const out = new Int32Array(n);
  const next = dayStart.slice();
  for (let k = 0; k < n; k++) {
    const i = order === undefined ? k : order[k];
    out[next[groupDay[groupOf[i]]]++] = rows[i];
  }
  return out;
}

/**
 * Exact sums of the groups' values, as integers: each distinct value is in
 * units of the column's finest decimal, so a row costs one integer addition,
 * not a Dec operation, in one pass over the rows in the order they were added
 * (a sum does not depend on it). A group of one row, or of one value, needs
 * no sum.
 */
class GroupSums {
  /** Per group: the value of its first row, whether another row differs from it, and its sum in JS numbers. */
  private readonly first: Int32Array;
  private readonly mixed: Uint8Array;
  private readonly small: Float64Array;

  constructor(
    groupCount: number,
    private readonly valueOf: Int32Array,
    n: number,
    groupOf: Int32Array,
    private readonly column: ColumnUnits,
  ) {
    this.first = new Int32Array(groupCount).fill(-1);
    this.mixed = new Uint8Array(groupCount);
    this.small = new Float64Array(groupCount);
    sumGroups(n, groupOf, valueOf, column.small, this.first, this.mixed, this.small);
  }

  /** The sum of group `g`, whose rows' column indexes are `at[from..to)`. */
  of(g: number, at: Int32Array, from: number, to: number): Dec {
    const values = this.column.values;
    if (this.mixed[g] === 0) return to - from === 1 ? values.valueAt(this.first[g]) : values.valueAt(this.first[g]).times(to - from);
    // In JS numbers while every partial sum is an integer below 2^53: the values are never negative, so the sums only grow and the last one tells (a NaN value fails it too).
    const small = this.small[g];
    if (small <= Number.MAX_SAFE_INTEGER) return fromUnits(BigInt(small), this.column.scale);
    let total = 0n;
    for (let k = from; k < to; k++) total += this.column.of(this.valueOf[at[k]]);
    return fromUnits(total, this.column.scale);
  }
}

/** Per group: its first row's value, whether a later row's differs, and the sum of its rows' units. */
function sumGroups(n: number, groupOf: Int32Array, valueOf: Int32Array, units: Float64Array, first: Int32Array, mixed: Uint8Array, sum: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const g = groupOf[k];
    const v = valueOf[k];
    const f = first[g];
    if (f < 0) first[g] = v;
    else if (f !== v) mixed[g] = 1;
    sum[g] += units[v];
  }
}

/**
 * Double entries: rows identical in every column. Date and item are the
 * group's, so a row repeats an earlier row of its group when quantity, amount
 * and Ref agree. A small open-addressing table (typed arrays, no object per
 * row), filled afresh for each group and sized to it so that it stays in the
 * cache, keeps the first row of each (quantity, amount, Ref); a row whose key
 * is there repeats that row. Keys are hashed as rows are read, and agreeing
 * hashes are confirmed on every part, the Ref's text last.
 */
class RepeatFinder {
  /** Per slot: the group that filled it (a slot of another group is empty), its first row index and its key's hash. */
  private slotGroup = new Int32Array(0);
  private slotRow = new Int32Array(0);
  private slotHash = new Int32Array(0);

  constructor(
    private readonly qtyOf: Int32Array,
    private readonly amountOf: Int32Array,
    private readonly keyHashOf: Int32Array,
    private readonly refs: TextColumn,
    private readonly rows: Int32Array,
  ) {}

  /** The repeats among a group's rows (`at[from..to)`: indexes into the columns, in sheet order), in that order. */
  find(group: number, at: Int32Array, from: number, to: number): readonly Repeat[] {
    if (to - from < 2) return NO_REPEATS; // a row alone in its group repeats nothing
    let found: Repeat[] | undefined;
    // At most half full: probes stay short.
    let size = 16;
    while (size < 2 * (to - from)) size *= 2;
    if (size > this.slotGroup.length) {
      this.slotGroup = new Int32Array(size).fill(-1);
      this.slotRow = new Int32Array(size);
      this.slotHash = new Int32Array(size);
    }
    const mask = size - 1;
    const { slotGroup, slotRow, slotHash, qtyOf, amountOf, keyHashOf, refs, rows } = this;
    for (let k = from; k < to; k++) {
      const i = at[k];
      const hash = keyHashOf[i];
      for (let s = hash & mask; ; s = (s + 1) & mask) {
        if (slotGroup[s] !== group) {
          slotGroup[s] = group;
          slotRow[s] = i;
          slotHash[s] = hash;
          break;
        }
        const j = slotRow[s];
        if (slotHash[s] === hash && qtyOf[j] === qtyOf[i] && amountOf[j] === amountOf[i] && (refs.at(j) ?? "") === (refs.at(i) ?? "")) {
          (found ??= []).push({ row: rows[i], first: rows[j] });
          break;
        }
      }
    }
    return found ?? NO_REPEATS;
  }
}

/** Shared by every group without double entries (most of them): a list per group would be tens of thousands of empty arrays kept. */
const NO_REPEATS: readonly Repeat[] = Object.freeze([]);

/**
 * A Ref with what else tells its row apart (SheetRows.restOf), as one key:
 * rows repeat only when both are equal. The Ref itself where there is nothing
 * else.
 */
export function repeatKey(ref: string | undefined, rest: string | undefined): string | undefined {
  return rest === undefined ? ref : `${ref ?? ""}\u0000${rest}`;
}

/** A well-mixed 32-bit hash of three integers (nearby values must not crowd one stretch of the table). */
function keyHash(qty: number, amount: number, refHash: number): number {
  let h = Math.imul(qty + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(amount, 0xc2b2ae3d) ^ refHash;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 13), 0x297a2d39);
  return h ^ (h >>> 16);
}

/** A 32-bit hash of a text (the empty text hashes to 0, like a missing Ref). */
function textHash(text: string): number {
  let h = 0;
  for (let k = 0; k < text.length; k++) h = (h * 31 + text.charCodeAt(k)) | 0;
  return h;
}
