// Message formatting without React: `{name}` placeholders, and plural forms chosen by the
// language's rules (Intl.PluralRules), written ICU-style:
//   '{n, plural, one {# document} other {# documents}}'
// `#` is the number; `=0 {…}` picks an exact value first. Chinese has only `other`.

const pluralRules = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/** The `{…}` starting at `open`: the index of its closing brace, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The forms of a plural body ("one {…} other {…}"), by selector. */
function pluralForms(body: string): Map<string, string> {
  const forms = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const match = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i));
    if (!match) break;
    const open = i + match[0].length - 1;
    const close = closingBrace(body, open);
    if (close < 0) break;
    forms.set(match[1]!, body.slice(open + 1, close));
    i = close + 1;
  }
  return forms;
}

function pluralText(locale: string, value: unknown, body: string): string | null {
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  const forms = pluralForms(body);
  const form = forms.get(`=${n}`) ?? forms.get(rulesFor(locale).select(n)) ?? forms.get('other');
  return form === undefined ? null : form.replace(/#/g, String(value));
}

export function formatMessage(template: string, vars: Record<string, string | number> | undefined, locale: string): string {
  if (!vars) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) break;
    out += template.slice(i, open);
    const plural = /^\{(\w+),\s*plural,/.exec(template.slice(open));
    const close = closingBrace(template, open);
    if (plural && close > 0 && plural[1]! in vars) {
      const text = pluralText(locale, vars[plural[1]!], template.slice(open + plural[0].length, close));
      if (text !== null) {
        out += formatMessage(text, vars, locale);
        i = close + 1;
        continue;
      }
    }
    const simple = /^\{(\w+)\}/.exec(template.slice(open));
    if (simple && simple[1]! in vars) {
      out += String(vars[simple[1]!]);
      i = open + simple[0].length;
    } else {
      out += '{';
      i = open + 1;
    }
  }
  return out + template.slice(i);
}
