import { Injectable } from '@nestjs/common';
import {
  type FloodProgress,
  type FloodProgressDetail,
  maskName,
  maskPhone,
  type ProgressCounts,
  TRANSFER_ACCOUNTED_STATES,
  TRANSFER_AT_HOME_STATES,
  TRANSFER_STATES,
  type TransferState,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import type { CommandContext } from '../command/commands';
import { addressOf, warningJurisdiction } from './flood-dto';
import { FloodAccess } from './flood-access';
import type { FloodWarningEntity } from './flood-warning.entity';
import { ProgressRepository, type StateCountRow } from './progress.repository';
import { RegisterRepository } from './register.repository';
import { TasksRepository } from './tasks.repository';

function emptyCounts(): ProgressCounts {
  return {
    households: 0,
    people: 0,
    byState: Object.fromEntries(
      TRANSFER_STATES.map((s) => [s, { households: 0, people: 0 }]),
    ) as ProgressCounts['byState'],
    accounted: { households: 0, people: 0 },
  };
}

function add(c: ProgressCounts, r: StateCountRow): void {
  const state = r.state as TransferState;
  c.households += r.households;
  c.people += r.toMove;
  c.byState[state].households += r.households;
  c.byState[state].people += r.people;
  if (TRANSFER_ACCOUNTED_STATES.includes(state)) {
    c.accounted.households += r.households;
    c.accounted.people += r.people;
  }
}

/**
 * Live progress of a warning (the board's progress bar, the flood console's grid and shelter
 * tables): counts by state, per grid and per shelter. The counts carry no personal data and go to
 * everyone on the street as `flood.progress` after every change; the list of who is still at home
 * is answered on request, within the caller's jurisdiction, to those who transfer or warn.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly repo: ProgressRepository,
    private readonly tasks: TasksRepository,
    private readonly register: RegisterRepository,
    private readonly access: FloodAccess,
    private readonly policy: Policy,
  ) {}

  async compute(w: FloodWarningEntity): Promise<FloodProgress> {
    const rows = await this.repo.stateCounts(w.id);
    const totals = emptyCounts();
    const grids = new Map<string, FloodProgress['byGrid'][number]>();
    for (const r of rows) {
      add(totals, r);
      let g = grids.get(r.gridId);
      if (!g)
        grids.set(r.gridId, (g = { gridId: r.gridId, gridCode: r.gridCode, gridName: r.gridName, ...emptyCounts() }));
      add(g, r);
    }
    const shelters = await this.repo.shelters(w.id, w.drillId);
    return {
      warningId: w.id,
      streetId: w.streetId,
      state: w.state,
      level: w.level,
      drillId: w.drillId,
      totals,
      byGrid: [...grids.values()],
      byShelter: shelters.map((s) => ({
        shelterId: s.id,
        name: s.name,
        capacity: s.capacity,
        occupancy: s.occupancy,
        fromWarning: s.fromWarning,
        overCapacity: s.occupancy > s.capacity,
      })),
    };
  }

  /** `flood.progress` for the warning as this command leaves it (the warning row is locked by then). */
  async emit(ctx: CommandContext, w: FloodWarningEntity): Promise<FloodProgress> {
    const p = await this.compute(w);
    ctx.emit('flood.progress', p, warningJurisdiction(w), w.drillId);
    return p;
  }

  async detail(actor: Actor, warningId: string): Promise<FloodProgressDetail> {
    const w = await this.access.warning(actor, warningId);
    const progress = await this.compute(w);
    const lists = this.policy.permits(actor, 'flood.transfer') || this.policy.permits(actor, 'flood.warn');
    if (!lists) return { ...progress, atHome: null };
    const tasks = await this.tasks.ofWarning(w.id, TRANSFER_AT_HOME_STATES, actor.scope);
    const households = await this.register.findByIds(tasks.map((t) => t.floodHouseholdId));
    return {
      ...progress,
      atHome: tasks.map((t) => {
        const h = households.get(t.floodHouseholdId)!;
        return {
          taskId: t.id,
          version: t.version,
          floodHouseholdId: h.id,
          gridId: t.gridId,
          address: addressOf(h.building, h.unit, h.room),
          headName: maskName(h.headName)!,
          personCount: t.personCount,
          vulnerable: h.vulnerable,
          state: t.state,
          cadreUserId: h.cadreUserId,
          cadreName: h.cadreName,
          cadrePhone: maskPhone(h.cadrePhone),
        };
      }),
    };
  }
}
