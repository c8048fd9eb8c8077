import { Injectable } from '@nestjs/common';
import type { Building, BuildingListQuery, CreateBuilding, Page, UpdateBuilding } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { GeoLinksRepository } from './geo-links.repository';
import { GeoWrites } from './geo-writes';
import { PlaceResolver } from './place-resolver';
import { BUILDING } from './registry-kinds';
import { RegistryReads } from './registry-reads';

/** 楼栋: located by point; the grid comes from the location unless named. */
@Injectable()
export class BuildingsService {
  constructor(
    private readonly reads: RegistryReads,
    private readonly writes: GeoWrites,
    private readonly places: PlaceResolver,
    private readonly links: GeoLinksRepository,
  ) {}

  list(actor: Actor, q: BuildingListQuery): Promise<Page<Building>> {
    return this.reads.page(actor, BUILDING, q);
  }

  get(actor: Actor, id: string): Promise<Building> {
    return this.reads.get(actor, BUILDING, id);
  }

  async create(actor: Actor, input: CreateBuilding): Promise<Building> {
    const at = await this.places.place(actor, input.gridId, input);
    await this.places.compoundIn(at.streetId, input.compoundId);
    return this.writes.create(actor, BUILDING, { ...input, ...at, households: 0 });
  }

  /** Moving a building (new lat/lng without a grid) re-derives its grid; households and persons follow. */
  async update(actor: Actor, id: string, input: UpdateBuilding): Promise<Building> {
    const before = await this.writes.load(actor, BUILDING, id);
    const { version, ...patch } = input;
    const at = await this.places.afterPatch(actor, before, patch);
    await this.places.compoundIn(before.streetId, patch.compoundId);
    return this.writes.update(actor, BUILDING, before, version, { ...patch, ...at }, async (saved) => {
      if (saved.gridId !== before.gridId) {
        await this.links.moveBuildingContents(saved);
        await this.links.recountHouseholds([], [before.gridId, saved.gridId]);
      }
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.writes.remove(actor, BUILDING, await this.writes.load(actor, BUILDING, id));
  }
}
