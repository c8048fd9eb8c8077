import { describe, expect, it } from 'vitest';
import { importErrorPlace } from './import-errors';

describe('importErrorPlace', () => {
  it('reads the row and column of a spreadsheet error', () => {
    expect(importErrorPlace('row 12, column 电话')).toEqual({ unit: 'row', index: 12, column: '电话' });
    expect(importErrorPlace('row 3, column 房号')).toEqual({ unit: 'row', index: 3, column: '房号' });
  });

  it('reads the feature and property of a GeoJSON error', () => {
    expect(importErrorPlace('feature 3, property floors')).toEqual({ unit: 'feature', index: 3, column: 'floors' });
    expect(importErrorPlace('feature 7')).toEqual({ unit: 'feature', index: 7, column: '' });
  });

  it('names a missing column, and the whole file otherwise', () => {
    expect(importErrorPlace('column 楼栋')).toEqual({ unit: null, index: null, column: '楼栋' });
    expect(importErrorPlace('file')).toEqual({ unit: null, index: null, column: '' });
  });
});
