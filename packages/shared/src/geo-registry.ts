import { z } from 'zod';
import { areaSchema, latSchema, lngSchema } from './geo';
import { uuidSchema } from './jurisdiction';

/**
 * The registry the board is built on (一标三实): street → community → grid → compound → building →
 * household → person, plus sites, departments and shelters. Create schemas are what clients send;
 * entity schemas are what the API answers (personal data masked unless revealed).
 */
const name = z.string().trim().min(1).max(100);
const code = z.string().trim().min(1).max(40);
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, 'phone: digits, + and - only');
const idNumber = z
  .string()
  .trim()
  .regex(/^\d{17}[\dXx]$/, 'ID number: 18 characters, digits with a final digit or X');
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
  leaderName: z.string().nullable(),
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
  headName: z.string(),
  phone: z.string().nullable(),
  personCount: z.number().int().min(0),
});
export const personSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  householdId: uuidSchema,
  name: z.string(),
  phone: z.string().nullable(),
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
  nineSmall: z.boolean(),
  grade: z.enum(SUPERVISION_GRADES),
  address: z.string(),
  lat: latSchema,
  lng: lngSchema,
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
});
export const departmentSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  code,
  name,
  kind: z.enum(DEPARTMENT_KINDS),
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
  contactPhone: z.string().nullable(),
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

const omitMeta = { id: true, version: true, createdAt: true, updatedAt: true } as const;
const point = { lat: latSchema, lng: lngSchema };

export const createCommunitySchema = communitySchema
  .omit(omitMeta)
  .extend({ area: areaSchema.nullable().default(null) });
export const createGridSchema = gridSchema.omit({ ...omitMeta, streetId: true }).extend({
  households: z.number().int().min(0).default(0),
  leaderName: z.string().max(50).nullable().default(null),
  leaderPhone: phone.nullable().default(null),
});
/** The grid (and so community and street) is derived from the location when not given. */
export const createBuildingSchema = z.object({
  gridId: uuidSchema.optional(),
  compoundId: uuidSchema.nullable().default(null),
  name,
  address: z.string().trim().max(200).default(''),
  ...point,
  floors: z.number().int().min(1).max(200),
  households: z.number().int().min(0).default(0),
  leaderName: z.string().max(50).nullable().default(null),
  leaderPhone: phone.nullable().default(null),
  footprint: areaSchema.nullable().default(null),
});
export const createHouseholdSchema = z.object({
  buildingId: uuidSchema,
  unit: z.string().trim().max(20).default(''),
  room: z.string().trim().min(1).max(20),
  headName: name,
  phone: phone.nullable().default(null),
});
export const createPersonSchema = z.object({
  householdId: uuidSchema,
  name,
  phone: phone.nullable().default(null),
  idNumber: idNumber.nullable().default(null),
  birthYear: z.number().int().min(1900).max(2100).nullable().default(null),
  tags: z.array(z.string().max(20)).max(10).default([]),
});
export const createSiteSchema = z.object({
  gridId: uuidSchema.optional(),
  buildingId: uuidSchema.nullable().default(null),
  name,
  type: z.enum(SITE_TYPES),
  nineSmall: z.boolean().default(false),
  grade: z.enum(SUPERVISION_GRADES).default('C'),
  address: z.string().trim().max(200).default(''),
  ...point,
  contactName: z.string().max(50).nullable().default(null),
  contactPhone: phone.nullable().default(null),
});
export const createDepartmentSchema = z.object({
  code,
  name,
  kind: z.enum(DEPARTMENT_KINDS),
  dutyPhone: phone.nullable().default(null),
});
export const createShelterSchema = z.object({
  gridId: uuidSchema.optional(),
  name,
  address: z.string().trim().max(200).default(''),
  ...point,
  capacity: z.number().int().min(0).max(100_000),
  contactName: z.string().max(50).nullable().default(null),
  contactPhone: phone.nullable().default(null),
});

/** Map layers served as GeoJSON FeatureCollections at /api/geo/<layer>.geojson. */
export const GEO_LAYERS = ['communities', 'grids', 'compounds', 'buildings', 'sites', 'shelters', 'basemap'] as const;
export type GeoLayer = (typeof GEO_LAYERS)[number];

/** Roads, rivers and blocks drawn as the offline basemap (no tile server needed). */
export const BASEMAP_KINDS = ['road', 'river', 'block', 'park'] as const;

const entityRef = z.object({ entity: z.string(), id: uuidSchema });
export const geoEvents = {
  /** A registry object was created, changed or removed; clients refetch the layer or patch in place. */
  'geo.changed': entityRef.extend({ op: z.enum(['created', 'updated', 'deleted']), data: z.unknown() }),
  /** A bulk import committed: clients reload the named layers. */
  'geo.imported': z.object({ layers: z.array(z.string()), counts: z.record(z.string(), z.number()) }),
} as const;
