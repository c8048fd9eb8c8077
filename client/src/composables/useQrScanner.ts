import jsQR from 'jsqr';
import { onBeforeUnmount, ref, type Ref } from 'vue';

/** How often a frame is decoded: often enough to feel instant, rarely enough for a cheap phone. */
const SCAN_EVERY_MS = 150;

/**
 * Reads a QR code with the phone's camera (the back one when there is one): frames from a <video>
 * are decoded with jsQR until a code is found, then the camera is released.
 */
export function useQrScanner(video: Ref<HTMLVideoElement | null>) {
  const scanning = ref(false);
  /** `denied`, `unavailable` (no camera, or not a secure page) — an i18n key suffix. */
  const problem = ref<'denied' | 'unavailable' | null>(null);
  let stream: MediaStream | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  const canvas = document.createElement('canvas');

  async function start(found: (text: string) => void): Promise<void> {
    problem.value = null;
    if (!navigator.mediaDevices?.getUserMedia) {
      problem.value = 'unavailable';
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (e) {
      problem.value = e instanceof DOMException && e.name === 'NotAllowedError' ? 'denied' : 'unavailable';
      return;
    }
    const el = video.value;
    if (!el) return stop();
    el.srcObject = stream;
    await el.play().catch(() => undefined);
    scanning.value = true;
    timer = setInterval(() => {
      const text = decode(el);
      if (text === null) return;
      stop();
      found(text);
    }, SCAN_EVERY_MS);
  }

  function decode(el: HTMLVideoElement): string | null {
    if (el.readyState < el.HAVE_CURRENT_DATA || !el.videoWidth) return null;
    canvas.width = el.videoWidth;
    canvas.height = el.videoHeight;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(el, 0, 0);
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  }

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    if (video.value) video.value.srcObject = null;
    scanning.value = false;
  }

  onBeforeUnmount(stop);
  return { scanning, problem, start, stop };
}
