export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny fetch wrapper: JSON (or a FormData as multipart) in, JSON out, optional bearer token and language. */
export function http(baseUrl: string, token?: string, lang = 'zh-CN') {
  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> => {
    const form = body instanceof FormData;
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        'accept-language': lang,
        ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
    put: <T = any>(path: string, body?: unknown) => call<T>('PUT', path, body ?? {}),
    patch: <T = any>(path: string, body?: unknown) => call<T>('PATCH', path, body ?? {}),
    delete: <T = any>(path: string) => call<T>('DELETE', path),
  };
}
