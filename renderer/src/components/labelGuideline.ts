// A label's guideline in the UI language, falling back to the other language's text when only
// that one is written; and the one-line-per-part tooltip the label bar shows.
import type { Label } from '../../../shared/model';
import type { Lang, Translate } from '../i18n';

type Guided = Pick<Label, 'descriptionZh' | 'descriptionEn' | 'examples'>;

export function guidelineText(label: Guided, lang: Lang): string {
  const [first, second] = lang === 'zh' ? [label.descriptionZh, label.descriptionEn] : [label.descriptionEn, label.descriptionZh];
  return first.trim() || second.trim();
}

export function guidelineTooltip(label: Guided & Pick<Label, 'key'>, name: string, lang: Lang, t: Translate): string {
  const lines = [`${name} (${label.key})`];
  const text = guidelineText(label, lang);
  if (text) lines.push(text);
  if (label.examples.length > 0) lines.push(`${t('guidelines.examples')}: ${label.examples.join(lang === 'zh' ? '、' : ', ')}`);
  return lines.join('\n');
}
