import { z } from 'zod';
import { type BoardIncident, boardIncidentSchema } from './board';

/**
 * The board's marker snapshot on the wire, by column (issue 6). As one object per marker, 10,000
 * markers took 4.3 MB, mostly keys repeated 10,000 times and ids and addresses repeated per grid
 * and building; the browser spent longer decoding and parsing that than drawing the map. By column,
 * a value that repeats (a grid, a building, an address, a category, a state) is sent once and each
 * marker carries its index; the report time is epoch milliseconds.
 */
const DICTIONARY_KEYS = ['gridId', 'buildingId', 'address', 'category', 'severity', 'state', 'drillId'] as const;
const PLAIN_KEYS = ['id', 'version', 'number', 'lat', 'lng', 'title', 'overdue'] as const;
/** The columns sent as a dictionary of values and an index per marker. */
export type BoardMarkerDictionaryKey = (typeof DICTIONARY_KEYS)[number];

const shape = boardIncidentSchema.shape;
/** Each distinct value once, and per marker the index of its value. */
const dictionary = <T extends z.ZodType>(value: T) =>
  z.object({ values: z.array(value), codes: z.array(z.number().int().nonnegative()) });

export const boardMarkerColumnsSchema = z.object({
  id: z.array(shape.id),
  version: z.array(shape.version),
  number: z.array(shape.number),
  lat: z.array(shape.lat),
  lng: z.array(shape.lng),
  title: z.array(shape.title),
  overdue: z.array(shape.overdue),
  reportedAt: z.array(z.number()),
  gridId: dictionary(shape.gridId),
  buildingId: dictionary(shape.buildingId),
  address: dictionary(shape.address),
  category: dictionary(shape.category),
  severity: dictionary(shape.severity),
  state: dictionary(shape.state),
  drillId: dictionary(shape.drillId),
});
export type BoardMarkerColumns = z.infer<typeof boardMarkerColumnsSchema>;

/** `GET /api/board/incidents`: every marker of the caller's scope, by column, and the seq it was read at. */
export const boardIncidentsSchema = z.object({
  columns: boardMarkerColumnsSchema,
  total: z.number().int(),
  seq: z.number().int(),
});
export type BoardIncidents = z.infer<typeof boardIncidentsSchema>;

function encode<K extends BoardMarkerDictionaryKey>(markers: readonly BoardIncident[], key: K): BoardMarkerColumns[K] {
  const index = new Map<BoardIncident[K], number>();
  const values: BoardIncident[K][] = [];
  const codes = markers.map((m) => {
    let code = index.get(m[key]);
    if (code === undefined) {
      code = values.push(m[key]) - 1;
      index.set(m[key], code);
    }
    return code;
  });
  return { values, codes } as unknown as BoardMarkerColumns[K];
}

export function toMarkerColumns(markers: readonly BoardIncident[]): BoardMarkerColumns {
  const columns: Partial<Record<keyof BoardMarkerColumns, unknown>> = {
    reportedAt: markers.map((m) => Date.parse(m.reportedAt)),
  };
  for (const key of PLAIN_KEYS) columns[key] = markers.map((m) => m[key]);
  for (const key of DICTIONARY_KEYS) columns[key] = encode(markers, key);
  return columns as BoardMarkerColumns;
}

/** The markers back, in their order; the columns must be of one length (checked by whoever parsed them). */
export function fromMarkerColumns(c: BoardMarkerColumns): BoardIncident[] {
  const at = <K extends BoardMarkerDictionaryKey>(key: K, i: number) =>
    c[key].values[c[key].codes[i]!] as BoardIncident[K];
  return c.id.map((id, i) => ({
    id,
    version: c.version[i]!,
    number: c.number[i]!,
    gridId: at('gridId', i),
    buildingId: at('buildingId', i),
    lat: c.lat[i] ?? null,
    lng: c.lng[i] ?? null,
    address: at('address', i),
    category: at('category', i),
    severity: at('severity', i),
    state: at('state', i),
    title: c.title[i]!,
    overdue: c.overdue[i]!,
    reportedAt: new Date(c.reportedAt[i]!).toISOString(),
    drillId: at('drillId', i),
  }));
}
