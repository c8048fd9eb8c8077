import type { Area } from '@gridboard/shared';
import type { Prng } from './prng';

/**
 * The street's geometry: a 7 × 4 lattice of blocks between roads, with a river along the middle
 * line. Interior lattice points are jittered so blocks look like a city, not a chessboard; grids are
 * built from whole lattice cells, so they tile the street exactly and every point in it has a grid.
 */
export const COLS = 7;
export const ROWS = 4;
/** The horizontal lattice line the river follows (between rows 1 and 2). */
export const RIVER_LINE = 2;
const CELL_LNG = 0.0052; // ≈ 500 m at 30.6°N
const CELL_LAT = 0.0046; // ≈ 510 m
const STREET_LNG = COLS * CELL_LNG;
const STREET_LAT = ROWS * CELL_LAT;
const GAP = 0.002;
/** Streets of a district sit five to a row, the first one centred on 114.30°E, 30.59°N (Wuhan). */
const PER_ROW = 5;
const ORIGIN: Pos = [114.3 - STREET_LNG / 2, 30.59 - STREET_LAT / 2];

export type Pos = [number, number]; // [lng, lat]
export type Ring = Pos[];

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const pos = (lng: number, lat: number): Pos => [round(lng), round(lat)];

/** One lattice cell: corners bottom-left, bottom-right, top-right, top-left. */
export interface Cell {
  col: number;
  row: number;
  corners: [Pos, Pos, Pos, Pos];
}

export class StreetLayout {
  /** vertices[i][j]: column line i (0..COLS), row line j (0..ROWS) */
  readonly vertices: Pos[][];

  constructor(index: number, prng: Prng) {
    const lng0 = ORIGIN[0] + (index % PER_ROW) * (STREET_LNG + GAP);
    const lat0 = ORIGIN[1] + Math.floor(index / PER_ROW) * (STREET_LAT + GAP);
    this.vertices = [];
    for (let i = 0; i <= COLS; i++) {
      const column: Pos[] = [];
      for (let j = 0; j <= ROWS; j++) {
        const interior = i > 0 && i < COLS && j > 0 && j < ROWS;
        const jx = interior ? prng.between(-0.16, 0.16) * CELL_LNG : 0;
        const jy = interior ? prng.between(-0.12, 0.12) * CELL_LAT * (j === RIVER_LINE ? 0.4 : 1) : 0;
        column.push(pos(lng0 + i * CELL_LNG + jx, lat0 + j * CELL_LAT + jy));
      }
      this.vertices.push(column);
    }
  }

  cell(col: number, row: number): Cell {
    const v = this.vertices;
    return { col, row, corners: [v[col]![row]!, v[col + 1]![row]!, v[col + 1]![row + 1]!, v[col]![row + 1]!] };
  }

  /** The outline of adjacent cells of one row as a polygon (a grid may span two cells). */
  polygon(row: number, fromCol: number, toCol: number): Area {
    const v = this.vertices;
    const ring: Ring = [];
    for (let i = fromCol; i <= toCol + 1; i++) ring.push(v[i]![row]!);
    for (let i = toCol + 1; i >= fromCol; i--) ring.push(v[i]![row + 1]!);
    ring.push(ring[0]!);
    return { type: 'Polygon', coordinates: [ring] };
  }

  /** Roads along the lattice lines: [name index, line]. The river line has none. */
  roads(): { horizontal: Ring[]; vertical: Ring[] } {
    const v = this.vertices;
    const horizontal: Ring[] = [];
    for (let j = 0; j <= ROWS; j++) if (j !== RIVER_LINE) horizontal.push(v.map((col) => col[j]!));
    const vertical = v.map((col) => [...col]);
    return { horizontal, vertical };
  }

  /** A gently meandering river along the middle line, a little beyond the street's edges. */
  river(prng: Prng): Ring {
    const line = this.vertices.map((col) => col[RIVER_LINE]!);
    const out: Ring = [];
    const phase = prng.between(0, Math.PI * 2);
    for (let k = 0; k < line.length - 1; k++) {
      const [a, b] = [line[k]!, line[k + 1]!];
      for (let s = 0; s < 4; s++) {
        const t = s / 4;
        const x = a[0] + (b[0] - a[0]) * t;
        const y = a[1] + (b[1] - a[1]) * t + Math.sin(phase + (k * 4 + s) * 0.9) * CELL_LAT * 0.04;
        out.push(pos(x, y));
      }
    }
    out.push(line[line.length - 1]!);
    return out;
  }
}

/** The point at (u, v) ∈ [0,1]² of a convex cell (bilinear): inside the cell for u, v inside (0, 1). */
export function at(cell: Cell, u: number, v: number): Pos {
  const [a, b, c, d] = cell.corners;
  const lng = (1 - u) * (1 - v) * a[0] + u * (1 - v) * b[0] + u * v * c[0] + (1 - u) * v * d[0];
  const lat = (1 - u) * (1 - v) * a[1] + u * (1 - v) * b[1] + u * v * c[1] + (1 - u) * v * d[1];
  return pos(lng, lat);
}

/** A quadrilateral inside a cell, from uv corners. */
export function patch(cell: Cell, u0: number, v0: number, u1: number, v1: number): Area {
  const ring = [at(cell, u0, v0), at(cell, u1, v0), at(cell, u1, v1), at(cell, u0, v1), at(cell, u0, v0)];
  return { type: 'Polygon', coordinates: [ring] };
}

/** A small rectangle around a point: a building's footprint (≈ 17 m × 11 m). */
export function footprint([lng, lat]: Pos, prng: Prng): Area {
  const w = prng.between(0.00007, 0.0001);
  const h = prng.between(0.00004, 0.00006);
  const ring = [
    pos(lng - w, lat - h),
    pos(lng + w, lat - h),
    pos(lng + w, lat + h),
    pos(lng - w, lat + h),
    pos(lng - w, lat - h),
  ];
  return { type: 'Polygon', coordinates: [ring] };
}
