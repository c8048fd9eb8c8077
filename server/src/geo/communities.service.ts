import { Injectable } from '@nestjs/common';
import type { Community, CommunityListQuery, CreateCommunity, Page, UpdateCommunity } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { invalidField } from '../common/errors';
import { GeoAccess } from './geo-access';
import { GeoLinksRepository } from './geo-links.repository';
import { GeoWrites } from './geo-writes';
import { COMMUNITY } from './registry-kinds';
import { RegistryReads } from './registry-reads';

/** 社区: the street's communities. Creating one is street-level work (admins). */
@Injectable()
export class CommunitiesService {
  constructor(
    private readonly reads: RegistryReads,
    private readonly writes: GeoWrites,
    private readonly access: GeoAccess,
    private readonly links: GeoLinksRepository,
  ) {}

  list(actor: Actor, q: CommunityListQuery): Promise<Page<Community>> {
    return this.reads.page(actor, COMMUNITY, q);
  }

  get(actor: Actor, id: string): Promise<Community> {
    return this.reads.get(actor, COMMUNITY, id);
  }

  async create(actor: Actor, input: CreateCommunity): Promise<Community> {
    const streetId = this.access.streetOf(actor, input.streetId);
    if (!(await this.links.streetExists(streetId)))
      throw invalidField('streetId', 'not_found', '街道不存在 / no such street');
    return this.writes.create(actor, COMMUNITY, { streetId, code: input.code, name: input.name, area: input.area });
  }

  async update(actor: Actor, id: string, input: UpdateCommunity): Promise<Community> {
    const before = await this.writes.load(actor, COMMUNITY, id);
    const { version, ...patch } = input;
    return this.writes.update(actor, COMMUNITY, before, version, patch);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.writes.remove(actor, COMMUNITY, await this.writes.load(actor, COMMUNITY, id));
  }
}
