/** The entries a trigger sequence makes, trigger point by trigger point, in plain words. */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { TriggerSequence } from "../../engine/types";
import { useT } from "../i18n";
import type { PictureLine } from "./picture";
import { TRIGGER_POINTS, entriesAt, invoicesAtPeriodEnd } from "./picture";
import { useStepStyles } from "./styles";

const usePictureStyles = makeStyles({
  // A long account name ("Leverantörsskulder") breaks rather than widen the pane.
  figure: {
    margin: 0,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  points: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  point: {
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    paddingLeft: tokens.spacingHorizontalS,
  },
  idle: {
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  lines: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  credit: {
    paddingLeft: tokens.spacingHorizontalL,
  },
});

export function SequencePicture({ sequence }: { sequence: TriggerSequence }) {
  const { t } = useT();
  const styles = usePictureStyles();
  const stepStyles = useStepStyles();
  const lineText = (l: PictureLine) => {
    const account = t(`role.${l.role}`);
    const what = l.part === "material" ? t("pic.material", { account }) : l.part === "conversion" ? t("pic.conversion", { account }) : account;
    return l.side === "dr" ? t("pic.dr", { account: what }) : t("pic.cr", { account: what });
  };
  const invoicesLater = invoicesAtPeriodEnd(sequence);
  return (
    <figure className={styles.figure} aria-labelledby="sequence-picture-title">
      <figcaption id="sequence-picture-title" className={stepStyles.subheading}>
        {t("pic.title")}
      </figcaption>
      <ul className={styles.points}>
        {TRIGGER_POINTS.map((at) => {
          const lines = entriesAt(sequence, at);
          return (
            <li key={at} className={lines.length > 0 ? styles.point : styles.idle}>
              <strong>{t(`pic.at.${at}`)}</strong>
              {lines.length === 0 ? (
                <div>{t(at === "purchase" && invoicesLater ? "pic.purchaseLater" : "pic.nothing")}</div>
              ) : (
                <ul className={styles.lines}>
                  {lines.map((l, i) => (
                    <li key={i} className={l.side === "cr" ? styles.credit : undefined}>
                      {lineText(l)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
        <li className={styles.point}>
          <strong>{t("pic.at.periodEnd")}</strong>
          {invoicesLater && <div>{t("pic.periodEndInvoices", { clearing: t("role.MATERIALS_CLEARING"), ap: t("role.AP"), ppv: t("role.PPV") })}</div>}
          <div>{t("pic.periodEndText")}</div>
        </li>
      </ul>
    </figure>
  );
}
