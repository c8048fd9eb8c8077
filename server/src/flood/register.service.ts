import { Injectable } from '@nestjs/common';
import {
  canSee,
  type CreateFloodHousehold,
  type FloodHousehold,
  type FloodHouseholdListQuery,
  type FloodHouseholdReveal,
  type Jurisdiction,
  maskName,
  maskPhone,
  type Page,
  type TransferCard,
  type UpdateFloodHousehold,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { UserRepository } from '../auth/user.repository';
import { Commands } from '../command/commands';
import { forbidden, invalidField } from '../common/errors';
import { Db } from '../db/db';
import type { BuildingEntity } from '../geo/building.entity';
import type { HouseholdEntity } from '../geo/household.entity';
import { BUILDING, HOUSEHOLD, SHELTER } from '../geo/registry-kinds';
import { RegistryRepository } from '../geo/registry.repository';
import type { ShelterEntity } from '../geo/shelter.entity';
import { addressOf, type RegisterRow, registerJurisdiction, toFloodHouseholdDto } from './flood-dto';
import { FloodAccess } from './flood-access';
import type { FloodHouseholdEntity } from './flood-household.entity';
import { RegisterRepository } from './register.repository';
import { cardQr, newCardCode } from './transfer-card';

type Cadre = Pick<FloodHouseholdEntity, 'cadreUserId' | 'cadreName' | 'cadrePhone'>;

const inBuilding = (b: BuildingEntity): Jurisdiction => ({
  streetId: b.streetId,
  communityId: b.communityId,
  gridId: b.gridId,
  departmentIds: [],
  streetWide: false,
});

/**
 * 固定转移人员台账: who must leave when a warning comes, where they go and who brings them. Kept by
 * the duty room and community staff within their jurisdiction; read by everyone who transfers.
 */
@Injectable()
export class RegisterService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly registry: RegistryRepository,
    private readonly users: UserRepository,
    private readonly access: FloodAccess,
    private readonly policy: Policy,
    private readonly commands: Commands,
    private readonly db: Db,
  ) {}

  async list(actor: Actor, q: FloodHouseholdListQuery): Promise<Page<FloodHousehold>> {
    const { result, seq } = await this.db.snapshot(() => this.repo.list(actor.scope, q, actor.userId));
    return { items: result.items.map(toFloodHouseholdDto), total: result.total, seq };
  }

  async get(actor: Actor, id: string): Promise<FloodHousehold> {
    return toFloodHouseholdDto(await this.access.household(actor, id));
  }

  async create(actor: Actor, input: CreateFloodHousehold): Promise<FloodHousehold> {
    const { building, household } = await this.place(input.buildingId, input.householdId ?? undefined);
    const j = inBuilding(building);
    await this.access.ensureWritable(actor, j, { type: 'flood_household', id: null });
    await this.shelter(building.streetId, input.shelterId);
    const cadre = await this.cadre(j, input.cadreUserId ?? null, input.cadreName, input.cadrePhone);
    return this.commands.run(actor, async (ctx) => {
      const [id] = await this.repo.insert([
        {
          streetId: building.streetId,
          buildingId: building.id,
          householdId: household?.id ?? null,
          unit: input.unit ?? household?.unit ?? '',
          room: input.room ?? household?.room ?? '',
          headName: input.headName,
          phone: input.phone,
          idNumber: input.idNumber,
          personCount: input.personCount,
          vulnerable: input.vulnerable,
          riskType: input.riskType,
          ...cadre,
          shelterId: input.shelterId,
          cardCode: newCardCode(),
          note: input.note,
        },
      ]);
      const data = toFloodHouseholdDto((await this.repo.findById(id!))!);
      ctx.audit({
        action: 'flood.household.create',
        objectType: 'flood_household',
        objectId: data.id,
        after: data,
        streetId: data.streetId,
      });
      ctx.emit('flood.household.changed', { id: data.id, op: 'created', data }, j);
      return data;
    });
  }

  async update(actor: Actor, id: string, input: UpdateFloodHousehold): Promise<FloodHousehold> {
    const before = await this.access.household(actor, id);
    const old = registerJurisdiction(before);
    await this.access.ensureWritable(actor, old, { type: 'flood_household', id });
    const { version, ...patch } = input;
    const moved = patch.buildingId !== undefined || patch.householdId !== undefined;
    const { building, household } = moved
      ? await this.place(
          patch.buildingId ?? (patch.householdId ? undefined : before.buildingId),
          patch.householdId ?? undefined,
        )
      : { building: before.building, household: null };
    const j = inBuilding(building);
    // a building out of the caller's sight answers 404 before anything is said about its street
    await this.access.ensureWritable(actor, j, { type: 'flood_household', id });
    if (building.streetId !== before.streetId) {
      throw invalidField('buildingId', 'other_street', '不能移到其他街道 / cannot move to another street');
    }
    if (patch.shelterId) await this.shelter(before.streetId, patch.shelterId);
    const cadreChanged = ['cadreUserId', 'cadreName', 'cadrePhone'].some((k) => k in patch) || moved;
    const cadre = cadreChanged
      ? await this.cadre(
          j,
          patch.cadreUserId !== undefined ? patch.cadreUserId : before.cadreUserId,
          patch.cadreName ?? (patch.cadreUserId !== undefined ? undefined : before.cadreName),
          patch.cadrePhone !== undefined
            ? patch.cadrePhone
            : patch.cadreUserId !== undefined
              ? undefined
              : before.cadrePhone,
        )
      : {};
    return this.commands.run(actor, async (ctx) => {
      const after = await this.repo.update(
        id,
        version,
        {
          ...patch,
          ...cadre,
          ...(moved
            ? {
                buildingId: building.id,
                householdId: household?.id ?? null,
                unit: patch.unit ?? household?.unit ?? before.unit,
                room: patch.room ?? household?.room ?? before.room,
              }
            : {}),
        },
        toFloodHouseholdDto,
      );
      const data = toFloodHouseholdDto(after);
      ctx.audit({
        action: 'flood.household.update',
        objectType: 'flood_household',
        objectId: id,
        before: toFloodHouseholdDto(before),
        after: data,
        streetId: data.streetId,
      });
      if (old.gridId !== j.gridId) ctx.emit('flood.household.changed', { id, op: 'deleted', data: null }, old);
      ctx.emit('flood.household.changed', { id, op: 'updated', data }, j);
      return data;
    });
  }

  /** A household with transfer tasks stays (409 in_use): the tasks are the record of past warnings. */
  async remove(actor: Actor, id: string): Promise<void> {
    const before = await this.access.household(actor, id);
    const j = registerJurisdiction(before);
    await this.access.ensureWritable(actor, j, { type: 'flood_household', id });
    await this.commands.run(actor, async (ctx) => {
      await this.repo.delete(id);
      ctx.audit({
        action: 'flood.household.delete',
        objectType: 'flood_household',
        objectId: id,
        before: toFloodHouseholdDto(before),
        streetId: before.streetId,
      });
      ctx.emit('flood.household.changed', { id, op: 'deleted', data: null }, j);
    });
  }

  /**
   * The clear name, phone and ID number, and the cadre's phone: for roles with `pii.reveal`, and for
   * the household's own cadre (who must be able to call them at 3 a.m.). Audited as `pii.reveal`.
   */
  async reveal(actor: Actor, id: string): Promise<FloodHouseholdReveal> {
    const h = await this.access.household(actor, id);
    if (!this.policy.permits(actor, 'pii.reveal') && (!actor.userId || h.cadreUserId !== actor.userId)) {
      await this.access.deny(actor, 'deny:pii.reveal', { type: 'flood_household', id }, h.streetId);
      throw forbidden();
    }
    await this.commands.run(actor, async (ctx) => {
      ctx.audit({
        action: 'pii.reveal',
        objectType: 'flood_household',
        objectId: id,
        detail: { fields: ['headName', 'phone', 'idNumber', 'cadrePhone'], asCadre: h.cadreUserId === actor.userId },
        streetId: h.streetId,
      });
    });
    return {
      id,
      headName: h.headName,
      phone: h.phone,
      idNumber: h.idNumber,
      cadreName: h.cadreName,
      cadrePhone: h.cadrePhone,
    };
  }

  /** 转移明白卡: the household's code and its QR, with what the family needs to know (masked). */
  async card(actor: Actor, id: string): Promise<TransferCard> {
    const h: RegisterRow = await this.access.household(actor, id);
    const qr = await cardQr(h.cardCode);
    return {
      floodHouseholdId: h.id,
      code: h.cardCode,
      qrText: h.cardCode,
      qrSvg: qr.svg,
      qrPng: qr.png,
      address: addressOf(h.building, h.unit, h.room),
      headName: maskName(h.headName)!,
      personCount: h.personCount,
      riskType: h.riskType,
      shelterName: h.shelter.name,
      shelterAddress: h.shelter.address,
      cadreName: h.cadreName,
      cadrePhone: maskPhone(h.cadrePhone),
    };
  }

  /** The building (or the registry household, whose building it then is). */
  private async place(
    buildingId: string | undefined,
    householdId: string | undefined,
  ): Promise<{ building: BuildingEntity; household: HouseholdEntity | null }> {
    const household = householdId ? await this.registry.findById(HOUSEHOLD, householdId) : null;
    if (householdId && !household) throw invalidField('householdId', 'not_found', '住户不存在 / no such household');
    if (household && buildingId && household.buildingId !== buildingId) {
      throw invalidField('householdId', 'other_building', '住户不在该楼栋 / not a household of this building');
    }
    const building = await this.registry.findById(BUILDING, household?.buildingId ?? buildingId!);
    if (!building) throw invalidField('buildingId', 'not_found', '楼栋不存在 / no such building');
    return { building, household };
  }

  private async shelter(streetId: string, id: string): Promise<ShelterEntity> {
    const s = await this.registry.findById(SHELTER, id);
    if (!s || s.streetId !== streetId) {
      throw invalidField('shelterId', 'not_found', '不是本街道的安置点 / Not a shelter of this street');
    }
    return s;
  }

  /**
   * 包保责任人: an account of the street that can see the household (else its tasks would never
   * reach their phone), whose name and phone are the defaults; or just a name and phone.
   */
  private async cadre(
    j: Jurisdiction,
    userId: string | null,
    name: string | undefined,
    phone: string | null | undefined,
  ): Promise<Cadre> {
    if (!userId) {
      if (!name) throw invalidField('cadreName', 'required', '请填写包保责任人 / name the responsible cadre');
      return { cadreUserId: null, cadreName: name, cadrePhone: phone ?? null };
    }
    const u = await this.users.findById(userId);
    if (!u || u.disabled || u.streetId !== j.streetId) {
      throw invalidField('cadreUserId', 'not_found', '不是本街道的在用账号 / Not an active account of this street');
    }
    if (!canSee(u.scope, j)) {
      throw invalidField(
        'cadreUserId',
        'out_of_scope',
        '该账号看不到这户，收不到转移任务 / This account cannot see the household, so it would never get its tasks',
      );
    }
    return { cadreUserId: u.id, cadreName: name ?? u.displayName, cadrePhone: phone !== undefined ? phone : u.phone };
  }
}
