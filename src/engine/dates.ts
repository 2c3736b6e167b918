/**
 * Dates are ISO calendar dates ("2026-11-03") throughout the engine: they sort
 * as strings, print as themselves and carry no time zone.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A memo for work done once per cell or row on values that repeat (a period
 * has few distinct dates; a column few distinct quantities). Bounded: cleared
 * when it holds `limit` values, so odd inputs can't grow it without end.
 * −0 is never memoized: a Map and === take it for 0, and a function may not
 * (a cell of −0 is a negative amount to the rules, one of 0 is not).
 */
export function memoize<K, V>(fn: (k: K) => V, limit = 50_000): (k: K) => V {
  const cache = new Map<K, V>();
  // Sorted columns repeat the same value row after row: the last one is kept apart, no lookup needed.
  let lastKey: K | undefined;
  let lastValue: V | undefined;
  let hasLast = false;
  return (k: K) => {
    if (Object.is(k, -0)) return fn(k);
    if (hasLast && k === lastKey) return lastValue as V;
    let v = cache.get(k);
    if (v === undefined && !cache.has(k)) {
      if (cache.size >= limit) cache.clear();
      v = fn(k);
      cache.set(k, v);
    }
    lastKey = k;
    lastValue = v;
    hasLast = true;
    return v as V;
  };
}

/** True when `text` is a real calendar date in YYYY-MM-DD form. */
export const isIsoDate: (text: string) => boolean = memoize(checkIsoDate);

function checkIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const MS_PER_DAY = 86_400_000;
/** Excel's day zero for the 1900 date system (serial 1 = 1900-01-01, with Lotus's phantom 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Excel serial day number → ISO date (serials from 61 on; earlier ones are outside any real period). */
export const isoFromExcelSerial: (serial: number) => IsoDate = memoize((serial: number) => {
  const t = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * MS_PER_DAY);
  return t.toISOString().slice(0, 10);
});

/** ISO date → Excel serial day number. */
export function excelSerialFromIso(date: IsoDate): number {
  const [y, m, d] = date.split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH_MS) / MS_PER_DAY);
}

/** ISO date of a JS Date, read in UTC (spreadsheet libraries hand dates over as UTC midnight). */
export function isoFromUtcDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return excelSerialFromIso(b) - excelSerialFromIso(a);
}

/** The day after `date`. */
export function nextDay(date: IsoDate): IsoDate {
  return isoFromExcelSerial(excelSerialFromIso(date) + 1);
}

/** The day before `date`. */
export function previousDay(date: IsoDate): IsoDate {
  return isoFromExcelSerial(excelSerialFromIso(date) - 1);
}
