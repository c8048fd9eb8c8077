import {
  type BoardMarkerColumns,
  type BoardMarkerDictionaryKey,
  boardIncidentsSchema,
  fromMarkerColumns,
  INCIDENT_STATES,
  SEVERITIES,
} from '@gridboard/shared';
import { z } from 'zod';

type Check = (v: unknown) => boolean;
const STATES: ReadonlySet<unknown> = new Set(INCIDENT_STATES);
const LEVELS: ReadonlySet<unknown> = new Set(SEVERITIES);
const isString: Check = (v) => typeof v === 'string';
const isNumberOrNull: Check = (v) => v === null || typeof v === 'number';
const isStringOrNull: Check = (v) => v === null || typeof v === 'string';

/** What each column's values must be, by plain type checks (ids are not matched against the UUID pattern). */
const PLAIN: Record<Exclude<keyof BoardMarkerColumns, BoardMarkerDictionaryKey>, Check> = {
  id: isString,
  version: Number.isInteger,
  number: isString,
  lat: isNumberOrNull,
  lng: isNumberOrNull,
  title: isString,
  overdue: (v) => typeof v === 'boolean',
  reportedAt: Number.isFinite,
};
const DICTIONARY: Record<BoardMarkerDictionaryKey, Check> = {
  gridId: isString,
  buildingId: isStringOrNull,
  address: isString,
  category: isString,
  severity: (v) => LEVELS.has(v),
  state: (v) => STATES.has(v),
  drillId: isStringOrNull,
};

/** Every column as long as the ids, every value of its type, every index naming a value. */
function isMarkerColumns(v: unknown): v is BoardMarkerColumns {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  const n = Array.isArray(c.id) ? c.id.length : -1;
  const column = (xs: unknown, check: Check) => Array.isArray(xs) && xs.length === n && xs.every(check);
  return (
    Object.entries(PLAIN).every(([key, check]) => column(c[key], check)) &&
    Object.entries(DICTIONARY).every(([key, check]) => {
      const d = c[key] as { values?: unknown; codes?: unknown } | null;
      const values = d?.values;
      return (
        Array.isArray(values) &&
        values.every(check) &&
        column(d?.codes, (code) => Number.isInteger(code) && (code as number) >= 0 && (code as number) < values.length)
      );
    })
  );
}

/**
 * The board's marker snapshot (10,000 markers by column, see packages/shared/src/board-markers.ts),
 * checked with plain type checks (the full zod parse of every marker took 100–400 ms of the first
 * draw on a fresh page) and handed on as one object per marker. Markers are drawn and shown as text
 * only, so the UUID pattern of their ids is not checked here.
 */
export const boardMarkersSchema = boardIncidentsSchema
  .extend({ columns: z.custom<BoardMarkerColumns>(isMarkerColumns) })
  .transform(({ columns, total, seq }) => ({ items: fromMarkerColumns(columns), total, seq }));
