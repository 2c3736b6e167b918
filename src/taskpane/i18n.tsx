/** The pane's translator, handed down through React context. */
import { createContext, useContext } from "react";
import type { Translator } from "../i18n";
import { translator } from "../i18n";

const TranslatorContext = createContext<Translator>(translator("en"));

export const TranslatorProvider = TranslatorContext.Provider;

export function useT(): Translator {
  return useContext(TranslatorContext);
}
