// Where Biaozhu keeps per-user state (recent projects, settings, the demo project).
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultUserDataDir(): string {
  if (process.env.BIAOZHU_HOME) return resolve(process.env.BIAOZHU_HOME);
  const home = homedir();
  if (platform() === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Biaozhu');
  if (platform() === 'darwin') return join(home, 'Library', 'Application Support', 'Biaozhu');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'biaozhu');
}

/** The repo's resources/ folder (samples) in development; the packaged app passes its own. */
export function defaultResourcesDir(): string {
  return resolve(__dirname, '..', '..', '..', 'resources');
}
