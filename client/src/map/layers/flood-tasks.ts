import { transferWorkflow, type TransferTask } from '@gridboard/shared';
import L from 'leaflet';
import { watch } from 'vue';
import { currentLocale, i18n } from '@/i18n';
import { useFloodStore } from '@/stores/flood';
import { textContent } from '../dom';
import { TASK_STATE_COLORS } from '../flood-colors';
import { KeyedLayers } from '../keyed';
import { canvasIn, PANES } from '../panes';
import type { MapLayerDef } from '../types';

const RADIUS = 7;
const SELECTED_RADIUS = 11;

/**
 * 防汛转移: every household of a warning not yet closed, coloured by its transfer state, so the duty
 * room sees at a glance who is still at home (grey, blue, red) and who is safe (green).
 */
export const floodTasksLayer: MapLayerDef = {
  id: 'floodTasks',
  label: 'flood.layer.tasks',
  defaultVisible: true,
  mount({ map, select, selected }) {
    const flood = useFloodStore();
    void flood.ensure();
    const group = L.featureGroup();
    const renderer = canvasIn(map, PANES.features);
    const { t } = i18n.global;
    const selectedId = () => (selected.value?.kind === 'floodTask' ? selected.value.id : null);
    const style = (task: TransferTask) => ({
      radius: task.id === selectedId() ? SELECTED_RADIUS : RADIUS,
      color: task.drillId ? '#7c3aed' : '#ffffff',
      weight: task.id === selectedId() ? 3 : 2,
      fillColor: TASK_STATE_COLORS[task.state],
      fillOpacity: 0.95,
    });

    const keyed = new KeyedLayers<TransferTask>(
      group,
      (task) => task,
      (task) => {
        const marker = L.circleMarker([task.lat, task.lng], { renderer, pane: PANES.features, ...style(task) });
        marker.bindTooltip(
          () =>
            textContent([
              task.address,
              `${transferWorkflow.stateLabels[task.state][currentLocale()]} · ${t('flood.peopleN', { n: task.people ?? task.personCount })}`,
              `${t('flood.cadre')} ${task.cadreName}`,
            ]),
          { direction: 'top', offset: [0, -6] },
        );
        marker.on('click', () => select({ kind: 'floodTask', id: task.id }));
        return marker;
      },
    );
    const restyle = (id: string | null) => {
      const task = id ? flood.taskById.get(id) : undefined;
      const marker = id ? (keyed.get(id) as L.CircleMarker | undefined) : undefined;
      if (!task || !marker) return;
      marker.setStyle(style(task)).setRadius(style(task).radius);
      if (id === selectedId()) marker.bringToFront();
    };

    const stop = watch(
      () => flood.tasks,
      (tasks) => keyed.sync(tasks),
      { immediate: true },
    );
    const stopSelection = watch(selectedId, (id, before) => {
      restyle(before ?? null);
      restyle(id);
    });
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
