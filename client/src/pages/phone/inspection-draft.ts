import {
  type AnswerInput,
  answerPasses,
  checklistItemsSchema,
  type ChecklistItem,
  type CreateRecordInput,
  HAZARD_DEADLINE_DAYS,
  type RecordHazardInput,
  type Severity,
  severitySchema,
} from '@gridboard/shared';
import { z } from 'zod';
import { newClientId } from '@/api/client-id';

/**
 * The inspection form as kept on the phone (docs/INSPECTIONS.md "The phone page"): everything the
 * inspector has entered, with the `clientId` generated when the form opened, so a dropped connection,
 * a reload or a flat battery loses nothing and a resend never makes a second record.
 */
const photoRefSchema = z.object({ id: z.string(), thumbUrl: z.string() });
export type PhotoRef = z.infer<typeof photoRefSchema>;

const answerSchema = z.object({
  value: z.union([z.boolean(), z.number(), z.string()]).nullable(),
  note: z.string(),
  photos: z.array(photoRefSchema),
});
export type DraftAnswer = z.infer<typeof answerSchema>;

const hazardSchema = z.object({
  /** Raise it (a failed item is raised unless the inspector says otherwise). */
  raise: z.boolean(),
  severity: severitySchema,
  description: z.string(),
  responsibleParty: z.string(),
  responsibleContact: z.string(),
  responsiblePhone: z.string(),
  /** YYYY-MM-DD (end of that Beijing day) */
  deadline: z.string(),
  photos: z.array(photoRefSchema),
});
export type DraftHazard = z.infer<typeof hazardSchema>;

export const draftSchema = z.object({
  clientId: z.string(),
  startedAt: z.string(),
  site: z.object({ siteId: z.string(), name: z.string(), address: z.string(), type: z.string() }),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  template: z.object({
    versionId: z.string(),
    templateId: z.string(),
    name: z.string(),
    number: z.number(),
    items: checklistItemsSchema,
  }),
  answers: z.record(z.string(), answerSchema),
  hazards: z.record(z.string(), hazardSchema),
  note: z.string(),
  /** Re-inspecting this hazard (复查): closed after the record, when it passes. */
  recheckHazardId: z.string().nullable(),
  gps: z.object({ lat: z.number(), lng: z.number(), accuracy: z.number() }).nullable(),
});
export type InspectionDraft = z.infer<typeof draftSchema>;

/** The Beijing calendar day `days` after `from`, as YYYY-MM-DD. */
export function shanghaiDayAfter(from: Date, days: number): string {
  const shifted = new Date(from.getTime() + days * 86_400_000 + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 10);
}

export function blankHazard(item: ChecklistItem, now: Date): DraftHazard {
  const severity: Severity = item.hazardSeverity;
  return {
    raise: true,
    severity,
    description: item.label,
    responsibleParty: '',
    responsibleContact: '',
    responsiblePhone: '',
    deadline: shanghaiDayAfter(now, HAZARD_DEADLINE_DAYS[severity]),
    photos: [],
  };
}

export function blankDraft(
  init: Pick<InspectionDraft, 'site' | 'campaignId' | 'campaignName' | 'template' | 'recheckHazardId'>,
  now = new Date(),
): InspectionDraft {
  return {
    ...init,
    clientId: newClientId(),
    startedAt: now.toISOString(),
    answers: Object.fromEntries(init.template.items.map((it) => [it.key, { value: null, note: '', photos: [] }])),
    hazards: {},
    note: '',
    gps: null,
  };
}

/** The items that fail with the answers given so far. */
export function failedItems(draft: InspectionDraft): ChecklistItem[] {
  return draft.template.items.filter((it) => answerPasses(it, draft.answers[it.key]?.value ?? null) === false);
}

export function answersOf(draft: InspectionDraft): AnswerInput[] {
  return draft.template.items.map((it) => {
    const a = draft.answers[it.key] ?? { value: null, note: '', photos: [] };
    return { itemKey: it.key, value: a.value, note: a.note, photoIds: a.photos.map((p) => p.id) };
  });
}

/** The request body: only failed items' hazards that the inspector chose to raise. */
export function recordBody(draft: InspectionDraft): CreateRecordInput {
  const hazards: RecordHazardInput[] = failedItems(draft).flatMap((it) => {
    const h = draft.hazards[it.key];
    if (!h?.raise) return [];
    return [
      {
        itemKey: it.key,
        severity: h.severity,
        description: h.description.trim() || it.label,
        responsibleParty: h.responsibleParty.trim(),
        responsibleContact: h.responsibleContact.trim() || null,
        responsiblePhone: h.responsiblePhone.trim() || null,
        deadline: h.deadline || undefined,
        photoIds: h.photos.map((p) => p.id),
      },
    ];
  });
  return {
    clientId: draft.clientId,
    siteId: draft.site.siteId,
    templateVersionId: draft.template.versionId,
    campaignId: draft.campaignId,
    answers: answersOf(draft),
    hazards,
    lat: draft.gps?.lat ?? null,
    lng: draft.gps?.lng ?? null,
    accuracy: draft.gps?.accuracy ?? null,
    inspectedAt: draft.startedAt,
    note: draft.note.trim(),
    photoIds: [],
    drillId: null,
  };
}

const draftKey = (userId: string) => `gridboard.inspection.draft.${userId}`;

export function saveDraft(userId: string, draft: InspectionDraft | null): void {
  if (draft) localStorage.setItem(draftKey(userId), JSON.stringify(draft));
  else localStorage.removeItem(draftKey(userId));
}

/** The draft kept on this device for this user; a damaged one is dropped rather than half-restored. */
export function loadDraft(userId: string): InspectionDraft | null {
  const raw = localStorage.getItem(draftKey(userId));
  if (!raw) return null;
  try {
    const parsed = draftSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON
  }
  localStorage.removeItem(draftKey(userId));
  return null;
}
