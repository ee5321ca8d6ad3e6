// A dashboard channel's answer for an input: asked again when the input changes, answers to an
// older input dropped, and answers kept while the dashboard is open (the filter bar's lists and a
// chart under the same filter ask the same question once).
import { useEffect, useState } from 'react';
import type { ApiInput, ApiOutput, Channel } from '../../../shared/api/index';
import { api } from '../api/client';

export interface ChannelState<T> {
  value?: T;
  error?: string;
  loading: boolean;
}

const answers = new Map<string, Promise<{ value?: unknown; error?: string }>>();

/** Forgets the kept answers (the dashboard opens on the project as it is now). */
export function clearChannelCache(): void {
  answers.clear();
}

function ask<K extends Channel>(channel: K, input: ApiInput<K>, key: string) {
  let answer = answers.get(key);
  if (!answer) {
    answer = api.call(channel, input).then((r) => (r.ok ? { value: r.value } : { error: r.error.message }));
    answers.set(key, answer);
  }
  return answer as Promise<{ value?: ApiOutput<K>; error?: string }>;
}

/** `input` null: nothing to ask yet. */
export function useChannel<K extends Channel>(channel: K, input: ApiInput<K> | null): ChannelState<ApiOutput<K>> {
  const key = input === null ? null : `${channel} ${JSON.stringify(input)}`;
  const [state, setState] = useState<ChannelState<ApiOutput<K>> & { key: string | null }>({ loading: input !== null, key });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, key }));
    void ask(channel, JSON.parse(key.slice(channel.length + 1)) as ApiInput<K>, key).then((answer) => {
      if (live) setState({ ...answer, loading: false, key });
    });
    return () => {
      live = false;
    };
  }, [channel, key]);
  return state;
}
