/**
 * Readers of our ledger exports written in the tests, not with the writers'
 * code: an SIE 4 reader over the raw bytes (code page 437 decoded by a table
 * of the letters the tests use, so a UTF-8 or Latin-1 byte fails), and an
 * RFC 4180 reader.
 */
import { strict as assert } from "node:assert";
import { Dec } from "../../src/engine/money";

/** Code page 437's bytes for the letters these tests use above ASCII (the code page's published table). */
const CP437: Readonly<Record<number, string>> = { 0x86: "å", 0x84: "ä", 0x94: "ö", 0x8f: "Å", 0x8e: "Ä", 0x99: "Ö", 0x82: "é", 0x81: "ü" };

export function decodeCp437(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) {
    if (b < 0x80) text += String.fromCharCode(b);
    else if (CP437[b]) text += CP437[b];
    else throw new Error(`byte 0x${b.toString(16)} is not one of the code page 437 letters expected`);
  }
  return text;
}

/** One SIE record's fields: words, "quoted text" with \" and \\ inside, and {…} object lists as one field. */
export function sieFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t") i++;
    else if (c === '"') {
      let text = "";
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < line.length) i++;
        text += line[i++];
      }
      if (line[i] !== '"') throw new Error(`unclosed quote in: ${line}`);
      i++;
      fields.push(text);
    } else if (c === "{") {
      const end = line.indexOf("}", i);
      if (end < 0) throw new Error(`unclosed { in: ${line}`);
      fields.push(line.slice(i, end + 1));
      i = end + 1;
    } else {
      let word = "";
      while (i < line.length && line[i] !== " " && line[i] !== "\t") word += line[i++];
      fields.push(word);
    }
  }
  return fields;
}

export interface SieVer {
  series: string;
  number: string;
  date: string;
  text: string;
  trans: { account: string; amount: Dec; date: string; text: string }[];
}
export interface SieFile {
  records: string[][];
  konto: Map<string, string>;
  vers: SieVer[];
}

/** The file's records, accounts and verifications; throws on anything out of the format's shape. */
export function readSie(bytes: Uint8Array): SieFile {
  const text = decodeCp437(bytes);
  assert.ok(text.endsWith("\r\n"), "the last record ends with CR LF");
  const lines = text.slice(0, -2).split("\r\n");
  const records: string[][] = [];
  const konto = new Map<string, string>();
  const vers: SieVer[] = [];
  let open: SieVer | undefined;
  let inBlock = false;
  for (const line of lines) {
    assert.ok(!/[\r\n]/.test(line), `a bare line break inside: ${JSON.stringify(line)}`);
    const trimmed = line.trim();
    if (trimmed === "{") {
      assert.ok(open && !inBlock, "{ follows a #VER");
      inBlock = true;
      continue;
    }
    if (trimmed === "}") {
      assert.ok(inBlock, "} closes a #VER");
      vers.push(open!);
      open = undefined;
      inBlock = false;
      continue;
    }
    const f = sieFields(trimmed);
    assert.ok(/^#[A-Z]+$/.test(f[0]), `record label: ${line}`);
    records.push(f);
    if (f[0] === "#KONTO") konto.set(f[1], f[2]);
    if (f[0] === "#VER") {
      assert.ok(!open && !inBlock, "a #VER inside a #VER");
      open = { series: f[1], number: f[2], date: f[3], text: f[4], trans: [] };
    }
    if (f[0] === "#TRANS") {
      assert.ok(inBlock, "#TRANS only inside a #VER's braces");
      assert.equal(f[2], "{}", "an empty object list");
      assert.match(f[3], /^-?\d+(\.\d+)?$/, "an amount with a point and no grouping");
      open!.trans.push({ account: f[1], amount: new Dec(f[3]), date: f[4], text: f[5] });
    }
  }
  assert.ok(!open && !inBlock, "the last #VER is closed");
  return { records, konto, vers };
}

/** RFC 4180: fields split by commas, records by CR LF, "quoted" fields with "" for a quote. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  let field = "";
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === "") {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unclosed quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
      assert.ok(i >= text.length || text[i] === "," || text[i] === "\r", "a quoted field ends at a separator");
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r") {
      assert.equal(text[i + 1], "\n", "records end with CR LF");
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      assert.notEqual(c, "\n", "no bare LF");
      assert.notEqual(c, '"', "no quote inside an unquoted field");
      field += c;
      i++;
    }
  }
  assert.equal(field, "", "the last record ends with CR LF");
  assert.equal(row.length, 0);
  return rows;
}


/** Per-account nets as fixed-point strings, accounts that net to zero left out, in account order. */
export function nonZeroNets(net: ReadonlyMap<string, Dec>): Map<string, string> {
  return new Map<string, string>(
    [...net]
      .filter(([, v]) => !v.isZero())
      .map(([k, v]): [string, string] => [k, v.toFixed(2)])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Debit positive, credit negative: each account's net over every #VER of a file. */
export function sieNets(file: SieFile): Map<string, string> {
  const net = new Map<string, Dec>();
  for (const v of file.vers) for (const t of v.trans) net.set(t.account, (net.get(t.account) ?? new Dec(0)).plus(t.amount));
  return nonZeroNets(net);
}

/** Each account's debit − credit over a CSV export's records (header row first). */
export function csvNets(rows: readonly string[][]): Map<string, string> {
  const net = new Map<string, Dec>();
  for (const r of rows.slice(1)) net.set(r[2], (net.get(r[2]) ?? new Dec(0)).plus(new Dec(r[4] || 0)).minus(new Dec(r[5] || 0)));
  return nonZeroNets(net);
}
