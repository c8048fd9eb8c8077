import { Injectable } from '@nestjs/common';
import { incidentWorkflow, type Locale, maskIdNumber, maskPhone } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Clock } from '../command/clock';
import { notFound } from '../common/errors';
import { IncidentConfigRepository } from './incident-config.repository';
import type { IncidentEntity } from './incident.entity';
import { IncidentsRepository } from './incidents.repository';
import { LocationRepository } from './location.repository';

/** GeoReport v2 service (https://wiki.open311.org/GeoReport_v2): one per incident category. */
export interface GeoReportService {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** GeoReport v2 service request. Never the reporter, never a photo, never a drill item. */
export interface GeoReportRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string;
  zipcode: string;
  lat: number | null;
  long: number | null;
  media_url: string;
}

export interface Open311Query {
  /** GeoReport's jurisdiction_id: a street's code (each street numbers its incidents on its own). */
  jurisdictionId?: string;
  serviceCodes?: string[];
  status?: ('open' | 'closed')[];
  startDate?: Date;
  endDate?: Date;
}

/** The spec's defaults: the last 90 days, at most 1000 requests. */
const DEFAULT_DAYS = 90;
const MAX_REQUESTS = 1000;
const PHONES = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBERS = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;

/** Residents type phone numbers into descriptions; the public feed masks them like everything else. */
export function scrub(text: string): string {
  return text.replace(PHONES, (m) => maskPhone(m)!).replace(ID_NUMBERS, (m) => maskIdNumber(m)!);
}

/** A read-only Open311 GeoReport v2 view of the incidents, for existing civic tools. */
@Injectable()
export class Open311Service {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly config: IncidentConfigRepository,
    private readonly geo: LocationRepository,
    private readonly clock: Clock,
  ) {}

  async services(locale: Locale): Promise<GeoReportService[]> {
    return (await this.config.categories())
      .filter((c) => c.active)
      .map((c) => ({
        service_code: c.code,
        service_name: locale === 'en-US' ? c.labelEn : c.labelZh,
        description: locale === 'en-US' ? c.labelEn : c.labelZh,
        metadata: false,
        type: 'realtime',
        keywords: '',
        group: '',
      }));
  }

  async requests(actor: Actor | null, q: Open311Query, locale: Locale): Promise<GeoReportRequest[]> {
    const end = q.endDate ?? this.clock.now();
    const start = q.startDate ?? new Date(end.getTime() - DEFAULT_DAYS * 86_400_000);
    const status = q.status && q.status.length === 1 ? q.status[0] : undefined;
    const rows = await this.repo.publicList({
      streetIds: await this.streets(actor, q.jurisdictionId),
      categories: q.serviceCodes,
      closed: status === undefined ? undefined : status === 'closed',
      from: start,
      to: end,
      limit: MAX_REQUESTS,
    });
    return this.present(rows, locale);
  }

  /** By number; without a jurisdiction_id, every street's incident of that number (usually one). */
  async request(
    actor: Actor | null,
    number: string,
    jurisdictionId: string | undefined,
    locale: Locale,
  ): Promise<GeoReportRequest[]> {
    const rows = await this.repo.publicList({
      streetIds: await this.streets(actor, jurisdictionId),
      number,
      limit: 10,
    });
    if (!rows.length) throw notFound();
    return this.present(rows, locale);
  }

  /** The streets a reader may see, narrowed to the named jurisdiction; null for all. */
  private async streets(actor: Actor | null, jurisdictionId: string | undefined): Promise<string[] | null> {
    const visible = streetsOf(actor);
    if (!jurisdictionId) return visible;
    const named = await this.repo.streetIdsByCode([jurisdictionId]);
    return visible ? named.filter((id) => visible.includes(id)) : named;
  }

  private async present(rows: IncidentEntity[], locale: Locale): Promise<GeoReportRequest[]> {
    const cats = new Map(
      (await this.config.categories()).map((c) => [c.code, locale === 'en-US' ? c.labelEn : c.labelZh]),
    );
    const depts = new Map(
      (await this.geo.departments([...new Set(rows.flatMap((r) => r.departmentIds))])).map((d) => [d.id, d.name]),
    );
    return rows.map((i) => ({
      service_request_id: i.number,
      status: i.state === 'closed' ? 'closed' : 'open',
      status_notes: incidentWorkflow.stateLabels[i.state][locale],
      service_name: cats.get(i.category) ?? i.category,
      service_code: i.category,
      description: scrub(`${i.title}${i.description ? `\n${i.description}` : ''}`),
      agency_responsible: i.departmentIds
        .map((d) => depts.get(d) ?? '')
        .filter(Boolean)
        .join('、'),
      service_notice: '',
      requested_datetime: i.reportedAt.toISOString(),
      updated_datetime: i.updatedAt.toISOString(),
      expected_datetime: i.deadline?.toISOString() ?? null,
      address: scrub(i.address),
      address_id: '',
      zipcode: '',
      lat: i.lat,
      long: i.lng,
      media_url: '',
    }));
  }
}

/** Anonymous readers see every street; a logged-in reader (when the feed is not public) their own. */
function streetsOf(actor: Actor | null): string[] | null {
  return !actor || actor.scope.kind === 'district' ? null : [actor.scope.streetId];
}
