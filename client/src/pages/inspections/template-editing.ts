import {
  type ChecklistItem,
  type ChecklistItemInput,
  type ChecklistItemKind,
  checklistItemsInputSchema,
  type Severity,
} from '@gridboard/shared';

/** One checklist item as the editor holds it: every kind's fields at once, so switching kind loses nothing. */
export interface EditableItem {
  key?: string;
  label: string;
  hint: string;
  required: boolean;
  hazardSeverity: Severity;
  kind: ChecklistItemKind;
  passWhen: 'yes' | 'no';
  min: number | null;
  max: number | null;
  unit: string;
  options: { value: string; label: string; pass: boolean }[];
  minPhotos: number;
}

export function editable(item: ChecklistItem): EditableItem {
  return {
    key: item.key,
    label: item.label,
    hint: item.hint,
    required: item.required,
    hazardSeverity: item.hazardSeverity,
    kind: item.kind,
    passWhen: item.kind === 'yes_no' ? item.passWhen : 'yes',
    min: item.kind === 'number' ? item.min : null,
    max: item.kind === 'number' ? item.max : null,
    unit: item.kind === 'number' ? item.unit : '',
    options: item.kind === 'choice' ? item.options.map((o) => ({ ...o })) : [],
    minPhotos: item.kind === 'photo_required' ? item.minPhotos : 1,
  };
}

export function blankItem(): EditableItem {
  return {
    label: '',
    hint: '',
    required: true,
    hazardSeverity: 'medium',
    kind: 'yes_no',
    passWhen: 'yes',
    min: null,
    max: null,
    unit: '',
    options: [],
    minPhotos: 1,
  };
}

/** The items as the server takes them (new items without a key: the server assigns one), or the problems. */
export function toInput(
  items: readonly EditableItem[],
): { ok: true; items: ChecklistItemInput[] } | { ok: false; problems: string[] } {
  const raw = items.map((it) => {
    const common = {
      key: it.key,
      label: it.label,
      hint: it.hint,
      required: it.required,
      hazardSeverity: it.hazardSeverity,
    };
    switch (it.kind) {
      case 'yes_no':
        return { ...common, kind: it.kind, passWhen: it.passWhen };
      case 'number':
        return { ...common, kind: it.kind, min: it.min, max: it.max, unit: it.unit };
      case 'choice':
        return { ...common, kind: it.kind, options: it.options };
      case 'photo_required':
        return { ...common, kind: it.kind, minPhotos: it.minPhotos };
      default:
        return { ...common, kind: it.kind };
    }
  });
  const parsed = checklistItemsInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, items: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => {
      const [index, ...rest] = i.path;
      return typeof index === 'number' ? `#${index + 1} ${rest.join('.')}: ${i.message}` : i.message;
    }),
  };
}
