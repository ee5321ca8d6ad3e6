// Tests run with a throwaway user-data folder (vitest.config.mts), so nothing a test does reaches
// the real user's settings, recent projects or demo project.
import { homedir } from 'node:os';
import { expect, it } from 'vitest';
import { defaultUserDataDir } from '../../../electron/services/app/paths';

it('the default user-data folder during tests is a throwaway one, not the real home', () => {
  expect(process.env.BIAOZHU_HOME).toMatch(/biaozhu-vitest-home-/);
  expect(defaultUserDataDir().startsWith(homedir())).toBe(false);
});
