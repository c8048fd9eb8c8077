import { z } from 'zod';
import { severitySchema } from './incidents';
import { jurisdictionSchema, uuidSchema } from './jurisdiction';
import { roleSchema } from './roles';
import { INCIDENT_STATES } from './workflows/incident';

/**
 * The live board's own reads (issue 6): a compact incident projection for the map (10,000 markers
 * must load in one small answer: sent by column, see board-markers.ts), the key figures, who is on duty, alarms and their
 * acknowledgements, and the basemap configuration.
 */

/** One map marker: enough to draw, filter, search and open the drawer; no personal data. */
export const boardIncidentSchema = z.object({
  id: uuidSchema,
  version: z.number().int(),
  number: z.string(),
  gridId: uuidSchema,
  buildingId: uuidSchema.nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  address: z.string(),
  category: z.string(),
  severity: severitySchema,
  state: z.enum(INCIDENT_STATES),
  title: z.string(),
  overdue: z.boolean(),
  reportedAt: z.string(),
  drillId: uuidSchema.nullable(),
});
export type BoardIncident = z.infer<typeof boardIncidentSchema>;

/** Key figures of the caller's scope (real items only: drills never count). */
export const boardFiguresSchema = z.object({
  /** Reported today (Asia/Shanghai). */
  incidentsToday: z.number().int(),
  incidentsOpen: z.number().int(),
  incidentsOverdue: z.number().int(),
  /** Summoned departments that have not yet reported for duty (报到). */
  summonsPending: z.number().int(),
  /** People of active warnings not yet sheltered, self-arranged or refused. */
  peopleToTransfer: z.number().int(),
  peopleSheltered: z.number().int(),
  hazardsOpen: z.number().int(),
  seq: z.number().int(),
});
export type BoardFigures = z.infer<typeof boardFiguresSchema>;

/** The duty roster of the caller's street (shown to everyone on it), not a list of scoped items. */
export const onDutySchema = z.object({
  people: z.array(z.object({ userId: uuidSchema, displayName: z.string(), role: roleSchema })),
});
export type OnDuty = z.infer<typeof onDutySchema>;

/**
 * Urgent events that sound the alarm until someone acknowledges them: a high or critical incident,
 * a department that missed its 报到 deadline, a red warning, a refused transfer.
 */
export const ALARM_KINDS = ['incident', 'summons', 'warning', 'transfer'] as const;
export const alarmKindSchema = z.enum(ALARM_KINDS);
export type AlarmKind = z.infer<typeof alarmKindSchema>;

/** One alarm; `key` is `${kind}:${itemId}` and identifies it across screens. */
export const alarmSchema = z.object({
  key: z.string(),
  kind: alarmKindSchema,
  itemId: uuidSchema,
  /** What the drawer opens (an incident, a whistle, a transfer task); a warning has no drawer. */
  target: z.object({ kind: z.enum(['incident', 'whistle', 'floodTask']), id: uuidSchema }).nullable(),
  /** Text of the item: incident number and title, department and incident number, warning message, grid name. */
  label: z.string(),
  raisedAt: z.string(),
  drillId: uuidSchema.nullable(),
});
export type Alarm = z.infer<typeof alarmSchema>;
/** A listed alarm also says where its item belongs, so a reader (and the authorization matrix) can check its scope. */
export const listedAlarmSchema = alarmSchema.extend(jurisdictionSchema.shape);
export type ListedAlarm = z.infer<typeof listedAlarmSchema>;
export const alarmListSchema = z.object({
  items: z.array(listedAlarmSchema),
  total: z.number().int(),
  seq: z.number().int(),
});

export const ackAlarmSchema = z.object({ kind: alarmKindSchema, itemId: uuidSchema });
export type AckAlarmInput = z.infer<typeof ackAlarmSchema>;
export const alarmAckSchema = z.object({
  key: z.string(),
  kind: alarmKindSchema,
  itemId: uuidSchema,
  byId: uuidSchema,
  byName: z.string(),
  at: z.string(),
});
export type AlarmAck = z.infer<typeof alarmAckSchema>;

export const alarmKey = (kind: AlarmKind, itemId: string): string => `${kind}:${itemId}`;

/** Raster tiles over the vector basemap: none (offline), Tianditu, OpenStreetMap, AMap or a self-hosted server. */
export const TILE_SOURCES = ['vector', 'tianditu', 'osm', 'amap', 'custom'] as const;
export const mapConfigSchema = z.object({
  kind: z.enum(TILE_SOURCES),
  /** Leaflet URL templates ({s}, {z}, {x}, {y}); empty for the offline vector basemap. */
  tiles: z.array(z.string()),
  subdomains: z.string(),
  attribution: z.string(),
  maxZoom: z.number().int(),
  /** AMap tiles are in GCJ-02: the client shifts its WGS84 features for display only. */
  crs: z.enum(['wgs84', 'gcj02']),
});
export type MapConfig = z.infer<typeof mapConfigSchema>;

export const boardEvents = {
  /** Someone acknowledged an alarm: every screen that shows it stops sounding. */
  'alarm.acknowledged': alarmAckSchema,
} as const;
