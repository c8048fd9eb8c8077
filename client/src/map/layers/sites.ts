import { DUE_STATUS_LABELS, type SiteStatus } from '@gridboard/shared';
import L from 'leaflet';
import { watch } from 'vue';
import { SEVERITY_COLORS } from '@/components/inspections/hazard-tags';
import { currentLocale, i18n } from '@/i18n';
import { useInspectionsStore } from '@/stores/inspections';
import { textContent } from '../dom';
import { KeyedLayers } from '../keyed';
import { canvasIn, PANES } from '../panes';
import type { MapLayerDef } from '../types';

/** A site with no open hazard, by its last result; `cleared`: failed last time, its hazards since closed. */
export const SITE_COLORS = { never: '#94a3b8', passed: '#16a34a', cleared: '#0d9488' } as const;

/** Open hazards colour a site by the worst of them; otherwise its last result. */
export function siteColor(s: SiteStatus): string {
  if (s.openHazards > 0 && s.maxOpenSeverity) return SEVERITY_COLORS[s.maxOpenSeverity];
  if (s.lastResult === null) return SITE_COLORS.never;
  return s.lastResult === 'pass' ? SITE_COLORS.passed : SITE_COLORS.cleared;
}

/** KeyedLayers redraws a feature when this changes: whatever the marker shows. */
function drawnVersion(s: SiteStatus, selected: boolean): number {
  const text = `${s.lastInspectedAt}|${s.lastResult}|${s.openHazards}|${s.overdueHazards}|${s.maxOpenSeverity}|${s.dueStatus}|${s.name}|${selected}`;
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** 安全排查 sites: coloured by last inspection and open hazards; a dark ring when an inspection is overdue. */
export const sitesLayer: MapLayerDef = {
  id: 'sites',
  label: 'map.layer.sites',
  defaultVisible: true,
  mount({ map, select, selected }) {
    const store = useInspectionsStore();
    const group = L.featureGroup();
    const renderer = canvasIn(map, PANES.features);
    const { t } = i18n.global;
    const selectedId = () => (selected.value?.kind === 'site' ? selected.value.id : null);

    const keyed = new KeyedLayers<SiteStatus>(
      group,
      (s) => ({ id: s.siteId, version: drawnVersion(s, s.siteId === selectedId()) }),
      (s) => {
        const marker = L.circleMarker([s.lat, s.lng], {
          renderer,
          pane: PANES.features,
          radius: s.siteId === selectedId() ? 9 : 6,
          color: s.dueStatus === 'overdue' ? '#7f1d1d' : '#ffffff',
          weight: s.dueStatus === 'overdue' ? 3 : 1.5,
          fillColor: siteColor(s),
          fillOpacity: 0.95,
        });
        marker.bindTooltip(
          () =>
            textContent([
              s.name,
              s.address,
              `${DUE_STATUS_LABELS[s.dueStatus][currentLocale()]} · ${t('site.openHazards', { n: s.openHazards })}`,
            ]),
          { direction: 'top', offset: [0, -6] },
        );
        marker.on('click', () => select({ kind: 'site', id: s.siteId }));
        return marker;
      },
    );
    const stop = watch(
      () => store.sites,
      (sites) => keyed.sync(sites),
      { immediate: true },
    );
    // The selected site is drawn larger: only the two that changed are redrawn.
    const stopSelection = watch(selectedId, () => keyed.sync(store.sites));
    void store.ensureLoaded();
    return {
      layer: group,
      drawn: keyed.drawn,
      dispose: () => {
        stop();
        stopSelection();
      },
    };
  },
};
