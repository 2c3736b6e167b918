/**
 * The help page the manifest's SupportUrl points at, one file per language
 * (help.html, help-sv.html, help-ms.html), made by the build
 * (webpack.config.js) from the catalogs: the same words as the pane, and the
 * functions' own help texts, so it lists every function there is and cannot
 * fall behind them.
 */
import { LANGUAGES, translator, type Language } from "../i18n";
import { FUNCTION_HELP } from "../functions/metadata";
import { escapeXml } from "../adapters/xlsx/xml";

/** Each language's file; the manifest overrides SupportUrl for Swedish and Malay locales with these. */
export const HELP_FILES: Readonly<Record<Language, string>> = { en: "help.html", sv: "help-sv.html", ms: "help-ms.html" };

const STEP_KEYS = ["help.step.data", "help.step.method", "help.step.check", "help.step.run"] as const;

/** The page in `language`: a main landmark holding every heading and paragraph, as axe-core asks. */
export function helpPage(language: Language): string {
  const { t } = translator(language);
  const text = (s: string) => escapeXml(s);
  const functions = Object.entries(FUNCTION_HELP).map(
    ([name, help]) => `        <li><code>=BACKFLUSH.${name}(${Object.keys(help.parameters).join(", ")})</code>: ${text(t(help.description))}</li>`,
  );
  const others = LANGUAGES.filter((l) => l.code !== language).map((l) => `<a href="${HELP_FILES[l.code]}" lang="${l.code}" hreflang="${l.code}">${text(l.name)}</a>`);
  return `<!doctype html>
<html lang="${language}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${text(t("help.title"))}</title>
    <style>
      /* A long word ("Kalkylbladsfunktioner") breaks rather than scroll the page sideways in a pane at 200 % zoom. */
      body { font-family: "Segoe UI", system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; overflow-wrap: anywhere; }
      /* A function's signature breaks where it must: no sideways scrolling in a pane 320 px wide. */
      code { font-family: Consolas, ui-monospace, monospace; overflow-wrap: anywhere; }
    </style>
  </head>
  <body>
    <main>
      <h1>Backflush</h1>
      <p>${text(t("help.intro"))}</p>
      <h2>${text(t("help.steps"))}</h2>
      <ol>
${STEP_KEYS.map((k) => `        <li>${text(t(k))}</li>`).join("\n")}
      </ol>
      <h2>${text(t("help.functions"))}</h2>
      <p>${text(t("help.functionsIntro"))}</p>
      <ul>
${functions.join("\n")}
      </ul>
      <h2>${text(t("help.permissions"))}</h2>
      <p>${text(t("help.permissionsText"))}</p>
    </main>
    <footer>
      <p>${others.join(" · ")}</p>
    </footer>
  </body>
</html>
`;
}
