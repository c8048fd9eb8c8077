import { Injectable } from '@nestjs/common';
import type { CreateDepartment, Department, DepartmentListQuery, Page, UpdateDepartment } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { invalidField } from '../common/errors';
import { GeoAccess } from './geo-access';
import { GeoLinksRepository } from './geo-links.repository';
import { GeoWrites } from './geo-writes';
import { DEPARTMENT } from './registry-kinds';
import { RegistryReads } from './registry-reads';

/** 职能部门 summoned by whistles and dispatch (应急, 消防, 市监 …); `code` is how other modules name them. */
@Injectable()
export class DepartmentsService {
  constructor(
    private readonly reads: RegistryReads,
    private readonly writes: GeoWrites,
    private readonly access: GeoAccess,
    private readonly links: GeoLinksRepository,
  ) {}

  list(actor: Actor, q: DepartmentListQuery): Promise<Page<Department>> {
    return this.reads.page(actor, DEPARTMENT, q);
  }

  get(actor: Actor, id: string): Promise<Department> {
    return this.reads.get(actor, DEPARTMENT, id);
  }

  async create(actor: Actor, input: CreateDepartment): Promise<Department> {
    const streetId = this.access.streetOf(actor, input.streetId);
    if (!(await this.links.streetExists(streetId)))
      throw invalidField('streetId', 'not_found', '街道不存在 / no such street');
    const { streetId: _requested, ...fields } = input;
    return this.writes.create(actor, DEPARTMENT, { ...fields, streetId });
  }

  async update(actor: Actor, id: string, input: UpdateDepartment): Promise<Department> {
    const before = await this.writes.load(actor, DEPARTMENT, id);
    const { version, ...patch } = input;
    return this.writes.update(actor, DEPARTMENT, before, version, patch);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.writes.remove(actor, DEPARTMENT, await this.writes.load(actor, DEPARTMENT, id));
  }
}
