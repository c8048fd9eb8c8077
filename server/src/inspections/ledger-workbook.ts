import ExcelJS from 'exceljs';

export type LedgerCell = string | number | null;

export interface LedgerSheet {
  name: string;
  /** The first row, merged across the columns: what the ledger is and what it covers. */
  title: string;
  columns: { header: string; width: number }[];
  rows: LedgerCell[][];
  /** The last row (合计), bold. */
  totals?: LedgerCell[];
}

/** 台账 as street offices keep them: a title row, a header row, the rows, a totals row. */
export async function ledgerWorkbook(sheets: readonly LedgerSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gridboard 网格值守台';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = s.columns.map((c) => ({ width: c.width }));
    ws.addRow([s.title]);
    ws.mergeCells(1, 1, 1, s.columns.length);
    const title = ws.getRow(1);
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center' };
    const header = ws.addRow(s.columns.map((c) => c.header));
    header.font = { bold: true };
    for (const r of s.rows) ws.addRow(r).alignment = { wrapText: true, vertical: 'top' };
    if (s.totals) ws.addRow(s.totals).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** 2026-05-08 14:30 in Asia/Shanghai, as the ledgers print times. */
export function shanghaiMinute(d: Date | null): string {
  if (!d) return '';
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
