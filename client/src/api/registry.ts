import {
  buildingSchema,
  communitySchema,
  contactRevealSchema,
  departmentSchema,
  gridSchema,
  householdRevealSchema,
  householdSchema,
  type ImportKind,
  importResultSchema,
  pageSchema,
  personRevealSchema,
  personSchema,
  shelterSchema,
  siteSchema,
  streetSchema,
} from '@gridboard/shared';
import type { z } from 'zod';
import { request } from './http';

/*
 * The registry's lists (一标三实, docs/GEO.md): scoped by the server to the caller's jurisdiction,
 * personal data masked; `POST …/:id/reveal` answers the clear values and is audited.
 */

const ITEM_SCHEMAS = {
  communities: communitySchema,
  grids: gridSchema,
  buildings: buildingSchema,
  households: householdSchema,
  persons: personSchema,
  sites: siteSchema,
  shelters: shelterSchema,
  departments: departmentSchema,
} as const;
export type RegistryTab = keyof typeof ITEM_SCHEMAS;
export const REGISTRY_TABS = Object.keys(ITEM_SCHEMAS) as RegistryTab[];
export type RegistryItem<T extends RegistryTab> = z.infer<(typeof ITEM_SCHEMAS)[T]>;

export interface RegistryPage<T extends RegistryTab> {
  items: RegistryItem<T>[];
  total: number;
  seq: number;
}

/** Indexing this mapped type with a tab gives that tab's page schema (no cast needed). */
const PAGE_SCHEMAS: { [T in RegistryTab]: z.ZodType<RegistryPage<T>> } = {
  communities: pageSchema(communitySchema),
  grids: pageSchema(gridSchema),
  buildings: pageSchema(buildingSchema),
  households: pageSchema(householdSchema),
  persons: pageSchema(personSchema),
  sites: pageSchema(siteSchema),
  shelters: pageSchema(shelterSchema),
  departments: pageSchema(departmentSchema),
};

/** The filters the lists share; each list ignores nothing it does not declare (the server answers 400). */
export interface RegistryQuery {
  streetId?: string;
  communityId?: string;
  gridId?: string;
  q?: string;
  tag?: string;
  limit: number;
  offset: number;
}

export function listRegistry<T extends RegistryTab>(
  tab: T,
  query: RegistryQuery,
  signal?: AbortSignal,
): Promise<RegistryPage<T>> {
  return request(`/api/geo/${tab}`, {
    query: { ...query },
    schema: PAGE_SCHEMAS[tab],
    signal,
  });
}

const streetsPageSchema = pageSchema(streetSchema);
const buildingOne = (id: string) => `/api/geo/buildings/${encodeURIComponent(id)}`;
const revealPath = (tab: RegistryTab, id: string) => `/api/geo/${tab}/${encodeURIComponent(id)}/reveal`;

/** Objects whose functionary contact (grid leader, building leader, site or shelter contact) can be revealed. */
export type ContactTab = 'grids' | 'buildings' | 'sites' | 'shelters';

export const registryApi = {
  streets: () => request('/api/geo/streets', { schema: streetsPageSchema }),
  building: (id: string) => request(buildingOne(id), { schema: buildingSchema }),
  revealHousehold: (id: string) =>
    request(revealPath('households', id), { method: 'POST', schema: householdRevealSchema }),
  revealPerson: (id: string) => request(revealPath('persons', id), { method: 'POST', schema: personRevealSchema }),
  revealContact: (tab: ContactTab, id: string) =>
    request(revealPath(tab, id), { method: 'POST', schema: contactRevealSchema }),
  /**
   * All-or-nothing import of a spreadsheet (households, persons, sites) or GeoJSON (grids, buildings).
   * A rejected file answers 400 `errors.import_failed` with one field error per bad row and column.
   */
  import: (kind: ImportKind, file: File, streetId?: string) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return request(`/api/geo/import/${kind}`, {
      method: 'POST',
      body,
      query: { streetId },
      schema: importResultSchema,
    });
  },
};
