// The label editor's relation types (#23): a draft is refused with a reason before anything is sent
// (an empty or spaced key, a key or shown name another type has, a label pair naming a label the
// project no longer has, a pair changed under existing relations), only changed fields are sent,
// and a type with relations cannot be deleted (the API refuses; the editor says how many).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RelationType } from '../../../shared/api/entities';
import {
  deletePlan,
  draftChanges,
  draftProblems,
  emptyTypeDraft,
  orphanedTypes,
  problemMessage,
  toTypeDraft,
  type RelationTypeDraft,
} from '../../../renderer/src/entities/relationTypeDrafts';
import { formatMessage } from '../../../renderer/src/i18n/format';
import { en } from '../../../renderer/src/i18n/en';
import { zh } from '../../../renderer/src/i18n/zh';
import type { Translate } from '../../../renderer/src/i18n';

const type = (id: number, key: string, from: string, to: string, relations = 0, name = key): RelationType => ({
  id,
  key,
  name,
  fromLabelKey: from,
  toLabelKey: to,
  relations,
});
const TYPES = [type(1, '提出', 'PERSON', 'SLOGAN', 3), type(2, '调研', 'PERSON', 'PROJECT'), type(3, 'SETS', 'PERSON', 'TARGET', 0, '部署')];
const LABELS = new Set(['PERSON', 'SLOGAN', 'PROJECT', 'TARGET']);
const draft = (patch: Partial<RelationTypeDraft>): RelationTypeDraft => ({
  id: null,
  key: '视察',
  name: '',
  fromLabelKey: 'PERSON',
  toLabelKey: 'PROJECT',
  ...patch,
});
const codes = (d: RelationTypeDraft) => draftProblems(d, TYPES, LABELS).map((p) => p.code);

describe('relation type drafts', () => {
  it('accepts a new type with a fresh key and a pair of existing labels', () => {
    expect(draftProblems(draft({}), TYPES, LABELS)).toEqual([]);
  });

  it('refuses an empty key, a key with spaces, a key or shown name another type has', () => {
    expect(codes(draft({ key: '  ' }))).toEqual(['keyEmpty']);
    expect(codes(draft({ key: '视 察' }))).toEqual(['keySpace']);
    expect(draftProblems(draft({ key: ' 提出 ' }), TYPES, LABELS)).toEqual([{ code: 'keyTaken', key: '提出' }]);
    expect(codes(draft({ key: 'sets' }))).toEqual(['keyTaken']);
    // 部署 is the shown name of SETS: a second 部署 could not be told apart in the picker.
    expect(draftProblems(draft({ key: 'DEPLOYS', name: '部署' }), TYPES, LABELS)).toEqual([{ code: 'nameTaken', name: '部署' }]);
    expect(codes(draft({ key: '部署' }))).toEqual(['nameTaken']);
  });

  it('lets an existing type keep its own key and name', () => {
    expect(draftProblems(toTypeDraft(TYPES[2]), TYPES, LABELS)).toEqual([]);
    expect(draftProblems({ ...toTypeDraft(TYPES[1]), name: '实地调研' }, TYPES, LABELS)).toEqual([]);
  });

  it('names the side whose label the project no longer has, or that is not chosen', () => {
    expect(draftProblems(draft({ fromLabelKey: 'ORG' }), TYPES, LABELS)).toEqual([{ code: 'labelMissing', side: 'from', key: 'ORG' }]);
    expect(draftProblems(draft({ toLabelKey: '' }), TYPES, LABELS)).toEqual([{ code: 'labelEmpty', side: 'to' }]);
    expect(orphanedTypes([...TYPES, type(9, 'X', 'ORG', 'PERSON')], LABELS).map((t) => t.key)).toEqual(['X']);
  });

  it('refuses a changed label pair while relations of the type exist, and says how many', () => {
    expect(draftProblems({ ...toTypeDraft(TYPES[0]), toLabelKey: 'TARGET' }, TYPES, LABELS)).toEqual([
      { code: 'pairLocked', count: 3, from: 'PERSON', to: 'SLOGAN' },
    ]);
    expect(draftProblems({ ...toTypeDraft(TYPES[1]), toLabelKey: 'TARGET' }, TYPES, LABELS)).toEqual([]);
  });

  it('sends only what changed; a cleared name means the key is shown', () => {
    expect(draftChanges(toTypeDraft(TYPES[0]), TYPES[0])).toBeNull();
    expect(draftChanges({ ...toTypeDraft(TYPES[0]), name: '提出了' }, TYPES[0])).toEqual({ name: '提出了' });
    expect(draftChanges({ ...toTypeDraft(TYPES[2]), name: '' }, TYPES[2])).toEqual({ name: '' });
    expect(draftChanges({ ...toTypeDraft(TYPES[1]), key: ' 视察 ', toLabelKey: 'TARGET' }, TYPES[1])).toEqual({ key: '视察', name: '', toLabelKey: 'TARGET' });
  });

  it('asks before deleting an unused type, and refuses one with relations, saying how many', () => {
    expect(deletePlan(TYPES[1])).toEqual({ kind: 'ask' });
    expect(deletePlan(TYPES[0])).toEqual({ kind: 'blocked', relations: 3 });
  });

  it('starts a new draft from the first two labels', () => {
    expect(emptyTypeDraft(['PERSON', 'SLOGAN', 'PROJECT'])).toEqual({ id: null, key: '', name: '', fromLabelKey: 'PERSON', toLabelKey: 'SLOGAN' });
    expect(emptyTypeDraft([])).toMatchObject({ fromLabelKey: '', toLabelKey: '' });
  });

  it('never finds a problem with a draft of a stored type left as it is, whatever the keys', () => {
    const key = fc.stringMatching(/^[A-Za-z\u4e00-\u4e10]{1,6}$/u);
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 8, selector: (k) => k.toLowerCase() }), fc.nat(7), (keys, pick) => {
        const types = keys.map((k, i) => type(i + 1, k, 'PERSON', 'SLOGAN', i % 2));
        const chosen = types[pick % types.length];
        expect(draftProblems(toTypeDraft(chosen), types, LABELS)).toEqual([]);
        expect(draftChanges(toTypeDraft(chosen), chosen)).toBeNull();
      }),
    );
  });
});

describe('relation type problems and the import report line, in Chinese and English', () => {
  const say = (lang: 'zh' | 'en') =>
    ((key: string, vars?: Record<string, string | number>) =>
      formatMessage((lang === 'zh' ? zh : en)[key as keyof typeof en], vars ?? {}, lang === 'zh' ? 'zh-CN' : 'en')) as Translate;

  it('words every problem fully, naming the key, the side and the count', () => {
    const problems = [
      ...draftProblems(draft({ key: '', fromLabelKey: 'ORG', toLabelKey: '' }), TYPES, LABELS),
      ...draftProblems(draft({ key: '提 出' }), TYPES, LABELS),
      ...draftProblems(draft({ key: '提出' }), TYPES, LABELS),
      ...draftProblems(draft({ key: 'DEPLOYS', name: '部署' }), TYPES, LABELS),
      ...draftProblems({ ...toTypeDraft(TYPES[0]), toLabelKey: 'TARGET' }, TYPES, LABELS),
    ];
    expect(new Set(problems.map((p) => p.code)).size).toBe(7);
    for (const lang of ['zh', 'en'] as const) {
      for (const p of problems) expect(problemMessage(say(lang), p)).not.toMatch(/[{}]|relationTypes\./);
    }
    expect(problems.map((p) => problemMessage(say('zh'), p))).toEqual([
      '请填写键（例如 提出 或 PROPOSED）。',
      '起点标签 ORG 已不存在（已删除或键已更改），请另选一个。',
      '请选择终点标签。',
      '键不能含空格。',
      '已有关系类型使用键“提出”。',
      '已有关系类型名为“部署”，请换一个名称。',
      '有 3 条关系连接 PERSON → SLOGAN：更改标签对之前请先删除这些关系。',
    ]);
    expect(problemMessage(say('en'), { code: 'pairLocked', count: 1, from: 'PERSON', to: 'SLOGAN' })).toBe(
      '1 relation joins PERSON → SLOGAN: delete it before changing the label pair.',
    );
  });

  it('says how many entities were matched or created and how many relations came in', () => {
    const vars = { matched: 1, created: 2, relations: 1 };
    expect(say('zh')('import.entityCounts' as never, vars)).toBe('实体：匹配项目中已有的 1 个，新建 2 个；导入 1 条关系。');
    expect(say('en')('import.entityCounts' as never, vars)).toBe('Entities: 1 matched in the project, 2 created; 1 relation imported.');
  });
});
