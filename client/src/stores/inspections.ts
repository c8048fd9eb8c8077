import type { Campaign, SiteStatus } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { inspectionsApi } from '@/api/inspections';
import { realtime } from '@/realtime';
import { useSessionStore } from './session';
import { snapshotLoader } from './snapshot-loader';

/** Every site of a street fits one answer (hundreds; the server caps lists at 10,000). */
const ALL = 10_000;

/**
 * 安全排查 as the board follows it: the campaigns with their live progress (专项行动) and every site's
 * inspection status (the map layer's colours), from one snapshot kept current by the stream.
 * `recordsRevision` counts records seen live, so lists of records know when to reload.
 */
export const useInspectionsStore = defineStore('inspections', () => {
  const campaigns = shallowRef<Campaign[]>([]);
  const sites = shallowRef<SiteStatus[]>([]);
  const recordsRevision = ref(0);
  const session = useSessionStore();

  const siteById = computed(() => new Map(sites.value.map((s) => [s.siteId, s])));
  /** Real campaigns running now, first the ones ending soonest. */
  const activeCampaigns = computed(() =>
    campaigns.value.filter((c) => c.status === 'active' && !c.drillId).sort((a, b) => a.endsOn.localeCompare(b.endsOn)),
  );

  const feed = realtime.feed({
    on: {
      'inspection.recorded': (e) => {
        upsertSite(e.payload.siteStatus);
        recordsRevision.value++;
      },
      'hazard.changed': (e) => upsertSite(e.payload.siteStatus),
      'hazard.overdue': (e) => upsertSite(e.payload.siteStatus),
      'campaign.changed': (e) => {
        upsertCampaign(e.payload.campaign);
        // 联合排查: a department that joins a campaign now sees its targets (docs/INSPECTIONS.md).
        if (session.role === 'dept_staff') void load();
      },
      'campaign.progress': (e) => {
        const { campaignId, progress } = e.payload;
        campaigns.value = campaigns.value.map((c) => (c.id === campaignId ? { ...c, progress } : c));
      },
    },
    onStale: () => void load(),
  });

  const { status, error, load, ensureLoaded } = snapshotLoader(fetchAll);

  async function fetchAll(): Promise<void> {
    const [c, s] = await Promise.all([inspectionsApi.campaigns(), inspectionsApi.sitesStatus({ limit: ALL })]);
    campaigns.value = c.items;
    sites.value = s.items;
    feed.resume(Math.min(c.seq, s.seq));
  }

  function upsertSite(next: SiteStatus): void {
    const i = sites.value.findIndex((s) => s.siteId === next.siteId);
    const copy = sites.value.slice();
    if (i < 0) copy.push(next);
    else copy[i] = next;
    sites.value = copy;
  }

  function upsertCampaign(next: Campaign): void {
    const i = campaigns.value.findIndex((c) => c.id === next.id);
    if (i >= 0 && campaigns.value[i]!.version > next.version) return;
    const copy = campaigns.value.slice();
    if (i < 0) copy.unshift(next);
    else copy[i] = next;
    campaigns.value = copy;
  }

  return { campaigns, activeCampaigns, sites, siteById, status, error, recordsRevision, load, ensureLoaded };
});
