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

const TOKEN_KEY = 'biaozhu.token';

/** The browser mode hands the per-launch token in the URL once; keep it for reloads, then hide it. */
function takeBrowserToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function electronClient(bridge: BiaozhuBridge): ApiClient {
  return {
    mode: 'electron',
    call: (channel, input) =>
      (bridge[channel] as (i: typeof input) => Promise<Result<ApiOutput<typeof channel>>>)(input),
  };
}

function browserClient(token: string | null): ApiClient {
  return {
    mode: 'browser',
    async call(channel, input) {
      if (!token) {
        return { ok: false, error: { code: 'invalid_input', message: 'This page was opened without its access token. Open the URL that `npm start` printed.' } };
      }
      try {
        const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-biaozhu-token': token },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<ApiOutput<typeof channel>>;
      } catch (error) {
        return { ok: false, error: { code: 'io', message: `Biaozhu's local server did not answer: ${String(error)}` } };
      }
    },
  };
}

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
