import { findContaining, pointInArea, type Area } from './geo';

const square: Area = {
  type: 'Polygon',
  coordinates: [
    [
      [114, 30],
      [114.01, 30],
      [114.01, 30.01],
      [114, 30.01],
      [114, 30],
    ],
  ],
};
const withHole: Area = {
  type: 'Polygon',
  coordinates: [
    square.coordinates[0] as [number, number][],
    [
      [114.004, 30.004],
      [114.006, 30.004],
      [114.006, 30.006],
      [114.004, 30.006],
      [114.004, 30.004],
    ],
  ],
};

describe('geo', () => {
  it('finds points inside, on the edge, and not in holes', () => {
    expect(pointInArea({ lat: 30.005, lng: 114.005 }, square)).toBe(true);
    expect(pointInArea({ lat: 30, lng: 114.005 }, square)).toBe(true);
    expect(pointInArea({ lat: 30.02, lng: 114.005 }, square)).toBe(false);
    expect(pointInArea({ lat: 30.005, lng: 114.005 }, withHole)).toBe(false);
    expect(pointInArea({ lat: 30.002, lng: 114.002 }, withHole)).toBe(true);
  });

  it('assigns a point to the grid that contains it', () => {
    const grids = [
      { id: 'a', area: square },
      { id: 'b', area: { ...square, coordinates: [square.coordinates[0]!.map(([x, y]) => [x! + 0.01, y!])] } as Area },
    ];
    expect(findContaining({ lat: 30.005, lng: 114.015 }, grids)?.id).toBe('b');
    expect(findContaining({ lat: 30.005, lng: 114.005 }, grids)?.id).toBe('a');
    expect(findContaining({ lat: 31, lng: 114.005 }, grids)).toBeUndefined();
  });
});
