/**
 * The task pane's shell: Fluent UI provider, the title, and the region the
 * period wizard renders into (`#wizard-root`; pass the wizard as children).
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
  wizard: {
    flexGrow: 1,
  },
});

export interface AppProps {
  /** The wizard (or anything else) shown in the `#wizard-root` region. */
  children?: ReactNode;
}

export function App({ children }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme} className={styles.shell}>
      <header>
        <Title2 as="h1">Backflush</Title2>
      </header>
      <main id="wizard-root" className={styles.wizard} aria-label="Backflush wizard">
        {children}
      </main>
    </FluentProvider>
  );
}
