import { Injectable } from '@nestjs/common';
import type { CreateSite, Page, Site, SiteListQuery, UpdateSite } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { GeoWrites } from './geo-writes';
import { PlaceResolver } from './place-resolver';
import { SITE } from './registry-kinds';
import { RegistryReads } from './registry-reads';

/** 实有单位/场所: located by point like buildings, optionally inside one. */
@Injectable()
export class SitesService {
  constructor(
    private readonly reads: RegistryReads,
    private readonly writes: GeoWrites,
    private readonly places: PlaceResolver,
  ) {}

  list(actor: Actor, q: SiteListQuery): Promise<Page<Site>> {
    return this.reads.page(actor, SITE, q);
  }

  get(actor: Actor, id: string): Promise<Site> {
    return this.reads.get(actor, SITE, id);
  }

  async create(actor: Actor, input: CreateSite): Promise<Site> {
    const at = await this.places.place(actor, input.gridId, input);
    await this.places.buildingIn(at.streetId, input.buildingId);
    return this.writes.create(actor, SITE, { ...input, ...at });
  }

  async update(actor: Actor, id: string, input: UpdateSite): Promise<Site> {
    const before = await this.writes.load(actor, SITE, id);
    const { version, ...patch } = input;
    const at = await this.places.afterPatch(actor, before, patch);
    await this.places.buildingIn(before.streetId, patch.buildingId);
    return this.writes.update(actor, SITE, before, version, { ...patch, ...at });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.writes.remove(actor, SITE, await this.writes.load(actor, SITE, id));
  }
}
