import { apiErrorSchema, type FieldError } from '@gridboard/shared';
import type { z } from 'zod';

/**
 * A failed request, typed. `code` is an i18n key: the server's (`errors.*`, see
 * packages/shared/src/messages.ts) or the client's own `net.*` when the server was not reached or
 * answered something unreadable. `fields` are the fields at fault, for forms.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** On 409: the current state, to reapply a change on. */
    readonly current?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Any failure as an ApiRequestError, for a store to keep: what is not one (a bug, a parse) reads as internal. */
export const asApiError = (e: unknown): ApiRequestError =>
  e instanceof ApiRequestError ? e : new ApiRequestError(0, 'errors.internal', String(e));

/** How the HTTP client reaches the session without importing the store (which imports it). */
export interface AuthHooks {
  accessToken(): string | null;
  /** One refresh at a time: true when a new access token is in place. Throws when unreachable. */
  refresh(): Promise<boolean>;
  /** A 401 that a refresh could not cure: the session is over. */
  sessionLost(): void;
}

let auth: AuthHooks | null = null;
let language: () => string = () => 'zh-CN';

export function useAuthHooks(hooks: AuthHooks): void {
  auth = hooks;
}

/** The server answers error texts in this language (Accept-Language). */
export function useLanguage(fn: () => string): void {
  language = fn;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<S extends z.ZodType> {
  method?: Method;
  /** Sent as JSON, or as is when FormData (a file upload: the browser sets the multipart boundary). */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** The shape of a 2xx body; the answer is parsed with it, never trusted as is. */
  schema: S;
  /** Send the bearer token and cure a 401 with one refresh (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

export async function request<S extends z.ZodType>(path: string, opts: RequestOptions<S>): Promise<z.infer<S>> {
  const res = await sendCuring401(path, opts);
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  const parsed = opts.schema.safeParse(body);
  if (!parsed.success) {
    console.error(`unexpected answer from ${path}`, parsed.error.issues);
    throw new ApiRequestError(res.status, 'net.bad_response', 'unexpected answer', [], undefined, requestIdOf(res));
  }
  return parsed.data;
}

/**
 * A file the API produces (a spreadsheet, a CAP document): fetched with the session's token, since
 * a plain link would carry none. Errors arrive as for `request`.
 */
export async function requestBlob(
  path: string,
  opts: Pick<RequestOptions<z.ZodType>, 'query' | 'signal'> = {},
): Promise<Blob> {
  const res = await sendCuring401(path, { ...opts, accept: '*/*' });
  return await res.blob();
}

type SendOptions = Omit<RequestOptions<z.ZodType>, 'schema'> & { accept?: string };

/** Sends; a 401 is cured with one refresh, or ends the session. Answers only 2xx responses. */
async function sendCuring401(path: string, opts: SendOptions): Promise<Response> {
  const withAuth = opts.auth ?? true;
  let res = await send(path, opts, withAuth);
  if (res.status === 401 && withAuth && auth) {
    let refreshed: boolean;
    try {
      refreshed = await auth.refresh();
    } catch {
      throw networkError();
    }
    if (refreshed) res = await send(path, opts, true);
    if (res.status === 401) {
      auth.sessionLost();
      throw await errorFrom(res);
    }
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}

async function send(path: string, opts: SendOptions, withAuth: boolean): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json', 'Accept-Language': language() };
  const token = withAuth ? auth?.accessToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  const form = opts.body instanceof FormData ? opts.body : null;
  if (opts.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(withQuery(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
}

function withQuery(path: string, query: SendOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorFrom(res: Response): Promise<ApiRequestError> {
  const parsed = apiErrorSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) {
    // A proxy's error page, or a server too old or too new to speak ApiError.
    return new ApiRequestError(res.status, res.status >= 500 ? 'errors.internal' : 'net.bad_response', res.statusText);
  }
  const e = parsed.data;
  return new ApiRequestError(res.status, e.code, e.message, e.errors ?? [], e.current, e.requestId);
}

function networkError(): ApiRequestError {
  return new ApiRequestError(0, 'net.unreachable', 'network error');
}

function requestIdOf(res: Response): string | undefined {
  return res.headers.get('x-request-id') ?? undefined;
}
