import {
  maskIdNumber,
  maskName,
  maskPhone,
  type BasemapFeature,
  type Building,
  type Community,
  type Compound,
  type Department,
  type Grid,
  type Household,
  type Person,
  type Shelter,
  type Site,
  type Street,
} from '@gridboard/shared';
import type { BasemapFeatureEntity } from './basemap-feature.entity';
import type { BuildingEntity } from './building.entity';
import type { CommunityEntity } from './community.entity';
import type { CompoundEntity } from './compound.entity';
import type { DepartmentEntity } from './department.entity';
import type { GridEntity } from './grid.entity';
import type { GridScopedEntity } from './grid-scoped.entity';
import type { HouseholdEntity } from './household.entity';
import type { PersonEntity } from './person.entity';
import type { ShelterEntity } from './shelter.entity';
import type { SiteEntity } from './site.entity';
import type { StreetEntity } from './street.entity';

/**
 * Entity → API shape. The only way registry rows leave the server (responses, events, audit), so
 * personal data is masked here once: names/phones/ID numbers of residents, phones of functionaries.
 */
type Meta = { id: string; version: number; createdAt: Date; updatedAt: Date };
const meta = (e: Meta) => ({
  id: e.id,
  version: e.version,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

const place = (e: GridScopedEntity) => ({ streetId: e.streetId, communityId: e.communityId, gridId: e.gridId });

export const communityDto = (e: CommunityEntity): Community => ({
  ...meta(e),
  streetId: e.streetId,
  code: e.code,
  name: e.name,
  area: e.area,
});

export const gridDto = (e: GridEntity): Grid => ({
  ...meta(e),
  streetId: e.streetId,
  communityId: e.communityId,
  code: e.code,
  name: e.name,
  type: e.type as Grid['type'],
  area: e.area,
  households: e.households,
  leaderName: e.leaderName,
  leaderPhone: maskPhone(e.leaderPhone),
});

export const compoundDto = (e: CompoundEntity): Compound => ({
  ...meta(e),
  ...place(e),
  name: e.name,
  address: e.address,
  area: e.area,
});

export const buildingDto = (e: BuildingEntity): Building => ({
  ...meta(e),
  ...place(e),
  compoundId: e.compoundId,
  name: e.name,
  address: e.address,
  lat: e.lat,
  lng: e.lng,
  floors: e.floors,
  households: e.households,
  leaderName: e.leaderName,
  leaderPhone: maskPhone(e.leaderPhone),
  footprint: e.footprint,
});

export const householdDto = (e: HouseholdEntity): Household => ({
  ...meta(e),
  ...place(e),
  buildingId: e.buildingId,
  unit: e.unit,
  room: e.room,
  headName: maskName(e.headName) ?? '',
  phone: maskPhone(e.phone),
  personCount: e.personCount,
});

export const personDto = (e: PersonEntity): Person => ({
  ...meta(e),
  ...place(e),
  buildingId: e.buildingId,
  householdId: e.householdId,
  name: maskName(e.name) ?? '',
  phone: maskPhone(e.phone),
  idNumber: maskIdNumber(e.idNumber),
  birthYear: e.birthYear,
  tags: e.tags,
});

export const siteDto = (e: SiteEntity): Site => ({
  ...meta(e),
  ...place(e),
  buildingId: e.buildingId,
  name: e.name,
  type: e.type as Site['type'],
  nineSmall: e.nineSmall,
  grade: e.grade as Site['grade'],
  address: e.address,
  lat: e.lat,
  lng: e.lng,
  contactName: e.contactName,
  contactPhone: maskPhone(e.contactPhone),
});

export const shelterDto = (e: ShelterEntity): Shelter => ({
  ...meta(e),
  ...place(e),
  name: e.name,
  address: e.address,
  lat: e.lat,
  lng: e.lng,
  capacity: e.capacity,
  occupancy: e.occupancy,
  contactName: e.contactName,
  contactPhone: maskPhone(e.contactPhone),
});

export const departmentDto = (e: DepartmentEntity): Department => ({
  ...meta(e),
  streetId: e.streetId,
  code: e.code,
  name: e.name,
  kind: e.kind as Department['kind'],
  dutyPhone: e.dutyPhone,
});

export const basemapDto = (e: BasemapFeatureEntity): BasemapFeature => ({
  ...meta(e),
  streetId: e.streetId,
  kind: e.kind as BasemapFeature['kind'],
  name: e.name,
  geometry: e.geometry,
});

export const streetDto = (e: StreetEntity): Street => ({
  ...meta(e),
  code: e.code,
  name: e.name,
  area: e.area,
});
