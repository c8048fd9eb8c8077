import { type Ref, ref, watch } from 'vue';
import { z } from 'zod';
import { ApiRequestError } from '@/api/http';
import { useConnectionStore } from './connection';
import { useSessionStore } from './session';

/** How often a queued submission is retried while the phone believes it is online. */
const RETRY_MS = 15_000;
const TRANSIENT = new Set([0, 401, 408, 429]);

/**
 * Worth sending again later, not an answer about the submission itself: the server was not reached or
 * its answer was lost (0), the session must be renewed first (401), or the server is busy or failing
 * (408, 429, 5xx). Resending is harmless: a submission carries a `clientId`, and the server makes one
 * of it however often it arrives. Any other status is the server refusing it.
 */
export const isTransient = (e: unknown): boolean =>
  e instanceof ApiRequestError && (TRANSIENT.has(e.status) || e.status >= 500);

/** The i18n key of why the server refused a queued submission, kept on it for the user to read. */
export const refusalCode = (e: unknown): string => (e instanceof ApiRequestError ? e.code : 'errors.internal');

export interface OutboxSender {
  flushing: Ref<boolean>;
  /** Sends the waiting entries in order, one flush at a time. */
  flush(): Promise<void>;
  /** Flushes whenever the phone may be back online: the browser's online event, the socket reconnecting, every 15 s. */
  retryWhenOnline(): void;
}

/**
 * The sending side of a phone's outbox (离线暂存): what is queued goes out in order; the first transient
 * failure ends a flush (the rest would fail too), and an entry the server refuses is handed to
 * `refused`, to be shown to the user rather than resent.
 */
export function outboxSender<E>(
  waiting: () => readonly E[],
  send: (entry: E) => Promise<void>,
  refused: (entry: E, error: unknown) => void | Promise<void>,
): OutboxSender {
  const flushing = ref(false);
  let retrying = false;
  /** A flush was asked for while one ran: what was queued meanwhile goes right after it. */
  let askedAgain = false;

  async function flush(): Promise<void> {
    if (flushing.value) {
      askedAgain = true;
      return;
    }
    if (!waiting().length) return;
    flushing.value = true;
    let reachable = true;
    try {
      for (const entry of waiting()) {
        try {
          await send(entry);
        } catch (e) {
          reachable = !isTransient(e);
          if (!reachable) break;
          await refused(entry, e);
        }
      }
    } finally {
      flushing.value = false;
    }
    const again = askedAgain && reachable;
    askedAgain = false;
    if (again) await flush();
  }

  function retryWhenOnline(): void {
    if (retrying) return;
    retrying = true;
    const connection = useConnectionStore();
    window.addEventListener('online', () => void flush());
    watch(
      () => connection.state.status,
      (s) => {
        if (s === 'online') void flush();
      },
    );
    setInterval(() => {
      if (navigator.onLine) void flush();
    }, RETRY_MS);
  }

  return { flushing, flush, retryWhenOnline };
}

export interface StoredQueue<E> {
  entries: Ref<E[]>;
  /** Reads the signed-in user's entries (what does not parse as an entry of this version is left out). */
  read(): void;
  /** Adds an entry unless one with its id is queued (a second tap offline does not queue it twice). */
  add(entry: E): void;
  replace(id: string, entry: E): void;
  remove(id: string): void;
}

/**
 * An outbox's entries in localStorage, per user (`gridboard.<name>.outbox.<userId>`), written on every
 * change: small JSON submissions. Photos do not fit there; the report outbox keeps them in IndexedDB.
 */
export function storedQueue<S extends z.ZodType>(
  name: string,
  schema: S,
  idOf: (e: z.infer<S>) => string,
): StoredQueue<z.infer<S>> {
  type E = z.infer<S>;
  const session = useSessionStore();
  const entries = ref([]) as Ref<E[]>;
  const key = () => `gridboard.${name}.outbox.${session.user?.id ?? 'anonymous'}`;

  function read(): void {
    try {
      const parsed = z.array(schema).safeParse(JSON.parse(localStorage.getItem(key()) ?? '[]'));
      entries.value = parsed.success ? parsed.data : [];
    } catch {
      entries.value = [];
    }
  }
  function write(next: E[]): void {
    entries.value = next;
    if (next.length) localStorage.setItem(key(), JSON.stringify(next));
    else localStorage.removeItem(key());
  }

  return {
    entries,
    read,
    add: (entry) => {
      if (!entries.value.some((x) => idOf(x) === idOf(entry))) write([...entries.value, entry]);
    },
    replace: (id, entry) => write(entries.value.map((x) => (idOf(x) === id ? entry : x))),
    remove: (id) => write(entries.value.filter((x) => idOf(x) !== id)),
  };
}
