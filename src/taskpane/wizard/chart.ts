/**
 * The Run step's picture of the variances: by kind, favorable and unfavorable
 * apart (a kind can go both ways across its items), and the largest lines by
 * item, unfavorable and favorable in groups of their own. Each bar's length is
 * its share of the largest bar of its chart. Pure, so the picture is tested
 * without a page.
 */
import { Dec } from "../../engine/money";
import type { VarianceKind } from "../../engine/types";
import type { VarianceView } from "../job/reports";

export interface ChartBar {
  kind: VarianceKind;
  /** The item, for a line by item; none for a kind's total or a line for all items (conversion). */
  item?: string;
  /** Unsigned, to the currency's minor unit. */
  amount: string;
  side: "F" | "U";
  /** Length as a share of the chart's largest bar, 0 to 1. */
  share: number;
}

export interface VarianceChartModel {
  /** Per kind, in the order the kinds first come (the report lists the largest line first): its unfavorable total, then its favorable one (each when not zero). */
  byKind: ChartBar[];
  /** The largest lines, unfavorable and favorable apart, largest first. */
  byItem: { U: ChartBar[]; F: ChartBar[] };
}

/** Lines shown per side in the chart by item; the Variances sheet has them all. */
export const ITEM_BARS = 8;

type Sided = Omit<ChartBar, "share"> & { value: Dec };

/** Shares of the largest bar; a chart whose bars are all zero has none. */
function scaled(bars: readonly Sided[]): ChartBar[] {
  const largest = bars.reduce((m, b) => (b.value.greaterThan(m) ? b.value : m), new Dec(0));
  return bars.map(({ value, ...bar }) => ({ ...bar, share: largest.isZero() ? 0 : value.dividedBy(largest).toNumber() }));
}

export function varianceChart(variances: readonly VarianceView[], minorUnits: number, itemBars = ITEM_BARS): VarianceChartModel {
  const sided = variances.flatMap((v): Sided[] => (v.side === "" ? [] : [{ kind: v.kind, item: v.item, amount: v.amount, side: v.side, value: new Dec(v.amount) }]));
  const kinds = [...new Set(sided.map((v) => v.kind))];
  const byKind = kinds.flatMap((kind) =>
    (["U", "F"] as const).flatMap((side): Sided[] => {
      const total = sided.filter((v) => v.kind === kind && v.side === side).reduce((a, v) => a.plus(v.value), new Dec(0));
      return total.isZero() ? [] : [{ kind, amount: total.toFixed(minorUnits), side, value: total }];
    }),
  );
  const largestFirst = (side: "F" | "U") => sided.filter((v) => v.side === side).sort((a, b) => b.value.comparedTo(a.value)).slice(0, itemBars);
  // Both sides of the chart by item share one scale, so a favorable bar and an unfavorable one compare.
  const items = scaled([...largestFirst("U"), ...largestFirst("F")]);
  return { byKind: scaled(byKind), byItem: { U: items.filter((b) => b.side === "U"), F: items.filter((b) => b.side === "F") } };
}

/** Characters a bar's label holds at 11 px across the chart's 300 units (the pane's width), with room to spare for capitals. */
export const LABEL_CHARS = 44;

/**
 * A bar's label cut to fit the chart: its kind kept whole, its item code cut
 * in the middle ("WOOD-OAK-KIL…TIFIED-2"), so that codes that differ only at
 * their ends still differ. The chart's accessible name and the bar's tooltip
 * say the whole label.
 */
export function fittedLabel(kind: string, item: string | undefined, max = LABEL_CHARS): string {
  if (item === undefined) return kind.length <= max ? kind : `${kind.slice(0, max - 1)}…`;
  const whole = `${kind} · ${item}`;
  if (whole.length <= max) return whole;
  const room = Math.max(3, max - kind.length - 3);
  const head = Math.ceil((room - 1) / 2);
  return `${kind} · ${item.slice(0, head)}…${item.slice(item.length - (room - 1 - head))}`;
}
