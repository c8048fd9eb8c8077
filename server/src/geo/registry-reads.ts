import { Injectable } from '@nestjs/common';
import type { Page } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Db } from '../db/db';
import { GeoWrites } from './geo-writes';
import type { RegistryKind, RegistryRow } from './registry-kinds';
import { type RegistryFilter, RegistryRepository } from './registry.repository';

/** Scoped reads of any registry kind: pages with the event seq they were read at, and single rows. */
@Injectable()
export class RegistryReads {
  constructor(
    private readonly db: Db,
    private readonly repo: RegistryRepository,
    private readonly writes: GeoWrites,
  ) {}

  async page<E extends RegistryRow, D>(
    actor: Actor,
    kind: RegistryKind<E, D>,
    filter: RegistryFilter,
  ): Promise<Page<D>> {
    const { result, seq } = await this.db.snapshot(() => this.repo.list(kind, actor.scope, filter));
    return { items: result.rows.map(kind.dto), total: result.total, seq };
  }

  async get<E extends RegistryRow, D>(actor: Actor, kind: RegistryKind<E, D>, id: string): Promise<D> {
    return kind.dto(await this.writes.load(actor, kind, id));
  }
}
