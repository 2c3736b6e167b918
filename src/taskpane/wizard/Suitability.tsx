/** The suitability report: is backflushing sound for this plant and period, check by check. */
import { Badge } from "@fluentui/react-components";
import type { CheckStatus } from "../../engine/types";
import { findingText } from "../../workbook/suitability-figure";
import type { SuitabilityView } from "../job/reports";
import { useT } from "../i18n";
import { Section } from "./Section";
import { useStepStyles } from "./styles";

const COLOR: Readonly<Record<CheckStatus, "success" | "warning" | "danger">> = { ok: "success", caution: "warning", fail: "danger" };
const VERDICT_COLOR = { suitable: "success", caution: "warning", unsuitable: "danger" } as const;

export function Suitability({ report }: { report: SuitabilityView }) {
  const tr = useT();
  const { t } = tr;
  const styles = useStepStyles();
  return (
    <Section title={t("suit.title")}>
      <div>
        <Badge appearance="filled" color={VERDICT_COLOR[report.verdict]}>
          {t(`suit.verdict.${report.verdict}`)}
        </Badge>
      </div>
      <ul className={styles.list}>
        {report.checks.map((c) => (
          <li key={c.id}>
            <Badge appearance="tint" color={COLOR[c.status]} size="small">
              {t(`status.${c.status}`)}
            </Badge>{" "}
            {findingText(tr, c)}
          </li>
        ))}
      </ul>
    </Section>
  );
}
