import { DEMO_PASSWORD } from './browser';

export type Api = <T = any>(method: string, path: string, body?: unknown) => Promise<T>;

/** A REST client logged in as a demo account (a grid worker's phone, a script); errors throw with the answer. */
export async function restAs(url: string, username: string): Promise<{ api: Api; user: any }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const session = (await res.json()) as { accessToken: string; user: any };
  const api: Api = async (method, path, body) => {
    const r = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json().catch(() => null);
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { api, user: session.user };
}
