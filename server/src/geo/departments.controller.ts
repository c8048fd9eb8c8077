import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  createDepartmentSchema,
  type Department,
  departmentListQuerySchema,
  type Page,
  updateDepartmentSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { IdParam } from './id-param';
import { DepartmentsService } from './departments.service';

class CreateDepartmentDto extends createZodDto(createDepartmentSchema) {}
class UpdateDepartmentDto extends createZodDto(updateDepartmentSchema) {}
class DepartmentListQueryDto extends createZodDto(departmentListQuerySchema) {}

/** 职能部门 (departments): HTTP shape only, the rules are in DepartmentsService. */
@ApiTags('geo')
@Controller('geo/departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: DepartmentListQueryDto): Promise<Page<Department>> {
    return this.departments.list(actor, q);
  }

  @Can('geo.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<Department> {
    return this.departments.get(actor, id);
  }

  @Can('geo.write')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateDepartmentDto): Promise<Department> {
    return this.departments.create(actor, body);
  }

  /** Names the `version` it was based on: a stale one answers 409 with the current state. */
  @Can('geo.write')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateDepartmentDto): Promise<Department> {
    return this.departments.update(actor, id, body);
  }

  /** 409 `errors.in_use` while other registry rows still point at it. */
  @Can('geo.write')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.departments.remove(actor, id);
  }
}
