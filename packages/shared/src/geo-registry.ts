import { z } from 'zod';
import { listQuerySchema, versionSchema } from './api';
import { areaSchema, latSchema, lngSchema } from './geo';
import { uuidSchema } from './jurisdiction';

/**
 * The registry the board is built on (一标三实): street → community → grid → compound → building →
 * household → person, plus sites, departments and shelters. Create schemas are what clients send;
 * entity schemas are what the API answers (personal data masked unless revealed).
 */
const name = z.string().trim().min(1).max(100);
const code = z.string().trim().min(1).max(40);
const personName = z.string().trim().min(1).max(50);
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, '电话只能包含数字、+ 和 - / phone: digits, + and - only');
export const idNumberSchema = z
  .string()
  .trim()
  .regex(
    /^\d{17}[\dXx]$/,
    '身份证号为 18 位，末位为数字或 X / ID number: 18 characters, digits with a final digit or X',
  )
  .transform((s) => s.toUpperCase());
const address = z.string().trim().max(200);
const meta = { id: uuidSchema, version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };

export const GRID_TYPES = ['comprehensive', 'dedicated'] as const;
/** 九小场所 and the other places the street supervises. */
export const SITE_TYPES = [
  'shop',
  'restaurant',
  'school',
  'kindergarten',
  'market',
  'petrol_station',
  'ktv',
  'hotel',
  'internet_cafe',
  'clinic',
  'workshop',
  'warehouse',
  'enterprise',
  'self_built_house',
  'food_business',
  'elderly_care',
  'other',
] as const;
export type SiteType = (typeof SITE_TYPES)[number];
/** Chinese labels of site types, as they appear in spreadsheets (导入) and in the UI. */
export const SITE_TYPE_LABELS: Record<SiteType, string> = {
  shop: '商铺',
  restaurant: '餐饮店',
  school: '学校',
  kindergarten: '幼儿园',
  market: '市场',
  petrol_station: '加油站',
  ktv: 'KTV',
  hotel: '宾馆',
  internet_cafe: '网吧',
  clinic: '诊所',
  workshop: '小作坊',
  warehouse: '仓库',
  enterprise: '企业',
  self_built_house: '自建房',
  food_business: '食品经营',
  elderly_care: '养老机构',
  other: '其他',
};
/** 分级包保: A needs the closest supervision. */
export const SUPERVISION_GRADES = ['A', 'B', 'C'] as const;
export const DEPARTMENT_KINDS = [
  'emergency',
  'fire',
  'market_regulation',
  'urban_management',
  'housing',
  'police',
  'water',
  'power',
  'gas',
  'other',
] as const;

export const streetSchema = z.object({ ...meta, code, name, area: areaSchema.nullable() });
export const communitySchema = z.object({ ...meta, streetId: uuidSchema, code, name, area: areaSchema.nullable() });
export const gridSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  communityId: uuidSchema,
  code,
  name,
  type: z.enum(GRID_TYPES),
  area: areaSchema,
  households: z.number().int().min(0),
  leaderName: z.string().nullable(),
  /** masked */
  leaderPhone: z.string().nullable(),
});
export const compoundSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  name,
  address: z.string(),
  area: areaSchema.nullable(),
});
export const buildingSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  compoundId: uuidSchema.nullable(),
  name,
  address: z.string(),
  lat: latSchema,
  lng: lngSchema,
  floors: z.number().int().min(1).max(200),
  households: z.number().int().min(0),
  /** 楼栋长 */
  leaderName: z.string().nullable(),
  /** masked */
  leaderPhone: z.string().nullable(),
  footprint: areaSchema.nullable(),
});
export const householdSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  buildingId: uuidSchema,
  unit: z.string(),
  room: z.string(),
  /** masked */
  headName: z.string(),
  /** masked */
  phone: z.string().nullable(),
  personCount: z.number().int().min(0),
});
export const personSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  buildingId: uuidSchema,
  householdId: uuidSchema,
  /** masked */
  name: z.string(),
  /** masked */
  phone: z.string().nullable(),
  /** masked */
  idNumber: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  tags: z.array(z.string()),
});
export const siteSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  buildingId: uuidSchema.nullable(),
  name,
  type: z.enum(SITE_TYPES),
  /** 九小场所 */
  nineSmall: z.boolean(),
  grade: z.enum(SUPERVISION_GRADES),
  address: z.string(),
  lat: latSchema,
  lng: lngSchema,
  contactName: z.string().nullable(),
  /** masked */
  contactPhone: z.string().nullable(),
});
export const departmentSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  code,
  name,
  kind: z.enum(DEPARTMENT_KINDS),
  /** an office line, shown as is */
  dutyPhone: z.string().nullable(),
});
export const shelterSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  name,
  address: z.string(),
  lat: latSchema,
  lng: lngSchema,
  capacity: z.number().int().min(0),
  occupancy: z.number().int().min(0),
  contactName: z.string().nullable(),
  /** masked */
  contactPhone: z.string().nullable(),
});

/** Roads, rivers and blocks drawn as the offline basemap (no tile server needed). */
export const BASEMAP_KINDS = ['road', 'river', 'block', 'park'] as const;
const lineSchema = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(z.tuple([lngSchema, latSchema])).min(2),
});
export const basemapGeometrySchema = z.union([lineSchema, areaSchema]);
export const basemapFeatureSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  kind: z.enum(BASEMAP_KINDS),
  name: z.string().nullable(),
  geometry: basemapGeometrySchema,
});

export type Street = z.infer<typeof streetSchema>;
export type Community = z.infer<typeof communitySchema>;
export type Grid = z.infer<typeof gridSchema>;
export type Compound = z.infer<typeof compoundSchema>;
export type Building = z.infer<typeof buildingSchema>;
export type Household = z.infer<typeof householdSchema>;
export type Person = z.infer<typeof personSchema>;
export type Site = z.infer<typeof siteSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type Shelter = z.infer<typeof shelterSchema>;
export type BasemapFeature = z.infer<typeof basemapFeatureSchema>;

/*
 * Writable fields, without defaults: create = shape + defaults, update = partial shape + version.
 * (A default inside a partial would silently overwrite the stored value on PATCH.)
 */
const point = { lat: latSchema, lng: lngSchema };
const versioned = { version: versionSchema };

const communityFields = { code, name, area: areaSchema.nullable() };
export const createCommunitySchema = z
  .object({ streetId: uuidSchema.optional(), ...communityFields })
  .extend({ area: areaSchema.nullable().default(null) });
export const updateCommunitySchema = z.object(communityFields).partial().extend(versioned);

const gridFields = {
  communityId: uuidSchema,
  code,
  name,
  type: z.enum(GRID_TYPES),
  area: areaSchema,
  leaderName: personName.nullable(),
  leaderPhone: phoneSchema.nullable(),
};
/** `households` is derived from the registered households, never written. */
export const createGridSchema = z.object(gridFields).extend({
  leaderName: gridFields.leaderName.default(null),
  leaderPhone: gridFields.leaderPhone.default(null),
});
export const updateGridSchema = z.object(gridFields).partial().extend(versioned);

const compoundFields = { gridId: uuidSchema, name, address, area: areaSchema.nullable() };
export const createCompoundSchema = z
  .object(compoundFields)
  .extend({ address: address.default(''), area: compoundFields.area.default(null) });
export const updateCompoundSchema = z.object(compoundFields).partial().extend(versioned);

const buildingFields = {
  gridId: uuidSchema,
  compoundId: uuidSchema.nullable(),
  name,
  address,
  ...point,
  floors: z.number().int().min(1).max(200),
  leaderName: personName.nullable(),
  leaderPhone: phoneSchema.nullable(),
  footprint: areaSchema.nullable(),
};
/** The grid (and so community and street) is derived from the location when not given. */
export const createBuildingSchema = z.object(buildingFields).extend({
  gridId: uuidSchema.optional(),
  compoundId: buildingFields.compoundId.default(null),
  address: address.default(''),
  leaderName: buildingFields.leaderName.default(null),
  leaderPhone: buildingFields.leaderPhone.default(null),
  footprint: buildingFields.footprint.default(null),
});
/** Moving a building without naming a grid re-derives the grid from the new location. */
export const updateBuildingSchema = z.object(buildingFields).partial().extend(versioned);

const householdFields = {
  buildingId: uuidSchema,
  unit: z.string().trim().max(20),
  room: z.string().trim().min(1).max(20),
  headName: personName,
  phone: phoneSchema.nullable(),
};
export const createHouseholdSchema = z
  .object(householdFields)
  .extend({ unit: householdFields.unit.default(''), phone: householdFields.phone.default(null) });
export const updateHouseholdSchema = z.object(householdFields).partial().extend(versioned);

const personFields = {
  householdId: uuidSchema,
  name: personName,
  phone: phoneSchema.nullable(),
  idNumber: idNumberSchema.nullable(),
  birthYear: z.number().int().min(1900).max(2100).nullable(),
  tags: z.array(z.string().trim().min(1).max(20)).max(10),
};
export const createPersonSchema = z.object(personFields).extend({
  phone: personFields.phone.default(null),
  idNumber: personFields.idNumber.default(null),
  birthYear: personFields.birthYear.default(null),
  tags: personFields.tags.default([]),
});
export const updatePersonSchema = z.object(personFields).partial().extend(versioned);

const siteFields = {
  gridId: uuidSchema,
  buildingId: uuidSchema.nullable(),
  name,
  type: z.enum(SITE_TYPES),
  nineSmall: z.boolean(),
  grade: z.enum(SUPERVISION_GRADES),
  address,
  ...point,
  contactName: personName.nullable(),
  contactPhone: phoneSchema.nullable(),
};
export const createSiteSchema = z.object(siteFields).extend({
  gridId: uuidSchema.optional(),
  buildingId: siteFields.buildingId.default(null),
  nineSmall: siteFields.nineSmall.default(false),
  grade: siteFields.grade.default('C'),
  address: address.default(''),
  contactName: siteFields.contactName.default(null),
  contactPhone: siteFields.contactPhone.default(null),
});
export const updateSiteSchema = z.object(siteFields).partial().extend(versioned);

const departmentFields = { code, name, kind: z.enum(DEPARTMENT_KINDS), dutyPhone: phoneSchema.nullable() };
export const createDepartmentSchema = z
  .object({ streetId: uuidSchema.optional(), ...departmentFields })
  .extend({ dutyPhone: departmentFields.dutyPhone.default(null) });
export const updateDepartmentSchema = z.object(departmentFields).partial().extend(versioned);

const shelterFields = {
  gridId: uuidSchema,
  name,
  address,
  ...point,
  capacity: z.number().int().min(0).max(100_000),
  contactName: personName.nullable(),
  contactPhone: phoneSchema.nullable(),
};
export const createShelterSchema = z.object(shelterFields).extend({
  gridId: uuidSchema.optional(),
  address: address.default(''),
  contactName: shelterFields.contactName.default(null),
  contactPhone: shelterFields.contactPhone.default(null),
});
export const updateShelterSchema = z.object(shelterFields).partial().extend(versioned);

export type CreateCommunity = z.infer<typeof createCommunitySchema>;
export type UpdateCommunity = z.infer<typeof updateCommunitySchema>;
export type CreateGrid = z.infer<typeof createGridSchema>;
export type UpdateGrid = z.infer<typeof updateGridSchema>;
export type CreateCompound = z.infer<typeof createCompoundSchema>;
export type UpdateCompound = z.infer<typeof updateCompoundSchema>;
export type CreateBuilding = z.infer<typeof createBuildingSchema>;
export type UpdateBuilding = z.infer<typeof updateBuildingSchema>;
export type CreateHousehold = z.infer<typeof createHouseholdSchema>;
export type UpdateHousehold = z.infer<typeof updateHouseholdSchema>;
export type CreatePerson = z.infer<typeof createPersonSchema>;
export type UpdatePerson = z.infer<typeof updatePersonSchema>;
export type CreateSite = z.infer<typeof createSiteSchema>;
export type UpdateSite = z.infer<typeof updateSiteSchema>;
export type CreateDepartment = z.infer<typeof createDepartmentSchema>;
export type UpdateDepartment = z.infer<typeof updateDepartmentSchema>;
export type CreateShelter = z.infer<typeof createShelterSchema>;
export type UpdateShelter = z.infer<typeof updateShelterSchema>;

/* List filters: every list pages with limit/offset and answers {items, total, seq}. */
const optionalUuid = uuidSchema.optional();
const q = z.string().trim().min(1).max(100).optional();
/** `bbox=minLng,minLat,maxLng,maxLat`: only points inside the map viewport. */
export const bboxSchema = z
  .string()
  .transform((s) => s.split(',').map(Number))
  .pipe(z.tuple([lngSchema, latSchema, lngSchema, latSchema]))
  .refine(([w, s, e, n]) => w <= e && s <= n, {
    message:
      '范围须为 最小经度,最小纬度,最大经度,最大纬度 且最小值不大于最大值 / bbox: minLng,minLat,maxLng,maxLat with min ≤ max',
  })
  .optional();
const boolParam = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const scoped = { streetId: optionalUuid, communityId: optionalUuid, gridId: optionalUuid, q };

export const communityListQuerySchema = listQuerySchema.extend({ streetId: optionalUuid, q });
export const gridListQuerySchema = listQuerySchema.extend({
  streetId: optionalUuid,
  communityId: optionalUuid,
  type: z.enum(GRID_TYPES).optional(),
  q,
});
export const compoundListQuerySchema = listQuerySchema.extend(scoped);
export const buildingListQuerySchema = listQuerySchema.extend({
  ...scoped,
  compoundId: optionalUuid,
  bbox: bboxSchema,
});
export const siteListQuerySchema = listQuerySchema.extend({
  ...scoped,
  buildingId: optionalUuid,
  type: z.enum(SITE_TYPES).optional(),
  grade: z.enum(SUPERVISION_GRADES).optional(),
  nineSmall: boolParam,
  bbox: bboxSchema,
});
export const shelterListQuerySchema = listQuerySchema.extend({ ...scoped, bbox: bboxSchema });
export const departmentListQuerySchema = listQuerySchema.extend({
  streetId: optionalUuid,
  kind: z.enum(DEPARTMENT_KINDS).optional(),
  q,
});
/** `q` matches unit/room only: searching by masked personal data would leak it. */
export const householdListQuerySchema = listQuerySchema.extend({ ...scoped, buildingId: optionalUuid });
export const personListQuerySchema = listQuerySchema.extend({
  streetId: optionalUuid,
  communityId: optionalUuid,
  gridId: optionalUuid,
  buildingId: optionalUuid,
  householdId: optionalUuid,
  tag: z.string().trim().min(1).max(20).optional(),
});
export const basemapListQuerySchema = listQuerySchema.extend({
  streetId: optionalUuid,
  kind: z.enum(BASEMAP_KINDS).optional(),
});

export type CommunityListQuery = z.infer<typeof communityListQuerySchema>;
export type GridListQuery = z.infer<typeof gridListQuerySchema>;
export type CompoundListQuery = z.infer<typeof compoundListQuerySchema>;
export type BuildingListQuery = z.infer<typeof buildingListQuerySchema>;
export type SiteListQuery = z.infer<typeof siteListQuerySchema>;
export type ShelterListQuery = z.infer<typeof shelterListQuerySchema>;
export type DepartmentListQuery = z.infer<typeof departmentListQuerySchema>;
export type HouseholdListQuery = z.infer<typeof householdListQuerySchema>;
export type PersonListQuery = z.infer<typeof personListQuerySchema>;
export type BasemapListQuery = z.infer<typeof basemapListQuerySchema>;

/** Unmasked personal data, answered only by the audited `POST …/:id/reveal`. */
export const householdRevealSchema = z.object({ id: uuidSchema, headName: z.string(), phone: z.string().nullable() });
export const personRevealSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
});
/** Contact of a grid leader, building leader, site or shelter. */
export const contactRevealSchema = z.object({
  id: uuidSchema,
  name: z.string().nullable(),
  phone: z.string().nullable(),
});
export type HouseholdReveal = z.infer<typeof householdRevealSchema>;
export type PersonReveal = z.infer<typeof personRevealSchema>;
export type ContactReveal = z.infer<typeof contactRevealSchema>;

/** Map layers served as GeoJSON FeatureCollections at /api/geo/<layer>.geojson. */
export const GEO_LAYERS = ['communities', 'grids', 'compounds', 'buildings', 'sites', 'shelters', 'basemap'] as const;
export type GeoLayer = (typeof GEO_LAYERS)[number];

/** Imports: `POST /api/geo/import/<kind>`, all-or-nothing. */
export const IMPORT_KINDS = ['grids', 'buildings', 'households', 'persons', 'sites'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const importResultSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** rows (or features) read */
  rows: z.number().int(),
  created: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
/** Largest import file accepted (413 above). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const GEO_ENTITIES = [
  'community',
  'grid',
  'compound',
  'building',
  'household',
  'person',
  'site',
  'shelter',
  'department',
] as const;
export type GeoEntity = (typeof GEO_ENTITIES)[number];

export const geoEvents = {
  /** A registry object was created, changed or removed; `data` is the masked DTO (null on delete). */
  'geo.changed': z.object({
    /** one of GEO_ENTITIES */
    entity: z.string(),
    id: uuidSchema,
    op: z.enum(['created', 'updated', 'deleted']),
    data: z.unknown(),
  }),
  /** A bulk import committed: clients reload the named layers. */
  'geo.imported': z.object({ layers: z.array(z.string()), counts: z.record(z.string(), z.number()) }),
} as const;
