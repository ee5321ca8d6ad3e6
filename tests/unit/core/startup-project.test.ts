// The browser mode reopens the project the user had open last, not always the demo; the demo only
// when there is none or it cannot be opened, and then app:info says why.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStartupProject } from '../../../electron/server/startup';
import { createCore, type Core } from '../../../electron/services/core';
import { demoProjectPath } from '../../../electron/services/demo';
import type { AppInfo } from '../../../shared/api/projects';
import { tempDir } from '../helpers';

async function appInfo(core: Core): Promise<AppInfo> {
  const result = await core.registry.dispatch('app:info', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as AppInfo;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function launch(userDataDir: string): Core {
  const core = createCore({ mode: 'browser', userDataDir });
  cleanups.push(() => core.dispose());
  return core;
}

describe('startup project', () => {
  it('reopens the last project the user had open', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const first = launch(join(dir, 'user'));
    first.session.create(join(dir, 'mine.biaozhu'), '我的项目');
    first.dispose();
    const second = launch(join(dir, 'user'));
    expect(await openStartupProject(second, {})).toBeNull();
    expect(second.session.info()?.name).toBe('我的项目');
    expect((await appInfo(second)).startupNotice).toBeNull();
  });

  it('opens the demo saying why when the last project is gone', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const first = launch(join(dir, 'user'));
    first.session.create(join(dir, 'gone.biaozhu'));
    first.dispose();
    rmSync(join(dir, 'gone.biaozhu'));
    const second = launch(join(dir, 'user'));
    second.startup.notice = await openStartupProject(second, {});
    expect(second.session.requirePath()).toBe(demoProjectPath(second));
    const info = await appInfo(second);
    expect(info.startupNotice).toEqual({ path: join(dir, 'gone.biaozhu'), reason: expect.stringMatching(/no longer there/) });
    expect(info.demoPath).toBe(demoProjectPath(second));
  });
});
