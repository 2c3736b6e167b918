/**
 * The typed key set of the task pane's text. en.ts defines it; every other
 * catalog is a `Catalog`, so a missing or extra key is a compile error, and a
 * call that leaves out one of a message's `{parameters}` is one too.
 */
import type { en } from "./en";

export type MessageKey = keyof typeof en;
export type Catalog = { readonly [K in MessageKey]: string };

/** The `{name}` parameters of a message text, as a union of names. */
export type ParamsOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamsOf<Rest> : never;
export type ParamValues<K extends MessageKey> = Readonly<Record<ParamsOf<(typeof en)[K]>, string | number>>;
/** The arguments after the key: none for a message without parameters. */
export type ParamArgs<K extends MessageKey> = [ParamsOf<(typeof en)[K]>] extends [never] ? [] : [ParamValues<K>];

/** Messages with plural forms: the base of a `base.one` / `base.other` pair. */
export type PluralBase = { [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never }[MessageKey];
/** The parameters of a plural message, apart from `count`, which the count fills in. */
export type PluralParams<B extends PluralBase> = Readonly<Record<Exclude<ParamsOf<(typeof en)[`${B}.one` & MessageKey]> | ParamsOf<(typeof en)[`${B}.other` & MessageKey]>, "count">, string | number>>;
export type PluralArgs<B extends PluralBase> = [Exclude<ParamsOf<(typeof en)[`${B}.one` & MessageKey]> | ParamsOf<(typeof en)[`${B}.other` & MessageKey]>, "count">] extends [never] ? [] : [PluralParams<B>];
