import type { Area, WarningLevel, WarningType } from '@gridboard/shared';
import { XMLBuilder } from 'fast-xml-parser';
import { warningTitle } from './flood-dto';
import type { FloodStepEntity } from './flood-step.entity';
import type { FloodWarningEntity } from './flood-warning.entity';

/**
 * OASIS Common Alerting Protocol 1.2 (GB/T 35965.1 has the same shape). A warning is a series of
 * CAP messages: issuing is an Alert, each level change an Update, lifting a Cancel, each later one
 * referencing all earlier ones. A drill's messages say status Exercise.
 */
export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
const ATOM_NS = 'http://www.w3.org/2005/Atom';

type Urgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
type Severity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
type Certainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';

/** The Chinese four colours on CAP's scales: red I is extreme and immediate, blue IV minor and possible. */
const LEVEL_CAP: Record<WarningLevel, { urgency: Urgency; severity: Severity; certainty: Certainty }> = {
  red: { urgency: 'Immediate', severity: 'Extreme', certainty: 'Likely' },
  orange: { urgency: 'Immediate', severity: 'Severe', certainty: 'Likely' },
  yellow: { urgency: 'Expected', severity: 'Moderate', certainty: 'Likely' },
  blue: { urgency: 'Expected', severity: 'Minor', certainty: 'Possible' },
};
/** CAP's "Met" covers floods; landslides and debris flows are "Geo". */
const CATEGORY: Record<WarningType, 'Met' | 'Geo'> = { rainstorm: 'Met', flood: 'Met', geological: 'Geo' };
const MESSAGE_STEPS: Record<string, 'Alert' | 'Update' | 'Cancel'> = {
  issue: 'Alert',
  upgrade: 'Update',
  downgrade: 'Update',
  lift: 'Cancel',
};

export interface CapContext {
  street: { code: string; name: string; area: Area | null };
  /** the street's grids, for grid scopes (and a street without an outline) */
  grids: { id: string; name: string; area: Area | null }[];
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
});
const declaration = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

/**
 * CAP forbids "Z": UTC is written -00:00, other zones as ±hh:mm. The street's clock is Beijing time
 * (UTC+8, no daylight saving), so times are written the way the duty room reads them.
 */
export function capTime(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

export const capSender = (streetCode: string) => `flood.${streetCode.toLowerCase()}@gridboard`;

/** "lat,lon lat,lon …", first pair equal to the last: CAP's polygon (outer rings only; CAP has no holes). */
export function capPolygons(area: Area): string[] {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  return polygons.map((rings) => rings[0]!.map(([lng, lat]) => `${lat},${lng}`).join(' '));
}

/** The messages the warning has sent so far, oldest first. */
function messages(w: FloodWarningEntity, steps: FloodStepEntity[], sender: string) {
  return steps
    .filter((s) => s.taskId === null && s.action in MESSAGE_STEPS)
    .map((s, i) => ({
      identifier: `gridboard-flood-${w.id}-${i + 1}`,
      sent: capTime(s.at),
      msgType: MESSAGE_STEPS[s.action]!,
      sender,
    }));
}

/** The `<alert>` element of the warning's latest message (as a builder object). */
export function capAlert(w: FloodWarningEntity, steps: FloodStepEntity[], ctx: CapContext): Record<string, unknown> {
  const sender = capSender(ctx.street.code);
  const sent = messages(w, steps, sender);
  const current = sent[sent.length - 1] ?? {
    identifier: `gridboard-flood-${w.id}-1`,
    sent: capTime(w.issuedAt),
    msgType: 'Alert' as const,
    sender,
  };
  const earlier = sent.slice(0, -1);
  const cancel = current.msgType === 'Cancel';
  const levelCap = LEVEL_CAP[w.level];
  return {
    '@_xmlns': CAP_NS,
    identifier: current.identifier,
    sender,
    sent: current.sent,
    status: w.drillId ? 'Exercise' : 'Actual',
    msgType: current.msgType,
    scope: 'Public',
    ...(w.drillId ? { note: `演练 / Exercise (drill ${w.drillId})` } : {}),
    ...(earlier.length ? { references: earlier.map((m) => `${m.sender},${m.identifier},${m.sent}`).join(' ') } : {}),
    info: {
      language: 'zh-CN',
      category: CATEGORY[w.type],
      event: warningTitle(w),
      responseType: cancel ? 'AllClear' : 'Evacuate',
      urgency: cancel ? 'Past' : levelCap.urgency,
      severity: levelCap.severity,
      certainty: levelCap.certainty,
      effective: capTime(w.issuedAt),
      senderName: `${ctx.street.name}防汛指挥部`,
      headline: cancel ? `解除${warningTitle(w)}` : warningTitle(w),
      description: w.message,
      instruction: cancel
        ? '预警已解除。转移人员请在包保责任人确认安全后有序返回。'
        : '请固定转移人员听从包保责任人安排，立即转移至指定避险安置点。',
      parameter: [
        { valueName: 'level', value: w.level },
        { valueName: 'households', value: String(w.households) },
        { valueName: 'people', value: String(w.people) },
      ],
      area: capArea(w, ctx),
    },
  };
}

function capArea(w: FloodWarningEntity, ctx: CapContext): { areaDesc: string; polygon: string[] } {
  if (w.scopeKind === 'area' && w.area) return { areaDesc: `${ctx.street.name}划定区域`, polygon: capPolygons(w.area) };
  if (w.scopeKind === 'grids') {
    const chosen = ctx.grids.filter((g) => w.gridIds.includes(g.id));
    return {
      areaDesc: `${ctx.street.name} ${chosen.map((g) => g.name).join('、')}`,
      polygon: chosen.flatMap((g) => (g.area ? capPolygons(g.area) : [])),
    };
  }
  const outline = ctx.street.area
    ? capPolygons(ctx.street.area)
    : ctx.grids.flatMap((g) => (g.area ? capPolygons(g.area) : []));
  return { areaDesc: `${ctx.street.name}全域`, polygon: outline };
}

/** One warning as a CAP 1.2 document. */
export function capDocument(w: FloodWarningEntity, steps: FloodStepEntity[], ctx: CapContext): string {
  return builder.build({ ...declaration, alert: capAlert(w, steps, ctx) }) as string;
}

/** An Atom feed of active warnings, each entry carrying its CAP alert (how alert hubs publish CAP). */
export function capFeed(
  title: string,
  id: string,
  entries: { warning: FloodWarningEntity; steps: FloodStepEntity[]; ctx: CapContext }[],
  now: Date,
): string {
  return builder.build({
    ...declaration,
    feed: {
      '@_xmlns': ATOM_NS,
      id,
      title,
      updated: now.toISOString(),
      author: { name: 'Gridboard 网格值守台' },
      entry: entries.map(({ warning: w, steps, ctx }) => ({
        id: `urn:uuid:${w.id}`,
        title: warningTitle(w),
        updated: (steps[steps.length - 1]?.at ?? w.issuedAt).toISOString(),
        link: {
          '@_rel': 'alternate',
          '@_type': 'application/cap+xml',
          '@_href': `/api/flood/warnings/${w.id}.cap.xml`,
        },
        content: { '@_type': 'application/cap+xml', alert: capAlert(w, steps, ctx) },
      })),
    },
  }) as string;
}
