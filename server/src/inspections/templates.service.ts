import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type ChecklistItem,
  type ChecklistItemInput,
  type CreateTemplateInput,
  type Page,
  type Template,
  type TemplateListQuery,
  type TemplateVersion,
  type UpdateTemplateInput,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { type CommandContext, Commands } from '../command/commands';
import { invalidField, notFound, versionConflict } from '../common/errors';
import { streetOf } from '../common/params';
import { Db } from '../db/db';
import { streetWideJurisdiction, toTemplateDto, toVersionDto } from './inspection-dto';
import { PlacesRepository } from './places.repository';
import type { ChecklistTemplateEntity, TemplateVersionEntity } from './template.entity';
import { TemplatesRepository } from './templates.repository';

/** Items keep the keys they were given; new ones get a fresh key (a hazard recurs per key). */
function keyed(items: readonly ChecklistItemInput[]): ChecklistItem[] {
  return items.map((it) => ({ ...it, key: it.key ?? `i${randomUUID().replaceAll('-', '').slice(0, 10)}` }));
}

/**
 * 检查表: a street's checklists. A change of name or items writes a new version; inspection records
 * point at the version they were answered against, so editing never rewrites the past.
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly repo: TemplatesRepository,
    private readonly places: PlacesRepository,
    private readonly commands: Commands,
    private readonly policy: Policy,
    private readonly db: Db,
  ) {}

  async create(actor: Actor, input: CreateTemplateInput): Promise<Template> {
    const streetId = streetOf(actor, input.streetId);
    if (!(await this.places.streetExists(streetId))) {
      throw invalidField('streetId', 'not_found', '没有这个街道 / No such street');
    }
    return this.commands.run(actor, async (ctx) => {
      const versionId = randomUUID();
      const t = await this.repo.insert({
        streetId,
        name: input.name,
        description: input.description,
        siteTypes: input.siteTypes,
        campaignTypes: input.campaignTypes,
        active: true,
        currentVersionId: versionId,
      });
      const v = await this.repo.insertVersion({
        id: versionId,
        templateId: t.id,
        number: 1,
        name: input.name,
        items: keyed(input.items),
        createdById: actor.userId,
        createdByName: actor.displayName,
      } as TemplateVersionEntity);
      return this.recorded(ctx, 'inspection.template.create', t, v);
    });
  }

  async update(actor: Actor, id: string, input: UpdateTemplateInput): Promise<Template> {
    await this.visible(actor, id);
    return this.commands.run(actor, async (ctx) => {
      const before = (await this.repo.findForUpdate(id))!;
      const current = (await this.repo.version(before.currentVersionId))!;
      if (before.version !== input.version) throw versionConflict(toTemplateDto(before, current));
      const name = input.name ?? current.name;
      const items = input.items ? keyed(input.items) : current.items;
      const changed = name !== current.name || JSON.stringify(items) !== JSON.stringify(current.items);
      const next = changed
        ? await this.repo.insertVersion({
            id: randomUUID(),
            templateId: id,
            number: current.number + 1,
            name,
            items,
            createdById: actor.userId,
            createdByName: actor.displayName,
          } as TemplateVersionEntity)
        : current;
      const after = await this.repo.update(
        id,
        input.version,
        {
          name,
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.siteTypes ? { siteTypes: input.siteTypes } : {}),
          ...(input.campaignTypes ? { campaignTypes: input.campaignTypes } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          currentVersionId: next.id,
        },
        (c) => toTemplateDto(c, current),
      );
      return this.recorded(ctx, 'inspection.template.update', after, next, current.number);
    });
  }

  async list(actor: Actor, q: TemplateListQuery): Promise<Page<Template>> {
    const { result, seq } = await this.db.snapshot(async () => {
      const { items, total } = await this.repo.list(actor.scope, q);
      const versions = await this.repo.versionsById(items.map((t) => t.currentVersionId));
      return { items: items.map((t) => toTemplateDto(t, versions.get(t.currentVersionId)!)), total };
    });
    return { ...result, seq };
  }

  async get(actor: Actor, id: string): Promise<Template> {
    const t = await this.visible(actor, id);
    return toTemplateDto(t, (await this.repo.version(t.currentVersionId))!);
  }

  async versions(actor: Actor, id: string): Promise<{ items: TemplateVersion[] }> {
    await this.visible(actor, id);
    return { items: (await this.repo.versionsOf(id)).map(toVersionDto) };
  }

  /** An exact version: the phone page renders a record's checklist from it. */
  async version(actor: Actor, versionId: string): Promise<TemplateVersion> {
    const v = await this.repo.version(versionId);
    if (!v) throw notFound();
    await this.visible(actor, v.templateId);
    return toVersionDto(v);
  }

  async visible(actor: Actor, id: string): Promise<ChecklistTemplateEntity> {
    const t = await this.repo.findById(id);
    if (!t) throw notFound();
    await this.policy.ensureVisible(actor, streetWideJurisdiction(t.streetId), { type: 'checklist_template', id });
    return t;
  }

  private recorded(
    ctx: CommandContext,
    action: string,
    t: ChecklistTemplateEntity,
    v: TemplateVersionEntity,
    previousVersion?: number,
  ): Template {
    const template = toTemplateDto(t, v);
    ctx.audit({
      action,
      objectType: 'checklist_template',
      objectId: t.id,
      after: { name: t.name, active: t.active, versionNumber: v.number, items: v.items.length },
      detail: previousVersion !== undefined ? { previousVersion } : {},
      streetId: t.streetId,
    });
    ctx.emit('inspection.template.changed', { template }, streetWideJurisdiction(t.streetId));
    return template;
  }
}
