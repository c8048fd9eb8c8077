import { type BoardIncident, toMarkerColumns } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import { boardMarkersSchema } from './board-markers';

const marker: BoardIncident = {
  id: '6f1c2b9e-8a1d-4c55-9d0e-1a2b3c4d5e6f',
  version: 3,
  number: 'SJ-20260305-0001',
  gridId: '0b7d0c1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e',
  buildingId: null,
  lat: 30.55,
  lng: 114.3,
  address: '幸福路 12 号',
  category: 'noise',
  severity: 'high',
  state: 'dispatched',
  title: '夜间施工噪音',
  overdue: false,
  reportedAt: '2026-03-05T06:07:09.000Z',
  drillId: null,
};
const placeless = {
  ...marker,
  id: '7f1c2b9e-8a1d-4c55-9d0e-1a2b3c4d5e6f',
  lat: null,
  lng: null,
  state: 'closed' as const,
};
/** The answer as it travels: columns through JSON, then `change` applied to them. */
function answer(change: (columns: Record<string, any>) => void = () => {}) {
  const columns = JSON.parse(JSON.stringify(toMarkerColumns([marker, placeless])));
  change(columns);
  return { columns, total: 2, seq: 42 };
}

describe('boardMarkersSchema', () => {
  it('accepts the columns as sent and hands on one marker per incident', () => {
    const parsed = boardMarkersSchema.parse(answer());
    expect(parsed).toEqual({ items: [marker, placeless], total: 2, seq: 42 });
  });

  it('refuses an unknown state, a missing or short column, a wrong type or an index naming no value', () => {
    const bad: ((c: Record<string, any>) => void)[] = [
      (c) => (c.state.values[0] = 'lost'),
      (c) => delete c.title,
      (c) => c.title.pop(),
      (c) => (c.version[0] = '3'),
      (c) => (c.lat[0] = '30'),
      (c) => (c.reportedAt[1] = '2026-03-05'),
      (c) => (c.gridId.codes[1] = 1),
      (c) => (c.severity = null),
    ];
    for (const change of bad) expect(boardMarkersSchema.safeParse(answer(change)).success).toBe(false);
    const { seq: _seq, ...unsequenced } = answer();
    expect(boardMarkersSchema.safeParse(unsequenced).success).toBe(false);
  });
});
