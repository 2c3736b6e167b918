/**
 * The `backflush` command line. `main(argv, io)` parses the arguments, runs a
 * command and returns the exit code (EXIT: 0 done, 1 the data has problems,
 * 2 a file or usage problem, 3 a bug of ours), so tests run it in-process;
 * bin/backflush.js and `npm run demo` call it for real.
 */
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import type { Language, MessageKey, Translator } from "../i18n";
import { languageOf, translator } from "../i18n";
import { BACKFLUSH_VERSION } from "../workbook/job";
import type { CliIo } from "./commands";
import { systemErrorWords } from "./file-words";
import { terminalSafe } from "./summary";
import { DEMO_OUTPUT, EXIT, SAMPLE_WORKBOOK, UsageError, demoCommand, runCommand, templateCommand } from "./commands";

export type { CliIo } from "./commands";
export { EXIT } from "./commands";

/** The commands, each with what it does. */
const USAGE: readonly (readonly [string, "cli.help.run" | "cli.help.inPlace" | "cli.help.checkOnly" | "cli.help.opening" | "cli.help.exports" | "cli.help.template" | "cli.help.help"])[] = [
  ["backflush run INPUT.xlsx -o OUTPUT.xlsx", "cli.help.run"],
  ["backflush run INPUT.xlsx --in-place", "cli.help.inPlace"],
  ["backflush run INPUT.xlsx", "cli.help.checkOnly"],
  ["backflush run INPUT.xlsx --opening PREVIOUS-RESULT.xlsx -o OUTPUT.xlsx", "cli.help.opening"],
  ["backflush run INPUT.xlsx --sie OUT.si --csv OUT.csv [--summary]", "cli.help.exports"],
  ["backflush template FILE.xlsx", "cli.help.template"],
];

/** The options, each with what it does. */
const OPTION_HELP: readonly (readonly [string, Extract<MessageKey, `cli.help.${string}`>])[] = [
  ["-o, --output FILE", "cli.help.output"],
  ["    --in-place", "cli.help.inPlaceOption"],
  ["    --json", "cli.help.json"],
  ["    --sie FILE", "cli.help.sie"],
  ["    --csv FILE", "cli.help.csv"],
  ["    --summary", "cli.help.summary"],
  ["    --lang LANG", "cli.help.lang"],
  ["    --opening FILE", "cli.help.openingOption"],
  ["-h, --help", "cli.help.help"],
  ["-v, --version", "cli.help.version"],
];

/** `backflush help` in the translator's language: the command lines and options as they are typed, what they do in words. */
export function helpText(tr: Translator): string {
  const command = (syntax: string, text: string) => (syntax.length < 40 ? `  ${syntax.padEnd(40)}  ${text}` : `  ${syntax}\n${" ".repeat(44)}${text}`);
  const say = (key: Extract<MessageKey, `cli.help.${string}`>) => (tr.t as (key: MessageKey, params?: Record<string, string>) => string)(key, { version: BACKFLUSH_VERSION, output: DEMO_OUTPUT });
  return [
    say("cli.help.title"),
    "",
    say("cli.help.usage"),
    ...USAGE.map(([syntax, key]) => command(syntax, say(key))),
    command("backflush demo [-o OUTPUT.xlsx] [--json]", say("cli.help.demo")),
    command("backflush help", say("cli.help.help")),
    "",
    say("cli.help.options"),
    ...OPTION_HELP.map(([syntax, key]) => `  ${syntax.padEnd(20)}${say(key)}`),
    "",
    say("cli.help.exitCodes"),
    say("cli.help.docs"),
    "",
  ].join("\n");
}

/** The help in English (docs/cli.md quotes it). */
export const HELP = helpText(translator("en"));

/** The language of the user's locale: the first of LC_ALL, LC_MESSAGES and LANG that is set decides ("sv_SE.UTF-8" → sv; "C" → English), else, on Windows, the regional settings' locale ("sv-SE"). */
export function localeLanguage(env: Readonly<Record<string, string | undefined>>, systemLocale: () => string | undefined = windowsLocale): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== "") ?? systemLocale();
  return languageOf(locale) ?? "en";
}

/**
 * Windows sets none of LC_ALL, LC_MESSAGES and LANG: there the user's locale is
 * what the runtime's Intl reports (the regional settings'). Elsewhere Intl
 * reads those same variables from the process, not from the environment a
 * caller passes, so it is not asked.
 */
function windowsLocale(): string | undefined {
  return process.platform === "win32" ? Intl.DateTimeFormat().resolvedOptions().locale : undefined;
}

const OPTIONS = {
  output: { type: "string", short: "o" },
  "in-place": { type: "boolean" },
  json: { type: "boolean" },
  sie: { type: "string" },
  csv: { type: "string" },
  summary: { type: "boolean" },
  opening: { type: "string" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** The streams whose reader has gone (`backflush … --json | head`): what is still to print is dropped. */
const closedStreams = new WeakSet<NodeJS.WritableStream>();

/** Writes to the stream while it is open; drops the text once it has failed. */
export function writerTo(stream: NodeJS.WritableStream): (text: string) => void {
  return (text) => {
    if (!closedStreams.has(stream) && !(stream as Partial<Writable>).destroyed) stream.write(text);
  };
}

export function processIo(): CliIo {
  return {
    stdout: writerTo(process.stdout),
    stderr: writerTo(process.stderr),
    cwd: process.cwd(),
    interactive: process.stderr.isTTY === true && !process.env.CI,
    now: () => new Date(),
    sampleWorkbook: SAMPLE_WORKBOOK,
    env: process.env,
    tr: translator(localeLanguage(process.env)),
  };
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const cli: CliIo = { ...processIo(), ...io };
  // The locale's language, unless the command line names one with --lang (dispatch finds it even in a command line that cannot be parsed).
  cli.tr = io.tr ?? translator(localeLanguage(cli.env));
  try {
    return await dispatch(argv, cli);
  } catch (e) {
    if (e instanceof UsageError) {
      // A refusal may quote a cell (a previous result's Closing): its control characters shown, never sent to the terminal.
      cli.stderr(`backflush: ${e.message.split("\n").map(terminalSafe).join("\n")}\n`);
      return EXIT.usage;
    }
    // Anything else is a bug of ours, never the user's data or files: say so, with what a report needs.
    cli.stderr(`backflush: ${cli.tr.t("cli.bug")}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.bug;
  }
}

/**
 * The language an explicit `--lang X` or `--lang=X` asks for, found before the
 * command line is parsed strictly, so that a command line that cannot be
 * parsed is said in it too: the same options read leniently (the last one
 * counts; nothing after `--` is an option). Only a code we speak is taken
 * (the parse reports any other).
 */
function langBeforeParsing(argv: readonly string[]): Language | undefined {
  let lang: string | undefined;
  for (const { option, value } of optionTokens(argv)) if (option === "--lang" && value !== undefined) lang = value;
  return lang === undefined ? undefined : langCode(lang);
}

/**
 * The options as typed, up to `--`, each with the value it takes ("-o out.xlsx",
 * "--csv=j.csv"): a value is the next word unless that is an option itself
 * (`-o --lang sv` gives -o none, and --lang sv). Short options are read one by one.
 */
function* optionTokens(argv: readonly string[]): Generator<{ option: string; name?: keyof typeof OPTIONS; value?: string; inline: boolean; next?: string }> {
  const byShort = new Map(Object.entries(OPTIONS).flatMap(([name, o]) => ("short" in o ? [[o.short as string, name as keyof typeof OPTIONS]] : [])));
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--") return;
    if (!word.startsWith("-") || word === "-") continue;
    if (!word.startsWith("--") && word.length > 2) {
      // "-hv" is -h and -v; "-oout.xlsx" is -o with its value.
      const first = byShort.get(word[1]);
      if (first !== undefined && OPTIONS[first].type === "string") yield { option: word.slice(0, 2), name: first, value: word.slice(2), inline: false };
      else for (const c of word.slice(1)) yield { option: `-${c}`, name: byShort.get(c), inline: false };
      continue;
    }
    const eq = word.indexOf("=");
    const option = word.startsWith("--") && eq > 0 ? word.slice(0, eq) : word;
    const name = option.startsWith("--") ? (Object.hasOwn(OPTIONS, option.slice(2)) ? (option.slice(2) as keyof typeof OPTIONS) : undefined) : byShort.get(option.slice(1));
    const takes = name !== undefined && OPTIONS[name].type === "string";
    if (eq > 0 && word.startsWith("--")) yield { option, name, value: word.slice(eq + 1), inline: true };
    else if (takes && argv[i + 1] !== undefined && !(argv[i + 1].startsWith("-") && argv[i + 1] !== "-")) yield { option, name, value: argv[++i], inline: false };
    else yield { option, name, inline: false, next: argv[i + 1] };
  }
}

/** Whether a word is one of our short options ("-o", "-h", "-v"), or a group of them. */
function isShortOption(word: string): boolean {
  const shorts = new Set(Object.values(OPTIONS).flatMap((o) => ("short" in o ? [o.short as string] : [])));
  return word.length >= 2 && [...word.slice(1)].every((c) => shorts.has(c));
}

/** What is wrong with the options, in our words, where Node's parser refused them; undefined when we cannot tell (Node's words are then shown). */
function optionProblem(argv: readonly string[], tr: Translator): string | undefined {
  for (const t of optionTokens(argv)) {
    if (t.name === undefined) return tr.t("cli.usage.unknownOption", { option: t.option });
    const takes = OPTIONS[t.name].type === "string";
    if (takes && t.value === undefined) {
      // A value that looks like an option is Node's to refuse: it can be given as --output=-x.xlsx.
      const next = t.next;
      if (next !== undefined && next.startsWith("-") && !next.startsWith("--") && !isShortOption(next)) return tr.t("cli.usage.dashValue", { option: t.option, value: next, long: `--${t.name}` });
      return t.name === "lang" ? tr.t("cli.usage.langNone") : tr.t("cli.usage.missingValue", { option: t.option });
    }
    if (!takes && t.inline) return tr.t("cli.usage.noValue", { option: t.option });
  }
  return undefined;
}

/** The language a --lang value names: only the codes themselves ("sv_SE" is a locale, not a --lang). */
function langCode(value: string): Language | undefined {
  const lang = languageOf(value);
  return lang !== undefined && lang === value.trim().toLowerCase() ? lang : undefined;
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  const seeHelp = () => io.tr.t("cli.usage.seeHelp");
  const asked = langBeforeParsing(argv);
  if (asked !== undefined) io.tr = translator(asked);
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    // Said in our words where we can tell what is wrong; otherwise Node's own, which name the option at fault, introduced in ours.
    const ours = optionProblem(argv, io.tr);
    const reason = (e as Error).message;
    throw new UsageError(`${ours ?? io.tr.t("cli.usage.badOption", { reason })}\n${seeHelp()}`);
  }
  const { values, positionals, tokens } = parsed;
  if (values.lang !== undefined) {
    const lang = langCode(values.lang);
    if (lang === undefined) throw new UsageError(`${io.tr.t(values.lang.trim() === "" ? "cli.usage.langNone" : "cli.usage.lang", { value: values.lang })}\n${seeHelp()}`);
    io.tr = translator(lang);
  }
  const { tr } = io;
  const [command, ...rest] = positionals;
  if (values.version) {
    io.stdout(`${BACKFLUSH_VERSION}\n`);
    return EXIT.done;
  }
  if (values.help || command === "help") {
    io.stdout(helpText(tr));
    return EXIT.done;
  }
  if (command === undefined) {
    io.stderr(helpText(tr));
    return EXIT.usage;
  }
  const usage = (message: string) => new UsageError(`${message}\n${seeHelp()}`);
  for (const [name, flag] of [["output", "-o"], ["sie", "--sie"], ["csv", "--csv"], ["opening", "--opening"]] as const) {
    // A file given twice (-o a.xlsx -o b.xlsx) would silently lose the first: refused, naming both (--lang may repeat; the last counts).
    const given = tokens.flatMap((t) => (t.kind === "option" && t.name === name ? [t.value ?? ""] : []));
    if (given.length > 1) throw usage(tr.t("cli.usage.twice", { option: flag, first: given[0], second: given[1] }));
    // An empty name ("-o ''") would resolve to the working folder itself.
    if (values[name] !== undefined && values[name].trim() === "") throw usage(tr.t("cli.usage.emptyFile", { option: flag }));
  }
  if (positionals.slice(1).some((p) => p.trim() === "")) throw usage(tr.t("cli.usage.emptyFile", { option: command }));
  const refuse = (...names: (keyof typeof OPTIONS)[]) => {
    for (const n of names) if (values[n] !== undefined) throw usage(tr.t("cli.usage.notTaken", { command, option: n }));
  };
  switch (command) {
    case "run": {
      if (rest.length === 0) throw usage(tr.t("cli.usage.runNone"));
      if (rest.length !== 1) throw usage(tr.t("cli.usage.runOne", { given: rest.join(" ") }));
      if (values.output !== undefined && values["in-place"]) throw usage(tr.t("cli.usage.outputOrInPlace"));
      const exports = { sie: values.sie, csv: values.csv, summary: values.summary === true };
      return runCommand(io, { input: rest[0], output: values.output, inPlace: values["in-place"] === true, json: values.json === true, exports, opening: values.opening });
    }
    case "demo": {
      if (rest.length !== 0) throw usage(tr.t("cli.usage.demoFiles", { given: rest.join(" ") }));
      refuse("in-place", "sie", "csv", "summary", "opening");
      return demoCommand(io, values.output, values.json === true);
    }
    case "template": {
      if (rest.length !== 1) throw usage(tr.t("cli.usage.templateOne"));
      refuse("output", "in-place", "json", "sie", "csv", "summary", "opening");
      return templateCommand(io, rest[0]);
    }
    default:
      throw usage(tr.t("cli.usage.unknownCommand", { command }));
  }
}

/** What a failed output stream may do to the process: tell the user, and set the exit code. */
export interface OutputFailure {
  stderr(text: string): void;
  exitCode(): number | undefined;
  setExitCode(code: number): void;
  /** The language to say it in (the locale's: the stream may fail before --lang is read); English when absent. */
  tr?: Translator;
}

/**
 * A closed stdout or stderr ends our output quietly: Node reports a write to a
 * pipe whose reader has exited (`| head`) as an EPIPE 'error' event, which
 * unhandled would end the process with a stack trace and exit code 1, the code
 * of data problems. The run itself goes on to its end (a save under way
 * finishes or cleans up), and its exit code stands. Any other failure the
 * stream reports leaves the output incomplete: it is said on stderr, and a
 * run that was done exits 2, a file problem.
 */
export function endOutputQuietlyWhenClosed(stream: NodeJS.WritableStream, failure: OutputFailure): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    closedStreams.add(stream);
    // A write after the pipe closed reports the stream destroyed: the same closed pipe.
    if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") return;
    const tr = failure.tr ?? translator("en");
    failure.stderr(`backflush: ${tr.t("cli.outputFailed", { reason: systemErrorWords(e, tr) ?? tr.t("cli.sys.other", { code: String(e.code ?? e.name) }) })}\n`);
    // The run's own code may be set before or after this: a done run becomes a file problem either way (runFromProcess).
    const code = failure.exitCode();
    if (code === undefined || code === EXIT.done) failure.setExitCode(EXIT.usage);
  });
}

/**
 * Runs the command line for this process: argv from it, exit code set on it.
 * Only bin/backflush.js calls it: the module runs nothing when loaded, since a
 * bundle that holds it (the bench's) would otherwise run a command on its own arguments.
 */
export function runFromProcess(): void {
  const argv = process.argv.slice(2);
  const failure: OutputFailure = {
    stderr: writerTo(process.stderr),
    exitCode: () => (typeof process.exitCode === "number" ? process.exitCode : undefined),
    setExitCode: (code) => void (process.exitCode = code),
    // A failing output is said in the run's language: an explicit --lang, else the locale's.
    tr: translator(langBeforeParsing(argv) ?? localeLanguage(process.env)),
  };
  endOutputQuietlyWhenClosed(process.stdout, failure);
  endOutputQuietlyWhenClosed(process.stderr, failure);
  void main(argv).then((code) => {
    if (process.exitCode === undefined || code !== EXIT.done) process.exitCode = code;
  });
}
