import { Injectable } from '@nestjs/common';
import type { CreatePerson, Page, Person, PersonListQuery, UpdatePerson } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { invalidField } from '../common/errors';
import { GeoLinksRepository } from './geo-links.repository';
import { GeoWrites } from './geo-writes';
import type { HouseholdEntity } from './household.entity';
import { HOUSEHOLD, PERSON } from './registry-kinds';
import { RegistryReads } from './registry-reads';
import { RegistryRepository } from './registry.repository';

/** 实有人口: a member of a household; the household's person count follows every change. */
@Injectable()
export class PersonsService {
  constructor(
    private readonly reads: RegistryReads,
    private readonly writes: GeoWrites,
    private readonly repo: RegistryRepository,
    private readonly links: GeoLinksRepository,
  ) {}

  list(actor: Actor, q: PersonListQuery): Promise<Page<Person>> {
    return this.reads.page(actor, PERSON, q);
  }

  get(actor: Actor, id: string): Promise<Person> {
    return this.reads.get(actor, PERSON, id);
  }

  async create(actor: Actor, input: CreatePerson): Promise<Person> {
    const h = await this.household(input.householdId);
    await this.ensureUniqueId(h.streetId, input.idNumber, null);
    return this.writes.create(actor, PERSON, { ...input, ...placeOf(h) }, (saved) =>
      this.links.recountPersons([saved.householdId]),
    );
  }

  async update(actor: Actor, id: string, input: UpdatePerson): Promise<Person> {
    const before = await this.writes.load(actor, PERSON, id);
    const { version, ...patch } = input;
    const h =
      patch.householdId && patch.householdId !== before.householdId
        ? await this.household(patch.householdId)
        : undefined;
    if (h && h.streetId !== before.streetId) {
      throw invalidField('householdId', 'other_street', '不能移到其他街道 / cannot move to another street');
    }
    await this.ensureUniqueId(before.streetId, patch.idNumber, before.id);
    return this.writes.update(actor, PERSON, before, version, { ...patch, ...(h ? placeOf(h) : {}) }, async () => {
      if (h) await this.links.recountPersons([before.householdId, h.id]);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const before = await this.writes.load(actor, PERSON, id);
    await this.writes.remove(actor, PERSON, before, () => this.links.recountPersons([before.householdId]));
  }

  private async ensureUniqueId(streetId: string, idNumber: string | null | undefined, personId: string | null) {
    if (idNumber && (await this.links.idNumberTaken(streetId, idNumber, personId))) {
      throw invalidField('idNumber', 'duplicate', '身份证号已登记 / ID number already registered');
    }
  }

  private async household(id: string): Promise<HouseholdEntity> {
    const h = await this.repo.findById(HOUSEHOLD, id);
    if (!h) throw invalidField('householdId', 'not_found', '住户不存在 / no such household');
    return h;
  }
}

const placeOf = (h: HouseholdEntity) => ({
  streetId: h.streetId,
  communityId: h.communityId,
  gridId: h.gridId,
  buildingId: h.buildingId,
});
