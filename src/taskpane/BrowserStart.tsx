/**
 * Outside Office: open an .xlsx file (or start an empty workbook) and run the
 * wizard on it in the page. The .xlsx adapter loads only here, as a chunk of
 * its own.
 */
import { Button, Spinner, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { Language, Translator } from "../i18n";
import type { JobRunner } from "./job/runner";
import type { WorkbookSession } from "./session";
import { WORKBOOK_ACCEPT } from "./session";
import { notWorkbookWords } from "../adapters/xlsx/kind-words";
import { useT } from "./i18n";
import { reasonOf } from "./wizard/controller";
import { Alert } from "./wizard/Alert";
import { useStepStyles } from "./wizard/styles";
import { Wizard } from "./wizard/Wizard";

const useStartStyles = makeStyles({
  file: {
    justifyContent: "space-between",
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  hidden: {
    display: "none",
  },
});

const loadBrowserSessions = () => import(/* webpackChunkName: "xlsx" */ "./session-browser");

export interface BrowserStartProps {
  runner: JobRunner;
  language: Language;
  languageFixed: boolean;
  onLanguage(language: Language): void;
}

export function BrowserStart(props: BrowserStartProps) {
  const tr = useT();
  const { t } = tr;
  const styles = useStepStyles();
  const s = useStartStyles();
  const input = useRef<HTMLInputElement>(null);
  // Each opened workbook gets a fresh wizard: the number keys it.
  const [opened, setOpened] = useState<{ session: WorkbookSession; n: number }>();
  const session = opened?.session;
  const setSession = (next: WorkbookSession) => setOpened((before) => ({ session: next, n: (before?.n ?? 0) + 1 }));
  const [reading, setReading] = useState<string>();
  // Said when shown, in the pane's language then: a language picked afterwards says it again in its own words.
  const [failure, setFailure] = useState<(tr: Translator) => string>();

  const open = async (file: File) => {
    setFailure(undefined);
    setReading(file.name);
    try {
      const { openBrowserSession, downloadFile, fileKindOf } = await loadBrowserSessions();
      const bytes = await file.arrayBuffer();
      // A file that is not an .xlsx workbook is named for what it is, with what to do.
      const kind = fileKindOf(bytes);
      if (notWorkbookWords(tr, file.name, kind)) {
        setFailure(() => (now: Translator) => notWorkbookWords(now, file.name, kind) ?? "");
        return;
      }
      const next = await openBrowserSession(bytes, file.name, downloadFile);
      // The same file opened again (after fixing a cell, as the check says to): the wizard starts where it was, choices and
      // previous result alike, not from the workbook's Settings table as a new file does.
      if (session && session.title === file.name) {
        await next.saveChoices(await session.loadChoices());
        next.opening = session.opening;
      }
      setSession(next);
    } catch (e) {
      setFailure(() => (now: Translator) => now.t("open.failed", { file: file.name, reason: reasonOf(e, now) }));
    } finally {
      setReading(undefined);
    }
  };

  const startEmpty = async () => {
    setFailure(undefined);
    const { emptyBrowserSession, downloadFile } = await loadBrowserSessions();
    setSession(await emptyBrowserSession(t("open.emptyName"), downloadFile));
  };

  const picker = (
    <input
      ref={input}
      className={s.hidden}
      type="file"
      accept={WORKBOOK_ACCEPT}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = "";
        if (file) void open(file);
      }}
    />
  );

  // A live region in the page from the start: reading a file, and why it could not be read, are announced.
  const status = (
    <div role="status" aria-live="polite">
      {reading && <Spinner size="small" label={t("open.reading", { file: reading })} />}
      {failure && <Alert intent="error">{failure(tr)}</Alert>}
    </div>
  );

  if (session) {
    return (
      <div className={styles.stack}>
        <div className={mergeClasses(styles.row, s.file)}>
          <span className={styles.wrap}>{t("open.current", { file: session.title ?? "" })}</span>
          <Button size="small" onClick={() => input.current?.click()}>
            {t("open.other")}
          </Button>
          {picker}
        </div>
        {status}
        <Wizard key={opened?.n} session={session} {...props} focusOnStart />
      </div>
    );
  }

  return (
    <div className={styles.stack}>
      <h2 className={styles.heading}>{t("open.title")}</h2>
      <p>{t("open.intro")}</p>
      {picker}
      <div className={styles.row}>
        <Button appearance="primary" disabledFocusable={reading !== undefined} onClick={() => input.current?.click()}>
          {t("open.file")}
        </Button>
        <Button disabledFocusable={reading !== undefined} onClick={() => void startEmpty()}>
          {t("open.empty")}
        </Button>
      </div>
      {status}
    </div>
  );
}
