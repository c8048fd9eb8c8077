import type { BoardIncident } from './board';
import { boardMarkerColumnsSchema, fromMarkerColumns, toMarkerColumns } from './board-markers';

const GRID_A = '11111111-1111-4111-8111-111111111111';
const GRID_B = '22222222-2222-4222-8222-222222222222';
const BUILDING = '33333333-3333-4333-8333-333333333333';

function marker(n: number, over: Partial<BoardIncident> = {}): BoardIncident {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    version: n,
    number: `SJ-20261123-${n}`,
    gridId: n % 2 ? GRID_A : GRID_B,
    buildingId: n % 3 ? BUILDING : null,
    lat: 30.5 + n / 1e7,
    lng: 114.3 - n / 1e7,
    address: n % 2 ? '江汉路 1 号' : '江汉路 2 号',
    category: 'noise',
    severity: n % 4 ? 'low' : 'critical',
    state: n % 5 ? 'reported' : 'closed',
    title: `<img src=x onerror=alert(${n})> 噪音`,
    overdue: n % 7 === 0,
    reportedAt: new Date(Date.UTC(2026, 10, 23, 8, 0, n, n)).toISOString(),
    drillId: null,
    ...over,
  };
}

describe('board marker columns', () => {
  it('round-trips every field of every marker, in order, nulls included', () => {
    const markers = [
      ...Array.from({ length: 30 }, (_, n) => marker(n + 1)),
      marker(99, { lat: null, lng: null, drillId: GRID_B }),
    ];
    const columns = toMarkerColumns(markers);
    expect(boardMarkerColumnsSchema.parse(JSON.parse(JSON.stringify(columns)))).toEqual(columns);
    expect(fromMarkerColumns(columns)).toEqual(markers);
  });

  it('sends a repeated value once, with an index per marker', () => {
    const columns = toMarkerColumns(Array.from({ length: 30 }, (_, n) => marker(n + 1)));
    expect(columns.gridId.values).toEqual([GRID_A, GRID_B]);
    expect(columns.gridId.codes.slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(columns.buildingId.values).toEqual([BUILDING, null]);
    expect(columns.category).toEqual({ values: ['noise'], codes: Array(30).fill(0) });
    expect(columns.reportedAt[0]).toBe(Date.UTC(2026, 10, 23, 8, 0, 1, 1));
  });

  it('is smaller than one object per marker', () => {
    const markers = Array.from({ length: 500 }, (_, n) => marker(n + 1));
    const byColumn = JSON.stringify(toMarkerColumns(markers)).length;
    expect(byColumn).toBeLessThan(JSON.stringify(markers).length * 0.6);
  });

  it('answers no markers for empty columns', () => {
    expect(fromMarkerColumns(toMarkerColumns([]))).toEqual([]);
  });
});
