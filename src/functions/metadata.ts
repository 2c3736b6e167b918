/**
 * The functions' help in Excel's formula autocomplete, in Swedish and Malay.
 *
 * custom-functions-metadata-plugin writes functions.json, in English, from
 * the JSDoc in functions.ts. Excel reads one metadata file per locale: the
 * manifest's `Functions.Metadata.Url` has a `bt:Override` for sv-SE and for
 * ms-MY (docs/addin.md, Languages). The build (webpack.config.js) makes those
 * two files from functions.json with this module: every function's and every
 * parameter's description replaced by its catalog text, everything else (ids,
 * names, types, help URLs) as it is. The English texts in the catalogs are the
 * JSDoc's, word for word (test/functions/metadata.test.ts), so functions.json
 * and the catalogs cannot drift apart.
 */
import { translator, type Language, type MessageKey } from "../i18n";

/** The help texts: the `function.help.*` keys of the catalogs. */
export type HelpKey = Extract<MessageKey, `function.help.${string}`>;

/** The part of functions.json this module reads and writes; every other field passes through untouched. */
export interface FunctionsMetadata {
  functions: FunctionMetadata[];
}
export interface FunctionMetadata {
  id: string;
  description?: string;
  parameters: { name: string; description?: string }[];
}

/** Each function's catalog key for its description, and each parameter's. */
export const FUNCTION_HELP: Readonly<Record<string, { description: HelpKey; parameters: Readonly<Record<string, HelpKey>> }>> = {
  STDCOST: {
    description: "function.help.STDCOST",
    parameters: { items: "function.help.itemsColumns", bom: "function.help.bomColumns", item: "function.help.item", part: "function.help.part", asOf: "function.help.asOf" },
  },
  ROLLUP: {
    description: "function.help.ROLLUP",
    parameters: { items: "function.help.items", bom: "function.help.bom", asOf: "function.help.asOf" },
  },
  EXPLODE: {
    description: "function.help.EXPLODE",
    parameters: { bom: "function.help.bomLeaves", item: "function.help.itemToExplode", qty: "function.help.unitsOfItem", asOf: "function.help.asOf" },
  },
  COST: {
    description: "function.help.COST",
    parameters: { items: "function.help.items", bom: "function.help.bom", item: "function.help.item", qty: "function.help.units", part: "function.help.part", asOf: "function.help.asOf" },
  },
  PRICEVAR: {
    description: "function.help.PRICEVAR",
    parameters: { actualAmount: "function.help.actualAmount", qty: "function.help.qtyBought", stdPrice: "function.help.stdPrice" },
  },
  USAGEVAR: {
    description: "function.help.USAGEVAR",
    parameters: { bookQty: "function.help.bookQty", countedQty: "function.help.countedQty", stdPrice: "function.help.stdPrice" },
  },
  CONVVAR: {
    description: "function.help.CONVVAR",
    parameters: { incurred: "function.help.incurred", allocated: "function.help.allocated" },
  },
  JOURNAL: {
    description: "function.help.JOURNAL",
    parameters: {
      items: "function.help.items",
      bom: "function.help.bom",
      production: "function.help.production",
      sales: "function.help.sales",
      purchases: "function.help.purchases",
      conversion: "function.help.conversion",
      triggers: "function.help.triggers",
      inventory: "function.help.inventory",
      settings: "function.help.settings",
      accounts: "function.help.accounts",
    },
  },
  REVIEW: {
    description: "function.help.REVIEW",
    parameters: {
      items: "function.help.items",
      bom: "function.help.bom",
      purchases: "function.help.purchases",
      production: "function.help.production",
      inventory: "function.help.inventoryCounts",
      sales: "function.help.salesOptional",
      conversion: "function.help.conversionOptional",
      triggers: "function.help.triggers",
      settings: "function.help.settingsTolerance",
      language: "function.help.language",
    },
  },
};

/** The metadata file Excel reads for each language, as the manifest names it. */
export const METADATA_FILES: Readonly<Record<Language, string>> = { en: "functions.json", sv: "functions-sv.json", ms: "functions-ms.json" };

/**
 * functions.json with its descriptions in `language`.
 * @throws Error when a function or a parameter has no catalog text: a function added without its help fails the build.
 */
export function metadataIn<M extends FunctionsMetadata>(metadata: M, language: Language): M {
  const t = translator(language);
  return {
    ...metadata,
    functions: metadata.functions.map((f) => {
      const help = FUNCTION_HELP[f.id];
      if (!help) throw new Error(`functions.json: ${f.id} has no help texts in src/functions/metadata.ts`);
      return {
        ...f,
        description: t.t(help.description),
        parameters: f.parameters.map((p) => {
          const key = help.parameters[p.name];
          if (!key) throw new Error(`functions.json: ${f.id}(${p.name}) has no help text in src/functions/metadata.ts`);
          return { ...p, description: t.t(key) };
        }),
      };
    }),
  };
}
