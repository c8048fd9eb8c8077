import type { BoardEvent, BoardFigures, FloodWarning, IncidentCategory, OnDuty } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { boardApi } from '@/api/board';
import { i18n } from '@/i18n';
import { feedLine, FEED_EVENT_TYPES, type FeedLine } from '@/map/feed-lines';
import { type EventHandlers, realtime } from '@/realtime';
import { useGeoStore } from './geo';
import { coalesce, LIVE_PANEL_MS } from './per-frame';

/** Lines kept in the feed panel. */
const FEED_LENGTH = 100;
/** How long a new feed line stays highlighted. */
const FRESH_MS = 1500;
/** Figures are re-read after a quiet moment, not once per event of a burst. */
const FIGURES_DEBOUNCE_MS = 400;

/**
 * The board's live side panels and top bar: the event feed (one readable line per event since the
 * page opened), the key figures (re-read after changes), who is on duty, the active warnings
 * (banner) and the category labels the filters show.
 */
export const useBoardLiveStore = defineStore('board-live', () => {
  const lines = shallowRef<FeedLine[]>([]);
  const figures = ref<BoardFigures | null>(null);
  const onDuty = ref<OnDuty['people']>([]);
  const warnings = shallowRef<FloodWarning[]>([]);
  const categories = shallowRef<IncidentCategory[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Lines of the events since the feed was last shown, newest first, shown together. */
  let arrived: FeedLine[] = [];
  const show = coalesce(() => {
    if (arrived[0]) setTimeout(settle, FRESH_MS, arrived[0].seq);
    lines.value = [...arrived, ...lines.value].slice(0, FEED_LENGTH);
    arrived = [];
  }, LIVE_PANEL_MS);
  /**
   * Lines up to this seq are no longer new (highlighted for FRESH_MS). Set with the panels' next
   * re-render, so that a burst's highlights end in frames the page commits anyway.
   */
  const settledSeq = ref(0);
  let settling = 0;
  const settleShown = coalesce(() => (settledSeq.value = settling), LIVE_PANEL_MS);
  function settle(seq: number): void {
    settling = Math.max(settling, seq);
    settleShown();
  }

  function refreshFigures(): void {
    clearTimeout(timer);
    timer = setTimeout(
      () =>
        void boardApi.figures().then(
          (f) => (figures.value = f),
          () => undefined,
        ),
      FIGURES_DEBOUNCE_MS,
    );
  }

  function onEvent(e: BoardEvent): void {
    const geo = useGeoStore();
    const line = feedLine(
      e,
      (k, p) => i18n.global.t(k, p ?? {}),
      (id) => geo.gridById.get(id)?.name ?? '',
    );
    if (line) {
      arrived.unshift(line);
      show();
    }
    if (e.type === 'flood.warning.issued' || e.type === 'flood.warning.changed') {
      const { warning } = (e as BoardEvent<'flood.warning.issued'>).payload;
      const others = warnings.value.filter((w) => w.id !== warning.id);
      warnings.value = warning.state === 'active' ? [warning, ...others] : others;
    }
    if (e.type !== 'alarm.acknowledged') refreshFigures();
  }

  const feed = realtime.feed({
    on: Object.fromEntries(FEED_EVENT_TYPES.map((type) => [type, onEvent])) as EventHandlers,
    onStale: () => void load(),
  });

  let loading: Promise<void> | null = null;
  /** Loads once for every panel that shows it (top bar, board, big screen); the feed keeps it current. */
  function ensureLoaded(): Promise<void> {
    return status.value === 'ready' ? Promise.resolve() : load();
  }

  function load(): Promise<void> {
    loading ??= fetchAll()
      .catch(() => void (status.value = 'error'))
      .finally(() => (loading = null));
    return loading;
  }

  async function fetchAll(): Promise<void> {
    status.value = 'loading';
    const [f, duty, active, cats] = await Promise.all([
      boardApi.figures(),
      boardApi.onDuty(),
      boardApi.activeWarnings().catch(() => null),
      boardApi.categories().catch(() => []),
    ]);
    figures.value = f;
    onDuty.value = duty.people;
    warnings.value = active?.items ?? [];
    categories.value = cats;
    status.value = 'ready';
    feed.resume(active ? Math.min(f.seq, active.seq) : f.seq);
  }

  return { lines, settledSeq, figures, onDuty, warnings, categories, status, ensureLoaded, load };
});
