/**
 * The task pane's shell: Fluent UI provider, the title with the language
 * picker, and the region the wizard renders into (`#wizard-root`).
 */
import type { ReactNode } from "react";
import { FluentProvider, Title2, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";

const useStyles = makeStyles({
  shell: {
    minHeight: "100vh",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: "border-box",
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  wizard: {
    flexGrow: 1,
    minWidth: 0,
    // Spacing comes from the steps' stacks; a paragraph's own margins would double it.
    "& p": {
      marginTop: 0,
      marginBottom: 0,
    },
  },
});

export interface AppProps {
  /** The accessible name of the wizard region, in the pane's language. */
  label?: string;
  /** Shown at the end of the header (the language picker). */
  tools?: ReactNode;
  /** The wizard (or anything else) shown in the `#wizard-root` region. */
  children?: ReactNode;
}

export function App({ label = "Backflush wizard", tools, children }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme} className={styles.shell}>
      <header className={styles.header}>
        <Title2 as="h1">Backflush</Title2>
        {tools}
      </header>
      <main id="wizard-root" className={styles.wizard} aria-label={label}>
        {children}
      </main>
    </FluentProvider>
  );
}
