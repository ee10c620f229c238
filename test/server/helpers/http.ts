/**
 * A small HTTP client for server tests: JSON in, status + JSON out.
 */

/** Response of `call`. */
export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Calls `base + path` with an optional bearer token and JSON body. */
export async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string | Buffer } = {}): Promise<CallResult> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
