// The bounded channel between the export's threads: back-pressure, end, cancel, and a failure on
// either side, between the two ends of a MessageChannel and between real threads.
import { MessageChannel } from 'node:worker_threads';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workerBundle } from '../../../electron/services/app/worker-bundle';
import { ChannelCancelled, ChannelError, Receiver, Sender, startThread } from '../../../electron/services/export/channel';

const ports: MessageChannel[] = [];
afterEach(() => ports.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

function pair<T>(capacity: number) {
  const channel = new MessageChannel();
  ports.push(channel);
  return { sender: new Sender<T>(channel.port1, capacity), receiver: new Receiver<T>(channel.port2) };
}

/** Lets messages cross. */
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('channel', () => {
  it('holds the sender back once `capacity` items are unacknowledged, and lets it go on one ack', async () => {
    const { sender, receiver } = pair<number>(2);
    const sent: number[] = [];
    const producing = (async () => {
      for (let i = 0; i < 5; i++) {
        await sender.send(i);
        sent.push(i);
      }
      sender.end();
    })();
    await settle();
    expect(sent).toEqual([0, 1]);
    expect(await receiver.next()).toBe(0);
    await settle();
    expect(sent).toEqual([0, 1]); // received is not done with: only an ack frees a place
    receiver.ack();
    await settle();
    expect(sent).toEqual([0, 1, 2]);
    const rest: (number | null)[] = [];
    for (let item = await receiver.next(); item !== null; item = await receiver.next()) {
      rest.push(item);
      receiver.ack();
    }
    await producing;
    expect(rest).toEqual([1, 2, 3, 4]);
    expect(await receiver.next()).toBeNull(); // the end stays the end
    await sender.drain();
  });

  it('gives back what the receiver hands over with an ack', async () => {
    const { sender, receiver } = pair<Uint8Array>(1);
    const bytes = new Uint8Array(16);
    await sender.send(bytes, [bytes.buffer]);
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    const received = (await receiver.next())!;
    receiver.ack(received.buffer, [received.buffer as ArrayBuffer]);
    await sender.drain();
    expect(sender.takeGiven<ArrayBuffer>()!.byteLength).toBe(16);
    expect(sender.takeGiven()).toBeUndefined();
  });

  it('a cancel stops the sender at its next send', async () => {
    const { sender, receiver } = pair<number>(4);
    await sender.send(1);
    receiver.cancel();
    await settle();
    await expect(sender.send(2)).rejects.toBeInstanceOf(ChannelCancelled);
  });

  it("the receiver's failure reaches the sender, waiting or not, with its detail", async () => {
    const { sender, receiver } = pair<number>(1);
    await sender.send(1);
    const waiting = sender.send(2);
    receiver.fail('disk full', '/out/doc-1.txt');
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).message).toBe('disk full');
    expect((error as ChannelError).detail).toBe('/out/doc-1.txt');
    await expect(sender.drain()).rejects.toThrow('disk full');
    expect(sender.error?.message).toBe('disk full');
  });

  it("the sender's failure reaches the receiver after the items sent before it", async () => {
    const { sender, receiver } = pair<number>(4);
    await sender.send(7);
    sender.fail('the project is damaged');
    expect(await receiver.next()).toBe(7);
    await expect(receiver.next()).rejects.toThrow('the project is damaged');
  });
});

describe('channel between threads', () => {
  const entry = workerBundle(resolve(__dirname, 'threads', 'channel-thread.ts'));

  function thread(mode: string, items: number) {
    let receiver: Receiver<number> | null = null;
    const started = startThread(entry, { mode, items }, { abort: (error) => receiver?.abort(error) }, 'the test thread');
    receiver = new Receiver<number>(started.worker);
    const progress: number[] = [];
    started.worker.on('message', (m: { sent?: number }) => m.sent !== undefined && progress.push(m.sent));
    return { receiver, progress, ...started };
  }

  it('a real thread is held back by unacknowledged items and ends cleanly', async () => {
    const t = thread('end', 6);
    try {
      while (t.progress.length < 2) await settle();
      await settle();
      expect(t.progress).toEqual([0, 1]);
      const got: number[] = [];
      for (let item = await t.receiver.next(); item !== null; item = await t.receiver.next()) {
        got.push(item);
        t.receiver.ack();
      }
      expect(got).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      await t.stop();
    }
  });

  it.each([
    ['fail', 'the thread could not read'],
    ['throw', 'uncaught in the thread'],
    ['exit', 'the test thread stopped unexpectedly (exit code 3)'],
  ])('a thread that ends by "%s" fails the receiver instead of leaving it waiting', async (mode, message) => {
    const t = thread(mode, 1);
    try {
      expect(await t.receiver.next()).toBe(0);
      t.receiver.ack();
      await expect(t.receiver.next()).rejects.toThrow(message);
    } finally {
      await t.stop();
    }
  });
});
