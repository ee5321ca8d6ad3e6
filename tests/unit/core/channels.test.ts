// Every channel the API declares (and the preload exposes, made from the channel list) has a
// handler in the core: a channel added to shared/api without one fails here, not in the window.
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/api/channels';
import { testCore } from '../helpers';

const core = testCore({ create: false });
afterAll(() => core.dispose());

describe('channels', () => {
  it('each has a handler in createCore', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(30);
    expect(core.registry.missingChannels()).toEqual([]);
  });
});
