// An import problem in the user's language, from its code and values (ExchangeProblem.code,
// params; shared/exchange/problems.ts); one without a known code (older data) shows its English.
import type { MessageKey, Translate } from './index';
import { en } from './en';

export interface ProblemLike {
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

export function problemText(t: Translate, p: ProblemLike): string {
  const key = `problem.${p.code}`;
  return p.code && key in en ? t(key as MessageKey, p.params) : p.message;
}
