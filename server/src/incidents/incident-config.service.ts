import { Injectable } from '@nestjs/common';
import {
  type DeadlineRule,
  deadlineRuleInputSchema,
  DEFAULT_HOTLINE_MAPPING,
  type ImportMapping,
  incidentWorkflow,
  type IncidentCategory,
  type IncidentState,
  upsertCategorySchema,
  type WorkdayOverride,
  workdayOverrideInputSchema,
} from '@gridboard/shared';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { Clock } from '../command/clock';
import { type CommandContext, Commands } from '../command/commands';
import { ApiException, invalidField, notFound, versionConflict } from '../common/errors';
import type { DeadlineRuleEntity, IncidentCategoryEntity } from './incident-config.entity';
import { IncidentConfigRepository } from './incident-config.repository';
import { ruleMatchKey } from './working-time';

type ConfigKind = 'categories' | 'deadline_rules' | 'state_labels' | 'calendar';

const toCategory = (c: IncidentCategoryEntity): IncidentCategory => ({
  code: c.code,
  label: { 'zh-CN': c.labelZh, 'en-US': c.labelEn },
  sort: c.sort,
  active: c.active,
  version: c.version,
});
const toRule = (r: DeadlineRuleEntity): DeadlineRule => ({
  id: r.id,
  version: r.version,
  category: r.category,
  severity: r.severity,
  source: r.source,
  hours: r.hours,
  calendar: r.calendar,
});

/**
 * The configurable parts of incident handling: categories, deadline rules, the working calendar's
 * overrides (district-wide), and each street's state labels and import mappings. Every change is a
 * command, audited, and announced with `incident.config_changed` so open boards reload.
 */
@Injectable()
export class IncidentConfigService {
  constructor(
    private readonly repo: IncidentConfigRepository,
    private readonly commands: Commands,
    private readonly clock: Clock,
  ) {}

  async categories(): Promise<IncidentCategory[]> {
    return (await this.repo.categories()).map(toCategory);
  }

  async putCategory(
    actor: Actor,
    code: string,
    input: z.infer<typeof upsertCategorySchema>,
  ): Promise<IncidentCategory> {
    return this.commands.run(actor, async (ctx) => {
      const before = await this.repo.category(code);
      const after = await this.repo.upsertCategory({
        code,
        labelZh: input.label['zh-CN'],
        labelEn: input.label['en-US'],
        sort: input.sort,
        active: input.active,
      });
      ctx.audit({ action: 'incident.category.put', objectType: 'incident_category', objectId: code, before, after });
      await this.announce(ctx, 'categories');
      return toCategory(after);
    });
  }

  async rules(): Promise<DeadlineRule[]> {
    return (await this.repo.rules()).map(toRule);
  }

  async createRule(actor: Actor, input: z.infer<typeof deadlineRuleInputSchema>): Promise<DeadlineRule> {
    return this.commands.run(actor, async (ctx) => {
      await this.ensureRuleRefs(input);
      const matchKey = ruleMatchKey(input);
      if (await this.repo.ruleByKey(matchKey)) throw new ApiException(409, 'errors.duplicate');
      const row = await this.repo.insertRule({ ...input, matchKey });
      ctx.audit({ action: 'incident.deadline_rule.create', objectType: 'deadline_rule', objectId: row.id, after: row });
      await this.announce(ctx, 'deadline_rules');
      return toRule(row);
    });
  }

  async updateRule(
    actor: Actor,
    id: string,
    input: z.infer<typeof deadlineRuleInputSchema> & { version: number },
  ): Promise<DeadlineRule> {
    return this.commands.run(actor, async (ctx) => {
      const before = await this.repo.rule(id);
      if (!before) throw notFound();
      await this.ensureRuleRefs(input);
      const matchKey = ruleMatchKey(input);
      const clash = await this.repo.ruleByKey(matchKey);
      if (clash && clash.id !== id) throw new ApiException(409, 'errors.duplicate');
      const { version, ...fields } = input;
      const after = await this.repo.updateRule(id, version, { ...fields, matchKey }, toRule);
      ctx.audit({ action: 'incident.deadline_rule.update', objectType: 'deadline_rule', objectId: id, before, after });
      await this.announce(ctx, 'deadline_rules');
      return toRule(after);
    });
  }

  async deleteRule(actor: Actor, id: string, version: number): Promise<void> {
    await this.commands.run(actor, async (ctx) => {
      const before = await this.repo.rule(id);
      if (!before) throw notFound();
      if (before.version !== version) throw versionConflict(toRule(before));
      await this.repo.deleteRule(id);
      ctx.audit({ action: 'incident.deadline_rule.delete', objectType: 'deadline_rule', objectId: id, before });
      await this.announce(ctx, 'deadline_rules');
    });
  }

  async overrides(year: number | undefined): Promise<WorkdayOverride[]> {
    const rows = await this.repo.overridesFrom(year ? `${year}-01-01` : '0000-01-01');
    return rows
      .filter((r) => !year || r.date.startsWith(`${year}-`))
      .map((r) => ({ date: r.date, workday: r.workday, note: r.note }));
  }

  async putOverride(
    actor: Actor,
    date: string,
    input: z.infer<typeof workdayOverrideInputSchema>,
  ): Promise<WorkdayOverride> {
    return this.commands.run(actor, async (ctx) => {
      const before = await this.repo.override(date);
      const row = { date, workday: input.workday, note: input.note };
      await this.repo.upsertOverride(row);
      ctx.audit({
        action: 'calendar.override.put',
        objectType: 'workday_override',
        objectId: date,
        before,
        after: row,
      });
      await this.announce(ctx, 'calendar');
      return row;
    });
  }

  async deleteOverride(actor: Actor, date: string): Promise<void> {
    await this.commands.run(actor, async (ctx) => {
      const before = await this.repo.override(date);
      if (!before) throw notFound();
      await this.repo.deleteOverride(date);
      ctx.audit({ action: 'calendar.override.delete', objectType: 'workday_override', objectId: date, before });
      await this.announce(ctx, 'calendar');
    });
  }

  /** The workflow's labels with the street's renamings applied; the states themselves never change. */
  async stateLabels(streetId: string): Promise<Record<IncidentState, { 'zh-CN': string; 'en-US': string }>> {
    const own = new Map((await this.repo.stateLabels(streetId)).map((l) => [l.state, l]));
    return Object.fromEntries(
      incidentWorkflow.states.map((s) => {
        const o = own.get(s);
        return [s, o ? { 'zh-CN': o.labelZh, 'en-US': o.labelEn } : { ...incidentWorkflow.stateLabels[s] }];
      }),
    ) as Record<IncidentState, { 'zh-CN': string; 'en-US': string }>;
  }

  async putStateLabel(
    actor: Actor,
    streetId: string,
    state: IncidentState,
    label: { 'zh-CN': string; 'en-US': string },
  ): Promise<void> {
    await this.commands.run(actor, async (ctx) => {
      await this.repo.upsertStateLabel({ streetId, state, labelZh: label['zh-CN'], labelEn: label['en-US'] });
      ctx.audit({
        action: 'incident.state_label.put',
        objectType: 'incident_state_label',
        objectId: state,
        after: label,
        streetId,
      });
      await this.announce(ctx, 'state_labels', streetId);
    });
  }

  async deleteStateLabel(actor: Actor, streetId: string, state: IncidentState): Promise<void> {
    await this.commands.run(actor, async (ctx) => {
      await this.repo.deleteStateLabel(streetId, state);
      ctx.audit({
        action: 'incident.state_label.delete',
        objectType: 'incident_state_label',
        objectId: state,
        streetId,
      });
      await this.announce(ctx, 'state_labels', streetId);
    });
  }

  /** The street's saved mapping for a source, or the typical 12345 headers. */
  async mapping(streetId: string, source: string): Promise<ImportMapping & { saved: boolean }> {
    const m = await this.repo.mapping(streetId, source);
    return m ? { columns: m.columns, saved: true } : { ...DEFAULT_HOTLINE_MAPPING, saved: false };
  }

  async putMapping(actor: Actor, streetId: string, source: string, mapping: ImportMapping): Promise<void> {
    await this.commands.run(actor, async (ctx) => {
      await this.repo.upsertMapping(streetId, source, mapping.columns, this.clock.now());
      ctx.audit({
        action: 'incident.import_mapping.put',
        objectType: 'incident_import_mapping',
        objectId: source,
        after: mapping,
        streetId,
      });
    });
  }

  private async ensureRuleRefs(input: { category: string | null }): Promise<void> {
    if (input.category && !(await this.repo.category(input.category))) {
      throw invalidField('category', 'unknown_category', `未知的事件类别 / Unknown category: ${input.category}`);
    }
  }

  /** Street-level changes go to that street; district-wide ones (categories, rules, calendar) to every street. */
  private async announce(ctx: CommandContext, kind: ConfigKind, streetId?: string): Promise<void> {
    const streets = streetId ? [streetId] : await this.repo.streetIds();
    for (const s of streets) {
      ctx.emit(
        'incident.config_changed',
        { kind },
        { streetId: s, communityId: null, gridId: null, departmentIds: [], streetWide: true },
      );
    }
  }
}
