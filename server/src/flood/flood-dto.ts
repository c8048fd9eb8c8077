import {
  type FloodHousehold,
  type FloodStep,
  type FloodWarning,
  type Jurisdiction,
  maskIdNumber,
  maskName,
  maskPhone,
  type TransferTask,
  WARNING_LEVEL_INFO,
  WARNING_TYPE_LABELS,
} from '@gridboard/shared';
import { scrubText } from '../auth/personal-data';
import type { BuildingEntity } from '../geo/building.entity';
import type { ShelterEntity } from '../geo/shelter.entity';
import type { FloodHouseholdEntity } from './flood-household.entity';
import type { FloodStepEntity } from './flood-step.entity';
import type { FloodWarningEntity } from './flood-warning.entity';
import type { TransferTaskEntity } from './transfer-task.entity';

/**
 * Entity → API shape: the only way flood rows leave the server (responses, events, audit), so the
 * head's name, phone and ID number and the cadre's phone are masked here, once, and free text
 * (notes, refusal reasons) is scrubbed of phone and ID numbers.
 */

/** A register row as read: with its building (where it is) and its designated shelter. */
export type RegisterRow = FloodHouseholdEntity & { building: BuildingEntity; shelter: ShelterEntity };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** 幸福路3号楼 2单元 301 */
export function addressOf(b: BuildingEntity, unit: string, room: string): string {
  const u = unit && !unit.endsWith('单元') ? `${unit}单元` : unit;
  return [b.name, u, room].filter(Boolean).join(' ');
}

/** Where a register household belongs: its building's grid, now. */
export function registerJurisdiction(r: RegisterRow): Jurisdiction {
  return {
    streetId: r.streetId,
    communityId: r.building.communityId,
    gridId: r.building.gridId,
    departmentIds: [],
    streetWide: false,
  };
}

export function toFloodHouseholdDto(r: RegisterRow): FloodHousehold {
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    streetId: r.streetId,
    communityId: r.building.communityId,
    gridId: r.building.gridId,
    buildingId: r.buildingId,
    buildingName: r.building.name,
    householdId: r.householdId,
    unit: r.unit,
    room: r.room,
    address: addressOf(r.building, r.unit, r.room),
    lat: r.building.lat,
    lng: r.building.lng,
    headName: maskName(r.headName)!,
    phone: maskPhone(r.phone),
    idNumber: maskIdNumber(r.idNumber),
    personCount: r.personCount,
    vulnerable: r.vulnerable,
    riskType: r.riskType,
    cadreUserId: r.cadreUserId,
    cadreName: r.cadreName,
    cadrePhone: maskPhone(r.cadrePhone),
    shelterId: r.shelterId,
    shelterName: r.shelter.name,
    cardCode: r.cardCode,
    note: scrubText(r.note),
  };
}

/** A warning is street-wide: everyone working on the street sees it. */
export function warningJurisdiction(w: FloodWarningEntity): Jurisdiction {
  return { streetId: w.streetId, communityId: null, gridId: null, departmentIds: [], streetWide: true };
}

/** 暴雨橙色预警 */
export function warningTitle(w: Pick<FloodWarningEntity, 'type' | 'level'>): string {
  const level = WARNING_LEVEL_INFO[w.level].label['zh-CN'].replace(/（.*$/, '');
  return `${WARNING_TYPE_LABELS[w.type]['zh-CN']}${level}预警`;
}

export function toWarningDto(w: FloodWarningEntity): FloodWarning {
  return {
    id: w.id,
    version: w.version,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    streetId: w.streetId,
    streetWide: true,
    type: w.type,
    level: w.level,
    title: warningTitle(w),
    message: scrubText(w.message),
    scope: { kind: w.scopeKind, gridIds: w.gridIds, area: w.area },
    state: w.state,
    issuedAt: w.issuedAt.toISOString(),
    issuedById: w.issuedById,
    issuedByName: w.issuedByName,
    liftedAt: iso(w.liftedAt),
    closedAt: iso(w.closedAt),
    closeException: w.closeException,
    households: w.households,
    people: w.people,
    drillId: w.drillId,
  };
}

export function taskJurisdiction(t: TransferTaskEntity): Jurisdiction {
  return { streetId: t.streetId, communityId: t.communityId, gridId: t.gridId, departmentIds: [], streetWide: false };
}

/** A task with its register household (and building) and the name of the shelter it is in. */
export function toTaskDto(t: TransferTaskEntity, h: RegisterRow, shelterName: string | null): TransferTask {
  return {
    id: t.id,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    warningId: t.warningId,
    streetId: t.streetId,
    communityId: t.communityId,
    gridId: t.gridId,
    floodHouseholdId: t.floodHouseholdId,
    address: addressOf(h.building, h.unit, h.room),
    lat: h.building.lat,
    lng: h.building.lng,
    headName: maskName(h.headName)!,
    phone: maskPhone(h.phone),
    riskType: h.riskType,
    vulnerable: h.vulnerable,
    personCount: t.personCount,
    state: t.state,
    people: t.people,
    shelterId: t.shelterId,
    shelterName,
    designatedShelterId: t.designatedShelterId,
    cadreUserId: h.cadreUserId,
    cadreName: h.cadreName,
    cadrePhone: maskPhone(h.cadrePhone),
    notifiedAt: iso(t.notifiedAt),
    movingAt: iso(t.movingAt),
    shelteredAt: iso(t.shelteredAt),
    selfArrangedAt: iso(t.selfArrangedAt),
    refusedAt: iso(t.refusedAt),
    refuseReason: t.refuseReason === null ? null : scrubText(t.refuseReason),
    returnedAt: iso(t.returnedAt),
    drillId: t.drillId,
  };
}

export function toStepDto(s: FloodStepEntity): FloodStep {
  return {
    id: s.id,
    warningId: s.warningId,
    taskId: s.taskId,
    at: s.at.toISOString(),
    actorId: s.actorId,
    actorName: s.actorName,
    actorRole: s.actorRole,
    action: s.action,
    fromState: s.fromState,
    toState: s.toState,
    people: s.people,
    shelterId: s.shelterId,
    note: s.note === null ? null : scrubText(s.note),
    detail: s.detail,
  };
}
