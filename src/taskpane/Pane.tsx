/**
 * The whole pane: the language (picked, remembered, or from ?lang=), the
 * shell, and either the wizard over the open Excel workbook or, outside
 * Office, the browser mode's file picker.
 */
import { Select, makeStyles, useId } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Language } from "../i18n";
import { LANGUAGES, languageOf, translator } from "../i18n";
import { App } from "./App";
import { BrowserStart } from "./BrowserStart";
import { TranslatorProvider } from "./i18n";
import type { JobRunner } from "./job/runner";
import type { WorkbookSession } from "./session";
import { Wizard } from "./wizard/Wizard";

const usePaneStyles = makeStyles({
  // Wraps under its label where the pane is narrow (a 320 px pane at 200 % zoom is 160 px of page).
  language: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: "6px",
    minWidth: 0,
  },
  select: {
    minWidth: "min(8.5rem, 100%)",
    maxWidth: "100%",
  },
});

export interface PaneProps {
  initialLanguage: Language;
  /** The language was given on the URL (?lang=) and stays. */
  languageFixed: boolean;
  runner: JobRunner;
  /** The open workbook, inside Excel; absent in a plain browser. */
  session?: WorkbookSession;
}

export function Pane({ initialLanguage, languageFixed, runner, session }: PaneProps) {
  const [language, setLanguage] = useState(initialLanguage);
  const tr = useMemo(() => translator(language), [language]);
  const onLanguage = useCallback((l: Language) => setLanguage(l), []);
  const styles = usePaneStyles();
  const selectId = useId("language");

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const picker = (
    <div className={styles.language}>
      <label htmlFor={selectId}>{tr.t("app.language")}</label>
      <Select
        id={selectId}
        className={styles.select}
        size="small"
        value={language}
        onChange={(_, data) => {
          const picked = languageOf(data.value);
          if (picked) setLanguage(picked);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </Select>
    </div>
  );

  const wizardProps = { runner, language, languageFixed, onLanguage };
  return (
    <TranslatorProvider value={tr}>
      <App label={tr.t("app.wizardLabel")} tools={picker}>
        {session ? <Wizard session={session} {...wizardProps} /> : <BrowserStart {...wizardProps} />}
      </App>
    </TranslatorProvider>
  );
}
