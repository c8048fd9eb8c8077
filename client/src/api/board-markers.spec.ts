import { describe, expect, it } from 'vitest';
import { boardMarkersSchema } from './board-markers';

const marker = {
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
const answer = (items: unknown[]) => ({ items, total: items.length, seq: 42 });

describe('boardMarkersSchema', () => {
  it('accepts the compact projection as sent', () => {
    expect(boardMarkersSchema.parse(answer([marker, { ...marker, lat: null, lng: null }])).items).toHaveLength(2);
  });

  it('refuses a marker with an unknown state, a missing field or a wrong type', () => {
    const { title: _title, ...untitled } = marker;
    for (const bad of [
      { ...marker, state: 'lost' },
      untitled,
      { ...marker, version: '3' },
      { ...marker, lat: '30' },
      null,
    ])
      expect(boardMarkersSchema.safeParse(answer([marker, bad])).success).toBe(false);
    expect(boardMarkersSchema.safeParse({ items: [marker], total: 1 }).success).toBe(false);
  });
});
