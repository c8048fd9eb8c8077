import { Injectable } from '@nestjs/common';
import {
  areaBounds,
  type Area,
  type CreateGrid,
  type Grid,
  type GridListQuery,
  type Page,
  type UpdateGrid,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { invalidField } from '../common/errors';
import { GeoLinksRepository } from './geo-links.repository';
import { GeoWrites } from './geo-writes';
import type { GridEntity } from './grid.entity';
import { COMMUNITY, GRID } from './registry-kinds';
import { RegistryReads } from './registry-reads';
import { RegistryRepository } from './registry.repository';

/** The bounding box columns that let a point find its grid candidates without parsing polygons. */
export function gridBounds(area: Area): Pick<GridEntity, 'minLng' | 'minLat' | 'maxLng' | 'maxLat'> {
  const [minLng, minLat, maxLng, maxLat] = areaBounds(area);
  return { minLng, minLat, maxLng, maxLat };
}

/** 网格: polygons of 300–500 households, comprehensive or dedicated (a school, market, enterprise). */
@Injectable()
export class GridsService {
  constructor(
    private readonly reads: RegistryReads,
    private readonly writes: GeoWrites,
    private readonly repo: RegistryRepository,
    private readonly links: GeoLinksRepository,
  ) {}

  list(actor: Actor, q: GridListQuery): Promise<Page<Grid>> {
    return this.reads.page(actor, GRID, q);
  }

  get(actor: Actor, id: string): Promise<Grid> {
    return this.reads.get(actor, GRID, id);
  }

  async create(actor: Actor, input: CreateGrid): Promise<Grid> {
    const community = await this.community(input.communityId);
    return this.writes.create(actor, GRID, {
      ...input,
      streetId: community.streetId,
      households: 0,
      ...gridBounds(input.area),
    });
  }

  async update(actor: Actor, id: string, input: UpdateGrid): Promise<Grid> {
    const before = await this.writes.load(actor, GRID, id);
    const { version, ...patch } = input;
    const community = patch.communityId ? await this.community(patch.communityId) : undefined;
    if (community && community.streetId !== before.streetId) {
      throw invalidField('communityId', 'other_street', '不能移到其他街道 / cannot move to another street');
    }
    return this.writes.update(
      actor,
      GRID,
      before,
      version,
      { ...patch, ...(patch.area ? gridBounds(patch.area) : {}) },
      async (saved) => {
        if (saved.communityId !== before.communityId) await this.links.moveGridContents(saved.id, saved.communityId);
      },
    );
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.writes.remove(actor, GRID, await this.writes.load(actor, GRID, id));
  }

  private async community(id: string) {
    const c = await this.repo.findById(COMMUNITY, id);
    if (!c) throw invalidField('communityId', 'not_found', '社区不存在 / no such community');
    return c;
  }
}
