/**
 * The engine's public data model: what a period's input looks like and what a
 * backflush run returns. Every amount and quantity is a `Dec`; dates are ISO.
 *
 * Records carry `row`, the sheet row they came from (1-based, as Excel numbers
 * rows), so that every journal line can be traced back to its source and every
 * problem can be pointed at. The engine speaks of tables and fields; adapters
 * turn (table, field, row) into the user's sheet and column.
 */
import type { EngineText } from "./wording";
import type { Dec } from "./money";
import type { IsoDate } from "./dates";
import type { MovementBook } from "./movements";
import type { Language } from "../i18n";

export type ItemType = "material" | "assembly" | "phantom";

/** The input tables of the workbook contract (docs/workbook.md). */
export type TableName =
  | "Items"
  | "BOM"
  | "Production"
  | "Sales"
  | "Purchases"
  | "Conversion"
  | "Inventory"
  | "Settings"
  | "Accounts";

export interface ItemRecord {
  item: string;
  type: ItemType;
  /** Standard purchase price per unit (materials). */
  stdPrice?: Dec;
  /** Standard conversion cost per unit added at this level (assemblies and phantoms). */
  stdConversion?: Dec;
  description?: string;
  unit?: string;
  row: number;
}

export interface BomLineRecord {
  parent: string;
  component: string;
  /** Quantity of component per one unit of parent, before scrap. */
  qtyPer: Dec;
  /** Scrap allowance as a fraction: 0.05 means 5 % more is consumed. */
  scrap: Dec;
  /** First day the line is valid (inclusive); none = always. */
  validFrom?: IsoDate;
  /** Last day the line is valid (inclusive); none = always. */
  validTo?: IsoDate;
  row: number;
}

/** A completion (Production) or a sale. */
export interface MovementRecord {
  date: IsoDate;
  item: string;
  qty: Dec;
  /** The row's Ref, with what else tells the row apart from a repeat joined to it (movements.ts repeatKey: the user's own columns, a date's time of day); read only to find repeated rows. */
  ref?: string;
  row: number;
}

export interface PurchaseRecord extends MovementRecord {
  /** Actual total paid for `qty`. */
  amount: Dec;
}

export interface ConversionCostRecord {
  date: IsoDate;
  amount: Dec;
  category?: string;
  /** The row's Ref, with what else tells the row apart from a repeat joined to it (movements.ts repeatKey: the user's own columns, a date's time of day); read only to find repeated rows. */
  ref?: string;
  row: number;
}

export interface InventoryRecord {
  item: string;
  /** Quantity on hand at the period start, valued at standard unless `openingValue` is given. */
  opening?: Dec;
  /** What the opening quantity is worth when not its standard: a previous period's closing, prorated variances included. In the currency, at most its minor units. */
  openingValue?: Dec;
  /** Quantity physically counted at the period end. */
  count?: Dec;
  row: number;
}

/** The trigger points at which costs are recorded. */
export type TriggerSequence = "purchase-completion-sale" | "purchase-sale" | "completion-sale" | "sale";
export const TRIGGER_SEQUENCES: readonly TriggerSequence[] = [
  "purchase-completion-sale",
  "purchase-sale",
  "completion-sale",
  "sale",
];

export type Disposition = "cogs" | "prorate";

export interface Settings {
  sequence: TriggerSequence;
  /** First day of the period; inferred from the earliest movement when absent. */
  periodStart?: IsoDate;
  /** Last day of the period; inferred from the latest movement when absent. */
  periodEnd?: IsoDate;
  /** ISO 4217 code; decides the minor unit money is rounded to. */
  currency: string;
  disposition: Disposition;
  /** How far an actual may stray from its standard before the standards review flags it, as a fraction (0.05 = 5 %); 5 % when absent. */
  standardTolerance?: Dec;
  /** Purchase–sale and sale: book the standard conversion cost of the goods on hand out of COGS into FG at the period end (IAS 2, ASC 330); off when absent. */
  capitalizeConversion?: boolean;
}

/**
 * What a balance at a period end is, for the next period: an item's goods on the
 * books (with the variances prorated into them); finished goods off the books
 * (purchase–sale, sale: units on hand, valued at the conversion capitalized on
 * them, reversed when the next period opens); a prorated variance no item holds;
 * or an account's balance.
 */
export type ClosingKind = "goods" | "units" | "variance" | "account";

/** One line of a period's closing (the Closing sheet): what the next period opens at. */
export interface ClosingLine {
  role: AccountRole;
  /** The item (goods, units), the conversion category or item of an account; none for a role's own balance. */
  item?: string;
  kind: ClosingKind;
  qty: Dec;
  value: Dec;
  /** Standard content of the value by element. */
  material: Dec;
  conversion: Dec;
  /** value − material − conversion: the prorated (or capitalized) variances the value holds. */
  variance: Dec;
  /** Goods: the standard per unit they are held at (a material's price; conversion none), so the next period revalues them when its standard differs. */
  unitMaterial?: Dec;
  unitConversion?: Dec;
  /** Whether the next period opens at it: balance-sheet accounts do; COGS is the period's own. */
  carried: boolean;
}

/** A previous period's closing line brought forward as this period's opening; `row` is its Closing sheet row. */
export interface BroughtForwardLine extends Omit<ClosingLine, "carried" | "variance"> {
  row: number;
}

export interface PeriodInput {
  items: readonly ItemRecord[];
  bom: readonly BomLineRecord[];
  completions: readonly MovementRecord[];
  sales: readonly MovementRecord[];
  purchases: readonly PurchaseRecord[];
  conversion: readonly ConversionCostRecord[];
  inventory?: readonly InventoryRecord[];
  /** The previous period's closing (its Closing sheet), opened before the Inventory table's openings. */
  broughtForward?: readonly BroughtForwardLine[];
  settings: Settings;
}

/**
 * The same input with the movement tables already grouped as they were read:
 * the workbook reader's form, so that a full sheet of rows never becomes a
 * million record objects.
 */
export interface GroupedPeriodInput extends Omit<PeriodInput, "completions" | "sales" | "purchases"> {
  completions: MovementBook;
  sales: MovementBook;
  purchases: MovementBook;
}

/** How a run writes: the language of its entry descriptions, memos, warnings and suitability findings (English when absent). */
export interface RunWording {
  language?: Language;
}

/** What a run accepts: records, or grouped tables, and the language it writes in. */
export type RunInput = (PeriodInput | GroupedPeriodInput) & RunWording;

// ---------------------------------------------------------------- results

export type AccountRole =
  | "RIP"
  | "FG"
  | "COGS"
  | "AP"
  | "MATERIALS_CLEARING"
  | "CONV_CONTROL"
  | "CONV_ALLOCATED"
  | "CONV_SOURCE"
  | "PPV"
  | "USAGE_VARIANCE"
  | "REVALUATION_VARIANCE"
  | "FG_SHRINKAGE";
export const ACCOUNT_ROLES: readonly AccountRole[] = [
  "RIP",
  "FG",
  "COGS",
  "AP",
  "MATERIALS_CLEARING",
  "CONV_CONTROL",
  "CONV_ALLOCATED",
  "CONV_SOURCE",
  "PPV",
  "USAGE_VARIANCE",
  "REVALUATION_VARIANCE",
  "FG_SHRINKAGE",
];

/** What caused an entry: a trigger point, conversion cost incurred, or the period-end close. */
export type Trigger = "purchase" | "conversion" | "completion" | "sale" | "standard-change" | "period-start" | "period-end";

export type EntryKind =
  | "purchase"
  | "conversion-incurred"
  | "completion"
  | "sale"
  | "invoices"
  | "revaluation"
  | "conversion-close"
  | "material-count"
  | "finished-goods-count"
  | "conversion-capitalized"
  | "conversion-capitalized-reversed"
  | "variance-disposition";

/** Rows of one input table that a journal line was made from (sorted, unique). */
export interface SourceTrace {
  table: TableName;
  rows: readonly number[];
  /** The same rows without listing them: a view of where they are kept, for a reader that only walks them once. */
  rowView?(): ArrayLike<number>;
  /** The same rows in order, made as they are read: for a reader that may stop early (a Source cell cut at its length). */
  rowStream?(): RowStream;
  /** What the rows are, exactly, where one filter of their table finds them all: a long list is said as that instead. */
  scope?: RowScope;
  /** How many rows, where it is known without reading them. */
  readonly rowCount?: number;
  /** Traces with one key say the same words (every material line of one day): a reader may make them once. */
  readonly shareKey?: object;
}

/** Rows of a table found by its Date (and Item) alone, or of the goods whose BOM holds a material. */
export interface RowScope {
  /** Every row of that day; none for the whole period. */
  date?: IsoDate;
  /** Every row of that item. */
  item?: string;
  /** Every row of goods whose BOM holds this material. */
  usedMaterial?: string;
  /** Every row of goods whose BOM holds the line's own item (a backflushed material's line on a day of many rows). */
  usedItem?: true;
}

/** Rows in ascending order, read one by one and only as far as a reader needs. */
export interface RowStream {
  /** How many rows there are in all. */
  readonly count: number;
  /** The next row, or −1 when there is none. */
  next(): number;
}

/** The standard cost content of an inventory or COGS line, used to prorate variances. */
export interface ElementSplit {
  readonly material: Dec;
  readonly conversion: Dec;
}

/** Read-only: the ledger's lines make their figures when read (posted-line.ts). */
export interface JournalLine {
  readonly role: AccountRole;
  /** The item the line is about (material in RIP, product in FG and COGS, …). */
  readonly item?: string;
  /** Conversion cost category, for CONV_SOURCE lines. */
  readonly category?: string;
  readonly debit: Dec;
  readonly credit: Dec;
  /** The side the line is on, also where its amount is zero (posted lines have it; a line made by hand may not). */
  readonly side?: "debit" | "credit";
  /** Quantity moved by the line, in the item's unit, in the direction of its side (a credit's quantity leaves the account). */
  readonly qty?: Dec;
  /** Plain words: what was flushed, at which standard. */
  readonly memo: string;
  readonly sources: readonly SourceTrace[];
  readonly element?: ElementSplit;
  /**
   * The journal entries whose postings a period-end line closes (a variance or conversion account closed), or, for the
   * line that takes what was closed (written off, prorated), those of every account closed beside it: in order. What the
   * line's balance came from, where no input row is.
   */
  readonly closes?: readonly number[];
}

export interface JournalEntry {
  /** 1-based, in the order entries are posted. */
  entry: number;
  date: IsoDate;
  trigger: Trigger;
  kind: EntryKind;
  description: string;
  lines: readonly JournalLine[];
}

/** Standard cost per unit of an item, material and conversion kept apart. */
export interface StandardCost {
  item: string;
  type: ItemType;
  material: Dec;
  conversion: Dec;
  total: Dec;
}

/** Standard quantity of a leaf material in one unit (or a given quantity) of an item. */
export interface ExplodedMaterial {
  material: string;
  qty: Dec;
}

/** Backflushed standard consumption of one material by one product over the period. Read-only: a run's lines make their figures when read (consumption-line.ts). */
export interface ConsumptionLine {
  readonly product: string;
  /** Units of the product flushed (completed, or sold where sale is the flush trigger). */
  readonly productQty: Dec;
  readonly material: string;
  readonly materialQty: Dec;
  readonly stdPrice: Dec;
  /** materialQty × stdPrice, rounded by the rounding rule. */
  readonly value: Dec;
}

export type VarianceKind = "price" | "usage" | "conversion" | "revaluation" | "shrinkage";
export type VarianceDisposition = "cogs" | "prorate";

export interface VarianceLine {
  kind: VarianceKind;
  /** The material (price, usage) or product (revaluation, shrinkage); none for conversion. */
  item?: string;
  /** Quantity basis: bought (price), book − counted (usage, shrinkage), on hand when the standard changed (revaluation). */
  qty?: Dec;
  /** Usage: the book quantity before the count, and the quantity counted. */
  bookQty?: Dec;
  countedQty?: Dec;
  /**
   * Value at standard: purchases at standard, conversion allocated, goods on hand at the new standard; for usage, the
   * book value before the count (what RIP holds, where materials are booked: the sum of rounded journal lines).
   */
  standard: Dec;
  /** Actual: amount paid, conversion incurred, goods on hand as they were valued before the change; for usage, the counted quantity at standard, rounded on its own (RIP's ending value where booked). */
  actual: Dec;
  /**
   * The variance in money, rounded; positive is unfavorable (U), negative favorable (F): actual − standard for price,
   * conversion and revaluation, and standard − actual (book − counted) for usage and shrinkage, where the standard is
   * what the books hold and the actual what the count found.
   */
  amount: Dec;
  favorable: boolean;
  disposition: VarianceDisposition;
}

export interface BalanceLine {
  role: AccountRole;
  /** Item or conversion category; none for role-level lines such as prorated variances. */
  item?: string;
  openingQty: Dec;
  openingValue: Dec;
  debit: Dec;
  credit: Dec;
  /** openingValue + debit − credit. */
  endingValue: Dec;
  endingQty: Dec;
}

export type WarningCode = "negative-inventory" | "no-conversion-costs" | "opening-not-booked" | "standard-changed" | "goods-not-counted" | "subassembly-completed" | "bom-gap" | "long-period";

export interface RunWarning {
  code: WarningCode;
  /** In the run's language. */
  message: string;
  /** What it says, to be said in another language (English in --json). */
  text: EngineText;
  item?: string;
  date?: IsoDate;
  sources?: readonly SourceTrace[];
}

export type CheckStatus = "ok" | "caution" | "fail";
export interface SuitabilityCheck {
  id: "inventory-share" | "inventory-change" | "variance-share" | "raw-days" | "finished-days" | "custom-work" | "negative-inventory" | "disposition" | "conversion-in-inventory";
  status: CheckStatus;
  /** The measured figure (a ratio, a count of days, …), as a decimal. */
  value: Dec;
  /** The figure above which the check is no longer ok. */
  threshold: Dec;
  /** In the run's language. */
  message: string;
  /** What it says, to be said in another language (English in --json). */
  text: EngineText;
}
export interface SuitabilityReport {
  verdict: "suitable" | "caution" | "unsuitable";
  checks: readonly SuitabilityCheck[];
}

export interface ResolvedSettings extends Settings {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  minorUnits: number;
  /** Which end of the period was taken from the dates in the tables, Settings (and a previous Closing) giving none. */
  periodFromData?: "start" | "end" | "both";
}

export interface BackflushResult {
  settings: ResolvedSettings;
  /** Standard cost of every item at the period end. */
  standards: readonly StandardCost[];
  journal: readonly JournalEntry[];
  consumption: readonly ConsumptionLine[];
  variances: readonly VarianceLine[];
  balances: readonly BalanceLine[];
  warnings: readonly RunWarning[];
  suitability: SuitabilityReport;
  totals: { debit: Dec; credit: Dec };
  /** What the next period opens at: per item and inventory role, and per account (engine/closing.ts). */
  closing: readonly ClosingLine[];
}
