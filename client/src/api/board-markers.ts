import { type BoardIncident, boardIncidentsSchema, INCIDENT_STATES, SEVERITIES } from '@gridboard/shared';
import { z } from 'zod';

const STATES: ReadonlySet<unknown> = new Set(INCIDENT_STATES);
const LEVELS: ReadonlySet<unknown> = new Set(SEVERITIES);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumberOrNull = (v: unknown) => v === null || typeof v === 'number';
const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';

/** The shape of one marker by plain type checks (ids are not matched against the UUID pattern). */
function isMarker(v: unknown): v is BoardIncident {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<keyof BoardIncident, unknown>;
  return (
    isString(m.id) &&
    Number.isInteger(m.version) &&
    isString(m.number) &&
    isString(m.gridId) &&
    isStringOrNull(m.buildingId) &&
    isNumberOrNull(m.lat) &&
    isNumberOrNull(m.lng) &&
    isString(m.address) &&
    isString(m.category) &&
    LEVELS.has(m.severity) &&
    STATES.has(m.state) &&
    isString(m.title) &&
    typeof m.overdue === 'boolean' &&
    isString(m.reportedAt) &&
    isStringOrNull(m.drillId)
  );
}

/**
 * The board's marker snapshot (10,000 markers in one answer), checked field by field with plain
 * type checks: the full zod parse of every marker took 100–400 ms of the first draw on a fresh page.
 * Markers are drawn and shown as text only, so the UUID pattern of their ids is not checked here.
 */
export const boardMarkersSchema = boardIncidentsSchema.extend({
  items: z.custom<BoardIncident[]>((v) => Array.isArray(v) && v.every(isMarker)),
});
