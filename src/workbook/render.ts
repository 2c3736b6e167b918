/**
 * Results → the generated sheets (Journal, Consumption, Variances, Balances,
 * Run Log) as plain models that every adapter writes the same way, and the
 * JSON document of the command line. The JOURNAL custom function spills the
 * same rows as the Journal sheet, so a cell and a sheet never disagree. The
 * sheets' words (names, titles, headers, the Run Log) are in the run's sheet
 * language (Settings Language); what the engine says (memos, warnings,
 * suitability) is passed through as it comes.
 */
import type { Dec } from "../engine/money";
import { ZERO } from "../engine/money";
import { wordingOf } from "../engine/wording";
import type { StandardsReview } from "../engine/review";
import type { AccountRole, BackflushResult, JournalLine, TableName, Trigger, VarianceKind, VarianceLine } from "../engine/types";
import { CATALOGS, translator, type Language, type MessageKey, type Translator } from "../i18n";
import { fitCell, fitColumns } from "./layout";
import { generatedSheetName } from "./names";
import { summaryEntry } from "./posting/summary";
import { REVIEW_KINDS, reviewSheets, type ReviewKind } from "./render-review";
import { CLOSING_KIND, closingJson, closingSheet } from "./render-closing";
import type { PostingMode } from "./schema";
import type { SheetNames } from "./sources";
import { formatSources, sourceFormatter, sourceWords, withSources } from "./sources";

export type OutKind = "text" | "money" | "quantity" | "date" | "integer" | "ratio";
export interface OutColumn {
  header: string;
  kind: OutKind;
  /** Width in characters; fitColumns (layout.ts) sets it from the content, up to this for a text column that wraps. */
  width: number;
  /** What the table's totals row shows under this column. */
  total?: "sum" | "label";
  /** A sum column's total, as fitColumns (layout.ts) found it measuring the column: its width must show it too. */
  sum?: Dec;
  /** Text that wraps within the column's width (memos, names, sources) instead of running into the next column. */
  wrap?: boolean;
}
/** text → string; money, quantity, ratio → Dec; date → ISO string; integer → number. */
export type OutCell = string | Dec | number | null;

export type GeneratedKind = "Journal" | "Consumption" | "Variances" | "Balances" | "Posting" | "Run Log" | ReviewKind | typeof CLOSING_KIND;

/** Every sheet a run can write, in the order it writes them. */
export const ALL_GENERATED_KINDS: readonly GeneratedKind[] = ["Journal", "Consumption", "Variances", "Balances", "Posting", "Run Log", CLOSING_KIND, ...REVIEW_KINDS];
/** The sheets every run writes: all but Posting, the summary entry, which only Posting = summary asks for. */
export const GENERATED_KINDS: readonly GeneratedKind[] = ALL_GENERATED_KINDS.filter((k) => k !== "Posting");

export interface SheetModel {
  kind: GeneratedKind;
  /** Sheet name to write (the kind's name in the sheet language, unless a user's own sheet has that name). */
  name: string;
  title: string;
  columns: readonly OutColumn[];
  rows: readonly (readonly OutCell[])[];
  /**
   * A bar chart of one column by another, drawn by both adapters when the sheet has 1 to CHART_MAX_ROWS rows; its series
   * is named by the value column's header. With `groupColumn` (the column just left of the category's), each bar is named
   * by both, the group outside: a price and a usage variance of one item are two bars told apart.
   */
  chart?: { title: string; categoryColumn: number; groupColumn?: number; valueColumn: number };
}

/** Most data rows for which a sheet gets its chart; more bars than this is no picture. */
export const CHART_MAX_ROWS = 100;

export { MAX_CELL_TEXT, fitCell } from "./layout";

/** The sheets' words in English: the default wherever no language is given. */
const EN = translator("en");

/** Layout of a generated sheet: title, marker, a blank row, then the table. */
export const SHEET_LAYOUT = { titleRow: 1, markerRow: 2, headerRow: 4 } as const;
/** The marker's opening words in every language: a run in one language replaces sheets written in another. */
const MARKER_PREFIXES = Object.values(CATALOGS).map((c) => c["sheet.marker.by"]);

/** The text in a generated sheet's marker cell (A2), in the sheet language. A new run replaces only sheets that carry it. */
export function markerText(when: string, language: Language = "en"): string {
  const t = translator(language);
  return t.t("sheet.marker", { by: t.t("sheet.marker.by"), when });
}
export function isMarker(value: unknown): boolean {
  return typeof value === "string" && MARKER_PREFIXES.some((prefix) => value.startsWith(prefix));
}

export { numberFormat } from "./layout";

export type Accounts = Readonly<Record<AccountRole, { account: string; name: string }>>;
export type { SheetNames } from "./sources";
export { compactRanges, formatSources } from "./sources";

type ColumnKey = Extract<MessageKey, `sheet.col.${string}`>;
/** A column as written down once: its header is a catalog key, read in the sheet language. */
type ColumnSpec = Omit<OutColumn, "header"> & { key: ColumnKey };
const columnsIn = (specs: readonly ColumnSpec[], t: Translator): OutColumn[] => specs.map(({ key, ...c }) => ({ header: t.t(key), ...c }));

const JOURNAL_SPECS: readonly ColumnSpec[] = [
  { key: "sheet.col.entry", kind: "integer", width: 7, total: "label" },
  { key: "sheet.col.date", kind: "date", width: 11 },
  { key: "sheet.col.trigger", kind: "text", width: 11 },
  { key: "sheet.col.account", kind: "text", width: 9 },
  { key: "sheet.col.accountName", kind: "text", width: 16, wrap: true },
  // A role is a code, never cut (fitColumns widens a column to its widest word): REVALUATION_VARIANCE takes 25, so the memo
  // and the source, which wrap between words, are a little narrower to keep the page at a readable scale.
  { key: "sheet.col.role", kind: "text", width: 15, wrap: true },
  { key: "sheet.col.item", kind: "text", width: 14 },
  { key: "sheet.col.debit", kind: "money", width: 14, total: "sum" },
  { key: "sheet.col.credit", kind: "money", width: 14, total: "sum" },
  { key: "sheet.col.qty", kind: "quantity", width: 11 },
  { key: "sheet.col.memo", kind: "text", width: 25, wrap: true },
  { key: "sheet.col.source", kind: "text", width: 16, wrap: true },
];
/** The Journal's columns in a language. */
export const journalColumns = (t: Translator = EN): OutColumn[] => columnsIn(JOURNAL_SPECS, t);
/** The Journal's columns in English, as the JOURNAL function spills them. */
export const JOURNAL_COLUMNS: readonly OutColumn[] = journalColumns();

const TRIGGERS: readonly Trigger[] = ["purchase", "conversion", "completion", "sale", "standard-change", "period-start", "period-end"];
/** Each trigger's word, looked up once for a whole journal. */
const triggerWords = (t: Translator): ReadonlyMap<string, string> => new Map(TRIGGERS.map((k) => [k, t.t(`sheet.trigger.${k}`)]));

/** One row per journal line, in posting order. */
export function journalRows(result: BackflushResult, accounts: Accounts, sheets: SheetNames, t: Translator = EN): OutCell[][] {
  const rows: OutCell[][] = [];
  const triggers = triggerWords(t);
  const sourcesOf = sourceFormatter(sheets, sourceWords(t));
  for (const e of result.journal) {
    const trigger = triggers.get(e.trigger) ?? e.trigger;
    for (const l of e.lines) {
      const acc = accounts[l.role];
      // A journal shows each amount on its own side only; the other side stays blank.
      const debit = l.debit.isZero() ? null : l.debit;
      const credit = l.credit.isZero() ? null : l.credit;
      const itemOrCategory = l.item ?? l.category;
      rows.push([e.entry, e.date, trigger, fitCell(acc.account), fitCell(acc.name), l.role, itemOrCategory === undefined ? null : fitCell(itemOrCategory), debit, credit, l.qty ?? null, fitCell(l.memo), sourcesOf(l.sources, l.closes) || null]);
    }
  }
  return rows;
}

/** An input table as the run read it: from an Excel table (`tableName`) or from a sheet's rows. */
export interface InputRead {
  table: TableName;
  sheet: string;
  tableName?: string;
  rows: number;
}

/** The Run Log's line for an input: a plain sentence. */
export function inputSentence(i: InputRead, t: Translator = EN): string {
  const rows = String(i.rows);
  if (i.tableName) return t.t(i.rows === 1 ? "sheet.log.table.one" : "sheet.log.table.other", { rows, table: i.tableName, sheet: i.sheet });
  return t.t(i.rows === 1 ? "sheet.log.plain.one" : "sheet.log.plain.other", { rows, sheet: i.sheet });
}

export interface RunContext {
  /** When the run was made, as the user should read it ("2026-11-21 14:03"). */
  when: string;
  accounts: Accounts;
  sheets: SheetNames;
  /** Input tables read, with their data-row counts, in contract order. */
  inputs: readonly InputRead[];
  /** Notes from writing (e.g. a user's sheet named Journal kept, ours named "Journal (Backflush)"). */
  notes: readonly string[];
  version: string;
  /** With "summary", the run also writes the Posting sheet (the period's summary entry). */
  posting?: PostingMode;
  /** The standards review of the run: its sheets follow the others. */
  review?: StandardsReview;
  /** The language of the generated sheets (Settings Language, else the pane's or the command line's); English when absent. */
  language?: Language;
}

const RUN_LOG_SPECS: readonly ColumnSpec[] = [
  { key: "sheet.col.section", kind: "text", width: 12 },
  // What a line of the log is about ("Debits", "Items"): an item of a list, not a stock item.
  { key: "sheet.col.logItem", kind: "text", width: 24 },
  { key: "sheet.col.value", kind: "text", width: 70, wrap: true },
  { key: "sheet.col.amount", kind: "money", width: 16 },
];

const BALANCES_SPECS: readonly ColumnSpec[] = [
  { key: "sheet.col.account", kind: "text", width: 10, total: "label" },
  { key: "sheet.col.accountName", kind: "text", width: 20, wrap: true },
  { key: "sheet.col.role", kind: "text", width: 15 },
  { key: "sheet.col.item", kind: "text", width: 16 },
  { key: "sheet.col.openingQty", kind: "quantity", width: 11 },
  { key: "sheet.col.openingValue", kind: "money", width: 14, total: "sum" },
  { key: "sheet.col.periodDebits", kind: "money", width: 14, total: "sum" },
  { key: "sheet.col.periodCredits", kind: "money", width: 14, total: "sum" },
  { key: "sheet.col.endingQty", kind: "quantity", width: 11 },
  { key: "sheet.col.debit", kind: "money", width: 14, total: "sum" },
  { key: "sheet.col.credit", kind: "money", width: 14, total: "sum" },
];

/**
 * The trial balance: per account and item, the opening value, what the period
 * moved, and the ending balance on its own side (Debit, or Credit). Openings
 * carry no counter-entry here (it is in the general ledger, from earlier
 * periods), so one last line brings them forward on the credit side: with it
 * the Debit and Credit columns total the same, as a trial balance does.
 */
export function trialBalanceRows(result: BackflushResult, accounts: Accounts, t: Translator = EN): OutCell[][] {
  const rows: OutCell[][] = [];
  let opening = ZERO;
  for (const b of result.balances) {
    const acc = accounts[b.role];
    const hasQty = !b.openingQty.isZero() || !b.endingQty.isZero() || b.role === "RIP" || b.role === "FG" || b.role === "COGS";
    const ending = b.endingValue;
    opening = opening.plus(b.openingValue);
    rows.push([fitCell(acc.account), fitCell(acc.name), b.role, b.item ?? null, hasQty ? b.openingQty : null, b.openingValue, b.debit, b.credit, hasQty ? b.endingQty : null, ending.isPositive() && !ending.isZero() ? ending : null, ending.isNegative() && !ending.isZero() ? ending.negated() : null]);
  }
  if (!opening.isZero()) {
    const side = opening.isPositive() ? { debit: null, credit: opening } : { debit: opening.negated(), credit: null };
    rows.push([null, t.t("sheet.balances.broughtForward"), null, null, null, opening.negated(), null, null, null, side.debit, side.credit]);
  }
  return rows;
}
/** The trial balance's last line, in English: the other side of the opening balances. */
export const BROUGHT_FORWARD = EN.t("sheet.balances.broughtForward");

/** A column of the Variances sheet, and what a variance of its kind shows there. */
interface VarianceColumn extends ColumnSpec {
  value: (v: VarianceLine) => OutCell;
}
/** What a kind of variance shows: its own columns, and the account it is posted to. */
interface VarianceLayout {
  columns: readonly VarianceColumn[];
  account?: AccountRole;
}

/**
 * Each kind's own columns, so no header means two things. A kind without a
 * layout here (a new one of the engine's) still shows, under the generic
 * Qty / At standard / Actual columns, which appear only when such a row does.
 */
const VARIANCE_LAYOUTS: Partial<Record<VarianceKind, VarianceLayout>> = {
  price: {
    account: "PPV",
    columns: [
      { key: "sheet.col.pricedQty", kind: "quantity", width: 11, value: (v) => v.qty ?? null },
      { key: "sheet.col.atStandardPrice", kind: "money", width: 14, value: (v) => v.standard },
      { key: "sheet.col.atActualPrice", kind: "money", width: 14, value: (v) => v.actual },
    ],
  },
  revaluation: {
    account: "REVALUATION_VARIANCE",
    columns: [
      { key: "sheet.col.qtyOnHand", kind: "quantity", width: 11, value: (v) => v.qty ?? null },
      { key: "sheet.col.atNewStandard", kind: "money", width: 14, value: (v) => v.standard },
      { key: "sheet.col.asValuedBefore", kind: "money", width: 14, value: (v) => v.actual },
    ],
  },
  usage: {
    account: "USAGE_VARIANCE",
    columns: [
      { key: "sheet.col.bookQty", kind: "quantity", width: 11, value: (v) => v.bookQty ?? null },
      { key: "sheet.col.countedQty", kind: "quantity", width: 11, value: (v) => v.countedQty ?? null },
      { key: "sheet.col.bookAtStandard", kind: "money", width: 14, value: (v) => v.standard },
      { key: "sheet.col.countedAtStandard", kind: "money", width: 14, value: (v) => v.actual },
    ],
  },
  conversion: {
    account: "CONV_CONTROL",
    columns: [
      { key: "sheet.col.allocated", kind: "money", width: 14, value: (v) => v.standard },
      { key: "sheet.col.incurred", kind: "money", width: 14, value: (v) => v.actual },
    ],
  },
};
// Finished goods counted against the book read like materials counted: the usage columns, the shrinkage account.
VARIANCE_LAYOUTS.shrinkage = { account: "FG_SHRINKAGE", columns: VARIANCE_LAYOUTS.usage!.columns };

const OTHER_VARIANCE: VarianceLayout = {
  columns: [
    { key: "sheet.col.qty", kind: "quantity", width: 11, value: (v) => v.qty ?? null },
    { key: "sheet.col.atStandard", kind: "money", width: 14, value: (v) => v.standard },
    { key: "sheet.col.actual", kind: "money", width: 14, value: (v) => v.actual },
  ],
};

const VARIANCE_KINDS: readonly VarianceKind[] = ["price", "usage", "conversion", "revaluation", "shrinkage"];

/** The Variances sheet's columns and rows: Kind and Item, each kind's own columns, then Variance, F/U, Disposition and Account. */
export function varianceTable(lines: readonly VarianceLine[], accounts: Accounts, t: Translator = EN): { columns: OutColumn[]; rows: OutCell[][]; chart: NonNullable<SheetModel["chart"]> } {
  // Price, usage and conversion always; a standard change's revaluation and finished goods' shrinkage only when the period has them.
  const layouts = (Object.entries(VARIANCE_LAYOUTS) as [VarianceKind, VarianceLayout][]).filter(([kind]) => kind === "price" || kind === "usage" || kind === "conversion" || lines.some((v) => v.kind === kind)).map(([, layout]) => layout);
  if (lines.some((v) => VARIANCE_LAYOUTS[v.kind] === undefined)) layouts.push(OTHER_VARIANCE);
  const own = [...new Set(layouts.flatMap((l) => l.columns))];
  const lead = columnsIn(
    [
      // Wraps past 12: "revaluation" fits, a longer word of another language ("penilaian semula") takes two lines rather than the print scale.
      { key: "sheet.col.kind", kind: "text", width: 12, total: "label", wrap: true },
      { key: "sheet.col.item", kind: "text", width: 16 },
    ],
    t,
  );
  const tail = columnsIn(
    [
      { key: "sheet.col.variance", kind: "money", width: 14, total: "sum" },
      { key: "sheet.col.favorable", kind: "text", width: 5 },
      { key: "sheet.col.disposition", kind: "text", width: 13 },
      { key: "sheet.col.account", kind: "text", width: 16, wrap: true },
    ],
    t,
  );
  const columns: OutColumn[] = [...lead, ...own.map(({ key, kind, width }) => ({ header: t.t(key), kind, width })), ...tail];
  const kindWords = new Map(VARIANCE_KINDS.map((k) => [k, t.t(`sheet.variance.${k}`)]));
  const [all, favorable, unfavorable] = [t.t("sheet.variances.all"), t.t("var.F"), t.t("var.U")];
  const rows = lines.map((v): OutCell[] => {
    const layout = VARIANCE_LAYOUTS[v.kind] ?? OTHER_VARIANCE;
    const acc = layout.account ? accounts[layout.account] : undefined;
    const mine = own.map((c) => (layout.columns.includes(c) ? c.value(v) : null));
    return [kindWords.get(v.kind) ?? v.kind, v.item ?? all, ...mine, v.amount, v.amount.isZero() ? "" : v.favorable ? favorable : unfavorable, t.t(`sheet.variance.${v.disposition}`), acc ? fitCell(`${acc.account} ${acc.name}`) : null];
  });
  return { columns, rows, chart: { title: t.t("sheet.variances.chart"), categoryColumn: 1, groupColumn: 0, valueColumn: lead.length + own.length } };
}

export function renderSheets(result: BackflushResult, ctx: RunContext): SheetModel[] {
  const { settings } = result;
  const language = ctx.language ?? "en";
  const t = translator(language);
  const balanced = result.totals.debit.equals(result.totals.credit);
  // Thousands grouped, the currency's decimals, the language's marks ("18,757.84", "18 757,84"); a negative that rounds to nothing shows no sign.
  const amount = (d: Dec) => t.num(d.toFixed(settings.minorUnits));
  const period = t.t("sheet.period", { start: settings.periodStart, end: settings.periodEnd });
  const sequence = t.t(`sheet.seq.${settings.sequence}`);
  const disposition = t.t(`sheet.disposition.${settings.disposition}`);
  const named = (kind: GeneratedKind) => ({ kind, name: generatedSheetName(kind, language) });

  const journal: SheetModel = {
    ...named("Journal"),
    title: t.t("sheet.journal.title", { period, currency: settings.currency, sequence }),
    columns: journalColumns(t),
    rows: journalRows(result, ctx.accounts, ctx.sheets, t),
  };

  const consumption: SheetModel = {
    ...named("Consumption"),
    title: t.t("sheet.consumption.title", { period }),
    columns: columnsIn(
      [
        { key: "sheet.col.product", kind: "text", width: 16, total: "label" },
        { key: "sheet.col.productQty", kind: "quantity", width: 12 },
        { key: "sheet.col.material", kind: "text", width: 16 },
        { key: "sheet.col.materialQty", kind: "quantity", width: 14 },
        { key: "sheet.col.stdPrice", kind: "quantity", width: 12 },
        { key: "sheet.col.valueAtStandard", kind: "money", width: 16, total: "sum" },
      ],
      t,
    ),
    rows: result.consumption.map((c) => [c.product, c.productQty, c.material, c.materialQty, c.stdPrice, c.value]),
  };

  const variances: SheetModel = {
    ...named("Variances"),
    // Prorated, where each kind goes is the Run Log's to say: in the title it made the line too long to print (some 320
    // characters, which a spreadsheet program fits to the page by shrinking the table to half its width).
    title: t.t("sheet.variances.title", { signs: t.t("sheet.variances.signs"), disposition: settings.disposition === "prorate" ? t.t("sheet.variances.prorated") : disposition }),
    ...varianceTable(result.variances, ctx.accounts, t),
  };

  const balances: SheetModel = {
    ...named("Balances"),
    title: t.t(balanced ? "sheet.balances.title.balanced" : "sheet.balances.title.unbalanced", { debit: amount(result.totals.debit), credit: amount(result.totals.credit) }),
    columns: columnsIn(BALANCES_SPECS, t),
    rows: trialBalanceRows(result, ctx.accounts, t),
  };

  const posting = ctx.posting === "summary" ? postingSheet(result, ctx.accounts, t, named("Posting")) : undefined;

  const log: OutCell[][] = [];
  const add = (section: string, item: string, value: string, amount: Dec | null = null) => log.push([section, fitCell(item), fitCell(value), amount]);
  const [run, inputs, totals, warnings, suitability] = [t.t("sheet.log.run"), t.t("sheet.log.inputs"), t.t("sheet.log.totals"), t.t("sheet.log.warnings"), t.t("sheet.log.suitability")];
  const { currency } = settings;
  add(run, t.t("sheet.log.when"), ctx.when);
  add(run, t.t("sheet.log.version"), ctx.version);
  add(run, t.t("sheet.log.triggers"), sequence);
  add(run, t.t("sheet.log.period"), period);
  add(run, t.t("sheet.log.currency"), t.t("sheet.log.currencyValue", { currency, places: settings.minorUnits }));
  add(run, t.t("sheet.log.disposition"), disposition);
  if (ctx.posting === "summary") add(run, t.t("sheet.log.posting"), t.t("sheet.log.postingValue", { sheet: generatedSheetName("Posting", language) }));
  for (const i of ctx.inputs) add(inputs, i.table, inputSentence(i, t));
  add(totals, t.t("sheet.log.entries"), String(result.journal.length));
  add(totals, t.t("sheet.log.lines"), String(result.journal.reduce((n, e) => n + e.lines.length, 0)));
  add(totals, t.t("sheet.log.debits"), t.t("sheet.log.allLines", { currency }), result.totals.debit);
  add(totals, t.t("sheet.log.credits"), t.t("sheet.log.allLines", { currency }), result.totals.credit);
  add(totals, t.t("sheet.log.check"), t.t(balanced ? "sheet.log.balanced" : "sheet.log.unbalanced"));
  const cogs = result.balances.filter((b) => b.role === "COGS").reduce((a, b) => a.plus(b.endingValue), ZERO);
  add(totals, t.t("sheet.log.cogs"), t.t("sheet.log.cogsValue", { currency }), cogs);
  if (result.warnings.length === 0) add(warnings, t.t("sheet.log.none"), "");
  const words = sourceWords(t);
  for (const w of result.warnings) add(warnings, w.item ?? t.t(`sheet.log.warning.${w.code}`), withSources(w.message, w.sources, ctx.sheets, words));
  add(suitability, t.t("sheet.log.verdict"), t.t(`sheet.log.verdict.${result.suitability.verdict}`));
  for (const c of result.suitability.checks) add(suitability, `${t.t(`sheet.log.check.${c.id}`)} (${t.t(`sheet.log.status.${c.status}`)})`, c.message);
  for (const n of ctx.notes) add(t.t("sheet.log.notes"), "", n);
  const runLog: SheetModel = {
    ...named("Run Log"),
    title: t.t("sheet.log.title", { when: ctx.when }),
    columns: columnsIn(RUN_LOG_SPECS, t),
    rows: log,
  };

  const reviewed = ctx.review ? reviewSheets(ctx.review, settings, language) : [];
  const sheets = posting ? [journal, consumption, variances, balances, posting, runLog, ...reviewed] : [journal, consumption, variances, balances, runLog, ...reviewed];
  sheets.splice(sheets.length - reviewed.length, 0, closingSheet(result, ctx.language));
  // Widths from what each sheet holds, so codes are never cut and long text wraps.
  return sheets.map((s) => ({ ...s, columns: fitColumns(s.columns, s.rows, settings.minorUnits) }));
}

/** The Posting sheet: the period's summary entry, one line per account, each naming the journal entries it sums. */
function postingSheet(result: BackflushResult, accounts: Accounts, t: Translator, named: Pick<SheetModel, "kind" | "name">): SheetModel {
  const { settings } = result;
  const summary = summaryEntry(result, accounts, t);
  return {
    ...named,
    title: t.t("sheet.posting.title", { period: t.t("sheet.period", { start: settings.periodStart, end: settings.periodEnd }), currency: settings.currency, date: summary.date }),
    columns: columnsIn(
      [
        { key: "sheet.col.date", kind: "date", width: 11, total: "label" },
        { key: "sheet.col.account", kind: "text", width: 9 },
        { key: "sheet.col.accountName", kind: "text", width: 24, wrap: true },
        { key: "sheet.col.debit", kind: "money", width: 14, total: "sum" },
        { key: "sheet.col.credit", kind: "money", width: 14, total: "sum" },
        { key: "sheet.col.journalEntries", kind: "text", width: 40, wrap: true },
      ],
      t,
    ),
    rows: summary.lines.map((l) => [summary.date, l.account, l.accountName, l.debit.isZero() ? null : l.debit, l.credit.isZero() ? null : l.credit, l.source]),
  };
}

// ------------------------------------------------------------ JSON (command line)

export interface JournalJsonLine {
  entry: number;
  date: string;
  trigger: string;
  role: AccountRole;
  account: string;
  item: string | null;
  debit: string;
  credit: string;
  /** The line's quantity as exact decimal text, where it moves one (the memo states it too). */
  qty: string | null;
  /** The journal's memo as the Journal sheet, the CSV and the SIE file carry it: in the run's language (docs/cli.md). */
  memo: string;
  source: string;
}

/** What --json's messages are said in whatever the run's language: English, for scripts, as the problems' `message` is. */
const ENGLISH_WORDING = wordingOf("en");

/**
 * The `--json` document: amounts are decimal strings, exact. Language-neutral
 * (codes, ids, figures, English messages, sources in English words) except
 * the journal's memos, which are the ledger's text in the run's language.
 */
export function resultJson(result: BackflushResult, accounts: Accounts, sheets: SheetNames) {
  const mu = result.settings.minorUnits;
  const sourcesOf = sourceFormatter(sheets);
  const lineJson = (entry: number, date: string, trigger: string, l: JournalLine): JournalJsonLine => ({
    entry,
    date,
    trigger,
    role: l.role,
    account: accounts[l.role].account,
    item: l.item ?? l.category ?? null,
    debit: l.debit.toFixed(mu),
    credit: l.credit.toFixed(mu),
    qty: l.qty?.toFixed() ?? null,
    memo: l.memo,
    source: sourcesOf(l.sources, l.closes),
  });
  const byRole = new Map<AccountRole, Dec>();
  for (const b of result.balances) byRole.set(b.role, (byRole.get(b.role) ?? ZERO).plus(b.endingValue));
  return {
    settings: { ...result.settings },
    journal: result.journal.flatMap((e) => e.lines.map((l) => lineJson(e.entry, e.date, e.trigger, l))),
    balances: Object.fromEntries([...byRole].map(([role, v]) => [role, v.toFixed(mu)])),
    variances: result.variances.map((v) => ({ kind: v.kind, item: v.item ?? null, qty: v.qty?.toFixed() ?? null, standard: v.standard.toFixed(mu), actual: v.actual.toFixed(mu), amount: v.amount.toFixed(mu), favorable: v.favorable, disposition: v.disposition })),
    warnings: result.warnings.map((w) => ({ code: w.code, message: ENGLISH_WORDING.say(w.text), item: w.item ?? null, date: w.date ?? null, source: w.sources ? formatSources(w.sources, sheets) : null })),
    suitability: { verdict: result.suitability.verdict, checks: result.suitability.checks.map((c) => ({ id: c.id, status: c.status, value: c.value.toFixed(), message: ENGLISH_WORDING.say(c.text) })) },
    totals: { debit: result.totals.debit.toFixed(mu), credit: result.totals.credit.toFixed(mu) },
    closing: closingJson(result),
  };
}
