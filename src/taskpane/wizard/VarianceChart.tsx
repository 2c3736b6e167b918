/**
 * The variances as bar charts (chart.ts): by kind, and the largest by item,
 * unfavorable and favorable apart. Each chart is an SVG image whose name says
 * every bar in words, so a screen reader hears what the eye sees; the bars
 * carry their amounts and F/U as text, so colour is never the only cue.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { useId } from "react";
import { useT } from "../i18n";
import type { ChartBar } from "./chart";
import { fittedLabel, varianceChart } from "./chart";
import type { VarianceView } from "../job/reports";
import { useStepStyles } from "./styles";

const useChartStyles = makeStyles({
  figure: { margin: 0 },
  svg: { display: "block", width: "100%", height: "auto", overflow: "visible" },
  label: { fill: tokens.colorNeutralForeground1, fontSize: "11px" },
  amount: { fill: tokens.colorNeutralForeground1, fontSize: "11px", fontVariantNumeric: "tabular-nums" },
  U: { fill: tokens.colorPaletteRedBackground3 },
  F: { fill: tokens.colorPaletteGreenBackground3 },
  group: { fill: tokens.colorNeutralForeground2, fontSize: "11px", fontWeight: tokens.fontWeightSemibold },
});

/** Layout in SVG units: the picture scales to the pane's width. */
const WIDTH = 300;
const ROW = 30;
const GROUP = 20;
/** Room kept right of the longest bar for its amount. */
const AMOUNT_ROOM = 96;

interface Group {
  title?: string;
  bars: ChartBar[];
}

function BarChart({ id, title, groups }: { id: string; title: string; groups: Group[] }) {
  const { t, num } = useT();
  const s = useChartStyles();
  const label = (b: ChartBar) => (b.item === undefined ? t(`var.${b.kind}`) : `${t(`var.${b.kind}`)} · ${b.item}`);
  const amount = (b: ChartBar) => `${num(b.amount)} ${t(b.side === "F" ? "var.F" : "var.U")}`;
  const spoken = groups.map((g) => `${g.title ? `${g.title}: ` : ""}${g.bars.map((b) => `${label(b)} ${amount(b)}`).join("; ")}`).join(". ");
  let y = 0;
  const rows = groups.flatMap((g, gi) => {
    const out = [];
    if (g.title) {
      out.push(
        <text key={`g${gi}`} className={s.group} x={0} y={y + 13}>
          {g.title}
        </text>,
      );
      y += GROUP;
    }
    for (const [bi, b] of g.bars.entries()) {
      const length = Math.max(1, b.share * (WIDTH - AMOUNT_ROOM));
      const fitted = fittedLabel(t(`var.${b.kind}`), b.item);
      out.push(
        <g key={`${gi}-${bi}`}>
          {/* A label cut to fit is whole in the bar's tooltip (and in the chart's name). */}
          {fitted !== label(b) && <title>{label(b)}</title>}
          <text className={s.label} x={0} y={y + 11}>
            {fitted}
          </text>
          <rect className={s[b.side]} x={0} y={y + 15} width={length} height={11} rx={2} />
          <text className={s.amount} x={length + 4} y={y + 25}>
            {amount(b)}
          </text>
        </g>,
      );
      y += ROW;
    }
    return out;
  });
  return (
    <svg className={s.svg} viewBox={`0 0 ${WIDTH} ${y}`} role="img" aria-labelledby={`${id}-title`} data-testid={id}>
      <title id={`${id}-title`}>{`${title}. ${spoken}.`}</title>
      {rows}
    </svg>
  );
}

export function VarianceChart({ variances, minorUnits }: { variances: readonly VarianceView[]; minorUnits: number }) {
  const { t } = useT();
  const s = useChartStyles();
  const styles = useStepStyles();
  const id = useId().replace(/:/g, "");
  const chart = varianceChart(variances, minorUnits);
  if (chart.byKind.length === 0) return null;
  const items: Group[] = [
    { title: t("chart.unfavorable"), bars: chart.byItem.U },
    { title: t("chart.favorable"), bars: chart.byItem.F },
  ].filter((g) => g.bars.length > 0);
  return (
    <figure className={s.figure} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className={styles.subheading}>
        {t("chart.title")}
      </figcaption>
      <p className={styles.muted}>{t("chart.byKind")}</p>
      <BarChart id="variance-chart-kinds" title={t("chart.byKind")} groups={[{ bars: chart.byKind }]} />
      <p className={styles.muted}>{t("chart.byItem")}</p>
      <BarChart id="variance-chart-items" title={t("chart.byItem")} groups={items} />
    </figure>
  );
}
