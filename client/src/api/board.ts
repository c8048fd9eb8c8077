import {
  type AckAlarmInput,
  alarmAckSchema,
  alarmListSchema,
  boardFiguresSchema,
  floodWarningPageSchema,
  incidentCategorySchema,
  mapConfigSchema,
  onDutySchema,
  performanceSchema,
  whistlePageSchema,
} from '@gridboard/shared';
import { z } from 'zod';
import { boardMarkersSchema } from './board-markers';
import { request } from './http';

/** The live board's reads and the alarm acknowledgement (server/src/board), plus the domain lists it shows. */
export const boardApi = {
  incidents: () => request('/api/board/incidents', { schema: boardMarkersSchema }),
  figures: () => request('/api/board/figures', { schema: boardFiguresSchema }),
  onDuty: () => request('/api/board/on-duty', { schema: onDutySchema }),
  alarms: () => request('/api/alarms', { schema: alarmListSchema }),
  ack: (body: AckAlarmInput) => request('/api/alarms/ack', { method: 'POST', body, schema: alarmAckSchema }),
  mapConfig: () => request('/api/config/map', { schema: mapConfigSchema }),
  categories: () => request('/api/incidents/categories', { schema: z.array(incidentCategorySchema) }),
  openWhistles: () => request('/api/whistles', { query: { state: 'open', limit: 1000 }, schema: whistlePageSchema }),
  activeWarnings: () =>
    request('/api/flood/warnings', { query: { state: 'active', limit: 50 }, schema: floodWarningPageSchema }),
  whistlePerformance: (from: string, to: string) =>
    request('/api/whistles/performance', { query: { from, to }, schema: performanceSchema }),
};
