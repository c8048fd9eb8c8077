import type { Whistle } from '@gridboard/shared';
import L from 'leaflet';
import { ref, watch } from 'vue';
import { i18n } from '@/i18n';
import { useBoardIncidentsStore } from '@/stores/board-incidents';
import { textContent } from '../dom';
import { countdown, nextDeadline } from '../whistle-clock';
import { KeyedLayers } from '../keyed';
import type { MapLayerDef } from '../types';
import './whistles.css';

/**
 * Open whistles as pulsing markers with the countdown to the next department's 报到 deadline
 * (red once missed). DOM markers: there are tens, not thousands, and each ticks every second.
 */
export const whistlesLayer: MapLayerDef = {
  id: 'whistles',
  label: 'map.layer.whistles',
  defaultVisible: true,
  mount({ select }) {
    const store = useBoardIncidentsStore();
    const { t } = i18n.global;
    const group = L.featureGroup();
    const clocks = new Map<string, { el: HTMLElement; root: HTMLElement; w: Whistle }>();
    const drawn = ref(0);

    const tick = () => {
      const now = Date.now();
      for (const { el, root, w } of clocks.values()) {
        const next = nextDeadline(w);
        el.textContent = next === null ? t('board.whistle.allArrived') : countdown(next - now);
        root.classList.toggle('gb-whistle--late', next !== null && next < now);
      }
    };

    const keyed = new KeyedLayers<Whistle>(
      group,
      (w) => w,
      (w) => {
        const root = document.createElement('div');
        root.className = 'gb-whistle';
        root.dataset.whistleId = w.id;
        const ring = document.createElement('span');
        ring.className = 'gb-whistle__ring';
        const dot = document.createElement('span');
        dot.className = 'gb-whistle__dot';
        dot.textContent = t('board.whistle.mark');
        const clock = document.createElement('span');
        clock.className = 'gb-whistle__clock';
        root.append(ring, dot, clock);
        clocks.set(w.id, { el: clock, root, w });
        const marker = L.marker([w.incident.lat!, w.incident.lng!], {
          icon: L.divIcon({ html: root, className: 'gb-whistle-icon', iconSize: [28, 28], iconAnchor: [14, 14] }),
          zIndexOffset: 1000,
        });
        marker.bindTooltip(
          () =>
            textContent([
              `${w.incident.number} ${w.incident.title}`,
              w.reason,
              w.summons.map((s) => `${s.departmentName}: ${t(`board.summons.${s.state}`)}`).join(' · '),
            ]),
          { direction: 'top', offset: [0, -14] },
        );
        marker.on('click', () => select({ kind: 'whistle', id: w.id }));
        marker.on('remove', () => {
          if (clocks.get(w.id)?.root === root) clocks.delete(w.id);
        });
        return marker;
      },
    );

    const stop = watch(
      () => store.whistles,
      (all) => {
        keyed.sync([...all.values()].filter((w) => w.incident.lat !== null && w.incident.lng !== null));
        drawn.value = keyed.drawn.value;
        tick();
      },
      { immediate: true },
    );
    const timer = setInterval(tick, 1000);
    return {
      layer: group,
      drawn,
      dispose: () => {
        clearInterval(timer);
        stop();
      },
    };
  },
};
