import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/api/channels';
import { apiInputs } from '../../../shared/api/index';
import { ApiFailure } from '../../../shared/api/result';
import { HandlerRegistry } from '../../../electron/services/app/registry';

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
});
