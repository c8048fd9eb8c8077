import { DUE_STATUS_LABELS, type SiteStatus } from '@gridboard/shared';
import { SEVERITY_COLORS } from '@/components/inspections/hazard-tags';
import { currentLocale, i18n } from '@/i18n';
import { useInspectionsStore } from '@/stores/inspections';
import type { MapLayerDef } from '../types';
import { mountCircleMarkers } from './circle-markers';

/** A site with no open hazard, by its last result; `cleared`: failed last time, its hazards since closed. */
export const SITE_COLORS = { never: '#94a3b8', passed: '#16a34a', cleared: '#0d9488' } as const;

/** Open hazards colour a site by the worst of them; otherwise its last result. */
export function siteColor(s: SiteStatus): string {
  if (s.openHazards > 0 && s.maxOpenSeverity) return SEVERITY_COLORS[s.maxOpenSeverity];
  if (s.lastResult === null) return SITE_COLORS.never;
  return s.lastResult === 'pass' ? SITE_COLORS.passed : SITE_COLORS.cleared;
}

/** A marker is redrawn when this changes: whatever it shows. */
function drawnVersion(s: SiteStatus): number {
  const text = `${s.lastInspectedAt}|${s.lastResult}|${s.openHazards}|${s.overdueHazards}|${s.maxOpenSeverity}|${s.dueStatus}|${s.name}`;
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** 安全排查 sites: coloured by last inspection and open hazards; a dark ring when an inspection is overdue. */
export const sitesLayer: MapLayerDef = {
  id: 'sites',
  label: 'map.layer.sites',
  defaultVisible: true,
  mount(ctx) {
    const store = useInspectionsStore();
    void store.ensureLoaded();
    const { t } = i18n.global;
    return mountCircleMarkers(ctx, {
      kind: 'site',
      items: () => store.sites,
      key: (s) => ({ id: s.siteId, version: drawnVersion(s) }),
      style: (s, selected) => ({
        radius: selected ? 9 : 6,
        color: s.dueStatus === 'overdue' ? '#7f1d1d' : '#ffffff',
        weight: s.dueStatus === 'overdue' ? 3 : 1.5,
        fillColor: siteColor(s),
        fillOpacity: 0.95,
      }),
      tooltip: (s) => [
        s.name,
        s.address,
        `${DUE_STATUS_LABELS[s.dueStatus][currentLocale()]} · ${t('site.openHazards', { n: s.openHazards })}`,
      ],
    });
  },
};
