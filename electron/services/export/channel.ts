// A bounded channel between two threads: the sender waits while `capacity` items are unacknowledged,
// so a fast producer never piles up batches in memory; the receiver acknowledges each item once it
// is done with it, and may give something back with the acknowledgement (a buffer to reuse).
// Either side can fail the channel with a message (the other side's next call throws it) or cancel
// it; the side that owns the Worker reports the thread's own death with abort().
import { Worker, type MessagePort, type TransferListItem } from 'node:worker_threads';

/** What the two sides say to each other. */
type Frame =
  | { channel: 'item'; item: unknown }
  | { channel: 'end' }
  | { channel: 'ack'; given?: unknown }
  | { channel: 'error'; message: string; detail?: unknown }
  | { channel: 'cancel' };

/** A Worker, or a thread's parentPort, or one end of a MessageChannel. */
export type Port = Pick<MessagePort | Worker, 'postMessage'> & { on(event: 'message', listener: (value: unknown) => void): unknown };

/** The other side failed (or a thread died): `detail` is what that side attached, if anything. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

/** The receiver cancelled: the sender stops producing. */
export class ChannelCancelled extends Error {
  constructor() {
    super('the receiving side cancelled');
  }
}

const isFrame = (value: unknown): value is Frame => typeof value === 'object' && value !== null && 'channel' in value;

/** Shared by both sides: a failure, and one waiter woken on every frame. */
class Side {
  protected failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(protected readonly port: Port) {}

  /** Why this side failed, or null. */
  get error(): Error | null {
    return this.failure;
  }

  /** The thread at the other end died, or its Worker reported an error: every later call throws `error`. */
  abort(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  /** Tells the other side this side failed; its next call throws ChannelError(message, detail). */
  fail(message: string, detail?: unknown): void {
    this.port.postMessage({ channel: 'error', message, detail } satisfies Frame);
  }

  protected notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Waits for `done`; a failure comes first. */
  protected async waitUntil(done: () => boolean): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (done()) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

export class Sender<T> extends Side {
  private unacknowledged = 0;
  private readonly given: unknown[] = [];

  constructor(
    port: Port,
    private readonly capacity: number,
  ) {
    super(port);
    port.on('message', (value) => {
      if (!isFrame(value)) return;
      if (value.channel === 'ack') {
        this.unacknowledged--;
        if (value.given !== undefined) this.given.push(value.given);
      } else if (value.channel === 'error') this.failure ??= new ChannelError(value.message, value.detail);
      else if (value.channel === 'cancel') this.failure ??= new ChannelCancelled();
      else return;
      this.notify();
    });
  }

  /** Sends `item` once fewer than `capacity` are unacknowledged; throws the other side's failure or cancel. */
  async send(item: T, transfer: readonly TransferListItem[] = []): Promise<void> {
    await this.waitUntil(() => this.unacknowledged < this.capacity);
    this.unacknowledged++;
    this.port.postMessage({ channel: 'item', item } satisfies Frame, transfer as TransferListItem[]);
  }

  /** Waits until every item sent is acknowledged. */
  async drain(): Promise<void> {
    await this.waitUntil(() => this.unacknowledged === 0);
  }

  /** The receiver is done with every item: next() there returns null once it has the rest. */
  end(): void {
    this.port.postMessage({ channel: 'end' } satisfies Frame);
  }

  /** Something the receiver gave back with an acknowledgement, or undefined. */
  takeGiven<G>(): G | undefined {
    return this.given.pop() as G | undefined;
  }
}

export class Receiver<T> extends Side {
  private readonly queue: Frame[] = [];
  private ended = false;

  constructor(port: Port) {
    super(port);
    port.on('message', (value) => {
      if (!isFrame(value) || value.channel === 'ack' || value.channel === 'cancel') return;
      if (value.channel === 'end') this.ended = true;
      this.queue.push(value);
      this.notify();
    });
  }

  /** The next item, or null once the sender ended; throws the sender's failure. */
  async next(): Promise<T | null> {
    await this.waitUntil(() => this.queue.length > 0);
    const frame = this.queue.shift()!;
    if (frame.channel === 'error') {
      this.failure = new ChannelError(frame.message, frame.detail);
      throw this.failure;
    }
    if (frame.channel === 'end') {
      this.queue.unshift(frame); // every later call sees the end too
      return null;
    }
    return (frame as { item: T }).item;
  }

  /** A thread that stops once it has ended the channel has not failed. */
  override abort(error: Error): void {
    if (!this.ended) super.abort(error);
  }

  /** Done with an item: the sender may send one more. `given` goes back to it (see Sender.takeGiven). */
  ack(given?: unknown, transfer: readonly TransferListItem[] = []): void {
    this.port.postMessage({ channel: 'ack', given } satisfies Frame, transfer as TransferListItem[]);
  }

  /** No more items wanted: the sender's next send throws ChannelCancelled. */
  cancel(): void {
    this.port.postMessage({ channel: 'cancel' } satisfies Frame);
  }
}

/**
 * Starts a thread at `entry` and reports its death (an uncaught error, an exit) to `side`, so that
 * whoever waits on the channel hears of it. stop() ends the thread without that report.
 */
export function startThread(entry: string, workerData: unknown, side: { abort(error: Error): void }, what: string): { worker: Worker; stop(): Promise<void> } {
  const worker = new Worker(entry, { workerData });
  worker.on('error', (error) => side.abort(error));
  worker.on('exit', (code) => side.abort(new Error(`${what} stopped unexpectedly (exit code ${code})`)));
  return {
    worker,
    async stop() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
