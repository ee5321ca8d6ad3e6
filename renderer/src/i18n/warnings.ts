// An import warning in the user's language, from its code and values (ImportWarning.code, params);
// a warning without a known code (an older project) shows the importer's English sentence.
import type { ImportWarning } from '../../../shared/model';
import type { MessageKey, Translate } from './index';
import { en } from './en';

export function warningText(t: Translate, w: Pick<ImportWarning, 'message' | 'code' | 'params'>): string {
  const key = `warn.${w.code}`;
  return w.code && key in en ? t(key as MessageKey, w.params) : w.message;
}
