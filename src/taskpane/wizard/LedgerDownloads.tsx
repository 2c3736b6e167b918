/**
 * The run's journal for the general ledger, next to the workbook download: in
 * the browser, the SIE 4 and CSV files to download; inside Excel, which lets
 * an add-in save no file, where to get them instead (the command line).
 */
import { Button } from "@fluentui/react-components";
import type { LedgerFiles } from "../../workbook/ledger-files";
import type { SieRefusal } from "../../workbook/posting";
import type { RunPassed } from "../job/reports";
import type { WorkbookSession } from "../session";
import { workbookStem } from "../session";
import { useT } from "../i18n";
import { Alert } from "./Alert";
import { Section } from "./Section";
import { useSpacedClicks } from "./spaced-clicks";
import { useStepStyles } from "./styles";

/** "plant.xlsx", "plant.xlsm" → "plant-journal" (`word`: the pane's file.journal): the stem both files are named from. */
export function ledgerFileStem(title: string | undefined, word = "journal"): string {
  return `${workbookStem(title)}-${word}`;
}

/** `settingsTable`: the Settings table as the workbook names it, where the Company row goes. */
export function LedgerDownloads({ report, session, settingsTable }: { report: RunPassed; session: WorkbookSession; settingsTable: string }) {
  const { t } = useT();
  /** Why there is no SIE file, in the pane's words: an account that is no number (named by its role), a blank Company cell, or no Company row. */
  const sieRefusalText = (refused: SieRefusal | undefined): string => {
    if (refused?.code === "account") return t("run.sieNeedsNumbers", { role: `${t(`role.${refused.role}`)} (${refused.role})`, account: refused.account });
    if (refused?.cell !== undefined) return t("run.sieBlankCompany", { cell: refused.cell });
    return t("run.sieNeedsCompany", { table: settingsTable });
  };
  const styles = useStepStyles();
  const spaced = useSpacedClicks();
  const offer = session.offerFile?.bind(session);
  const files: LedgerFiles | undefined = report.ledgerFiles;
  if (session.mode === "office") {
    return (
      <Section title={t("run.ledger")}>
        <p className={styles.muted}>{t("run.ledgerInExcel", { command: "backflush run BOOK.xlsx --sie BOOK.si --csv BOOK.csv" })}</p>
      </Section>
    );
  }
  if (!offer) return null;
  if (!files) {
    if (!report.ledgerFilesPending) return null;
    return (
      <Section title={t("run.ledger")}>
        <p className={styles.muted} data-testid="ledger-preparing">
          {t("run.ledgerPreparing")}
        </p>
      </Section>
    );
  }
  const stem = ledgerFileStem(session.title, t("file.journal"));
  const sie = files.sie;
  return (
    <Section title={t("run.ledger")}>
      <p className={styles.muted}>{t(files.summary ? "run.ledgerSummary" : "run.ledgerDetail")}</p>
      <div className={styles.row} data-testid="ledger-downloads">
        {sie && <Button onClick={spaced("sie", () => offer(sie, `${stem}.si`, "text/plain; charset=IBM437"))}>{t("run.downloadSie")}</Button>}
        <Button onClick={spaced("csv", () => offer(files.csv, `${stem}.csv`, "text/csv; charset=utf-8"))}>{t("run.downloadCsv")}</Button>
      </div>
      {!sie && <Alert intent="info">{sieRefusalText(files.sieRefused)}</Alert>}
      {files.placeholders.length > 0 && (
        <Alert intent="warning">
          <span data-testid="ledger-placeholders">{t("run.defaultAccounts", { roles: files.placeholders.map((p) => `${t(`role.${p.role}`)} (${p.role}) ${p.account}`).join(", ") })}</span>
        </Alert>
      )}
    </Section>
  );
}
