import { Injectable } from '@nestjs/common';
import type { CreateShelter, Page, Shelter, ShelterListQuery, UpdateShelter } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { GeoWrites } from './geo-writes';
import { PlaceResolver } from './place-resolver';
import { SHELTER } from './registry-kinds';
import { RegistryReads } from './registry-reads';

/** 避险安置点: located by point; capacity is what the flood board fills against. */
@Injectable()
export class SheltersService {
  constructor(
    private readonly reads: RegistryReads,
    private readonly writes: GeoWrites,
    private readonly places: PlaceResolver,
  ) {}

  list(actor: Actor, q: ShelterListQuery): Promise<Page<Shelter>> {
    return this.reads.page(actor, SHELTER, q);
  }

  get(actor: Actor, id: string): Promise<Shelter> {
    return this.reads.get(actor, SHELTER, id);
  }

  async create(actor: Actor, input: CreateShelter): Promise<Shelter> {
    const at = await this.places.place(actor, input.gridId, input);
    return this.writes.create(actor, SHELTER, { ...input, ...at });
  }

  async update(actor: Actor, id: string, input: UpdateShelter): Promise<Shelter> {
    const before = await this.writes.load(actor, SHELTER, id);
    const { version, ...patch } = input;
    const at = await this.places.afterPatch(actor, before, patch);
    return this.writes.update(actor, SHELTER, before, version, { ...patch, ...at });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.writes.remove(actor, SHELTER, await this.writes.load(actor, SHELTER, id));
  }
}
