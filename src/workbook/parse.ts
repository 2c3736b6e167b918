/**
 * Reading the input tables: cells → typed engine records. Every problem is
 * reported against its cell ("Production!C17: Qty "12,5kg" is not a number"),
 * all of them at once; semantic rules (unknown items, loops, …) are the
 * engine's, and `locate` points its findings at cells the same way.
 */
import type { IsoDate } from "../engine/dates";
import type { DataIssue, IssueCode, ProblemKey, ProblemParamValues, ProblemText } from "../engine/errors";
import { said } from "../engine/errors";
import { LANGUAGES, type Language } from "../i18n";
import { englishProblem, type ProblemParam } from "../i18n/problems";
import { Dec, ZERO } from "../engine/money";
import { MovementBook, repeatKey, type MovementTable } from "../engine/movements";
import type {
  AccountRole,
  BomLineRecord,
  ConversionCostRecord,
  InventoryRecord,
  ItemRecord,
  GroupedPeriodInput,
  Settings,
  TableName,
} from "../engine/types";
import { ACCOUNT_ROLES, TRIGGER_SEQUENCES } from "../engine/types";
import type { CellValue, CellWhy, Converted } from "./cells";
import { cellErrorWhy, columnLetter, isBlank, isCellError, plainCode, plainDate, plainNumber, plainRef, shown, timeOfDateText, toCode, toDate, toDec, toText, whyAt } from "./cells";
import { postsTo } from "../engine/sequences";
import type { ColumnDef, LedgerSettings, SettingKey, SheetSettings, TableDef } from "./schema";
import { DEFAULT_ACCOUNTS, SETTING_KEY_ORDER, TABLES, columnHint, currencyOf, dispositionOf, itemTypeOf, normalizeName, postingModeOf, requiredTables, sequenceOf, settingKeyOf, sheetLanguageOf, tableNames, yesNoOf } from "./schema";

/** An input table as an adapter found it: an Excel table, or a sheet whose first row holds headers. */
export interface RawTable {
  /** The sheet it is on, as the user named it. */
  sheet: string;
  /** The Excel table's name, when it is one. */
  tableName?: string;
  /** Sheet row (1-based) of the header row. */
  headerRow: number;
  /** Column (0-based) of the first column. */
  firstColumn: number;
  header: readonly CellValue[];
  rows: readonly (readonly CellValue[])[];
  /**
   * The first cell holding a value in the row right below an Excel table
   * (below its totals row, where it has one; its 0-based column in the table):
   * data typed under a table that the table does not take in (Excel grows a
   * table as rows are typed under it; other programs do not), which is not
   * read. Reported, never passed over. `far`: further down, for a sheet found
   * by its name and read as the table its first row heads, where anything
   * below the table is outside it. From a port that can tell.
   */
  outsideBelow?: { row: number; column: number; far?: true };
  /** Other tables or sheets that answer to the table's names too (table-lookup.ts), in the order found; the job refuses to guess between them. */
  alsoFound?: readonly { sheet: string; table?: string }[];
  /** The data rows up to the last that holds anything, when `rows` has been let go (job.ts, releaseCells). */
  dataRows?: number;
}

/** A problem pointed at a cell (or a table, or a sheet row). */
export interface CellProblem {
  code: IssueCode;
  table: TableName;
  sheet?: string;
  /** Sheet row, 1-based. */
  row?: number;
  /** Column letters. */
  column?: string;
  /** "Production!C17", "Production!A1", "Production", or the table name when it is missing. */
  address: string;
  /** The message without the address, in English (made from `key` and `params`). */
  message: string;
  /** The catalog key of the message (src/i18n, `problem.*`), for the reader's language. */
  key: ProblemKey;
  /** The values the message is made from. */
  params: ProblemParamValues;
  /**
   * The task pane's choice to change, when a choice made there (in the Method
   * step), not a cell, caused the problem: then `address` names the step.
   */
  choice?: PaneChoice;
}

/** The settings the task pane's Method step can choose over the Settings table. */
export type PaneChoice = "periodStart" | "periodEnd" | "sequence";
/** The address of a problem a choice in the task pane caused (check.ts). */
export const METHOD_STEP = "Method step";

export function formatProblem(p: CellProblem): string {
  return `${p.address}: ${p.message}`;
}

/** Where each table's fields are, for pointing at cells later. */
export interface TableLayout {
  raw: RawTable;
  /** field key → 0-based column index within the table. */
  columns: ReadonlyMap<string, number>;
  /** Settings only: setting key → sheet row. */
  keyRows?: ReadonlyMap<string, number>;
  /** Settings only: setting key → the key as the sheet writes it ("Valuta" for Currency), which messages name it by. */
  keyTexts?: ReadonlyMap<string, string>;
}

export interface AccountMap {
  readonly [role: string]: { account: string; name: string };
}

/**
 * What the cell problems leave unknown, so that the meaning rules, run on the
 * rows that passed, do not report what only a bad cell caused (an item whose
 * Items row was not read is not "unknown"; it waits for the cell's fix).
 */
export interface Unsettled {
  /** Items named on an Items row, or as the Parent of a BOM line, that has a bad cell. */
  items: Set<string>;
  /** An Items row's code could not be read: any item may be that one. */
  anyItem: boolean;
  /** An Items row has a bad cell: the table has rows even when none was read (a BOM Parent in `items` says nothing of Items). */
  itemRowsLeftOut: boolean;
  /** A BOM line's Parent could not be read: any assembly may have lost a line. */
  anyParent: boolean;
  /** A BOM line was not read: any BOM version may lack it. */
  bomLinesLeftOut: boolean;
  /** Items or BOM could not be read at all (missing, or without a required column): the meaning rules wait. */
  structure: boolean;
}

export interface ReadResult {
  /** Everything, when no cell has a problem. */
  input?: GroupedPeriodInput;
  /** The rows that passed the cell rules, for the meaning rules' pass (docs/workbook.md, "Every problem at once"). */
  passed: GroupedPeriodInput;
  unsettled: Unsettled;
  /** The choices that won over the Settings table (the task pane's), as given. */
  chosen: Partial<Settings>;
  accounts: Record<AccountRole, { account: string; name: string }>;
  /** The roles the Accounts table maps; every other posts to its default account (DEFAULT_ACCOUNTS), a placeholder. */
  mappedRoles: ReadonlySet<AccountRole>;
  /** Company, organisation number and posting mode, for the ledger exports. */
  ledger: LedgerSettings;
  /** The generated sheets' language, when the Settings table gives one. */
  sheet: SheetSettings;
  layouts: Partial<Record<TableName, TableLayout>>;
  problems: CellProblem[];
}

/** Quote a sheet name for an address when Excel would (spaces, punctuation). */
export function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

function cellAddress(raw: RawTable, sheetRow: number, columnIndex: number): { column: string; address: string } {
  const column = columnLetter(raw.firstColumn + columnIndex);
  return { column, address: `${sheetRef(raw.sheet)}!${column}${sheetRow}` };
}

type RowReader = (cells: readonly CellValue[], sheetRow: number) => void;

const isBlankRow = (cells: readonly CellValue[]): boolean => cells.every(isBlank);

/** The sheet row, among the first ten below row 1, that names at least two of a table's columns; undefined when none does. */
function headersBelow(raw: RawTable, wanted: ReadonlyMap<string, ColumnDef>): number | undefined {
  for (let i = 0; i < Math.min(10, raw.rows.length); i++) {
    const named = new Set(raw.rows[i].flatMap((v) => (typeof v === "string" && wanted.has(normalizeName(v)) ? [wanted.get(normalizeName(v))!.key] : [])));
    if (named.size >= 2) return raw.headerRow + 1 + i;
  }
  return undefined;
}

/** A cell as a key, its kind with its value: the number 1 and the text "1" differ, as they do on the sheet. */
function cellKey(v: CellValue): string {
  if (v === null) return "";
  if (v instanceof Date) return `d${v.getTime()}`;
  if (isCellError(v)) return `e${v.error}`;
  return `${typeof v}:${String(v)}`;
}

class TableReader {
  readonly problems: CellProblem[] = [];
  readonly columns = new Map<string, number>();
  /** The columns headed twice, so read from neither (`columns` leaves them out). */
  readonly twice = new Set<string>();
  /** The headers are not where the table is read from (headersBelow): no row is read. */
  private unreadable = false;

  constructor(
    readonly def: TableDef,
    readonly raw: RawTable,
  ) {
    const wanted = new Map<string, ColumnDef>();
    for (const c of def.columns) for (const n of [c.key, ...c.aliases]) wanted.set(normalizeName(n), c);
    // A column headed twice is read from neither: either could be the one meant (a header typed over, "Qty" for "Item"),
    // and reading the first would list every row of the other as a bad value, hiding the other tables' problems.
    const headedAt = new Map<string, number>();
    raw.header.forEach((h, i) => {
      if (isBlank(h) || isCellError(h)) return;
      const c = wanted.get(normalizeName(String(h instanceof Date ? "" : h)));
      if (!c) return; // extra columns are the user's business
      const first = headedAt.get(c.key);
      if (first === undefined) headedAt.set(c.key, i);
      else {
        this.problem("duplicate-key", raw.headerRow, i, said("problem.columnTwice", { header: shown(h), field: c.key, other: columnLetter(raw.firstColumn + first) }));
        this.twice.add(c.key);
      }
    });
    for (const [key, i] of headedAt) if (!this.twice.has(key)) this.columns.set(key, i);
    const twice = this.twice;
    if (raw.alsoFound?.length) {
      // Two sources for one table: either could be a stale copy, so neither is read in silence.
      const place = (p: { sheet: string; table?: string }): ProblemParam => (p.table === undefined ? { term: "place.sheet", params: { sheet: sheetRef(p.sheet) } } : { term: "place.table", params: { table: p.table, sheet: sheetRef(p.sheet) } });
      const places = { list: [{ sheet: raw.sheet, table: raw.tableName }, ...raw.alsoFound].map(place) };
      this.problems.push({ code: "found-twice", table: def.name, sheet: raw.sheet, row: raw.headerRow, address: `${sheetRef(raw.sheet)}!${raw.headerRow}:${raw.headerRow}`, ...said("problem.foundTwice", { table: def.name, places }) });
    }
    if (raw.outsideBelow) {
      const { row, column, far } = raw.outsideBelow;
      this.problem("outside-table", row, column, said(far ? "problem.belowTableFar" : "problem.belowTable", { row: String(row), name: raw.tableName ?? def.name }));
    }
    // A sheet read as a table whose first row names none of its columns, with a row a little lower that does (a title
    // above the headers): one problem at that row, not one per column and a blank row for every line above it.
    const lower = raw.tableName === undefined && this.columns.size === 0 ? headersBelow(raw, wanted) : undefined;
    if (lower !== undefined) {
      this.unreadable = true;
      this.problems.push({ code: "missing-column", table: def.name, sheet: raw.sheet, row: lower, address: `${sheetRef(raw.sheet)}!${lower}:${lower}`, ...said("problem.headersLow", { sheet: raw.sheet, row: String(lower) }) });
      return;
    }
    for (const c of def.columns) {
      if (c.required && !this.columns.has(c.key) && !twice.has(c.key)) {
        // The other names it may have, the reader's own language's first: chosen when the problem is said, in each language.
        const byLanguage = {} as Record<Language, ProblemParam>;
        for (const { code } of LANGUAGES) byLanguage[code] = { list: columnHint(c, code) };
        const others = { byLanguage };
        const text = c.aliases.length ? said("problem.noColumnOr", { table: def.name, field: c.key, others }) : said("problem.noColumn", { table: def.name, field: c.key });
        this.problems.push({ code: "missing-column", table: def.name, sheet: raw.sheet, row: raw.headerRow, address: `${sheetRef(raw.sheet)}!${raw.headerRow}:${raw.headerRow}`, ...text });
      }
    }
  }

  /**
   * Calls `read` for every data row up to the last non-blank one, with its
   * sheet row; a blank row inside the table is reported instead.
   */
  forEachRow(read: RowReader): void {
    if (this.unreadable) return;
    const { rows, headerRow } = this.raw;
    const last = this.lastRow();
    for (let i = 0; i <= last; i++) this.readRow(rows[i], headerRow + 1 + i, read);
  }

  /** Index of the last data row that is not blank (−1: none). */
  lastRow(): number {
    const { rows } = this.raw;
    let last = rows.length - 1;
    while (last >= 0 && isBlankRow(rows[last])) last--;
    return last;
  }

  /**
   * What tells a row apart beyond the columns the engine keeps: the user's own
   * columns (a Customer beside the sale) and a date cell's time of day (a sale
   * at 09:00 and one at 15:00). Two rows alike in our columns but not in these
   * are two real rows, not one pasted twice: the repeat check
   * (problem.repeatedRow, "in every column") compares them too. Undefined for
   * a row with nothing more to tell.
   */
  restOfRow(): (cells: readonly CellValue[]) => string | undefined {
    const ours = [...this.columns.values()];
    const dateAt = this.columns.get("Date") ?? -1;
    const own: number[] = [];
    for (let i = 0; i < this.raw.header.length; i++) if (!ours.includes(i)) own.push(i);
    return (cells) => {
      const d = dateAt < 0 ? undefined : cells[dateAt];
      // In milliseconds of the day, whatever form the date has: a cell at 09:00 and the text "… 09:00" tell nothing apart.
      const time = typeof d === "number" ? Math.round((d % 1) * 86_400_000) : d instanceof Date ? d.getTime() % 86_400_000 : typeof d === "string" ? (timeOfDateText(d) ?? 0) : 0;
      if (own.length === 0 && !time) return undefined;
      let rest = time ? String(time) : "";
      for (const i of own) rest += `\u0000${cellKey(cells[i] ?? null)}`;
      return rest;
    };
  }

  /** The run of blank rows last reported, and its problem's place in the list: the next blank row right below it joins it. */
  private blankRun: { first: number; last: number; at: number } | undefined;

  /**
   * A data row through `read`, or reported when it is blank. Blank rows one
   * below another are one problem ("rows 3 to 4,999 are blank"): a stray
   * value far below a sheet's data makes thousands, and one per row would bury
   * the row that holds it.
   */
  readRow(cells: readonly CellValue[], sheetRow: number, read: RowReader): void {
    if (!isBlankRow(cells)) return read(cells, sheetRow);
    const used = [...this.columns.values()];
    const column = used.length ? Math.min(...used) : 0;
    const run = this.blankRun;
    if (run && run.last === sheetRow - 1 && run.at === this.problems.length - 1) {
      run.last = sheetRow;
      this.problems.pop();
      this.problem("blank-row", run.first, column, said("problem.blankRows", { first: String(run.first), last: String(sheetRow), table: this.def.name }));
      const p = this.problems[this.problems.length - 1];
      // The whole run, by its rows, as a header problem names its row.
      p.address = `${sheetRef(this.raw.sheet)}!${run.first}:${sheetRow}`;
      return;
    }
    this.problem("blank-row", sheetRow, column, said("problem.blankRow", { row: String(sheetRow), table: this.def.name }));
    this.blankRun = { first: sheetRow, last: sheetRow, at: this.problems.length - 1 };
  }

  private convert<T>(cells: readonly CellValue[], sheetRow: number, key: string, required: boolean, conv: (v: CellValue) => Converted<T>, code: IssueCode): T | undefined {
    const i = this.columns.get(key);
    if (i === undefined) return undefined;
    const v = cells[i] ?? null;
    if (isBlank(v)) {
      if (required) this.problem("required", sheetRow, i, said("problem.required", { field: this.headerAt(i, key) }));
      return undefined;
    }
    if (isCellError(v)) {
      this.problem("cell-error", sheetRow, i, whyAt(this.headerAt(i, key), cellErrorWhy(v)));
      return undefined;
    }
    const r = conv(v);
    if (r.ok) return r.value;
    this.problem(r.code ?? code, sheetRow, i, whyAt(this.headerAt(i, key), r.why));
    return undefined;
  }

  /** A column as the workbook heads it ("Belopp", "Antal"), so that a problem names the header the user sees; its key where the header is no text. */
  private headerAt(i: number, key: string): string {
    return headingAt(this.raw, i) ?? key;
  }

  text(cells: readonly CellValue[], sheetRow: number, key: string, required = false): string | undefined {
    const t = this.convert(cells, sheetRow, key, required, toText, "not-text");
    return t === "" ? undefined : t;
  }
  /** An item code (cells.ts toCode: composed, nothing invisible, not too long). */
  code(cells: readonly CellValue[], sheetRow: number, key: string): string | undefined {
    const t = this.convert(cells, sheetRow, key, true, toCode, "not-text");
    return t === "" ? undefined : t;
  }
  num(cells: readonly CellValue[], sheetRow: number, key: string, required = false): Dec | undefined {
    return this.convert(cells, sheetRow, key, required, toDec, "not-a-number");
  }
  date(cells: readonly CellValue[], sheetRow: number, key: string, required = false): IsoDate | undefined {
    return this.convert(cells, sheetRow, key, required, toDate, "not-a-date");
  }
  /** The raw cell of a column (Settings values are typed by their key). */
  cell(cells: readonly CellValue[], key: string): CellValue {
    const i = this.columns.get(key);
    return i === undefined ? null : cells[i] ?? null;
  }

  problem(code: IssueCode, sheetRow: number, columnIndex: number, text: ProblemText): void {
    const { column, address } = cellAddress(this.raw, sheetRow, columnIndex);
    this.problems.push({ code, table: this.def.name, sheet: this.raw.sheet, row: sheetRow, column, address, key: text.key, params: text.params, message: text.message });
  }

  layout(keyRows?: Map<string, number>, keyTexts?: Map<string, string>): TableLayout {
    return { raw: this.raw, columns: this.columns, keyRows, keyTexts };
  }
}

/** The Settings keys the task pane's choices stand in for, and the setting each sets. */
const PANE_CHOSEN_FIELD: Partial<Record<SettingKey, keyof Settings>> = { Triggers: "sequence", PeriodStart: "periodStart", PeriodEnd: "periodEnd", Currency: "currency", Disposition: "disposition" };

/**
 * Reads every input table into a PeriodInput. `tables` holds what the adapter
 * found by name; `overrides` are choices made in the task pane, which win over
 * the Settings table; `ledgerOverrides` likewise (the command line's --summary).
 */
export function readInput(tables: Partial<Record<TableName, RawTable>>, overrides: Partial<Settings> = {}, ledgerOverrides: Partial<LedgerSettings> = {}): ReadResult {
  const problems: CellProblem[] = [];
  const layouts: Partial<Record<TableName, TableLayout>> = {};
  const unsettled: Unsettled = { items: new Set(), anyItem: false, itemRowsLeftOut: false, anyParent: false, bomLinesLeftOut: false, structure: false };
  const reader = (name: TableName): TableReader | undefined => {
    const raw = tables[name];
    if (!raw) return undefined;
    const r = new TableReader(TABLES[name], raw);
    return r;
  };
  const finish = (r: TableReader, keyRows?: Map<string, number>, keyTexts?: Map<string, string>) => {
    for (const p of r.problems) problems.push(p); // not push(...): a sheet can hold more bad cells than a call takes arguments
    layouts[r.def.name] = r.layout(keyRows, keyTexts);
    // A required column missing, or any column headed twice (read from neither: a price column so read would make every
    // material "without a standard price"), leaves the structure unknown until it is fixed.
    if ((r.def.name === "Items" || r.def.name === "BOM") && (r.problems.some((p) => p.code === "missing-column") || r.twice.size > 0)) unsettled.structure = true;
  };
  /** A row of Items or BOM with a bad cell: what it says of its item is not known yet. */
  const unsettle = (item: string | undefined, otherwise: "anyItem" | "anyParent") => {
    if (item !== undefined) unsettled.items.add(item);
    else unsettled[otherwise] = true;
  };

  readTwice(tables, problems);

  // Settings first: the sequence decides which tables are required.
  const settings: Settings = { sequence: "purchase-completion-sale", currency: "USD", disposition: "cogs" };
  const ledger: LedgerSettings = { posting: "detail" };
  const sheet: SheetSettings = {};
  const sr = reader("Settings");
  let triggersRefused = false;
  if (sr) {
    const keyRows = new Map<string, number>();
    const keyTexts = new Map<string, string>();
    sr.forEachRow((cells, sheetRow) => {
      const keyText = sr.text(cells, sheetRow, "Setting", true);
      if (keyText === undefined) return;
      const key = settingKeyOf(keyText);
      const valueCol = sr.columns.get("Value") ?? 0;
      if (!key) {
        sr.problem("unknown-value", sheetRow, sr.columns.get("Setting") ?? 0, said("problem.unknownSetting", { value: keyText, keys: SETTING_KEY_ORDER.join(", ") }));
        return;
      }
      if (keyRows.has(key)) {
        sr.problem("duplicate-key", sheetRow, sr.columns.get("Setting") ?? 0, said("problem.settingTwice", { field: keyText, first: String(keyRows.get(key)) }));
        return;
      }
      keyRows.set(key, sheetRow);
      keyTexts.set(key, keyText);
      // A choice made in the task pane takes the place of this cell: what the cell says is neither read nor refused.
      const field = PANE_CHOSEN_FIELD[key];
      if (field !== undefined && overrides[field] !== undefined) return;
      const v = sr.cell(cells, "Value");
      if (isBlank(v)) return;
      if (isCellError(v)) {
        sr.problem("cell-error", sheetRow, valueCol, whyAt(keyText, cellErrorWhy(v)));
        if (key === "Triggers") triggersRefused = true;
        return;
      }
      // Named as the sheet writes it: "Valuta", not Currency.
      applySetting({ settings, ledger, sheet }, key, v, (code, why) => {
        if (key === "Triggers") triggersRefused = true;
        sr.problem(code, sheetRow, valueCol, whyAt(keyText, why));
      });
    });
    finish(sr, keyRows, keyTexts);
  }
  const chosen: Partial<Settings> = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  Object.assign(settings, chosen);
  Object.assign(ledger, Object.fromEntries(Object.entries(ledgerOverrides).filter(([, v]) => v !== undefined)));

  // Trigger points that cannot be read (the Settings key column missing or headed twice, its Value column headed twice,
  // or a Triggers cell refused) are unknown, unless the pane chose them: only the tables every sequence needs are missed
  // then, not those of a default the user never chose. (No Value column at all is a Settings table without values: the
  // default sequence stands, and its tables are needed.)
  const sequenceKnown = chosen.sequence !== undefined || !sr || (sr.columns.has("Setting") && !sr.twice.has("Value") && !triggersRefused);
  const needed = sequenceKnown ? requiredTables(settings.sequence) : requiredTables(settings.sequence).filter((name) => TRIGGER_SEQUENCES.every((q) => requiredTables(q).includes(name)));
  for (const name of needed) {
    if (!tables[name]) {
      if (name === "Items" || name === "BOM") unsettled.structure = true;
      problems.push({ code: "missing-table", table: name, address: name, ...said("problem.noTable", { names: tableNames(TABLES[name]).join(", ") }) });
    }
  }

  const items: ItemRecord[] = [];
  const ir = reader("Items");
  if (ir) {
    ir.forEachRow((cells, sheetRow) => {
      const before = ir.problems.length;
      const item = ir.code(cells, sheetRow, "Item");
      const typeText = ir.text(cells, sheetRow, "Type", true);
      const stdPrice = ir.num(cells, sheetRow, "StdPrice");
      const stdConversion = ir.num(cells, sheetRow, "StdConversion");
      const description = ir.text(cells, sheetRow, "Description");
      const unit = ir.text(cells, sheetRow, "Unit");
      const type = typeText === undefined ? undefined : itemTypeOf(typeText);
      if (typeText !== undefined && !type) ir.problem("unknown-value", sheetRow, ir.columns.get("Type")!, said("problem.unknownItemType", { value: typeText }));
      if (item !== undefined && type) items.push({ item, type, stdPrice, stdConversion, description, unit, row: sheetRow });
      if (ir.problems.length > before) {
        unsettle(item, "anyItem");
        unsettled.itemRowsLeftOut = true;
      }
    });
    finish(ir);
  }

  const bom: BomLineRecord[] = [];
  const br = reader("BOM");
  if (br) {
    br.forEachRow((cells, sheetRow) => {
      const before = br.problems.length;
      const parent = br.code(cells, sheetRow, "Parent");
      const component = br.code(cells, sheetRow, "Component");
      const qtyPer = br.num(cells, sheetRow, "QtyPer", true);
      const scrap = br.num(cells, sheetRow, "Scrap");
      const validFrom = br.date(cells, sheetRow, "ValidFrom");
      const validTo = br.date(cells, sheetRow, "ValidTo");
      // Only a line whose every cell was read goes on to the meaning rules: one with an unreadable ValidFrom, taken as
      // "always valid", would clash with the line beside it ("already listed for overlapping dates"), a problem that is not there.
      if (parent !== undefined && component !== undefined && qtyPer !== undefined && br.problems.length === before) {
        bom.push({ parent, component, qtyPer, scrap: scrap ?? ZERO, validFrom, validTo, row: sheetRow });
      }
      if (br.problems.length > before) {
        unsettle(parent, "anyParent");
        unsettled.bomLinesLeftOut = true;
      }
    });
    finish(br);
  }

  /** Production, Sales and Purchases share their columns; Purchases adds the Amount paid. Rows are grouped as they are read. */
  const movements = (name: MovementTable): MovementBook => {
    const r = reader(name);
    const book = new MovementBook(name, r?.raw.rows.length);
    if (!r) return book;
    const at = (key: string) => r.columns.get(key) ?? -1;
    const [dateAt, itemAt, qtyAt, amountAt, refAt] = [at("Date"), at("Item"), at("Qty"), at("Amount"), at("Ref")];
    const paid = book.withAmount;
    const restOf = r.restOfRow();
    const general: RowReader = (cells, sheetRow) => {
      const date = r.date(cells, sheetRow, "Date", true);
      const item = r.code(cells, sheetRow, "Item");
      const qty = r.num(cells, sheetRow, "Qty", true);
      const amount = paid ? r.num(cells, sheetRow, "Amount", true) : undefined;
      const before = r.problems.length;
      const ref = r.text(cells, sheetRow, "Ref");
      // A Ref that cannot be read sets its row aside like any other bad cell: two rows whose Refs are both #N/A are not the same row.
      const refRead = r.problems.length === before;
      if (date !== undefined && item !== undefined && qty !== undefined && (!paid || amount !== undefined) && refRead) book.add(sheetRow, date, item, qty, repeatKey(ref, restOf(cells)), amount);
    };
    if (dateAt >= 0 && itemAt >= 0 && qtyAt >= 0 && (!paid || amountAt >= 0)) {
      // The usual row (a date, an item code, a number, an amount, a Ref as text, a number or nothing) is filed by the book's one loop, its
      // numbers as they are (the book keys each distinct number once); any other row comes back to `general`, in sheet order.
      const { rows, headerRow } = r.raw;
      book.addSheetRows({
        cells: rows,
        last: r.lastRow(),
        firstSheetRow: headerRow + 1,
        dateAt,
        itemAt,
        qtyAt,
        amountAt,
        refAt,
        dateOf: plainDate,
        textOf: plainCode,
        numberOf: plainNumber,
        refOf: plainRef,
        restOf,
        other: (i, sheetRow) => r.readRow(rows[i], sheetRow, general),
      });
    } else r.forEachRow(general);
    finish(r);
    return book;
  };
  const completions = movements("Production");
  const sales = movements("Sales");
  const purchases = movements("Purchases");

  const conversion: ConversionCostRecord[] = [];
  const cr = reader("Conversion");
  if (cr) {
    const restOf = cr.restOfRow();
    cr.forEachRow((cells, sheetRow) => {
      const date = cr.date(cells, sheetRow, "Date", true);
      const amount = cr.num(cells, sheetRow, "Amount", true);
      const category = cr.text(cells, sheetRow, "Category");
      const ref = cr.text(cells, sheetRow, "Ref");
      // Told apart from a repeat by the user's own columns too, as a movement row is.
      if (date !== undefined && amount !== undefined) conversion.push({ date, amount, category, ref: repeatKey(ref, restOf(cells)), row: sheetRow });
    });
    finish(cr);
  }

  const inventory: InventoryRecord[] = [];
  const nr = reader("Inventory");
  if (nr) {
    nr.forEachRow((cells, sheetRow) => {
      const item = nr.code(cells, sheetRow, "Item");
      const opening = nr.num(cells, sheetRow, "Opening");
      const count = nr.num(cells, sheetRow, "Count");
      const openingValue = nr.num(cells, sheetRow, "OpeningValue");
      if (item !== undefined) inventory.push({ item, opening, count, openingValue, row: sheetRow });
    });
    finish(nr);
  }

  const accounts = { ...DEFAULT_ACCOUNTS } as Record<AccountRole, { account: string; name: string }>;
  const mappedRoles = new Set<AccountRole>();
  const ar = reader("Accounts");
  if (ar) {
    const seen = new Map<AccountRole, number>();
    // One account number has one name: the first row that names it; a row that leaves the name out takes that one.
    const named = new Map<string, { name: string; row: number }>();
    const unnamed: AccountRole[] = [];
    ar.forEachRow((cells, sheetRow) => {
      const roleText = ar.text(cells, sheetRow, "Role", true);
      // An account is a code, as an item is: an invisible character in it would post to an account the ledger has not.
      const account = ar.code(cells, sheetRow, "Account");
      const name = ar.text(cells, sheetRow, "Name");
      if (roleText === undefined || account === undefined) return;
      const role = ACCOUNT_ROLES.find((r) => normalizeName(r) === normalizeName(roleText));
      if (!role) {
        ar.problem("unknown-value", sheetRow, ar.columns.get("Role")!, said("problem.unknownRole", { value: roleText, roles: ACCOUNT_ROLES.join(", ") }));
        return;
      }
      if (seen.has(role)) {
        ar.problem("duplicate-key", sheetRow, ar.columns.get("Role")!, said("problem.roleTwice", { role, first: String(seen.get(role)) }));
        return;
      }
      seen.set(role, sheetRow);
      mappedRoles.add(role);
      if (name !== undefined) {
        const first = named.get(account);
        if (first === undefined) named.set(account, { name, row: sheetRow });
        else if (first.name !== name) {
          ar.problem("duplicate-key", sheetRow, ar.columns.get("Name")!, said("problem.accountNamedTwice", { account, name, other: first.name, first: String(first.row) }));
          return;
        }
      } else unnamed.push(role);
      accounts[role] = { account, name: name ?? DEFAULT_ACCOUNTS[role].name };
    });
    // A number the table gives one role that is the default of a role it leaves out would post both to one account: the
    // Swedish BAS chart's 2000 is not accounts payable. Refused at the row, for the roles these trigger points post to.
    const posts = (r: AccountRole): boolean => postsTo(settings.sequence, r, settings.capitalizeConversion === true);
    for (const [role, row] of seen) {
      const taken = ACCOUNT_ROLES.find((other) => other !== role && !mappedRoles.has(other) && posts(other) && DEFAULT_ACCOUNTS[other].account === accounts[role].account);
      if (taken !== undefined) ar.problem("duplicate-key", row, ar.columns.get("Account")!, said("problem.accountIsDefault", { account: accounts[role].account, role, other: taken }));
    }
    // Rows that all leave an account's name out take the first one's default, so the account still has one name.
    for (const role of unnamed) {
      const account = accounts[role].account;
      const given = named.get(account) ?? { name: accounts[role].name, row: 0 };
      named.set(account, given);
      accounts[role] = { account, name: given.name };
    }
    finish(ar);
  }

  const passed: GroupedPeriodInput = { items, bom, completions, sales, purchases, conversion, inventory, settings };
  return { input: problems.length > 0 ? undefined : passed, passed, unsettled, chosen, accounts, mappedRoles, ledger, sheet, layouts, problems };
}

/** The inputs whose rows are booked: one table read as two of them would book its rows twice. */
const BOOKED: readonly TableName[] = ["Production", "Sales", "Purchases", "Conversion"];

/**
 * One table read as two of the inputs whose rows are booked (the task pane's
 * Data step picked the Sales table for Production too): refused at its header
 * row, since every row would be booked twice, as a completion and as a sale.
 * The input it was picked for is told to pick again: the one whose own names
 * (in any language) do not name that table or sheet. Reference tables may
 * share a sheet (Settings and Accounts side by side, Items with its counts).
 */
function readTwice(tables: Partial<Record<TableName, RawTable>>, problems: CellProblem[]): void {
  const readAs = new Map<string, TableName>();
  for (const name of BOOKED) {
    const raw = tables[name];
    if (!raw) continue;
    // Where its rows are, not what it was found by: a sheet named Sales holding the Excel table Production is one table.
    const source = [raw.sheet, raw.headerRow, raw.firstColumn].join("\u0000");
    const first = readAs.get(source);
    if (first === undefined) {
      readAs.set(source, name);
      continue;
    }
    const named = normalizeName(raw.tableName ?? raw.sheet);
    const isOwn = (input: TableName) => tableNames(TABLES[input]).some((n) => normalizeName(n) === named);
    const picked = isOwn(name) && !isOwn(first) ? first : name;
    const place: ProblemParam = raw.tableName === undefined ? { term: "place.sheet", params: { sheet: sheetRef(raw.sheet) } } : { term: "place.table", params: { table: raw.tableName, sheet: sheetRef(raw.sheet) } };
    problems.push({ code: "found-twice", table: picked, sheet: raw.sheet, row: raw.headerRow, address: `${sheetRef(raw.sheet)}!${raw.headerRow}:${raw.headerRow}`, ...said("problem.readTwice", { place, first, second: name, picked }) });
  }
}

/** What the Settings table sets: the engine's settings, the ledger's, the sheets'. */
interface SettingTargets {
  settings: Settings;
  ledger: LedgerSettings;
  sheet: SheetSettings;
}

function applySetting({ settings, ledger, sheet }: SettingTargets, key: SettingKey, v: CellValue, fail: (code: IssueCode, why: CellWhy) => void): void {
  const text = typeof v === "string" ? v.trim() : undefined;
  switch (key) {
    case "Triggers": {
      const seq = text === undefined ? undefined : sequenceOf(text);
      if (seq) settings.sequence = seq;
      else fail("unknown-value", { key: "problem.notTriggers", params: { value: shown(v) } });
      return;
    }
    case "PeriodStart":
    case "PeriodEnd": {
      const d = toDate(v);
      if (d.ok) settings[key === "PeriodStart" ? "periodStart" : "periodEnd"] = d.value;
      else fail("not-a-date", d.why);
      return;
    }
    case "Currency": {
      const code = text === undefined ? undefined : currencyOf(text);
      if (code) settings.currency = code;
      else fail("unknown-value", { key: "problem.notCurrency", params: { value: shown(v) } });
      return;
    }
    case "Disposition": {
      const d = text === undefined ? undefined : dispositionOf(text);
      if (d) settings.disposition = d;
      else fail("unknown-value", { key: "problem.notDisposition", params: { value: shown(v) } });
      return;
    }
    case "Company":
    case "OrgNumber": {
      // A number is fine too (an organisation number typed without its hyphen); a date or a Yes is not a name.
      const value = text ?? (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? String(v) : undefined);
      if (value) ledger[key === "Company" ? "company" : "orgNumber"] = value;
      else fail("not-text", { key: key === "Company" ? "problem.notCompany" : "problem.notOrgNumber", params: { value: shown(v) } });
      return;
    }
    case "Posting": {
      const mode = text === undefined ? undefined : postingModeOf(text);
      if (mode) ledger.posting = mode;
      else fail("unknown-value", { key: "problem.notPosting", params: { value: shown(v) } });
      return;
    }
    case "StandardTolerance": {
      const d = toDec(v);
      if (!d.ok) fail("not-a-number", d.why);
      else if (d.value.isNegative() || d.value.greaterThanOrEqualTo(1)) fail("unknown-value", { key: "problem.toleranceRange", params: { value: { figure: d.value.toString() }, percent: { figure: d.value.times(100).toString() } } });
      else settings.standardTolerance = d.value;
      return;
    }
    case "CapitalizeConversion": {
      const yes = yesNoOf(v);
      if (yes === undefined) fail("unknown-value", { key: "problem.notYesNo", params: { value: shown(v) } });
      else settings.capitalizeConversion = yes;
      return;
    }
    case "Language": {
      const language = text === undefined ? undefined : sheetLanguageOf(text);
      if (language) sheet.language = language;
      else fail("unknown-value", { key: "problem.notLanguage", params: { value: shown(v) } });
      return;
    }
  }
}

/** The header of a table's column as the workbook writes it, trimmed; undefined where it is no text. */
export function headingAt(raw: RawTable, column: number): string | undefined {
  const h = raw.header[column];
  return typeof h === "string" && h.trim() !== "" ? h.trim() : undefined;
}

/** The cell of a Settings key's value ("Settings!B7"), where the Settings table has a row for it. */
export function settingValueCell(layouts: Partial<Record<TableName, TableLayout>>, key: string): string | undefined {
  const layout = layouts.Settings;
  const row = layout?.keyRows?.get(key);
  const column = layout?.columns.get("Value");
  return layout && row !== undefined && column !== undefined ? cellAddress(layout.raw, row, column).address : undefined;
}

/** Points an engine issue at the user's cell, through the layouts the reader recorded. */
export function locate(issue: DataIssue, layouts: Partial<Record<TableName, TableLayout>>): CellProblem {
  const at = issue.at;
  const text = { key: issue.key, params: issue.params, message: issue.message };
  if (!at) return { code: issue.code, table: "Items", address: "(input)", ...text };
  const layout = layouts[at.table];
  if (!layout) return { code: issue.code, table: at.table, address: at.table, ...text };
  const { raw } = layout;
  let row = at.row;
  let colIndex = at.field !== undefined ? layout.columns.get(at.field) : undefined;
  if (at.table === "Settings" && at.field !== undefined && layout.keyRows) {
    row = layout.keyRows.get(at.field) ?? row;
    colIndex = layout.columns.get("Value");
  }
  if (row === undefined) return { code: issue.code, table: at.table, sheet: raw.sheet, address: sheetRef(raw.sheet), ...text };
  const { column, address } = cellAddress(raw, row, colIndex ?? 0);
  const params = namedAsWritten(text.params, at, layout, colIndex);
  if (params === text.params) return { code: issue.code, table: at.table, sheet: raw.sheet, row, column, address, ...text };
  return { code: issue.code, table: at.table, sheet: raw.sheet, row, column, address, key: text.key, params, message: englishProblem(text.key, params) };
}

/**
 * A problem's parameters with the names the engine gave by our keys put as the
 * workbook writes them: a setting by its key as the Settings table writes it
 * ("Periodens början" for PeriodStart), wherever the message names one; a
 * column by its heading ("Antal" for Qty), where the message's field is the
 * problem's own. The same object when nothing is renamed.
 */
function namedAsWritten(params: DataIssue["params"], at: NonNullable<DataIssue["at"]>, layout: TableLayout, colIndex: number | undefined): DataIssue["params"] {
  if (at.table === "Settings") {
    const keyTexts = layout.keyTexts;
    if (keyTexts === undefined) return params;
    const renamed = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? (keyTexts.get(v) ?? v) : v])) as DataIssue["params"];
    return Object.keys(renamed).some((k) => renamed[k] !== params[k]) ? renamed : params;
  }
  const header = colIndex !== undefined ? headingAt(layout.raw, colIndex) : undefined;
  return header !== undefined && header !== at.field && params.field === at.field ? { ...params, field: header } : params;
}

