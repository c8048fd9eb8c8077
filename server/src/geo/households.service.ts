import { Injectable } from '@nestjs/common';
import type { CreateHousehold, Household, HouseholdListQuery, Page, UpdateHousehold } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { invalidField } from '../common/errors';
import type { BuildingEntity } from './building.entity';
import { GeoLinksRepository } from './geo-links.repository';
import { GeoWrites } from './geo-writes';
import { BUILDING, HOUSEHOLD } from './registry-kinds';
import { RegistryReads } from './registry-reads';
import { RegistryRepository } from './registry.repository';

/** 户: belongs where its building is; building and grid household counts follow every change. */
@Injectable()
export class HouseholdsService {
  constructor(
    private readonly reads: RegistryReads,
    private readonly writes: GeoWrites,
    private readonly repo: RegistryRepository,
    private readonly links: GeoLinksRepository,
  ) {}

  list(actor: Actor, q: HouseholdListQuery): Promise<Page<Household>> {
    return this.reads.page(actor, HOUSEHOLD, q);
  }

  get(actor: Actor, id: string): Promise<Household> {
    return this.reads.get(actor, HOUSEHOLD, id);
  }

  async create(actor: Actor, input: CreateHousehold): Promise<Household> {
    const b = await this.building(input.buildingId);
    return this.writes.create(actor, HOUSEHOLD, { ...input, ...placeOf(b), personCount: 0 }, async (saved) => {
      await this.links.recountHouseholds([saved.buildingId], [saved.gridId]);
    });
  }

  async update(actor: Actor, id: string, input: UpdateHousehold): Promise<Household> {
    const before = await this.writes.load(actor, HOUSEHOLD, id);
    const { version, ...patch } = input;
    const b =
      patch.buildingId && patch.buildingId !== before.buildingId ? await this.building(patch.buildingId) : undefined;
    if (b && b.streetId !== before.streetId) {
      throw invalidField('buildingId', 'other_street', '不能移到其他街道 / cannot move to another street');
    }
    return this.writes.update(
      actor,
      HOUSEHOLD,
      before,
      version,
      { ...patch, ...(b ? placeOf(b) : {}) },
      async (saved) => {
        if (!b) return;
        await this.links.moveHouseholdContents(saved.id, b);
        await this.links.recountHouseholds([before.buildingId, b.id], [before.gridId, b.gridId]);
      },
    );
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const before = await this.writes.load(actor, HOUSEHOLD, id);
    await this.writes.remove(actor, HOUSEHOLD, before, () =>
      this.links.recountHouseholds([before.buildingId], [before.gridId]),
    );
  }

  private async building(id: string): Promise<BuildingEntity> {
    const b = await this.repo.findById(BUILDING, id);
    if (!b) throw invalidField('buildingId', 'not_found', '楼栋不存在 / no such building');
    return b;
  }
}

const placeOf = (b: BuildingEntity) => ({ streetId: b.streetId, communityId: b.communityId, gridId: b.gridId });
