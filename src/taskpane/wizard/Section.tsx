/** A titled part of a step: a section named by its heading, for screen readers' landmarks and headings lists. */
import type { ReactNode } from "react";
import { useId } from "@fluentui/react-components";
import { useStepStyles } from "./styles";

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStepStyles();
  const id = useId("section");
  return (
    <section aria-labelledby={id} className={styles.tight}>
      <h3 id={id} className={styles.subheading}>
        {title}
      </h3>
      {children}
    </section>
  );
}
