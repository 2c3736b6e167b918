/**
 * Source traces whose rows are read when the trace is: a journal line points
 * at the sheet rows it came from, and a full sheet's lines point at well over
 * a million of them, which a run only reads when it writes the Source column
 * (or reports a problem). The movement book keeps them in typed columns and
 * lists a group's or a day's rows when first asked for.
 */
import type { IsoDate } from "./dates";
import type { RowScope, RowStream, SourceTrace, TableName } from "./types";

/** Whatever holds sheet rows: a movement group, a day of a table. */
export interface HasRows {
  readonly rows: readonly number[];
  rowView?(): ArrayLike<number>;
}

/** A holder's rows in place where it can give them so, else its list. */
export function viewOf(h: HasRows): ArrayLike<number> {
  return h.rowView ? h.rowView() : h.rows;
}

export class RowsTrace implements SourceTrace {
  constructor(
    readonly table: TableName,
    private readonly of: HasRows,
    readonly scope?: RowScope,
  ) {}

  get rows(): readonly number[] {
    return this.of.rows;
  }

  rowView(): ArrayLike<number> {
    return viewOf(this.of);
  }

  /** As a plain trace, { table, rows }: what JSON (and the bench's identity digest) reads. */
  toJSON(): SourceTrace {
    return { table: this.table, rows: this.rows };
  }
}

/** A stream's rows as a list, read to its end. */
function listOf(stream: RowStream): number[] {
  const out = new Array<number>(stream.count);
  for (let k = 0; k < out.length; k++) out[k] = stream.next();
  return out;
}

/**
 * The rows of several holders of one table (an item's completions over the period's days), each holder's in order:
 * merged in order as far as they are read. A Source cell reads a few hundred characters of them, or their count where
 * the scope says them, and a full sheet's goods on hand hold a million.
 */
export class GroupsTrace implements SourceTrace {
  readonly rowCount: number;
  constructor(
    readonly table: TableName,
    private readonly holders: readonly (HasRows & { readonly rowCount: number })[],
    readonly scope?: RowScope,
  ) {
    this.rowCount = holders.reduce((n, h) => n + h.rowCount, 0);
  }

  get rows(): readonly number[] {
    return listOf(this.rowStream());
  }

  /** The holders' rows merged in order (mergedRows). */
  rowStream(): RowStream {
    return mergedRows(this.holders, this.rowCount);
  }

  toJSON(): SourceTrace {
    return { table: this.table, rows: this.rows };
  }
}

/**
 * The rows of the groups of one day that used one material (a backflushed material's line): only the products whose
 * BOM holds it, not every row of the day. The groups are found when the trace is first read (DayUsers), and their rows
 * read in order as far as the reader goes: a full sheet's material lines would otherwise list millions of rows.
 */
export class UsersTrace implements SourceTrace {
  /**
   * On a day of more rows than a Source cell lists, what finds them all: the day's rows of the goods whose BOM holds the
   * line's item, the same words for every material of the day (a full sheet's 66,000 material lines, each listing or
   * naming its own, took the command line half a second more to write).
   */
  readonly scope?: RowScope;
  readonly shareKey?: object;
  /** `named`: said with the material's name, for a line whose own item is not the material (a carried share's COGS line). */
  constructor(
    readonly table: TableName,
    private readonly day: DayUsers,
    private readonly material: string,
    named = false,
  ) {
    if (day.rowCount > LISTED_ROWS) {
      if (named) this.scope = { date: day.date, usedMaterial: material };
      else {
        this.scope = { date: day.date, usedItem: true };
        this.shareKey = day;
      }
    }
  }

  get rows(): readonly number[] {
    return listOf(this.rowStream());
  }

  rowStream(): RowStream {
    return this.day.rowsOf(this.material);
  }

  /** How many rows, where they are few enough to list (on a day of many, the scope says them without counting). */
  get rowCount(): number | undefined {
    return this.scope ? undefined : this.day.countOf(this.material);
  }

  toJSON(): SourceTrace {
    return { table: this.table, rows: this.rows };
  }
}

/** A day's groups by the materials each one's BOM holds, and which group each of the day's rows is in: made when first asked for. */
export class DayUsers<G extends HasRows & { readonly item: string; readonly rowCount: number } = HasRows & { readonly item: string; readonly rowCount: number }> {
  private byMaterial?: Map<string, number[]>;
  /** The group of each row, by the row's place past the day's first row. */
  private owner?: { first: number; of: Int32Array; rows: ArrayLike<number> };

  constructor(
    readonly date: IsoDate,
    private readonly groups: readonly G[],
    private readonly day: HasRows,
    private readonly materialsOf: (item: string) => Iterable<string>,
  ) {}

  /** How many rows the day has. */
  get rowCount(): number {
    return viewOf(this.day).length;
  }

  /** The day's groups whose BOM holds `material`. */
  groupsOf(material: string): G[] {
    return this.usersOf(material).map((k) => this.groups[k]);
  }

  /** How many rows the groups that used `material` have, without reading them. */
  countOf(material: string): number {
    let count = 0;
    for (const k of this.usersOf(material)) count += this.groups[k].rowCount;
    return count;
  }

  /**
   * The rows of the groups that used `material`, ascending. Where they are many of the day's, the day's rows are walked
   * and each kept whose group used it; where they are few, their groups' rows are merged (a walk of the day would pass
   * over thousands of rows for each one kept).
   */
  rowsOf(material: string): RowStream {
    const users = this.usersOf(material);
    const count = this.countOf(material);
    const owner = this.owners();
    if (count * SPARSE > owner.rows.length) {
      const used = new Uint8Array(this.groups.length);
      for (const k of users) used[k] = 1;
      const { first, of, rows } = owner;
      let i = 0;
      let left = count;
      return {
        count,
        next(): number {
          if (left === 0) return -1;
          while (used[of[rows[i] - first]] === 0) i++;
          left--;
          return rows[i++];
        },
      };
    }
    return mergedRows(
      users.map((k) => this.groups[k]),
      count,
    );
  }

  private usersOf(material: string): readonly number[] {
    if (!this.byMaterial) {
      const by = new Map<string, number[]>();
      this.groups.forEach((g, k) => {
        for (const m of this.materialsOf(g.item)) {
          const list = by.get(m);
          if (list) list.push(k);
          else by.set(m, [k]);
        }
      });
      this.byMaterial = by;
    }
    return this.byMaterial.get(material) ?? [];
  }

  private owners(): { first: number; of: Int32Array; rows: ArrayLike<number> } {
    if (!this.owner) {
      const rows = viewOf(this.day);
      let first = Infinity;
      let last = -Infinity;
      for (let i = 0; i < rows.length; i++) {
        if (rows[i] < first) first = rows[i];
        if (rows[i] > last) last = rows[i];
      }
      const of = new Int32Array(rows.length === 0 ? 0 : last - first + 1);
      this.groups.forEach((g, k) => {
        const own = viewOf(g);
        for (let i = 0; i < own.length; i++) of[own[i] - first] = k;
      });
      this.owner = { first, of, rows };
    }
    return this.owner;
  }
}

/** A list of more rows than this is said by what finds them all (formatSources), where a filter of the table does. */
export const LISTED_ROWS = 40;

/** Where the rows kept are fewer than one in SPARSE of the day's, their groups' rows are merged rather than the day walked. */
const SPARSE = 8;

/**
 * The rows of `holders` (each ascending), `count` in all, as one ascending stream: a heap of the holders by their next
 * row (the one on top stays there while its rows come first, as in a sheet sorted by item).
 */
function mergedRows(holders: readonly HasRows[], count: number): RowStream {
  const views = holders.map(viewOf).filter((v) => v.length > 0);
  const at = new Int32Array(views.length);
  // heap[k] is a holder's index; ordered by the row it stands at.
  const heap = views.map((_, k) => k);
  const key = (k: number) => views[k][at[k]];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const r = l + 1;
      const c = r < heap.length && key(heap[r]) < key(heap[l]) ? r : l;
      if (key(heap[c]) >= key(heap[i])) return;
      [heap[i], heap[c]] = [heap[c], heap[i]];
      i = c;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  return {
    count,
    next(): number {
      if (heap.length === 0) return -1;
      const k = heap[0];
      const row = views[k][at[k]++];
      if (at[k] === views[k].length) {
        heap[0] = heap[heap.length - 1];
        heap.pop();
      }
      if (heap.length > 0) down(0);
      return row;
    },
  };
}
