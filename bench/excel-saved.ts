/**
 * A workbook of ours made into the one Excel saves from it: every text cell's
 * text moved into the shared-strings part (xl/sharedStrings.xml) once, and the
 * cell holding its index. Our writer writes text inline; Excel, LibreOffice
 * and ExcelJS write shared strings, so the files users run on have them. On
 * the full sheet every Ref is different: 1.3 million shared strings, 34 MB of
 * XML, in a file of 37 MB holding 259 MB of XML (issue 17 measured 35 MB and
 * 274 MB of sheet XML for its own).
 * Every other part is kept as it was stored.
 */
import { nodeCodec } from "../src/adapters/xlsx/node-codec";
import { ZipArchive, writeZip, type ZipOutput } from "../src/adapters/xlsx/zip";

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
// An inline string as our sheet writer writes it; its text stays escaped as it stands, to be written into <si> alike.
const INLINE = / t="inlineStr"><is><t( xml:space="preserve")?>([^<]*)<\/t><\/is>/g;
const SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
const SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

/** The package `data` as Excel would save it, with shared strings. */
export async function withSharedStrings(data: Uint8Array): Promise<Uint8Array> {
  const zip = new ZipArchive(data, nodeCodec);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const index = new Map<string, number>();
  const items: string[] = [];
  let count = 0;
  const outputs: ZipOutput[] = [];
  for (const entry of zip.entries) {
    const name = entry.name;
    if (WORKSHEET.test(name)) {
      const xml = decoder.decode(await zip.read(entry)).replace(INLINE, (_m, preserve: string | undefined, text: string) => {
        count++;
        const key = `${preserve ? "p" : "t"}${text}`;
        let i = index.get(key);
        if (i === undefined) {
          i = items.length;
          index.set(key, i);
          items.push(`<si><t${preserve ?? ""}>${text}</t></si>`);
        }
        return ` t="s"><v>${i}</v>`;
      });
      outputs.push({ name, content: encoder.encode(xml) });
    } else if (name === "[Content_Types].xml") {
      const xml = decoder.decode(await zip.read(entry)).replace("</Types>", `<Override PartName="/xl/sharedStrings.xml" ContentType="${SST_TYPE}"/></Types>`);
      outputs.push({ name, content: encoder.encode(xml) });
    } else if (name === "xl/_rels/workbook.xml.rels") {
      const xml = decoder.decode(await zip.read(entry)).replace("</Relationships>", `<Relationship Id="rIdSharedStrings" Type="${SST_REL}" Target="sharedStrings.xml"/></Relationships>`);
      outputs.push({ name, content: encoder.encode(xml) });
    } else outputs.push({ name, kept: { archive: zip, entry } });
  }
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${items.length}">${items.join("")}</sst>`;
  outputs.push({ name: "xl/sharedStrings.xml", content: encoder.encode(sst) });
  return writeZip(outputs, nodeCodec);
}
