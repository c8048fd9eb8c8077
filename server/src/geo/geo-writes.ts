import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { Commands, type CommandContext } from '../command/commands';
import { notFound } from '../common/errors';
import { GeoAccess } from './geo-access';
import type { RegistryKind, RegistryRow } from './registry-kinds';
import { RegistryRepository } from './registry.repository';

/** Follow-up writes of a command (counters, cascades), in the same transaction. */
type After<E> = (row: E, ctx: CommandContext) => Promise<void>;

/**
 * Every registry write: the jurisdiction check, then one command that writes the row, an audit
 * entry with masked before/after and a `geo.changed` event with the masked DTO.
 */
@Injectable()
export class GeoWrites {
  constructor(
    private readonly commands: Commands,
    private readonly repo: RegistryRepository,
    private readonly access: GeoAccess,
  ) {}

  /** Loads a row the actor may see (404 otherwise). */
  async load<E extends RegistryRow, D>(actor: Actor, kind: RegistryKind<E, D>, id: string): Promise<E> {
    const row = await this.repo.findById(kind, id);
    if (!row) throw notFound();
    await this.access.ensureReadable(actor, kind.jurisdiction(row), { type: kind.entity, id });
    return row;
  }

  async create<E extends RegistryRow, D>(
    actor: Actor,
    kind: RegistryKind<E, D>,
    row: Partial<E> & { streetId: string },
    after?: After<E>,
  ): Promise<D> {
    await this.access.ensureWritable(actor, kind.jurisdiction(row as E), { type: kind.entity, id: null });
    return this.commands.run(actor, async (ctx) => {
      const saved = await this.repo.insert(kind, row);
      await after?.(saved, ctx);
      const data = kind.dto(saved);
      ctx.audit({
        action: `geo.${kind.entity}.create`,
        objectType: kind.entity,
        objectId: saved.id,
        after: data as object,
        streetId: saved.streetId,
      });
      ctx.emit('geo.changed', { entity: kind.entity, id: saved.id, op: 'created', data }, kind.jurisdiction(saved));
      return data;
    });
  }

  /** `before` was loaded with `load`; the patch may move the row (checked against both places). */
  async update<E extends RegistryRow, D>(
    actor: Actor,
    kind: RegistryKind<E, D>,
    before: E,
    version: number,
    patch: Partial<E>,
    after?: After<E>,
  ): Promise<D> {
    await this.access.ensureWritable(actor, kind.jurisdiction(before), { type: kind.entity, id: before.id });
    await this.access.ensureWritable(actor, kind.jurisdiction({ ...before, ...patch }), {
      type: kind.entity,
      id: before.id,
    });
    return this.commands.run(actor, async (ctx) => {
      const saved = await this.repo.update(kind, before.id, version, patch);
      await after?.(saved, ctx);
      const data = kind.dto(saved);
      ctx.audit({
        action: `geo.${kind.entity}.update`,
        objectType: kind.entity,
        objectId: saved.id,
        before: kind.dto(before) as object,
        after: data as object,
        streetId: saved.streetId,
      });
      const j = kind.jurisdiction(saved);
      const old = kind.jurisdiction(before);
      // moved to another grid: the old grid's viewers drop it; those who see both re-add it next
      if (old.gridId !== j.gridId || old.communityId !== j.communityId) {
        ctx.emit('geo.changed', { entity: kind.entity, id: saved.id, op: 'deleted', data: null }, old);
      }
      ctx.emit('geo.changed', { entity: kind.entity, id: saved.id, op: 'updated', data }, j);
      return data;
    });
  }

  async remove<E extends RegistryRow, D>(
    actor: Actor,
    kind: RegistryKind<E, D>,
    before: E,
    after?: After<E>,
  ): Promise<void> {
    await this.access.ensureWritable(actor, kind.jurisdiction(before), { type: kind.entity, id: before.id });
    await this.commands.run(actor, async (ctx) => {
      await this.repo.delete(kind, before.id);
      await after?.(before, ctx);
      ctx.audit({
        action: `geo.${kind.entity}.delete`,
        objectType: kind.entity,
        objectId: before.id,
        before: kind.dto(before) as object,
        streetId: before.streetId,
      });
      ctx.emit(
        'geo.changed',
        { entity: kind.entity, id: before.id, op: 'deleted', data: null },
        kind.jurisdiction(before),
      );
    });
  }
}
