import { XMLParser } from 'fast-xml-parser';

/**
 * An independent reading of OASIS CAP 1.2 (docs.oasis-open.org/emergency/cap/v1.2): element order and
 * cardinality, enumerated values, date-time and polygon syntax. Parses the document back into
 * elements; nothing here compares strings of our own output.
 */
export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type Ordered = Record<string, unknown>[];

function toElement(node: Record<string, unknown>): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name.startsWith('?')) return null;
  const raw = node[name] as Ordered;
  const attrs = Object.fromEntries(
    Object.entries((node[':@'] as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [
      k.replace(/^@_/, ''),
      String(v),
    ]),
  );
  return {
    name,
    attrs,
    children: raw.map(toElement).filter((e): e is XmlElement => e !== null),
    text: raw
      .filter((n) => '#text' in n)
      .map((n) => String(n['#text']))
      .join(''),
  };
}

/** The document's root element, children in document order. */
export function parseXml(xml: string): XmlElement {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    parseTagValue: false,
    trimValues: true,
  });
  const nodes = parser.parse(xml) as Ordered;
  const root = nodes.map(toElement).find((e) => e !== null);
  if (!root) throw new Error('no root element');
  return root;
}

export const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);
export const childrenNamed = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;
const RESTRICTED = /[\s,<&]/;

/** [element, min, max] in the order the schema's sequence requires. */
type Spec = [string, number, number][];
const ALERT: Spec = [
  ['identifier', 1, 1],
  ['sender', 1, 1],
  ['sent', 1, 1],
  ['status', 1, 1],
  ['msgType', 1, 1],
  ['source', 0, 1],
  ['scope', 1, 1],
  ['restriction', 0, 1],
  ['addresses', 0, 1],
  ['code', 0, Infinity],
  ['note', 0, 1],
  ['references', 0, 1],
  ['incidents', 0, 1],
  ['info', 0, Infinity],
];
const INFO: Spec = [
  ['language', 0, 1],
  ['category', 1, Infinity],
  ['event', 1, 1],
  ['responseType', 0, Infinity],
  ['urgency', 1, 1],
  ['severity', 1, 1],
  ['certainty', 1, 1],
  ['audience', 0, 1],
  ['eventCode', 0, Infinity],
  ['effective', 0, 1],
  ['onset', 0, 1],
  ['expires', 0, 1],
  ['senderName', 0, 1],
  ['headline', 0, 1],
  ['description', 0, 1],
  ['instruction', 0, 1],
  ['web', 0, 1],
  ['contact', 0, 1],
  ['parameter', 0, Infinity],
  ['resource', 0, Infinity],
  ['area', 0, Infinity],
];
const AREA: Spec = [
  ['areaDesc', 1, 1],
  ['polygon', 0, Infinity],
  ['circle', 0, Infinity],
  ['geocode', 0, Infinity],
  ['altitude', 0, 1],
  ['ceiling', 0, 1],
];
const ENUMS: Record<string, string[]> = {
  status: ['Actual', 'Exercise', 'System', 'Test', 'Draft'],
  msgType: ['Alert', 'Update', 'Cancel', 'Ack', 'Error'],
  scope: ['Public', 'Restricted', 'Private'],
  category: [
    'Geo',
    'Met',
    'Safety',
    'Security',
    'Rescue',
    'Fire',
    'Health',
    'Env',
    'Transport',
    'Infra',
    'CBRNE',
    'Other',
  ],
  responseType: ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'],
  urgency: ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'],
  severity: ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'],
  certainty: ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'],
};

function sequence(e: XmlElement, spec: Spec, where: string, out: string[]): void {
  let pos = 0;
  for (const c of e.children) {
    const i = spec.findIndex(([n]) => n === c.name);
    if (i < 0) out.push(`${where}: unexpected <${c.name}>`);
    else if (i < pos) out.push(`${where}: <${c.name}> out of order`);
    else pos = i;
  }
  for (const [n, min, max] of spec) {
    const count = childrenNamed(e, n).length;
    if (count < min) out.push(`${where}: <${n}> required`);
    if (count > max) out.push(`${where}: <${n}> at most ${max}`);
  }
  for (const c of e.children) {
    const allowed = ENUMS[c.name];
    if (allowed && !allowed.includes(c.text))
      out.push(`${where}/${c.name}: "${c.text}" not one of ${allowed.join('|')}`);
    if (['sent', 'effective', 'onset', 'expires'].includes(c.name) && !DATE_TIME.test(c.text)) {
      out.push(`${where}/${c.name}: "${c.text}" is not a CAP dateTime (no "Z"; ±hh:mm)`);
    }
  }
}

/** A CAP polygon: ≥ 4 "lat,lon" pairs separated by spaces, within range, first equal to last. */
export function polygonProblems(text: string): string[] {
  const pairs = text.split(' ');
  const out: string[] = [];
  if (pairs.length < 4) out.push('fewer than 4 points');
  for (const p of pairs) {
    const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(p);
    if (!m) out.push(`"${p}" is not lat,lon`);
    else if (Math.abs(Number(m[1])) > 90 || Math.abs(Number(m[2])) > 180) out.push(`"${p}" out of range`);
  }
  if (pairs[0] !== pairs[pairs.length - 1]) out.push('not closed');
  return out;
}

/** Every rule this document breaks (empty: it is a valid CAP 1.2 alert as far as these rules go). */
export function capProblems(alert: XmlElement): string[] {
  const out: string[] = [];
  if (alert.name !== 'alert') out.push(`root is <${alert.name}>`);
  if (alert.attrs.xmlns !== CAP_NS) out.push(`namespace ${alert.attrs.xmlns}`);
  sequence(alert, ALERT, 'alert', out);
  for (const n of ['identifier', 'sender']) {
    const v = child(alert, n)?.text ?? '';
    if (!v || RESTRICTED.test(v)) out.push(`${n}: "${v}" empty or has spaces, commas, < or &`);
  }
  const msgType = child(alert, 'msgType')?.text;
  const refs = child(alert, 'references')?.text;
  if ((msgType === 'Update' || msgType === 'Cancel') && !refs) out.push(`${msgType} without references`);
  for (const r of refs ? refs.split(' ') : []) {
    const parts = r.split(',');
    if (parts.length !== 3 || !DATE_TIME.test(parts[2]!))
      out.push(`references entry "${r}" is not sender,identifier,sent`);
  }
  childrenNamed(alert, 'info').forEach((info, i) => {
    sequence(info, INFO, `info[${i}]`, out);
    for (const p of childrenNamed(info, 'parameter')) {
      if (!child(p, 'valueName') || !child(p, 'value')) out.push(`info[${i}]/parameter needs valueName and value`);
    }
    childrenNamed(info, 'area').forEach((area, j) => {
      sequence(area, AREA, `info[${i}]/area[${j}]`, out);
      for (const p of childrenNamed(area, 'polygon')) {
        out.push(...polygonProblems(p.text).map((m) => `info[${i}]/area[${j}]/polygon: ${m}`));
      }
    });
  });
  return out;
}
