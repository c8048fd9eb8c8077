import { Injectable } from '@nestjs/common';
import type { Area } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Clock } from '../command/clock';
import { type CapContext, capDocument, capFeed } from './cap';
import { FloodAccess } from './flood-access';
import { WarningsRepository } from './warnings.repository';

/** CAP 1.2 documents of warnings and the Atom feed of active real warnings, for other alerting systems. */
@Injectable()
export class CapService {
  constructor(
    private readonly access: FloodAccess,
    private readonly warnings: WarningsRepository,
    private readonly clock: Clock,
  ) {}

  async document(actor: Actor, id: string): Promise<string> {
    const w = await this.access.warning(actor, id);
    return capDocument(w, await this.warnings.steps(id, null), await this.context(w.streetId));
  }

  /** Active warnings of the caller's street (every street's for district users); drills stay out. */
  async feed(actor: Actor): Promise<string> {
    const active = await this.warnings.activeReal(actor.scope);
    const contexts = new Map<string, CapContext>();
    const entries = [];
    for (const w of active) {
      if (!contexts.has(w.streetId)) contexts.set(w.streetId, await this.context(w.streetId));
      entries.push({ warning: w, steps: await this.warnings.steps(w.id, null), ctx: contexts.get(w.streetId)! });
    }
    const scope = actor.scope.kind === 'district' ? 'district' : actor.scope.streetId;
    return capFeed(
      '防汛预警（生效中）/ Active flood warnings',
      `urn:gridboard:flood:active:${scope}`,
      entries,
      this.clock.now(),
    );
  }

  private async context(streetId: string): Promise<CapContext> {
    const street = (await this.warnings.street(streetId))!;
    const grids = await this.warnings.grids(streetId);
    return {
      street: { code: street.code, name: street.name, area: street.area as Area | null },
      grids: grids.map((g) => ({ id: g.id, name: g.name, area: g.area })),
    };
  }
}
