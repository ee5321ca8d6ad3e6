// One registry for every API channel. Payloads are parsed with the channel's zod schema before a
// handler sees them; handler errors become { ok: false } results, never exceptions across the boundary.
import type { z } from 'zod';
import { apiInputs, type ApiOutput, type Channel } from '../../../shared/api/index';
import { ApiFailure, err, ok, type Result } from '../../../shared/api/result';
import { isChannel } from '../../../shared/api/channels';
import { isBusyError, isCorruptionError, isReadOnlyError } from '../db/integrity';
import { DAMAGED_ADVICE } from '../db/project-file';

export type HandlerInput<K extends Channel> = z.output<(typeof apiInputs)[K]>;
export type Handler<K extends Channel> = (input: HandlerInput<K>) => Promise<ApiOutput<K>> | ApiOutput<K>;

/** What the Electron shell and the browser-mode server route requests to: the registry itself, or a core in a worker (core-host.ts). */
export interface Dispatcher {
  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

export class HandlerRegistry implements Dispatcher {
  private readonly handlers = new Map<Channel, Handler<Channel>>();
  private readOnlyMessage: () => string | null = () => null;

  /** Says why the open project is read-only, for writes SQLite refuses (SQLITE_READONLY). */
  explainReadOnly(message: () => string | null): void {
    this.readOnlyMessage = message;
  }

  method<K extends Channel>(channel: K, handler: Handler<K>): void {
    if (this.handlers.has(channel)) throw new Error(`API channel ${channel} is registered twice`);
    this.handlers.set(channel, handler as unknown as Handler<Channel>);
  }

  /** Channels declared in shared/api but without a handler: a startup bug, reported by tests. */
  missingChannels(): Channel[] {
    return (Object.keys(apiInputs) as Channel[]).filter((channel) => !this.handlers.has(channel));
  }

  async dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return err('unknown_channel', `Unknown API channel ${String(channel).slice(0, 80)}`);
    }
    const handler = this.handlers.get(channel);
    if (!handler) return err('unknown_channel', `No handler for ${channel}`);
    const parsed = apiInputs[channel].safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      const first = issues[0];
      return err('invalid_input', `Invalid ${channel} request: ${first.path ? `${first.path}: ` : ''}${first.message}`, issues);
    }
    try {
      return ok(await handler(parsed.data as never));
    } catch (error) {
      if (error instanceof ApiFailure) {
        return err(error.code, error.message, error.details);
      }
      // Every write to a read-only project ends here, whichever handler tried it.
      if (isReadOnlyError(error)) {
        return err('read_only', this.readOnlyMessage() ?? 'This project is open read-only; nothing was changed.');
      }
      if (isBusyError(error)) {
        return err(
          'busy',
          `The project is busy with another write (an import being committed); nothing was changed by ${channel}. Try again when it has finished.`,
        );
      }
      if (isCorruptionError(error)) {
        return err('damaged', `${channel} met a damaged page in the project: ${(error as Error).message}. ${DAMAGED_ADVICE}`);
      }
      console.error(`[biaozhu] ${channel} failed:`, error);
      return err('internal', `${channel} failed: ${(error as Error).message ?? String(error)}`);
    }
  }
}
