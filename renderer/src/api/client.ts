// One client interface over both transports: the Electron preload bridge (window.biaozhu) and the
// browser mode's local HTTP API. Components call `api.call(...)` and never know which one is used.
import type { ApiInput, ApiOutput, BiaozhuBridge, Channel, Result } from '../../../shared/api/index';

declare global {
  interface Window {
    biaozhu?: BiaozhuBridge;
  }
}

export interface ApiClient {
  readonly mode: 'electron' | 'browser';
  call<K extends Channel>(channel: K, input: ApiInput<K>): Promise<Result<ApiOutput<K>>>;
}

/**
 * The browser mode hands the per-launch token in the URL once. The server answered that page with a
 * session cookie (HttpOnly, so never readable here), which later requests and reloads carry; the token
 * leaves the address bar (history, bookmarks, screenshots) and is kept only in memory for this page.
 */
function takeBrowserToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (!fromUrl) return null;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.toString());
  return fromUrl;
}

function electronClient(bridge: BiaozhuBridge): ApiClient {
  return {
    mode: 'electron',
    call: (channel, input) => (bridge[channel] as (i: typeof input) => Promise<Result<ApiOutput<typeof channel>>>)(input),
  };
}

const NOT_ADMITTED =
  'This page has neither its access token nor a session from it. Open the URL that `npm start` printed (it works once per browser profile; reloads and bookmarks then work while that server runs).';

function browserClient(token: string | null): ApiClient {
  return {
    mode: 'browser',
    async call(channel, input) {
      try {
        const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', ...(token ? { 'x-biaozhu-token': token } : {}) },
          body: JSON.stringify(input ?? {}),
        });
        if (response.status === 401) return { ok: false, error: { code: 'invalid_input', message: NOT_ADMITTED } };
        return (await response.json()) as Result<ApiOutput<typeof channel>>;
      } catch (error) {
        return { ok: false, error: { code: 'io', message: `Biaozhu's local server did not answer: ${String(error)}` } };
      }
    },
  };
}

/** Where the browser mode downloads what an export job wrote (the session cookie admits it). */
export const downloadUrl = (jobId: string): string => `/download?job=${encodeURIComponent(jobId)}`;

export function createApiClient(): ApiClient {
  return window.biaozhu ? electronClient(window.biaozhu) : browserClient(takeBrowserToken());
}

export const api: ApiClient = createApiClient();

/** Unwraps a Result, throwing an Error whose message is the API's message (for UI error toasts). */
export async function callOrThrow<K extends Channel>(channel: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const result = await api.call(channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details });
  return result.value;
}
