import Database from 'better-sqlite3';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/api/channels';
import { apiInputs } from '../../../shared/api/index';
import { ApiFailure } from '../../../shared/api/result';
import { HandlerRegistry } from '../../../electron/services/app/registry';
import { addDocument, testCore } from '../helpers';

describe('handler registry', () => {
  it('refuses a channel registered twice', () => {
    const registry = new HandlerRegistry();
    registry.method('labels:list', () => []);
    expect(() => registry.method('labels:list', () => [])).toThrow(/registered twice/);
  });

  it('declares the same channels for the preload as the schemas', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(apiInputs).sort());
    for (const schema of Object.values(apiInputs)) expect(schema).toBeInstanceOf(z.ZodType);
  });

  it('parses payloads before a handler runs and names the bad field', async () => {
    const registry = new HandlerRegistry();
    let called = false;
    registry.method('annotations:create', () => {
      called = true;
      return null as never;
    });
    const result = await registry.dispatch('annotations:create', { documentId: 1, start: 'x', end: 2, labelId: 1 });
    expect(called).toBe(false);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toMatch(/start/);
    const extra = await registry.dispatch('annotations:create', { documentId: 1, start: 0, end: 2, labelId: 1, sql: 'DROP TABLE' });
    expect(extra.ok).toBe(false);
  });

  it('turns handler failures into error results instead of throwing', async () => {
    const registry = new HandlerRegistry();
    registry.method('labels:list', () => {
      throw new ApiFailure('no_project', 'No project is open');
    });
    registry.method('labels:delete', () => {
      throw new Error('disk on fire');
    });
    expect(await registry.dispatch('labels:list', {})).toEqual({ ok: false, error: { code: 'no_project', message: 'No project is open' } });
    expect(await registry.dispatch('labels:delete', { id: 1 })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await registry.dispatch('shell:exec', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await registry.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('says the project is busy when another write holds it past the wait, and nothing is changed', async () => {
    const core = testCore();
    try {
      const documentId = addDocument(core, '区委书记张延昆到温榆河公园调研。');
      const [person] = await core.call('labels:list', {});
      // What a long import commit does from its worker's connection.
      const other = new Database(core.projectPath);
      other.pragma('busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
      try {
        const result = await core.registry.dispatch('annotations:create', { documentId, start: 4, end: 7, labelId: person.id });
        expect(result).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringMatching(/busy with another write .* nothing was changed/) } });
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
      expect(await core.call('annotations:list', { documentId })).toEqual([]);
      expect((await core.call('annotations:create', { documentId, start: 4, end: 7, labelId: person.id })).start).toBe(4);
    } finally {
      core.dispose();
    }
  }, 20_000);
});
