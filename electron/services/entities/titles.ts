// Titles are not names (#23): 市委书记蔡奇 is 蔡奇 with the role 市委书记, 蔡奇同志 is 蔡奇. A mention is
// looked up as it is and without the titles around it; what was stripped before the name is kept as
// the span's role. Longest titles first, so 区委书记 wins over 书记.

const PREFIX_TITLES = [
  '中共中央政治局委员',
  '市委常委',
  '区委常委',
  '市委书记',
  '市委副书记',
  '区委书记',
  '区委副书记',
  '常务副市长',
  '常务副区长',
  '市人大常委会主任',
  '区人大常委会主任',
  '市政协主席',
  '区政协主席',
  '代市长',
  '代区长',
  '副市长',
  '副区长',
  '市长',
  '区长',
  '副书记',
  '书记',
  '副主任',
  '主任',
  '副局长',
  '局长',
  '副部长',
  '部长',
  '副主席',
  '主席',
  '总书记',
  '秘书长',
  '镇长',
  '街道工委书记',
  '工委书记',
  '党组书记',
  '院长',
  '委员',
].sort((a, b) => b.length - a.length);

/** Words after a name that are not part of it, and not a role worth keeping. */
const SUFFIXES = ['同志', '书记', '主任', '市长', '区长', '局长', '部长'].sort((a, b) => b.length - a.length);

/** Separators between titles and a name: 市委常委、副市长 某某. */
const SEPARATORS = /^[\s、，,·•]+/u;

export interface TitledName {
  /** The name left once titles are stripped (the text itself when none were). */
  name: string;
  /** The stripped titles before the name, as written (市委常委、副市长); null when none. */
  role: string | null;
}

/** Splits a mention into its titles and the name; a mention that is all title stays as it is. */
export function stripTitles(text: string): TitledName {
  const whole = text.trim();
  if (PREFIX_TITLES.includes(whole)) return { name: whole, role: null };
  let rest = whole;
  let roleEnd = 0;
  for (let changed = true; changed;) {
    changed = false;
    const separated = rest.match(SEPARATORS)?.[0].length ?? 0;
    for (const title of PREFIX_TITLES) {
      if (rest.startsWith(title, separated) && rest.length > separated + title.length) {
        roleEnd += separated + title.length;
        rest = rest.slice(separated + title.length);
        changed = true;
        break;
      }
    }
  }
  rest = rest.replace(SEPARATORS, '');
  for (const suffix of SUFFIXES) {
    if (rest.endsWith(suffix) && rest.length > suffix.length) {
      rest = rest.slice(0, -suffix.length);
      break;
    }
  }
  if (rest === '') return { name: whole, role: null };
  return { name: rest, role: roleEnd > 0 ? whole.slice(0, roleEnd) : null };
}
