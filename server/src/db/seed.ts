import type { DataSource } from 'typeorm';

/** Placeholder replaced by the demo-street generator in geo/. */
export async function seedDemo(_ds: DataSource, _opts: { streets: number }): Promise<string> {
  return 'nothing to seed yet';
}
