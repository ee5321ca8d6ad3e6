// Small per-user JSON settings: recent projects and the annotator's name. Written atomically.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { RecentProject } from '../../../shared/model';

interface SettingsFile {
  recent: RecentProject[];
  annotator?: string;
}

const MAX_RECENT = 12;

export class UserSettings {
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, 'settings.json');
  }

  private read(): SettingsFile {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SettingsFile>;
      return { recent: Array.isArray(parsed.recent) ? parsed.recent : [], annotator: parsed.annotator };
    } catch {
      // Missing or unreadable settings are not worth refusing to start over.
      return { recent: [] };
    }
  }

  private write(settings: SettingsFile): void {
    mkdirSync(this.dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(settings, null, 2));
    renameSync(temp, this.file);
  }

  recent(): RecentProject[] {
    return this.read().recent;
  }

  remember(project: { path: string; name: string }): void {
    const settings = this.read();
    const recent = [{ ...project, openedAt: new Date().toISOString() }, ...settings.recent.filter((r) => r.path !== project.path)];
    this.write({ ...settings, recent: recent.slice(0, MAX_RECENT) });
  }

  annotator(): string {
    const stored = this.read().annotator;
    if (stored) return stored;
    try {
      return userInfo().username || 'annotator';
    } catch {
      return 'annotator';
    }
  }

  setAnnotator(name: string): void {
    this.write({ ...this.read(), annotator: name });
  }
}
