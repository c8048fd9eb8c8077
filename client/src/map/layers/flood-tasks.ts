import { transferWorkflow } from '@gridboard/shared';
import { currentLocale, i18n } from '@/i18n';
import { useFloodStore } from '@/stores/flood';
import { TASK_STATE_COLORS } from '../flood-colors';
import type { MapLayerDef } from '../types';
import { mountCircleMarkers } from './circle-markers';

/**
 * 防汛转移: every household of a warning not yet closed, coloured by its transfer state, so the duty
 * room sees at a glance who is still at home (grey, blue, red) and who is safe (green). Drill tasks
 * have a purple ring.
 */
export const floodTasksLayer: MapLayerDef = {
  id: 'floodTasks',
  label: 'flood.layer.tasks',
  defaultVisible: true,
  mount(ctx) {
    const flood = useFloodStore();
    void flood.ensure();
    const { t } = i18n.global;
    return mountCircleMarkers(ctx, {
      kind: 'floodTask',
      items: () => flood.tasks,
      key: (x) => x,
      style: (task, selected) => ({
        radius: selected ? 11 : 7,
        color: task.drillId ? '#7c3aed' : '#ffffff',
        weight: selected ? 3 : 2,
        fillColor: TASK_STATE_COLORS[task.state],
        fillOpacity: 0.95,
      }),
      tooltip: (task) => [
        task.address,
        `${transferWorkflow.stateLabels[task.state][currentLocale()]} · ${t('flood.peopleN', { n: task.people ?? task.personCount })}`,
        `${t('flood.cadre')} ${task.cadreName}`,
      ],
    });
  },
};
