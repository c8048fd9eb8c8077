/**
 * Where an import error points, from the server's field: `row 12, column 电话`, `feature 3, property
 * floors`, `column 楼栋` (a missing column) or `file`.
 */
export interface ImportErrorPlace {
  /** `row` (spreadsheets, counted as in the spreadsheet) or `feature` (GeoJSON); null for the whole file. */
  unit: 'row' | 'feature' | null;
  index: number | null;
  /** The column or property, as the file names it. */
  column: string;
}

const PLACE = /^(row|feature) (\d+)(?:, (?:column|property) (.+))?$/;
const COLUMN = /^(?:column|property) (.+)$/;

export function importErrorPlace(field: string): ImportErrorPlace {
  const m = PLACE.exec(field);
  if (m) return { unit: m[1] as 'row' | 'feature', index: Number(m[2]), column: m[3] ?? '' };
  const c = COLUMN.exec(field);
  if (c) return { unit: null, index: null, column: c[1]! };
  return { unit: null, index: null, column: field === 'file' ? '' : field };
}
