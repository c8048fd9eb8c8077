import { Injectable } from '@nestjs/common';
import type { ContactReveal, HouseholdReveal, PersonReveal } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Commands } from '../command/commands';
import { GeoWrites } from './geo-writes';
import {
  BUILDING,
  GRID,
  HOUSEHOLD,
  PERSON,
  type RegistryKind,
  type RegistryRow,
  SHELTER,
  SITE,
} from './registry-kinds';

/**
 * Unmasking personal data (DOMAIN.md "Personal data"): an explicit request by a role with
 * `pii.reveal` (the route checks it) on an object in sight, recorded in the audit log as
 * `pii.reveal` before the values leave. No event: the values never travel on the socket.
 */
@Injectable()
export class RevealService {
  constructor(
    private readonly writes: GeoWrites,
    private readonly commands: Commands,
  ) {}

  async household(actor: Actor, id: string): Promise<HouseholdReveal> {
    const h = await this.reveal(actor, HOUSEHOLD, id, ['headName', 'phone']);
    return { id: h.id, headName: h.headName, phone: h.phone };
  }

  async person(actor: Actor, id: string): Promise<PersonReveal> {
    const p = await this.reveal(actor, PERSON, id, ['name', 'phone', 'idNumber']);
    return { id: p.id, name: p.name, phone: p.phone, idNumber: p.idNumber };
  }

  /** Contact of a grid leader, building leader, site or shelter. */
  async contact(actor: Actor, entity: 'grid' | 'building' | 'site' | 'shelter', id: string): Promise<ContactReveal> {
    switch (entity) {
      case 'grid': {
        const g = await this.reveal(actor, GRID, id, ['leaderPhone']);
        return { id, name: g.leaderName, phone: g.leaderPhone };
      }
      case 'building': {
        const b = await this.reveal(actor, BUILDING, id, ['leaderPhone']);
        return { id, name: b.leaderName, phone: b.leaderPhone };
      }
      case 'site': {
        const s = await this.reveal(actor, SITE, id, ['contactPhone']);
        return { id, name: s.contactName, phone: s.contactPhone };
      }
      case 'shelter': {
        const s = await this.reveal(actor, SHELTER, id, ['contactPhone']);
        return { id, name: s.contactName, phone: s.contactPhone };
      }
    }
  }

  private async reveal<E extends RegistryRow>(
    actor: Actor,
    kind: RegistryKind<E, unknown>,
    id: string,
    fields: (keyof E & string)[],
  ): Promise<E> {
    const row = await this.writes.load(actor, kind, id);
    await this.commands.run(actor, async (ctx) => {
      ctx.audit({
        action: 'pii.reveal',
        objectType: kind.entity,
        objectId: id,
        detail: { fields },
        streetId: row.streetId,
      });
    });
    return row;
  }
}
