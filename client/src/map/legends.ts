import {
  type Label,
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
  type TransferState,
  transferWorkflow,
} from '@gridboard/shared';
import { SEVERITY_COLORS as HAZARD_COLORS } from '@/components/inspections/hazard-tags';
import { occupancyColor, TASK_STATE_COLORS } from './flood-colors';
import { SEVERITY_COLORS } from './incident-style';
import { SHADES } from './layers/grid-load';
import { SITE_COLORS } from './layers/sites';

/** How a legend line draws its sample: a dot (fill, ring, dashed ring, faded) or an area. */
export interface LegendSwatch {
  fill: string;
  ring?: string;
  dashed?: boolean;
  faded?: boolean;
  area?: boolean;
  pulse?: boolean;
}
/** One legend line: its text is an i18n key, or a label the shared contracts define in both languages. */
export interface LegendEntry {
  text: string | Label;
  swatch: LegendSwatch;
}

const severities = (colors: Record<Severity, string>): LegendEntry[] =>
  SEVERITIES.map((s) => ({ text: SEVERITY_LABELS[s], swatch: { fill: colors[s] } }));

const TRANSFER_SHOWN: TransferState[] = ['pending', 'notified', 'moving', 'sheltered', 'self_arranged', 'refused'];

/**
 * The legend of each board layer (by layer id), with the colours the layers draw with, so the two
 * cannot drift apart. Layers without an entry (basemap, outlines) explain themselves.
 */
export const LEGENDS: Readonly<Record<string, readonly LegendEntry[]>> = {
  incidents: [
    ...severities(SEVERITY_COLORS),
    { text: 'map.legendOf.overdue', swatch: { fill: '#ffffff', ring: '#111827' } },
    { text: 'map.legendOf.drill', swatch: { fill: '#ffffff', ring: '#7c3aed', dashed: true } },
    { text: 'map.legendOf.done', swatch: { fill: SEVERITY_COLORS.low, faded: true } },
  ],
  gridLoad: [
    { text: 'map.legendOf.fewOpen', swatch: { fill: SHADES[0]!, area: true } },
    { text: 'map.legendOf.manyOpen', swatch: { fill: SHADES[SHADES.length - 1]!, area: true } },
  ],
  whistles: [
    { text: 'map.legendOf.whistleOpen', swatch: { fill: '#ea580c', pulse: true } },
    { text: 'map.legendOf.whistleLate', swatch: { fill: '#dc2626', pulse: true } },
  ],
  shelters: [
    { text: 'map.legendOf.shelterRoom', swatch: { fill: occupancyColor(0, 10) } },
    { text: 'map.legendOf.shelterNearlyFull', swatch: { fill: occupancyColor(8, 10) } },
    { text: 'map.legendOf.shelterOver', swatch: { fill: occupancyColor(11, 10) } },
  ],
  floodTasks: TRANSFER_SHOWN.map((s) => ({
    text: transferWorkflow.stateLabels[s],
    swatch: { fill: TASK_STATE_COLORS[s] },
  })),
  sites: [
    { text: 'map.legendOf.siteNever', swatch: { fill: SITE_COLORS.never } },
    { text: 'map.legendOf.sitePassed', swatch: { fill: SITE_COLORS.passed } },
    { text: 'map.legendOf.siteCleared', swatch: { fill: SITE_COLORS.cleared } },
    { text: 'map.legendOf.siteHazard', swatch: { fill: HAZARD_COLORS.high } },
  ],
  hazards: [
    ...severities(HAZARD_COLORS),
    { text: 'map.legendOf.overdue', swatch: { fill: '#ffffff', ring: '#000000' } },
  ],
};
