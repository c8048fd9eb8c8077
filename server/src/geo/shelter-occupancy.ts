import { Injectable } from '@nestjs/common';
import type { Shelter } from '@gridboard/shared';
import type { CommandContext } from '../command/commands';
import { notFound } from '../common/errors';
import { GeoLinksRepository } from './geo-links.repository';
import { SHELTER } from './registry-kinds';

/**
 * 避险安置点 occupancy: the one door through which the flood module changes it, inside the caller's
 * command (so the step that sheltered people and the count commit together). Maps follow through
 * `geo.changed`, like any other registry change.
 */
@Injectable()
export class ShelterOccupancy {
  constructor(private readonly links: GeoLinksRepository) {}

  /** `delta` people arrived (negative: left). Answers the shelter as it is now. */
  async adjust(ctx: CommandContext, shelterId: string, delta: number): Promise<Shelter> {
    const row = await this.links.adjustOccupancy(shelterId, delta);
    if (!row) throw notFound();
    const data = SHELTER.dto(row);
    ctx.emit('geo.changed', { entity: 'shelter', id: row.id, op: 'updated', data }, SHELTER.jurisdiction(row));
    return data;
  }
}
