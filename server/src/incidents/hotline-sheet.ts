import ExcelJS from 'exceljs';
import { ApiException } from '../common/errors';

/** A cell as the import reads it: text, a number, or a date (xlsx date cells). */
export type Cell = string | number | Date | null;
export interface Sheet {
  headers: string[];
  /** Data rows (the header row excluded), each aligned with `headers`. */
  rows: Cell[][];
}

/**
 * Reads the first sheet of an xlsx, or a CSV (UTF-8, or GB18030 as Excel in China saves it).
 * CSV cells stay text: ticket numbers longer than 15 digits must not become floating point.
 */
export async function readSheet(buf: Buffer): Promise<Sheet> {
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(buf);
  if (buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new ApiException(415, 'errors.unsupported_media_type', {
      errors: [{ field: 'file', code: 'xls', message: '请另存为 .xlsx 或 .csv 后导入 / Save as .xlsx or .csv first' }],
    });
  }
  const rows = parseCsv(decodeText(buf)).filter((r) => r.some((c) => c.trim() !== ''));
  const [headers = [], ...data] = rows;
  return { headers: headers.map((h) => h.trim()), rows: data };
}

async function readXlsx(buf: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new ApiException(415, 'errors.unsupported_media_type', {
      errors: [{ field: 'file', code: 'unreadable', message: '无法读取该 Excel 文件 / The Excel file cannot be read' }],
    });
  }
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const width = ws.columnCount;
  const read = (r: ExcelJS.Row): Cell[] => Array.from({ length: width }, (_, i) => cellValue(r.getCell(i + 1).value));
  const headers = read(ws.getRow(1)).map((h) => (h === null ? '' : String(h).trim()));
  const rows: Cell[][] = [];
  for (let n = 2; n <= ws.rowCount; n++) {
    const row = read(ws.getRow(n));
    if (row.some((c) => c !== null && String(c).trim() !== '')) rows.push(row);
  }
  return { headers, rows };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
  }
  return null;
}

function decodeText(buf: Buffer): string {
  const body = buf.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * A time as the hotline wrote it, in Beijing time: an xlsx date cell (its wall clock, which
 * ExcelJS hands over as UTC) or text such as 2026-03-01 09:30, 2026/3/1 9:30:00 or an ISO string.
 */
export function parseShanghaiTime(v: Cell): Date | null | 'invalid' {
  if (v === null || v === '') return null;
  if (v instanceof Date) return new Date(v.getTime() - 8 * 3_600_000);
  const s = String(v).trim();
  if (!s) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', se = '0'] = m;
    const t = Date.UTC(+y!, +mo! - 1, +d!, +h - 8, +mi, +se);
    const check = new Date(t + 8 * 3_600_000);
    return check.getUTCDate() === +d! && check.getUTCMonth() === +mo! - 1 ? new Date(t) : 'invalid';
  }
  const t = Date.parse(s);
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) && !Number.isNaN(t) ? new Date(t) : 'invalid';
}
