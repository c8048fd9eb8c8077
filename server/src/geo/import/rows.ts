import type { FieldError } from '@gridboard/shared';
import type { z } from 'zod';
import { fieldErrors } from '../../common/validation';
import type { SheetSpec } from './columns';
import { normalizeHeader } from './spreadsheet';

/** A row to validate: where it is (for errors) and its values by the header the file used. */
export interface RawRow {
  /** "row 12" or "feature 3" */
  where: string;
  /** "column" for sheets, "property" for GeoJSON features */
  unit: 'column' | 'property';
  cells: Map<string, string>;
}

export interface Parsed<T> {
  /** position in the input rows (features carry their geometry there) */
  index: number;
  where: string;
  value: T;
}

/**
 * Validates every row against the spec, collecting all errors as "row 12, column 电话" (never stopping
 * at the first bad row: the user fixes the file once). Headers are matched by their aliases.
 */
export function validateRows<S extends z.ZodType>(
  spec: SheetSpec<S>,
  rows: readonly RawRow[],
  errors: FieldError[],
): Parsed<z.infer<S>>[] {
  const out: Parsed<z.infer<S>>[] = [];
  rows.forEach((raw, index) => {
    const input: Record<string, string> = {};
    const header: Record<string, string> = {};
    for (const [field, aliases] of Object.entries(spec.columns)) {
      header[field] = aliases[0]!;
      for (const alias of aliases) {
        const v = raw.cells.get(normalizeHeader(alias));
        if (v !== undefined) {
          input[field] = v;
          header[field] = alias;
          break;
        }
      }
    }
    const r = spec.row.safeParse(input);
    if (r.success) {
      out.push({ index, where: raw.where, value: r.data });
      return;
    }
    for (const e of fieldErrors(r.error.issues)) {
      const key = e.field.split('.')[0]!;
      const name = header[key] ?? key;
      const missing = input[key] === undefined;
      errors.push({
        field: `${raw.where}, ${raw.unit} ${name}`,
        code: missing ? 'required' : e.code,
        message: missing ? '必填 / required' : e.message,
      });
    }
  });
  return out;
}

/** Required columns missing from a sheet's header row: one error each, before any row is read. */
export function missingColumns(spec: SheetSpec<z.ZodType>, headers: readonly string[]): FieldError[] {
  const present = new Set(headers.map(normalizeHeader));
  return spec.required
    .filter((field) => !spec.columns[field]!.some((alias) => present.has(normalizeHeader(alias))))
    .map((field) => ({
      field: `column ${spec.columns[field]![0]}`,
      code: 'missing_column',
      message: `缺少列 ${spec.columns[field]![0]} / missing column`,
    }));
}

export function rowError(
  where: string,
  unit: 'column' | 'property',
  column: string,
  code: string,
  message: string,
): FieldError {
  return { field: `${where}, ${unit} ${column}`, code, message };
}
