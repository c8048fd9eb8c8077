import type { GeoEntity, Jurisdiction } from '@gridboard/shared';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { BasemapFeatureEntity } from './basemap-feature.entity';
import { BuildingEntity } from './building.entity';
import { CommunityEntity } from './community.entity';
import { CompoundEntity } from './compound.entity';
import { DepartmentEntity } from './department.entity';
import * as dto from './geo-dto';
import { GridEntity } from './grid.entity';
import { HouseholdEntity } from './household.entity';
import { PersonEntity } from './person.entity';
import { ShelterEntity } from './shelter.entity';
import { SiteEntity } from './site.entity';

export interface RegistryRow extends ObjectLiteral {
  id: string;
  version: number;
  streetId: string;
}

/**
 * How one registry table is read, scoped, presented and announced. The structure of the street
 * (communities, grids, departments, shelters, basemap) is visible to everyone working on it: a grid
 * worker's map shows the whole street and its shelters. Buildings, sites and especially households
 * and persons are visible only within the reader's jurisdiction.
 */
export interface RegistryKind<E extends RegistryRow, D> {
  entity: GeoEntity | 'basemap';
  target: EntityTarget<E>;
  dto: (e: E) => D;
  jurisdiction: (e: E) => Jurisdiction;
  streetWide: boolean;
  /** list query parameter → entity property compared with `=` */
  filters: Record<string, string>;
  /** list query parameter → array property that must contain the value */
  arrayFilters?: Record<string, string>;
  /** properties matched by `q` (ILIKE) */
  search: string[];
  /** has lat/lng: `bbox` applies */
  point: boolean;
  order: string[];
}

type Located = { streetId: string; communityId: string; gridId: string };
const inGrid = (e: Located): Jurisdiction => ({
  streetId: e.streetId,
  communityId: e.communityId,
  gridId: e.gridId,
  departmentIds: [],
  streetWide: false,
});
const scoped = { streetId: 'streetId', communityId: 'communityId', gridId: 'gridId' };

export const COMMUNITY: RegistryKind<CommunityEntity, ReturnType<typeof dto.communityDto>> = {
  entity: 'community',
  target: CommunityEntity,
  dto: dto.communityDto,
  jurisdiction: (e) => ({ streetId: e.streetId, communityId: e.id, gridId: null, departmentIds: [], streetWide: true }),
  streetWide: true,
  filters: { streetId: 'streetId' },
  search: ['name', 'code'],
  point: false,
  order: ['code'],
};

export const GRID: RegistryKind<GridEntity, ReturnType<typeof dto.gridDto>> = {
  entity: 'grid',
  target: GridEntity,
  dto: dto.gridDto,
  jurisdiction: (e) => ({
    streetId: e.streetId,
    communityId: e.communityId,
    gridId: e.id,
    departmentIds: [],
    streetWide: true,
  }),
  streetWide: true,
  filters: { streetId: 'streetId', communityId: 'communityId', type: 'type' },
  search: ['name', 'code'],
  point: false,
  order: ['code'],
};

export const COMPOUND: RegistryKind<CompoundEntity, ReturnType<typeof dto.compoundDto>> = {
  entity: 'compound',
  target: CompoundEntity,
  dto: dto.compoundDto,
  jurisdiction: inGrid,
  streetWide: false,
  filters: scoped,
  search: ['name', 'address'],
  point: false,
  order: ['name'],
};

export const BUILDING: RegistryKind<BuildingEntity, ReturnType<typeof dto.buildingDto>> = {
  entity: 'building',
  target: BuildingEntity,
  dto: dto.buildingDto,
  jurisdiction: inGrid,
  streetWide: false,
  filters: { ...scoped, compoundId: 'compoundId' },
  search: ['name', 'address'],
  point: true,
  order: ['name'],
};

export const HOUSEHOLD: RegistryKind<HouseholdEntity, ReturnType<typeof dto.householdDto>> = {
  entity: 'household',
  target: HouseholdEntity,
  dto: dto.householdDto,
  jurisdiction: inGrid,
  streetWide: false,
  filters: { ...scoped, buildingId: 'buildingId' },
  // never the head's name or phone: a search would reveal what the mask hides
  search: ['unit', 'room'],
  point: false,
  order: ['buildingId', 'unit', 'room'],
};

export const PERSON: RegistryKind<PersonEntity, ReturnType<typeof dto.personDto>> = {
  entity: 'person',
  target: PersonEntity,
  dto: dto.personDto,
  jurisdiction: inGrid,
  streetWide: false,
  filters: { ...scoped, buildingId: 'buildingId', householdId: 'householdId' },
  arrayFilters: { tag: 'tags' },
  search: [],
  point: false,
  order: ['householdId', 'createdAt'],
};

export const SITE: RegistryKind<SiteEntity, ReturnType<typeof dto.siteDto>> = {
  entity: 'site',
  target: SiteEntity,
  dto: dto.siteDto,
  jurisdiction: inGrid,
  streetWide: false,
  filters: { ...scoped, buildingId: 'buildingId', type: 'type', grade: 'grade', nineSmall: 'nineSmall' },
  search: ['name', 'address'],
  point: true,
  order: ['name'],
};

export const SHELTER: RegistryKind<ShelterEntity, ReturnType<typeof dto.shelterDto>> = {
  entity: 'shelter',
  target: ShelterEntity,
  dto: dto.shelterDto,
  jurisdiction: (e) => ({ ...inGrid(e), streetWide: true }),
  streetWide: true,
  filters: scoped,
  search: ['name', 'address'],
  point: true,
  order: ['name'],
};

export const DEPARTMENT: RegistryKind<DepartmentEntity, ReturnType<typeof dto.departmentDto>> = {
  entity: 'department',
  target: DepartmentEntity,
  dto: dto.departmentDto,
  // departments are summoned by every grid (吹哨报到): everyone on the street sees them
  jurisdiction: (e) => ({
    streetId: e.streetId,
    communityId: null,
    gridId: null,
    departmentIds: [e.id],
    streetWide: true,
  }),
  streetWide: true,
  filters: { streetId: 'streetId', kind: 'kind' },
  search: ['name', 'code'],
  point: false,
  order: ['code'],
};

export const BASEMAP: RegistryKind<BasemapFeatureEntity, ReturnType<typeof dto.basemapDto>> = {
  entity: 'basemap',
  target: BasemapFeatureEntity,
  dto: dto.basemapDto,
  jurisdiction: (e) => ({ streetId: e.streetId, communityId: null, gridId: null, departmentIds: [], streetWide: true }),
  streetWide: true,
  filters: { streetId: 'streetId', kind: 'kind' },
  search: [],
  point: false,
  order: ['kind', 'name'],
};
