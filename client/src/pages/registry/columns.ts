import type { ImportKind } from '@gridboard/shared';
import { type ContactTab, type RegistryItem, type RegistryTab, registryApi } from '@/api/registry';

/** What a cell needs besides its row: translation and the names of the units a row points at. */
export interface CellContext {
  t: (key: string) => string;
  community: (id: string) => string;
  grid: (id: string) => string;
  /** Buildings are scoped rows, looked up one by one for the rows on screen. */
  building: (id: string | null) => string;
}

export type Column<T> = { key: string; label: string; minWidth?: number } & (
  | { kind: 'text'; text: (row: T, c: CellContext) => string | number }
  /** Personal data: masked as the API sent it; revealed (and audited) on request. */
  | { kind: 'masked'; value: (row: T) => string | null; reveal: (row: T) => Promise<string | null> }
);

export interface TabSpec<T> {
  columns: Column<T>[];
  /** Which list filters the endpoint takes (docs/GEO.md). `q` is the placeholder's i18n key. */
  filters: { q?: string; community?: boolean; grid?: boolean; tag?: boolean };
  /** The import that fills this list, if any. */
  importKind?: ImportKind;
}

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/* Columns several tabs share. */
const gridColumn = <T extends { gridId: string }>(): Column<T> => ({
  key: 'grid',
  label: 'registry.grid',
  kind: 'text',
  minWidth: 160,
  text: (r, c) => c.grid(r.gridId),
});
const buildingColumn = <T extends { buildingId: string }>(): Column<T> => ({
  key: 'building',
  label: 'registry.building',
  kind: 'text',
  minWidth: 140,
  text: (r, c) => c.building(r.buildingId),
});
/** A functionary's phone (grid leader, building leader, site or shelter contact), revealed by its object. */
const contactPhone = <T extends { id: string }>(
  tab: ContactTab,
  key: string,
  value: (r: T) => string | null,
): Column<T> => ({
  key,
  label: 'registry.phone',
  kind: 'masked',
  minWidth: 170,
  value,
  reveal: (r) => registryApi.revealContact(tab, r.id).then((x) => x.phone),
});

type Specs = { [T in RegistryTab]: TabSpec<RegistryItem<T>> };

/** The registry's tabs (一标三实), in the order people work down the hierarchy. */
export const TAB_SPECS: Specs = {
  communities: {
    filters: { q: 'registry.qName' },
    columns: [
      { key: 'code', label: 'registry.code', kind: 'text', text: (r) => r.code },
      { key: 'name', label: 'registry.name', kind: 'text', text: (r) => r.name, minWidth: 160 },
    ],
  },
  grids: {
    filters: { q: 'registry.qName', community: true },
    importKind: 'grids',
    columns: [
      { key: 'code', label: 'registry.code', kind: 'text', text: (r) => r.code },
      { key: 'name', label: 'registry.name', kind: 'text', text: (r) => r.name, minWidth: 140 },
      { key: 'type', label: 'grid.type', kind: 'text', text: (r, c) => c.t(`grid.types.${r.type}`) },
      { key: 'community', label: 'registry.community', kind: 'text', text: (r, c) => c.community(r.communityId) },
      { key: 'households', label: 'registry.households', kind: 'text', text: (r) => r.households },
      { key: 'leader', label: 'grid.leader', kind: 'text', text: (r) => dash(r.leaderName) },
      contactPhone('grids', 'leaderPhone', (r) => r.leaderPhone),
    ],
  },
  buildings: {
    filters: { q: 'registry.qBuilding', community: true, grid: true },
    importKind: 'buildings',
    columns: [
      { key: 'name', label: 'registry.name', kind: 'text', text: (r) => r.name, minWidth: 140 },
      { key: 'address', label: 'building.address', kind: 'text', text: (r) => dash(r.address), minWidth: 180 },
      gridColumn(),
      { key: 'floors', label: 'building.floors', kind: 'text', text: (r) => r.floors },
      { key: 'households', label: 'registry.households', kind: 'text', text: (r) => r.households },
      { key: 'leader', label: 'building.leader', kind: 'text', text: (r) => dash(r.leaderName) },
      contactPhone('buildings', 'leaderPhone', (r) => r.leaderPhone),
    ],
  },
  households: {
    filters: { q: 'registry.qRoom', community: true, grid: true },
    importKind: 'households',
    columns: [
      buildingColumn(),
      { key: 'unit', label: 'registry.unit', kind: 'text', text: (r) => dash(r.unit) },
      { key: 'room', label: 'registry.room', kind: 'text', text: (r) => r.room },
      {
        key: 'headName',
        label: 'registry.headName',
        kind: 'masked',
        minWidth: 130,
        value: (r) => r.headName,
        reveal: (r) => registryApi.revealHousehold(r.id).then((x) => x.headName),
      },
      {
        key: 'phone',
        label: 'registry.phone',
        kind: 'masked',
        minWidth: 170,
        value: (r) => r.phone,
        reveal: (r) => registryApi.revealHousehold(r.id).then((x) => x.phone),
      },
      { key: 'persons', label: 'registry.personCount', kind: 'text', text: (r) => r.personCount },
      gridColumn(),
    ],
  },
  persons: {
    filters: { community: true, grid: true, tag: true },
    importKind: 'persons',
    columns: [
      {
        key: 'name',
        label: 'registry.personName',
        kind: 'masked',
        minWidth: 120,
        value: (r) => r.name,
        reveal: (r) => registryApi.revealPerson(r.id).then((x) => x.name),
      },
      {
        key: 'phone',
        label: 'registry.phone',
        kind: 'masked',
        minWidth: 170,
        value: (r) => r.phone,
        reveal: (r) => registryApi.revealPerson(r.id).then((x) => x.phone),
      },
      {
        key: 'idNumber',
        label: 'registry.idNumber',
        kind: 'masked',
        minWidth: 230,
        value: (r) => r.idNumber,
        reveal: (r) => registryApi.revealPerson(r.id).then((x) => x.idNumber),
      },
      { key: 'birthYear', label: 'registry.birthYear', kind: 'text', text: (r) => dash(r.birthYear) },
      { key: 'tags', label: 'registry.tags', kind: 'text', text: (r) => dash(r.tags.join('、')) },
      buildingColumn(),
      gridColumn(),
    ],
  },
  sites: {
    filters: { q: 'registry.qName', community: true, grid: true },
    importKind: 'sites',
    columns: [
      { key: 'name', label: 'registry.name', kind: 'text', text: (r) => r.name, minWidth: 160 },
      { key: 'type', label: 'registry.siteType', kind: 'text', text: (r, c) => c.t(`registry.siteTypes.${r.type}`) },
      {
        key: 'nineSmall',
        label: 'registry.nineSmall',
        kind: 'text',
        text: (r, c) => (r.nineSmall ? c.t('registry.yes') : c.t('registry.no')),
      },
      { key: 'grade', label: 'registry.grade', kind: 'text', text: (r) => r.grade },
      { key: 'address', label: 'building.address', kind: 'text', text: (r) => dash(r.address), minWidth: 160 },
      { key: 'contact', label: 'registry.contact', kind: 'text', text: (r) => dash(r.contactName) },
      contactPhone('sites', 'contactPhone', (r) => r.contactPhone),
      gridColumn(),
    ],
  },
  shelters: {
    filters: { q: 'registry.qName', community: true, grid: true },
    columns: [
      { key: 'name', label: 'registry.name', kind: 'text', text: (r) => r.name, minWidth: 160 },
      { key: 'address', label: 'building.address', kind: 'text', text: (r) => dash(r.address), minWidth: 180 },
      { key: 'capacity', label: 'registry.capacity', kind: 'text', text: (r) => r.capacity },
      { key: 'occupancy', label: 'registry.occupancy', kind: 'text', text: (r) => r.occupancy },
      { key: 'contact', label: 'registry.contact', kind: 'text', text: (r) => dash(r.contactName) },
      contactPhone('shelters', 'contactPhone', (r) => r.contactPhone),
      gridColumn(),
    ],
  },
  departments: {
    filters: { q: 'registry.qName' },
    columns: [
      { key: 'code', label: 'registry.code', kind: 'text', text: (r) => r.code },
      { key: 'name', label: 'registry.name', kind: 'text', text: (r) => r.name, minWidth: 160 },
      {
        key: 'kind',
        label: 'registry.departmentKind',
        kind: 'text',
        text: (r, c) => c.t(`registry.departmentKinds.${r.kind}`),
      },
      // An office line, not personal data: shown as is.
      { key: 'dutyPhone', label: 'registry.dutyPhone', kind: 'text', text: (r) => dash(r.dutyPhone) },
    ],
  },
};

export type AnyRow = RegistryItem<RegistryTab>;

/**
 * The spec of a tab, for a table that renders whichever tab it is given. The cast is safe because a
 * tab's rows only ever come from that tab's list.
 */
export function specOf(tab: RegistryTab): TabSpec<AnyRow> {
  return TAB_SPECS[tab] as unknown as TabSpec<AnyRow>;
}
