import {
  type ChangePasswordInput,
  hasPermission,
  type LoginInput,
  type Permission,
  type Session,
  sessionUserSchema,
} from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { z } from 'zod';
import * as authApi from '@/api/auth';
import { ApiRequestError } from '@/api/http';

const STORAGE_KEY = 'gridboard.session';
/** Refresh this long before the access token expires, so sockets reconnect with a valid one. */
const REFRESH_MARGIN_MS = 60_000;

const storedSessionSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  expiresAt: z.number(),
  user: sessionUserSchema,
});
type StoredSession = z.infer<typeof storedSessionSchema>;

/** Why the user is on the login page: shown there. */
export type SessionEnd = 'expired' | 'logged_out';

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed = raw ? storedSessionSchema.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function writeStored(s: StoredSession | null): void {
  if (s) localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  else localStorage.removeItem(STORAGE_KEY);
}

/** Across tabs, one refresh at a time: a rotating refresh token used twice would end the session. */
async function withRefreshLock(fn: () => Promise<boolean>): Promise<boolean> {
  // Older browsers without the Web Locks API fall back to one refresh per tab.
  if (!('locks' in navigator)) return fn();
  return await navigator.locks.request('gridboard.refresh', fn);
}

/**
 * Who is logged in. Tokens live in memory and in localStorage (a reload or a second tab keeps the
 * session); the access token is refreshed before it expires and on a 401, once, and the session
 * ends when that fails.
 */
export const useSessionStore = defineStore('session', () => {
  const session = ref<StoredSession | null>(readStored());
  const ended = ref<SessionEnd | null>(null);
  let refreshing: Promise<boolean> | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  const user = computed(() => session.value?.user ?? null);
  const role = computed(() => session.value?.user.role ?? null);
  const isAuthenticated = computed(() => session.value !== null);
  const accessToken = computed(() => session.value?.accessToken ?? null);

  function can(permission: Permission): boolean {
    return role.value !== null && hasPermission(role.value, permission);
  }

  function adopt(s: StoredSession | null): void {
    session.value = s;
    clearTimeout(refreshTimer);
    if (s?.refreshToken) {
      const due = Math.max(5_000, s.expiresAt - Date.now() - REFRESH_MARGIN_MS);
      refreshTimer = setTimeout(() => void refresh().catch(() => undefined), due);
    }
  }

  function establish(r: Session): void {
    const s: StoredSession = {
      accessToken: r.accessToken,
      refreshToken: r.refreshToken,
      expiresAt: Date.now() + r.expiresIn * 1000,
      user: r.user,
    };
    writeStored(s);
    adopt(s);
    ended.value = null;
  }

  async function login(input: LoginInput): Promise<void> {
    establish(await authApi.login(input));
  }

  async function changePassword(input: ChangePasswordInput): Promise<void> {
    establish(await authApi.changePassword(input));
  }

  /** true: a new access token is in place; false: the session cannot be renewed. Throws when offline. */
  function refresh(): Promise<boolean> {
    refreshing ??= withRefreshLock(renew).finally(() => (refreshing = null));
    return refreshing;
  }

  async function renew(): Promise<boolean> {
    // Another tab may have renewed it while we waited for the lock.
    const stored = readStored();
    if (stored && stored.accessToken !== session.value?.accessToken && stored.expiresAt > Date.now()) {
      adopt(stored);
      return true;
    }
    const token = stored?.refreshToken ?? session.value?.refreshToken;
    if (!token) return false;
    try {
      establish(await authApi.refresh(token));
      return true;
    } catch (e) {
      if (e instanceof ApiRequestError && e.status > 0 && e.status < 500) return false;
      throw e;
    }
  }

  /** Re-reads who we are (role and scope may have changed since the token was stored). */
  async function revalidate(): Promise<void> {
    if (!session.value) return;
    const fresh = await authApi.me();
    if (session.value) {
      session.value = { ...session.value, user: fresh };
      writeStored(session.value);
    }
  }

  function end(reason: SessionEnd): void {
    writeStored(null);
    adopt(null);
    ended.value = reason;
  }

  async function logout(): Promise<void> {
    const s = session.value;
    end('logged_out');
    if (s?.refreshToken) await authApi.logout(s.accessToken, s.refreshToken).catch(() => undefined);
  }

  // Another tab logged in, refreshed or logged out.
  window.addEventListener('storage', (e) => {
    if (e.key !== STORAGE_KEY) return;
    const stored = readStored();
    adopt(stored);
    if (!stored) ended.value = 'logged_out';
  });
  adopt(session.value);

  return {
    user,
    role,
    isAuthenticated,
    accessToken,
    ended,
    can,
    login,
    changePassword,
    refresh,
    revalidate,
    logout,
    end,
  };
});
