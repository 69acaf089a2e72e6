/** The fetch wrapper every page uses: JSON in and out, CSRF header, localized errors. */
import { getLang } from './i18n.ts';

/** An error answered by the server: `{ error, message, details }` (message already localized). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Keeps the CSRF token from the last `/api/auth/me` or login answer. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** An answer index.html requested early: the response, and its body as JSON (undefined when unreadable or 204). */
interface EarlyAnswer {
  answer: Promise<Response>;
  json: Promise<unknown>;
}

/** How long after the page loaded an answer index.html requested early may still be used (ms). */
const EARLY_MS = 30_000;

/**
 * The answer to a GET that index.html started before the code loaded (the session, the meta data and the
 * landing page's data): each is taken once, and only during the first moments of the page; any write (a
 * login, a logout, a change) drops those not taken yet, as they may no longer be true.
 */
function takeEarly(method: string, path: string): EarlyAnswer | undefined {
  const holder = window as { __zsEarly?: Record<string, EarlyAnswer | undefined> };
  const early = holder.__zsEarly;
  if (!early) return undefined;
  if (method !== 'GET') {
    delete holder.__zsEarly;
    return undefined;
  }
  const answer = early[path];
  if (!answer) return undefined;
  delete early[path];
  return performance.now() < EARLY_MS ? answer : undefined;
}

const LOGIN_CODES = new Set(['auth.required', 'auth.session_expired']);

function redirectToLogin(): void {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname !== '/login') window.location.assign(`/login?next=${encodeURIComponent(here)}`);
}

/** Calls the API; resolves to the JSON answer (or undefined for 204), throws `ApiError`. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang() };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const early = takeEarly(method, path);
  const res = await (early?.answer ??
    fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    }));
  const data: unknown = res.status === 204 ? undefined : await (early ? early.json : res.json().catch(() => undefined));
  if (res.ok) return data as T;
  const body = (data ?? {}) as { error?: string; message?: string; details?: unknown };
  const error = new ApiError(res.status, body.error ?? 'http_error', body.message ?? `HTTP ${res.status}`, body.details);
  if (res.status === 401 && LOGIN_CODES.has(error.code)) redirectToLogin();
  throw error;
}

/** Builds a query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
