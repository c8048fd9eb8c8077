import { Injectable } from '@nestjs/common';
import type { Compound, CompoundListQuery, CreateCompound, Page, UpdateCompound } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { GeoWrites } from './geo-writes';
import { PlaceResolver } from './place-resolver';
import { COMPOUND } from './registry-kinds';
import { RegistryReads } from './registry-reads';

/** 小区/楼院: a courtyard of buildings in one grid. */
@Injectable()
export class CompoundsService {
  constructor(
    private readonly reads: RegistryReads,
    private readonly writes: GeoWrites,
    private readonly places: PlaceResolver,
  ) {}

  list(actor: Actor, q: CompoundListQuery): Promise<Page<Compound>> {
    return this.reads.page(actor, COMPOUND, q);
  }

  get(actor: Actor, id: string): Promise<Compound> {
    return this.reads.get(actor, COMPOUND, id);
  }

  async create(actor: Actor, input: CreateCompound): Promise<Compound> {
    const at = await this.places.place(actor, input.gridId, undefined);
    return this.writes.create(actor, COMPOUND, { ...input, ...at });
  }

  async update(actor: Actor, id: string, input: UpdateCompound): Promise<Compound> {
    const before = await this.writes.load(actor, COMPOUND, id);
    const { version, ...patch } = input;
    const at = patch.gridId ? await this.places.place(actor, patch.gridId, undefined) : {};
    return this.writes.update(actor, COMPOUND, before, version, { ...patch, ...at });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.writes.remove(actor, COMPOUND, await this.writes.load(actor, COMPOUND, id));
  }
}
