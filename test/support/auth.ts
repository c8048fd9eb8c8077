import { request } from 'node:http';
import type { Session } from '@gridboard/shared';
import { DataSource } from 'typeorm';
import type { TestApp } from './app';
import { http, type HttpResult } from './http';

/**
 * An HTTP client whose connections leave from `localAddress` (any of 127.0.0.0/8 on Linux), so tests
 * can be several real client addresses without trusting proxy headers.
 */
export function httpFrom(baseUrl: string, localAddress: string, token?: string) {
  const call = <T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        baseUrl + path,
        {
          method,
          localAddress,
          headers: {
            'accept-language': 'zh-CN',
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              /* not JSON */
            }
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
            resolve({ status: res.statusCode ?? 0, body: parsed as T, headers });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
  };
}

/** Logs in over HTTP (optionally from a given local address) and fails loudly if it does not work. */
export async function login(t: TestApp, username: string, password: string, from?: string): Promise<Session> {
  const client = from ? httpFrom(t.url, from) : http(t.url);
  const res = await client.post<Session>('/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface AuditRow {
  action: string;
  result: string;
  actor_name: string;
  actor_id: string | null;
  object_type: string;
  object_id: string | null;
  detail: any;
  before: any;
  after: any;
  ip: string | null;
  street_id: string | null;
}

/** Audit rows matching `action` (SQL LIKE), oldest first. */
export async function auditRows(t: TestApp, actionLike: string): Promise<AuditRow[]> {
  return t.app.get(DataSource).query('SELECT * FROM audit_log WHERE action LIKE $1 ORDER BY id', [actionLike]);
}

/** Pretends the login counters' last failures happened `seconds` earlier (the throttle reads the DB clock). */
export async function ageLoginCounters(t: TestApp, seconds: number): Promise<void> {
  await t.app
    .get(DataSource)
    .query(`UPDATE login_throttle SET last_failure_at = last_failure_at - make_interval(secs => $1)`, [seconds]);
}
