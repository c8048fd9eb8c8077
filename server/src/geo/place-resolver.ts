import { Injectable } from '@nestjs/common';
import type { LatLng } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { invalidField } from '../common/errors';
import type { GridEntity } from './grid.entity';
import { GridLocator, outsideArea } from './grid-locator';
import { BUILDING, COMPOUND, GRID } from './registry-kinds';
import { RegistryRepository } from './registry.repository';

/** Where a located object (compound, building, site, shelter) belongs: its grid and the grid's community. */
export type Placement = { streetId: string; communityId: string; gridId: string };
const placement = (g: GridEntity): Placement => ({ streetId: g.streetId, communityId: g.communityId, gridId: g.id });

/**
 * Finds the grid of a located object: the one named, or the one whose polygon contains the point.
 * References to other registry rows must be in the same street.
 */
@Injectable()
export class PlaceResolver {
  constructor(
    private readonly repo: RegistryRepository,
    private readonly locator: GridLocator,
  ) {}

  async place(actor: Actor, gridId: string | undefined, p: LatLng | undefined): Promise<Placement> {
    if (gridId) return placement(await this.grid(gridId));
    if (!p) throw invalidField('gridId', 'required', '必填 / required');
    const streetId = actor.scope.kind === 'district' ? null : actor.scope.streetId;
    const g = await this.locator.locate(streetId, p);
    if (!g) throw outsideArea(p);
    return placement(g);
  }

  /** The placement after a patch: re-derived when the grid or the location changes; same street only. */
  async afterPatch(
    actor: Actor,
    before: Placement & LatLng,
    patch: { gridId?: string; lat?: number; lng?: number },
  ): Promise<Partial<Placement>> {
    if (!patch.gridId && patch.lat === undefined && patch.lng === undefined) return {};
    const at = await this.place(actor, patch.gridId, { lat: patch.lat ?? before.lat, lng: patch.lng ?? before.lng });
    if (at.streetId !== before.streetId) {
      throw invalidField('gridId', 'other_street', '不能移到其他街道 / cannot move to another street');
    }
    return at;
  }

  async grid(id: string): Promise<GridEntity> {
    const g = await this.repo.findById(GRID, id);
    if (!g) throw invalidField('gridId', 'not_found', '网格不存在 / no such grid');
    return g;
  }

  async compoundIn(streetId: string, id: string | null | undefined): Promise<void> {
    if (!id) return;
    const c = await this.repo.findById(COMPOUND, id);
    if (!c || c.streetId !== streetId) throw invalidField('compoundId', 'not_found', '小区不存在 / no such compound');
  }

  async buildingIn(streetId: string, id: string | null | undefined): Promise<void> {
    if (!id) return;
    const b = await this.repo.findById(BUILDING, id);
    if (!b || b.streetId !== streetId) throw invalidField('buildingId', 'not_found', '楼栋不存在 / no such building');
  }
}
