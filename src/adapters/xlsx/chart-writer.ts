/**
 * The Variances sheet's chart, as parts of our own: a drawing part anchoring a
 * chart part under the table. The chart reads its categories and values from
 * the sheet's cells (so it follows an edit) and carries them cached too (so a
 * reader that does not calculate draws it). Favorable bars (negative) are
 * green, unfavorable ones red, and each bar is labelled with its amount.
 */
import { columnLetter } from "../../workbook/cells";
import { escapeCellText, escapeXml } from "./xml";

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

export const CHART_CONTENT_TYPES = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

const UNFAVORABLE = "C0504D";
const FAVORABLE = "4E9A06";

export interface ChartSpec {
  title: string;
  /** The series' name: the value column's header, read from its cell in `headerRow` (1-based). */
  series: string;
  headerRow: number;
  sheet: string;
  /** 1-based rows of the first and last data row. */
  firstRow: number;
  lastRow: number;
  /** 0-based columns of the categories and the values; the groups' column, when the categories have two levels, is just left of theirs. */
  categoryColumn: number;
  groupColumn?: number;
  valueColumn: number;
  categories: readonly string[];
  groups?: readonly string[];
  values: readonly number[];
  /** The money format of the values' labels. */
  valueFormat: string;
}

/** 'Sheet name'!: always quoted, so a name with spaces or letters outside A–Z ("Log Larian", "Förbrukning") reads as one. */
const sheetPrefix = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'!`;
/** 'Sheet name'!$B$5:$B$9 (or $A$5:$B$9, from `left`) */
function rangeRef(sheet: string, column: number, first: number, last: number, left = column): string {
  return `${sheetPrefix(sheet)}$${columnLetter(left)}$${first}:$${columnLetter(column)}$${last}`;
}

/** A level of category names, cached. */
const level = (names: readonly string[]): string => names.map((c, i) => `<c:pt idx="${i}"><c:v>${escapeCellText(c)}</c:v></c:pt>`).join("");

/** The categories: one column's names, or two columns' as two levels (the inner level first, as the format lists them). */
function categoriesXml(spec: ChartSpec): string {
  const n = spec.categories.length;
  if (spec.groupColumn === undefined || spec.groups === undefined) {
    return `<c:cat><c:strRef><c:f>${escapeXml(rangeRef(spec.sheet, spec.categoryColumn, spec.firstRow, spec.lastRow))}</c:f><c:strCache><c:ptCount val="${n}"/>${level(spec.categories)}</c:strCache></c:strRef></c:cat>`;
  }
  const f = escapeXml(rangeRef(spec.sheet, spec.categoryColumn, spec.firstRow, spec.lastRow, spec.groupColumn));
  return `<c:cat><c:multiLvlStrRef><c:f>${f}</c:f><c:multiLvlStrCache><c:ptCount val="${n}"/><c:lvl>${level(spec.categories)}</c:lvl><c:lvl>${level(spec.groups)}</c:lvl></c:multiLvlStrCache></c:multiLvlStrRef></c:cat>`;
}
/** 'Sheet name'!$B$4 */
const cellRef = (sheet: string, column: number, row: number): string => `${sheetPrefix(sheet)}$${columnLetter(column)}$${row}`;

export function chartXml(spec: ChartSpec): string {
  const n = spec.values.length;
  const points = spec.values.flatMap((v, i) => (v < 0 ? [`<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="${FAVORABLE}"/></a:solidFill></c:spPr></c:dPt>`] : [])).join("");
  const numPts = spec.values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join("");
  const format = escapeXml(spec.valueFormat);
  return (
    XML_DECL +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="1200" b="1"/><a:t>${escapeCellText(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${escapeXml(cellRef(spec.sheet, spec.valueColumn, spec.headerRow))}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeCellText(spec.series)}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="${UNFAVORABLE}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>${points}` +
    `<c:dLbls><c:numFmt formatCode="${format}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr><c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
    categoriesXml(spec) +
    `<c:val><c:numRef><c:f>${escapeXml(rangeRef(spec.sheet, spec.valueColumn, spec.firstRow, spec.lastRow))}</c:f><c:numCache><c:formatCode>${format}</c:formatCode><c:ptCount val="${n}"/>${numPts}</c:numCache></c:numRef></c:val>` +
    '</c:ser><c:gapWidth val="50"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>' +
    // Categories top to bottom in the table's order; the value axis below them, labels at the left edge.
    '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="${format}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
    '</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

/** The cells a chart covers: from its top-left cell to the cell past its bottom-right one, 0-based. */
export interface ChartAnchor {
  fromColumn: number;
  fromRow: number;
  toColumn: number;
  toRow: number;
}

export function drawingXml(anchor: ChartAnchor, chartRelId: string, name: string): string {
  const cell = (tag: string, column: number, row: number) => `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    XML_DECL +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"><xdr:twoCellAnchor editAs="oneCell">` +
    cell("from", anchor.fromColumn, anchor.fromRow) +
    cell("to", anchor.toColumn, anchor.toRow) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeXml(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${chartRelId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>` +
    "</xdr:twoCellAnchor></xdr:wsDr>"
  );
}
