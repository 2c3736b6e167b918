/**
 * Opening balances from a previous result (docs/workbook.md, "The Closing
 * sheet"): the Closing sheet a previous run wrote, read back through any
 * port, whatever language wrote it, and applied to this period's input.
 *
 * Two sources may give an item's opening: the previous result and the
 * Inventory table (Opening, OpeningValue). One item from both is refused,
 * at the Inventory cell, naming the Closing cell: neither silently wins.
 */
import type { IsoDate } from "../engine/dates";
import { isIsoDate, isoFromUtcDate, nextDay } from "../engine/dates";
import type { IssueCode } from "../engine/errors";
import { ACCOUNT_ROLES, TRIGGER_SEQUENCES, type AccountRole, type BroughtForwardLine, type ClosingKind, type TriggerSequence } from "../engine/types";
import { SEQUENCE_RULES } from "../engine/sequences";
import { CARRIED_ROLES } from "../engine/closing";
import { Dec, WORKBOOK_PRECISION, ZERO, minorUnitsOf } from "../engine/money";
import { translator, type Language, type Translator } from "../i18n";
import { problemText, said, type ProblemText } from "../i18n/problems";
import { columnLetter, isBlank, plainText, shown, toCode, toDec, type CellValue } from "./cells";
import { METHOD_STEP, headingAt, locate, type CellProblem, type ReadResult, type RawTable } from "./parse";
import type { WorkbookPort } from "./port";
import { generatedTableBase, isGeneratedSheetName } from "./names";
import { CLOSING_COLUMNS, CONTROL_TOTALS, CLOSING_KIND, CLOSING_SECTIONS, CLOSING_SETTINGS, type ClosingColumn, type ClosingSection, wordsInEveryLanguage } from "./render-closing";
import { normalizeName, sequenceOf, type SettingKey } from "./schema";

/** A previous run's Closing sheet, read. */
export interface PreviousClosing {
  /** The file, as the user should read it. */
  file: string;
  sheet: string;
  sequence: TriggerSequence;
  currency: string;
  periodEnd: IsoDate;
  /** The lines the next period opens at (those carried forward). */
  lines: readonly BroughtForwardLine[];
  /** The cell ("C7") of a setting's value, and of a line's item and role. */
  settingCell: Readonly<Record<"Triggers" | "Currency" | "PeriodEnd", string>>;
  itemCell(row: number): string;
  roleCell(row: number): string;
}

/** A Closing sheet that cannot be read: the message names the file, sheet and cell. */
export class OpeningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpeningError";
  }
}

/** The normalized words of a key in every language → what they mean. */
function meanings<K extends string>(keys: readonly K[], key: (k: K) => Parameters<typeof wordsInEveryLanguage>[0]): Map<string, K> {
  return new Map(keys.flatMap((k) => wordsInEveryLanguage(key(k)).map((w) => [normalizeName(w), k] as const)));
}
/** Words earlier versions wrote, still read: a result written then opens the next period as one written now does. */
const EARLIER_HEADERS: readonly (readonly [string, ClosingColumn])[] = [["Avvikelse i det", "variance"]];
const EARLIER_SHEET_NAMES = ["Utgående", "Penutup"];
const HEADERS = new Map([...meanings(CLOSING_COLUMNS, (c) => `closing.col.${c}`), ...EARLIER_HEADERS.map(([w, c]) => [normalizeName(w), c] as const)]);
const SECTIONS = meanings(CLOSING_SECTIONS, (s) => `closing.section.${s}`);
const CARRIED = new Map([...wordsInEveryLanguage("closing.yes").map((w) => [normalizeName(w), true] as const), ...wordsInEveryLanguage("closing.no").map((w) => [normalizeName(w), false] as const)]);
const ROLES: ReadonlySet<string> = new Set(ACCOUNT_ROLES);
/** The roles that hold goods with a value. */
const GOODS_ROLES: ReadonlySet<string> = new Set<AccountRole>(["RIP", "MATERIALS_CLEARING", "FG"]);

/** The names a Closing table is found by: its Excel table's, and the sheet's in every language. */
export const CLOSING_NAMES: readonly string[] = [generatedTableBase(CLOSING_KIND), CLOSING_KIND, ...wordsInEveryLanguage("sheet.name.closing"), ...EARLIER_SHEET_NAMES];

/** How many kept Closing sheets beside the run's own are looked past. */
const KEPT_CLOSINGS = 20;

/**
 * Reads the Closing sheet of a previous result through its port.
 * @throws OpeningError when there is none, it is not ours, or a cell cannot be read.
 */
export async function readPreviousClosing(port: WorkbookPort, file: string, language: Language = "en"): Promise<PreviousClosing> {
  const t = translator(language);
  const raw = await port.findTable(CLOSING_NAMES);
  if (!raw) throw new OpeningError(t.t("closing.error.noSheet", { file }));
  const sheets = await port.listSheets();
  const generated = (sheet: string) => sheets.some((s) => s.name === sheet && s.generated);
  // A Closing kept by renaming it ("Closing Nov", its marker kept or cleared) keeps its table's name, so it answers first; the
  // run that wrote beside it named its own table Backflush_Closing_2 (or 3, …: NamePool), on the sheet named as ours.
  const ours = (c: RawTable) => generated(c.sheet) && isGeneratedSheetName(c.sheet, CLOSING_KIND);
  if (ours(raw)) return new ClosingReader(raw, file, t).read();
  const candidates = [raw];
  for (let n = 2; n <= KEPT_CLOSINGS; n++) {
    // Every number is looked at: a kept copy deleted leaves a gap (Backflush_Closing_3 beside no _2).
    const found = await port.findTable([`${generatedTableBase(CLOSING_KIND)}_${n}`]);
    if (found) candidates.push(found);
  }
  const chosen = candidates.find(ours) ?? candidates.find((c) => generated(c.sheet));
  if (chosen) return new ClosingReader(chosen, file, t).read();
  throw new OpeningError(t.t("closing.error.notGenerated", { file, sheet: raw.sheet }));
}

class ClosingReader {
  private readonly at = new Map<ClosingColumn, number>();

  constructor(
    private readonly raw: RawTable,
    private readonly file: string,
    private readonly t: Translator,
  ) {
    raw.header.forEach((h, i) => {
      const c = typeof h === "string" ? HEADERS.get(normalizeName(h)) : undefined;
      if (c !== undefined && !this.at.has(c)) this.at.set(c, i);
    });
    for (const c of CLOSING_COLUMNS) {
      if (!this.at.has(c)) throw new OpeningError(t.t("closing.error.column", { file, sheet: raw.sheet, column: t.t(`closing.col.${c}`) }));
    }
  }

  read(): PreviousClosing {
    // A line typed right below the Closing table (the table not grown over it) would be left out of the opening unseen.
    if (this.raw.outsideBelow) {
      const { row, column } = this.raw.outsideBelow;
      throw this.badAt(`${columnLetter(this.raw.firstColumn + column)}${row}`, problemText(this.t, "problem.belowTable", { row: String(row), name: this.raw.tableName ?? this.raw.sheet }));
    }
    const settings = new Map<SettingKey, { text: string; cell: string; value: CellValue }>();
    const lines: BroughtForwardLine[] = [];
    const varianceChecks: { row: number; variance: Dec; expected: Dec }[] = [];
    /** Where each line was first seen, by section, role and item. */
    const seen = new Map<string, number>();
    /** What the lines carried forward add up to (their values, their quantities), as the run that wrote the sheet says, by control. */
    const controls = new Map<(typeof CONTROL_TOTALS)[number], { total: Dec; cell: string }>();
    this.raw.rows.forEach((cells, i) => {
      if (cells.every(isBlank)) return;
      const row = this.raw.headerRow + 1 + i;
      const sectionText = plainText(this.cell(cells, "section")) ?? "";
      const section: ClosingSection | undefined = SECTIONS.get(normalizeName(sectionText));
      if (section === undefined) throw this.bad(row, "section", problemText(this.t, "closing.error.section", { value: shown(this.cell(cells, "section")) }));
      const role = plainText(this.cell(cells, "role")) ?? "";
      if (section === "setting") {
        const control = CONTROL_TOTALS.find((c) => normalizeName(c.setting) === normalizeName(role));
        if (control) {
          controls.set(control, { total: this.controlTotal(cells, row, control.column), cell: this.address(row, control.column) });
          return;
        }
        const key = CLOSING_SETTINGS.find((k) => normalizeName(k) === normalizeName(role));
        const value = this.cell(cells, "item");
        // A date typed again in Excel is a date cell: read as its day, as the sheet writes it.
        if (key) settings.set(key, { text: value instanceof Date ? isoFromUtcDate(value) : (plainText(value) ?? ""), cell: this.address(row, "item"), value });
        return;
      }
      if (!ROLES.has(role)) throw this.bad(row, "role", problemText(this.t, "closing.error.role", { value: shown(this.cell(cells, "role")) }));
      const carriedText = plainText(this.cell(cells, "carried")) ?? "";
      const carried = CARRIED.get(normalizeName(carriedText));
      if (carried === undefined) throw this.bad(row, "carried", problemText(this.t, "closing.error.settingValue", { value: shown(this.cell(cells, "carried")), setting: this.heading("carried") }));
      // What a run's Closing never says, refused rather than opened (a hand-edited sheet): a period's own account carried, a
      // balance sheet's not carried, goods outside the inventory roles, an inventory as one account line, a line twice.
      // (A value of the other sign than its quantity is not refused: a run closes one where rounding leaves a cent on a
      // fraction of a unit, or materials off the books were used before they were bought.)
      if (!carried) {
        if (CARRIED_ROLES.has(role as AccountRole)) throw this.bad(row, "carried", this.t.t("closing.error.mustCarry", { role, column: this.heading("carried"), yes: this.t.t("closing.yes") }));
        return;
      }
      if (!CARRIED_ROLES.has(role as AccountRole)) throw this.bad(row, "carried", this.t.t("closing.error.notCarried", { role, column: this.heading("carried"), no: this.t.t("closing.no") }));
      const kind = section as ClosingKind;
      if (kind === "account" && GOODS_ROLES.has(role)) throw this.bad(row, "section", this.t.t("closing.error.accountInInventory", { role, section: this.t.t("closing.section.account") }));
      // Goods are of an item, read as the Items table reads a code (digits of a number included); a blank or an unreadable
      // one would open goods of no item, which no run writes.
      let item: string | undefined;
      if (kind === "goods" || kind === "units") {
        const code = this.cell(cells, "item");
        if (isBlank(code)) throw this.bad(row, "item", problemText(this.t, "problem.required", { field: this.heading("item") }));
        const read = toCode(code);
        if (!read.ok) throw this.bad(row, "item", problemText(this.t, read.why.key, { ...read.why.params, field: this.heading("item") }));
        item = read.value;
      } else item = plainText(this.cell(cells, "item"));
      // Two off-books lines of one material may keep two prices (openBroughtForward); any other line is written once.
      if (!(kind === "units" && role === "MATERIALS_CLEARING")) {
        const key = `${kind}|${role}|${kind === "variance" ? "" : (item ?? "")}`;
        const first = seen.get(key);
        if (first !== undefined) throw this.bad(row, kind === "variance" ? "role" : "item", this.t.t("closing.error.duplicate", { role, item: kind === "variance" ? "" : (item ?? ""), first: String(first) }));
        seen.set(key, row);
      }
      if (kind === "goods" && !GOODS_ROLES.has(role)) throw this.bad(row, "role", this.t.t("closing.error.notGoods", { role, section: this.t.t(`closing.section.${kind}`) }));
      if (kind === "units" && role !== "FG" && role !== "MATERIALS_CLEARING") throw this.bad(row, "role", this.t.t("closing.error.notUnits", { role, section: this.t.t(`closing.section.${kind}`) }));
      // A run writes every figure of a line of goods: one left blank is no figure of 0 but a cell edited away.
      if (kind === "goods") for (const c of ["qty", "value", "material"] as const) if (isBlank(this.cell(cells, c))) throw this.bad(row, c, problemText(this.t, "problem.required", { field: this.heading(c) }));
      const line: BroughtForwardLine = { role: role as AccountRole, item, kind, qty: this.num(cells, row, "qty"), value: this.num(cells, row, "value"), material: this.num(cells, row, "material"), conversion: this.num(cells, row, "conversion"), row };
      // The variance in a line is what its value holds beyond its standard content (all of it, on a line of variance alone): one
      // that says otherwise was edited, and which of the figures is wrong cannot be told, so none is opened at.
      // Checked once every figure's decimals are (below): a value with a decimal too many is refused at its own cell.
      if (kind !== "account") {
        const expected = kind === "variance" ? line.value : line.value.minus(line.material).minus(line.conversion);
        varianceChecks.push({ row, variance: this.num(cells, row, "variance"), expected });
      }
      // Goods say the standard they are held at; blank, they are taken at the standard in force (not revalued).
      // Materials off the books say the price they came off at, which clearing's value is reckoned against.
      if ((kind === "goods" || (kind === "units" && role === "MATERIALS_CLEARING")) && !isBlank(this.cell(cells, "unitMaterial"))) {
        const unit = { unitMaterial: this.num(cells, row, "unitMaterial"), unitConversion: this.num(cells, row, "unitConversion") };
        // A standard is never below zero (the Items table refuses one): an edited cell, which would book a gain from nothing.
        for (const c of ["unitMaterial", "unitConversion"] as const) if (unit[c].isNegative()) throw this.bad(row, c, problemText(this.t, "problem.negative", { field: this.heading(c), value: { figure: unit[c].toString() } }));
        lines.push({ ...line, ...unit });
      }
      else lines.push(line);
    });
    const setting = (key: SettingKey) => {
      const s = settings.get(key);
      if (!s) throw new OpeningError(this.t.t("closing.error.cell", { file: this.file, sheet: this.raw.sheet, cell: this.address(this.raw.headerRow, "role"), problem: this.t.t("closing.error.setting", { setting: key }) }));
      return s;
    };
    const triggers = setting("Triggers");
    // The sheet writes the code ("purchase-sale"); a hand-edited cell may say it in words.
    const sequence = TRIGGER_SEQUENCES.find((q) => q === triggers.text) ?? sequenceOf(triggers.text);
    if (!sequence) throw this.badAt(triggers.cell, problemText(this.t, "closing.error.settingValue", { value: shown(triggers.value), setting: "Triggers" }));
    // Goods off the books are of the trigger points that keep them so: finished goods where no FG is kept, materials
    // where purchases are not booked, those a quantity above zero with no value (what a run writes; a hand edit otherwise).
    const rules = SEQUENCE_RULES[sequence];
    for (const l of lines) {
      // Goods and variance sit in the inventory the trigger points keep: RIP where purchases are booked, materials clearing
      // where they are not, FG where it is kept (its goods off the books are units, checked below).
      if (l.kind === "goods" || l.kind === "variance") {
        const kept = l.role === "RIP" ? rules.booksPurchases : l.role === "MATERIALS_CLEARING" ? !rules.booksPurchases : l.role === "FG" ? rules.holdsFinishedGoods : true;
        if (!kept) throw this.bad(l.row, "role", this.t.t("closing.error.roleSequence", { role: l.role, section: this.t.t(`closing.section.${l.kind}`), sequence: this.t.t(`sheet.seq.${sequence}`) }));
      }
      if (l.kind !== "units") continue;
      const fits = l.role === "FG" ? !rules.holdsFinishedGoods : !rules.booksPurchases;
      if (!fits) throw this.bad(l.row, "role", this.t.t("closing.error.unitsSequence", { role: l.role, section: this.t.t("closing.section.units"), sequence: this.t.t(`sheet.seq.${sequence}`) }));
      if (l.role === "MATERIALS_CLEARING" && (!l.qty.isPositive() || l.qty.isZero() || !l.value.isZero())) throw this.bad(l.row, l.value.isZero() ? "qty" : "value", this.t.t("closing.error.offBooksMaterial"));
    }
    const currency = setting("Currency");
    // Every figure was written in the currency's minor units: one with more decimals is no run's (and no ledger's).
    const places = minorUnitsOf(currency.text);
    for (const l of lines) {
      for (const c of ["value", "material", "conversion"] as const) {
        if (l[c].decimalPlaces() > places) throw this.bad(l.row, c, problemText(this.t, "closing.error.decimals", { value: { figure: l[c].toString() }, currency: currency.text, places: String(places) }));
      }
    }
    for (const { row, variance, expected } of varianceChecks) {
      if (!variance.eq(expected)) throw this.bad(row, "variance", problemText(this.t, "closing.error.variance", { column: this.heading("variance"), value: { figure: variance.toString() }, expected: { figure: expected.toString() } }));
    }
    // A line deleted, cleared or changed outside the goods' own check (an AP balance retyped, a quantity retyped beside the
    // value the run wrote) leaves a total the run wrote. Every run writes the totals: a sheet without one had the row
    // deleted, perhaps with a line, so it opens nothing.
    for (const control of CONTROL_TOTALS) {
      const written = controls.get(control);
      if (!written) throw this.bad(this.raw.headerRow, "role", this.t.t("closing.error.noCarriedTotal", { setting: control.setting }));
      const sum = lines.reduce((a, l) => a.plus(control.of(l)), ZERO);
      // A cell keeps 15 significant digits: figures of 10^13 and more in cents come back a unit off in the last place, and
      // their sum with them. Within what those digits lose, the lines add up; a deleted line is far past it.
      const slack = lines.reduce((a, l) => a.plus(control.of(l).abs()), written.total.abs()).times(WORKBOOK_PRECISION);
      if (sum.minus(written.total).abs().greaterThan(slack)) throw this.badAt(written.cell, problemText(this.t, control.mismatch, { sum: { figure: sum.toString() }, total: { figure: written.total.toString() } }));
    }
    const end = setting("PeriodEnd");
    if (!isIsoDate(end.text)) throw this.badAt(end.cell, problemText(this.t, "closing.error.settingValue", { value: shown(end.value), setting: "PeriodEnd" }));
    return {
      file: this.file,
      sheet: this.raw.sheet,
      sequence,
      currency: currency.text,
      periodEnd: end.text,
      lines,
      settingCell: { Triggers: triggers.cell, Currency: currency.cell, PeriodEnd: end.cell },
      itemCell: (row) => this.address(row, "item"),
      roleCell: (row) => this.address(row, "role"),
    };
  }

  /** A column as the sheet heads it (in the language it was written in), so that a message names what the reader sees. */
  private heading(c: ClosingColumn): string {
    return headingAt(this.raw, this.at.get(c)!) ?? this.t.t(`closing.col.${c}`);
  }

  private cell(cells: readonly CellValue[], c: ClosingColumn): CellValue {
    return cells[this.at.get(c)!] ?? null;
  }

  /** A control total: a sum of figures each below the limit of one (10^15), which may itself be past it. */
  private controlTotal(cells: readonly CellValue[], row: number, c: ClosingColumn): Dec {
    const v = this.cell(cells, c);
    return typeof v === "number" && Number.isFinite(v) ? new Dec(v) : this.num(cells, row, c);
  }

  /** A number cell; a blank is nothing (a setting's or an account's empty column). */
  private num(cells: readonly CellValue[], row: number, c: ClosingColumn) {
    const v = this.cell(cells, c);
    const d = toDec(isBlank(v) ? 0 : v);
    if (!d.ok) throw this.bad(row, c, problemText(this.t, d.why.key, { ...d.why.params, field: this.heading(c) }));
    return d.value;
  }

  private address(row: number, c: ClosingColumn): string {
    return `${columnLetter(this.raw.firstColumn + this.at.get(c)!)}${row}`;
  }

  private bad(row: number, c: ClosingColumn, problem: string): OpeningError {
    return this.badAt(this.address(row, c), problem);
  }

  private badAt(cell: string, problem: string): OpeningError {
    return new OpeningError(this.t.t("closing.error.cell", { file: this.file, sheet: this.raw.sheet, cell, problem }));
  }
}

/**
 * Applies a previous closing to this period's input (and to the rows that
 * passed, for the meaning rules): its lines open the period, a period with no
 * first day starts the day after it closed. Returns what does not agree:
 * another currency or trigger sequence, a first day that is not the day after,
 * an item opened both here and there.
 * @throws OpeningError for an item of the closing this workbook does not know.
 */
export function applyPreviousClosing(read: ReadResult, previous: PreviousClosing, language: Language = "en"): CellProblem[] {
  const t = translator(language);
  const where = (cell: string) => ({ file: previous.file, sheet: previous.sheet, cell });
  const problems: CellProblem[] = [];
  const at = (code: IssueCode, table: "Settings" | "Inventory", field: string, row: number | undefined, text: ProblemText): CellProblem => locate({ code, ...text, at: { table, field, row } }, read.layouts);
  const settings = read.passed.settings;
  if (settings.sequence !== previous.sequence) {
    // Named in words ("purchase, sale"), and blamed where they were chosen: the Method step's choice, else the Settings cell.
    const text = said("problem.openingSequence", { ...where(previous.settingCell.Triggers), previous: { term: `seq.${previous.sequence}` }, current: { term: `seq.${settings.sequence}` } });
    problems.push(read.chosen.sequence !== undefined ? { code: "previous-mismatch", table: "Settings", address: METHOD_STEP, choice: "sequence", ...text } : at("previous-mismatch", "Settings", "Triggers", undefined, text));
  }
  if (settings.currency.toUpperCase() !== previous.currency.toUpperCase()) problems.push(at("previous-mismatch", "Settings", "Currency", undefined, said("problem.openingCurrency", { ...where(previous.settingCell.Currency), previous: previous.currency, current: settings.currency })));
  const start = nextDay(previous.periodEnd);
  if (settings.periodStart !== undefined && settings.periodStart !== start) {
    const text = said("problem.openingPeriod", { ...where(previous.settingCell.PeriodEnd), start: settings.periodStart, end: previous.periodEnd, next: start });
    // Not the wrong order of two dates: a period that does not follow the previous one.
    problems.push(read.chosen.periodStart !== undefined ? { code: "previous-mismatch", table: "Settings", address: METHOD_STEP, choice: "periodStart", ...text } : at("previous-mismatch", "Settings", "PeriodStart", undefined, text));
  }
  const known = new Map(read.passed.items.map((i) => [i.item, i.type]));
  const opened = new Map<string, BroughtForwardLine>();
  for (const l of previous.lines) {
    if (l.kind !== "goods" && l.kind !== "units") continue;
    if (l.item === undefined) continue;
    if (!known.has(l.item) && !read.unsettled.anyItem && !read.unsettled.items.has(l.item)) throw new OpeningError(t.t("closing.error.cell", { ...where(previous.itemCell(l.row)), problem: t.t("closing.error.item", { item: l.item }) }));
    // Materials are held in RIP or clearing, products in FG: goods in the other would be costed as what they are not.
    const type = known.get(l.item);
    if (type === "material" && l.role === "FG") throw new OpeningError(t.t("closing.error.cell", { ...where(previous.roleCell(l.row)), problem: t.t("closing.error.materialInFg", { item: l.item, role: l.role }) }));
    if (type !== undefined && type !== "material" && l.role !== "FG") throw new OpeningError(t.t("closing.error.cell", { ...where(previous.roleCell(l.row)), problem: t.t("closing.error.productInRip", { item: l.item, role: l.role }) }));
    if (!opened.has(l.item)) opened.set(l.item, l);
  }
  for (const inv of read.passed.inventory ?? []) {
    const l = opened.get(inv.item);
    if (!l || (inv.opening === undefined && inv.openingValue === undefined)) continue;
    problems.push(at("duplicate-key", "Inventory", inv.opening !== undefined ? "Opening" : "OpeningValue", inv.row, said("problem.openingBoth", { ...where(previous.itemCell(l.row)), item: inv.item })));
  }
  const apply = <T extends ReadResult["passed"]>(input: T): T => ({ ...input, broughtForward: previous.lines, settings: { ...input.settings, periodStart: input.settings.periodStart ?? start } });
  read.passed = apply(read.passed);
  if (read.input) read.input = apply(read.input);
  return problems;
}
