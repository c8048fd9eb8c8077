import { Injectable } from '@nestjs/common';
import { INCIDENT_PENDING_STATES, type IncidentListQuery, type Scope } from '@gridboard/shared';
import type { SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import { findRowById, insertRow, rowsOf } from '../db/rows';
import { updateVersioned } from '../db/versioned-update';
import { IncidentPhotoEntity } from './incident-photo.entity';
import { IncidentStepEntity } from './incident-step.entity';
import { IncidentEntity } from './incident.entity';

export const INCIDENT_SCOPE = {
  street: 'street_id',
  community: 'community_id',
  grid: 'grid_id',
  departments: 'department_ids',
} as const;

/** The only place with SQL for incidents, their timeline and their photos. */
@Injectable()
export class IncidentsRepository {
  constructor(private readonly db: Db) {}

  /**
   * The next number of the street's day. The upsert's row lock is held until the creating
   * transaction ends, so two reports at once get consecutive numbers, never the same one.
   */
  async nextNumber(streetId: string, day: string): Promise<number> {
    const rows = (await this.db.manager.query(
      `INSERT INTO incident_counter (street_id, day, last) VALUES ($1, $2, 1)
       ON CONFLICT (street_id, day) DO UPDATE SET last = incident_counter.last + 1
       RETURNING last`,
      [streetId, day],
    )) as { last: number }[];
    return Number(rows[0]!.last);
  }

  insert(row: Partial<IncidentEntity>): Promise<IncidentEntity> {
    return insertRow(this.db.manager, IncidentEntity, row);
  }

  /**
   * The incident a reporter's device already made with this id (a retried report). Read before
   * every phone report, so a fixed statement like the report's other reads.
   */
  async findByClientId(reportedById: string, clientId: string): Promise<IncidentEntity | null> {
    const [row] = await rowsOf(
      this.db.manager,
      IncidentEntity,
      'incident_by_client_id',
      'SELECT * FROM incident WHERE reported_by_id = $1 AND client_id = $2',
      [reportedById, clientId],
    );
    return row ?? null;
  }

  /** Fixed statements (rows.ts) for the reads of every incident action, not TypeORM's built queries. */
  findById(id: string): Promise<IncidentEntity | null> {
    return findRowById(this.db.manager, IncidentEntity, id);
  }

  /** Locks the row for the rest of the transaction (actions read, check, then write). */
  findForUpdate(id: string): Promise<IncidentEntity | null> {
    return findRowById(this.db.manager, IncidentEntity, id, { forUpdate: true });
  }

  /** Numbers are unique per street: several streets may each have an SJ-20260301-0001. */
  async streetIdsByCode(codes: string[]): Promise<string[]> {
    const rows = (await this.db.manager.query('SELECT id FROM street WHERE code = ANY($1)', [codes])) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  findByTicket(streetId: string, tickets: string[]): Promise<IncidentEntity[]> {
    if (!tickets.length) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(IncidentEntity, 'i')
      .where('i.street_id = :streetId AND i.hotline_ticket = ANY(:tickets)', { streetId, tickets })
      .getMany();
  }

  update(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<IncidentEntity>,
    present: (current: IncidentEntity) => unknown,
  ): Promise<IncidentEntity> {
    return updateVersioned(this.db.manager, IncidentEntity, id, version, patch, present);
  }

  async insertStep(s: Omit<IncidentStepEntity, 'id'>): Promise<IncidentStepEntity> {
    const [step] = await rowsOf(
      this.db.manager,
      IncidentStepEntity,
      'incident_step_insert',
      `INSERT INTO incident_step (incident_id, at, actor_id, actor_name, actor_role, action, from_state, to_state, note, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING *`,
      [
        s.incidentId,
        s.at,
        s.actorId,
        s.actorName,
        s.actorRole,
        s.action,
        s.fromState,
        s.toState,
        s.note,
        JSON.stringify(s.detail),
      ],
    );
    return step!;
  }

  steps(incidentId: string): Promise<IncidentStepEntity[]> {
    return this.db.manager.find(IncidentStepEntity, { where: { incidentId }, order: { at: 'ASC', id: 'ASC' } });
  }

  async insertPhotos(rows: IncidentPhotoEntity[]): Promise<void> {
    if (rows.length) await this.db.manager.insert(IncidentPhotoEntity, rows);
  }

  async photosOf(incidentIds: string[]): Promise<Map<string, IncidentPhotoEntity[]>> {
    const map = new Map<string, IncidentPhotoEntity[]>(incidentIds.map((id) => [id, []]));
    if (!incidentIds.length) return map;
    const rows = await rowsOf(
      this.db.manager,
      IncidentPhotoEntity,
      'incident_photos_of',
      'SELECT * FROM incident_photo WHERE incident_id = ANY($1::uuid[]) ORDER BY created_at, id',
      [incidentIds],
    );
    for (const r of rows) map.get(r.incidentId)!.push(r);
    return map;
  }

  findPhoto(incidentId: string, photoId: string): Promise<IncidentPhotoEntity | null> {
    return this.db.manager.findOneBy(IncidentPhotoEntity, { id: photoId, incidentId });
  }

  countPhotos(incidentId: string): Promise<number> {
    return this.db.manager.countBy(IncidentPhotoEntity, { incidentId });
  }

  async list(
    scope: Scope,
    q: IncidentListQuery,
    ctx: { now: Date; userId: string | null },
  ): Promise<{ items: IncidentEntity[]; total: number }> {
    const qb = this.scoped(scope);
    if (q.state) qb.andWhere('i.state = ANY(:states)', { states: q.state });
    if (q.category) qb.andWhere('i.category = ANY(:categories)', { categories: q.category });
    if (q.severity) qb.andWhere('i.severity = ANY(:severities)', { severities: q.severity });
    if (q.source) qb.andWhere('i.source = ANY(:sources)', { sources: q.source });
    if (q.gridId) qb.andWhere('i.grid_id = :gridId', { gridId: q.gridId });
    if (q.departmentId) qb.andWhere(':dept = ANY(i.department_ids)', { dept: q.departmentId });
    if (q.overdue !== undefined) {
      const overdue = 'COALESCE(i.deadline < :now, false) AND i.state = ANY(:pending)';
      qb.andWhere(q.overdue ? overdue : `NOT (${overdue})`, {
        now: ctx.now,
        pending: INCIDENT_PENDING_STATES,
      });
    }
    if (q.mine) qb.andWhere('(i.reported_by_id = :me OR i.owner_id = :me)', { me: ctx.userId });
    if (q.q) {
      qb.andWhere(
        `(i.number ILIKE :q OR i.title ILIKE :q OR i.description ILIKE :q OR i.address ILIKE :q OR i.hotline_ticket ILIKE :q)`,
        { q: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
      );
    }
    if (q.from) qb.andWhere('i.reported_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('i.reported_at < :to', { to: q.to });
    if (q.drill === 'exclude') qb.andWhere('i.drill_id IS NULL');
    if (q.drill === 'only') qb.andWhere('i.drill_id IS NOT NULL');
    if (q.sort === 'deadline') qb.orderBy('i.deadline', 'ASC', 'NULLS LAST').addOrderBy('i.reported_at', 'ASC');
    else qb.orderBy('i.reported_at', 'DESC');
    const [items, total] = await qb
      .addOrderBy('i.number', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(q.limit)
      .offset(q.offset)
      .getManyAndCount();
    return { items, total };
  }

  async countByState(scope: Scope, now: Date): Promise<{ byState: Record<string, number>; overdue: number }> {
    const rows = (await this.scoped(scope)
      .select('i.state', 'state')
      .addSelect('count(*)::int', 'n')
      .addSelect('count(*) FILTER (WHERE i.deadline < :now AND i.state = ANY(:pending))::int', 'overdue')
      .setParameters({ now, pending: INCIDENT_PENDING_STATES })
      .groupBy('i.state')
      .getRawMany()) as { state: string; n: number; overdue: number }[];
    return {
      byState: Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])),
      overdue: rows.reduce((s, r) => s + Number(r.overdue), 0),
    };
  }

  /** Pending items past their deadline whose overdue notice has not been raised yet. */
  async dueForOverdue(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.db.manager.query(
      `SELECT id FROM incident
       WHERE overdue_at IS NULL AND deadline < $1 AND state = ANY($2)
       ORDER BY deadline LIMIT $3`,
      [now, INCIDENT_PENDING_STATES, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Sets the durable overdue flag, only if it is not set yet: the row count says whether this call
   * raised it (so a second pass, or a second instance, never raises it again).
   */
  async markOverdue(id: string, now: Date): Promise<IncidentEntity | null> {
    const rows = (await this.db.manager.query(
      `UPDATE incident
       SET overdue_at = $2, supervision_count = supervision_count + 1, last_supervised_at = $2,
           version = version + 1, updated_at = now()
       WHERE id = $1 AND overdue_at IS NULL AND deadline < $2 AND state = ANY($3)
       RETURNING id`,
      [id, now, INCIDENT_PENDING_STATES],
    )) as [{ id: string }[], number];
    return rows[1] === 1 ? this.findById(id) : null;
  }

  /** Open311: non-drill incidents, newest first. */
  async publicList(f: {
    streetIds: string[] | null;
    number?: string;
    categories?: string[];
    closed?: boolean;
    from?: Date;
    to?: Date;
    limit: number;
  }): Promise<IncidentEntity[]> {
    const qb = this.db.manager.createQueryBuilder(IncidentEntity, 'i').where('i.drill_id IS NULL');
    if (f.from) qb.andWhere('i.reported_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('i.reported_at <= :to', { to: f.to });
    if (f.streetIds) qb.andWhere('i.street_id = ANY(:streets)', { streets: f.streetIds });
    if (f.number) qb.andWhere('i.number = :number', { number: f.number });
    if (f.categories) qb.andWhere('i.category = ANY(:cats)', { cats: f.categories });
    if (f.closed !== undefined) qb.andWhere(f.closed ? "i.state = 'closed'" : "i.state <> 'closed'");
    return qb.orderBy('i.reported_at', 'DESC').limit(f.limit).getMany();
  }

  private scoped(scope: Scope): SelectQueryBuilder<IncidentEntity> {
    const cond = scopeCondition(scope, 'i', INCIDENT_SCOPE);
    return this.db.manager.createQueryBuilder(IncidentEntity, 'i').where(cond.sql, cond.params);
  }
}
