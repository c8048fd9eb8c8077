import { Readable } from 'node:stream';
import { Workbook, type CellValue } from 'exceljs';

/** One data row of a sheet: its 1-based row number as the user sees it, and its cells by header. */
export interface SheetRow {
  row: number;
  cells: Map<string, string>;
}
export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** Header text as typed by people: surrounding spaces, full-width spaces and a trailing "*" dropped. */
export const normalizeHeader = (h: string) => h.replace(/[\s\u3000]+/g, '').replace(/[*＊]$/, '');

/**
 * The first worksheet of an .xlsx, or a .csv (UTF-8 with or without BOM, or GB18030 as Chinese
 * Excel saves it), as trimmed strings: no number conversion, so 18-digit ID numbers and phone
 * numbers with leading digits survive as typed.
 */
export async function readSheet(buffer: Buffer, format: 'xlsx' | 'csv'): Promise<Sheet> {
  const wb = new Workbook();
  if (format === 'xlsx') {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } else {
    await wb.csv.read(Readable.from([decodeText(buffer)]), { map: (v: unknown) => v } as never);
  }
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => (headers[col - 1] = normalizeHeader(cellText(cell.value))));
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const cells = new Map<string, string>();
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      const h = headers[col - 1];
      const text = cellText(cell.value).trim();
      if (h && text) cells.set(h, text);
    });
    if (cells.size) rows.push({ row: n, cells });
  });
  return { headers: headers.filter(Boolean), rows };
}

function decodeText(buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('gb18030').decode(buffer);
  }
  return text.replace(/^\uFEFF/, '');
}

/** What the cell shows: numbers without float noise, rich text joined, formulas by their result. */
function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    // an 18-digit ID number stored as a number has lost its last digits: let validation refuse it
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return v.toExponential();
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('result' in v) return cellText((v.result ?? null) as CellValue);
  return '';
}
