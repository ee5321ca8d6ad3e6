// The renderer's activity clock (#24): active time from activity moments, idle gaps over two minutes
// left out; lead times since the last edit; reports of running totals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDLE_GAP_MS } from '../../../shared/api/timing';
import { ActivityClock, DocumentTimer } from '../../../renderer/src/state/activityClock';

/** Plain reading: sum of the gaps between consecutive moments that are positive and at most IDLE_GAP_MS. */
const plainActive = (moments: number[]) =>
  moments.slice(1).reduce((sum, at, i) => {
    const gap = at - moments[i];
    return gap > 0 && gap <= IDLE_GAP_MS ? sum + gap : sum;
  }, 0);

const momentsArb = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: IDLE_GAP_MS - 2, max: IDLE_GAP_MS + 2 }), fc.integer({ min: -3_000, max: 0 })),
  { maxLength: 60 },
);
const toMoments = (steps: number[]) => steps.reduce<number[]>((out, step) => [...out, (out.at(-1) ?? 1_700_000_000_000) + step], []);

describe('ActivityClock', () => {
  it('counts gaps up to two minutes and leaves longer ones (and a clock going back) out (property)', () => {
    fc.assert(
      fc.property(momentsArb, (steps) => {
        const moments = toMoments(steps);
        const clock = new ActivityClock();
        for (const at of moments) clock.touch(at);
        expect(clock.activeMs()).toBe(plainActive(moments));
      }),
    );
  });

  it('lead times split the active time at each new span; edits restart the count (property)', () => {
    fc.assert(
      fc.property(momentsArb, fc.array(fc.constantFrom('touch', 'span', 'edit'), { maxLength: 60 }), (steps, kinds) => {
        const moments = toMoments(steps);
        const clock = new ActivityClock();
        let leads = 0;
        let sinceMark = 0;
        let last: number | null = null;
        moments.forEach((at, i) => {
          const gap = last === null ? 0 : at - last;
          if (gap > 0 && gap <= IDLE_GAP_MS) sinceMark += gap;
          last = at;
          const kind = kinds[i] ?? 'touch';
          if (kind === 'span') {
            const lead = clock.takeLeadTime(at);
            expect(lead).toBe(sinceMark);
            leads += lead;
            sinceMark = 0;
          } else if (kind === 'edit') {
            clock.edited(at);
            sinceMark = 0;
          } else clock.touch(at);
        });
        expect(leads).toBeLessThanOrEqual(clock.activeMs());
        expect(clock.activeMs()).toBe(plainActive(moments));
      }),
    );
  });

  it('a two-minute pause before a span is left out of its lead time', () => {
    const clock = new ActivityClock();
    clock.touch(0);
    clock.touch(3_000);
    clock.touch(3_000 + IDLE_GAP_MS + 1); // came back after a pause
    expect(clock.takeLeadTime(3_000 + IDLE_GAP_MS + 1 + 2_000)).toBe(5_000);
  });
});

describe('DocumentTimer', () => {
  it('reports its running total under one session id, only when it grew, and again after a failed report', async () => {
    let now = 1_000;
    const sent: { documentId: number; sessionId: string; activeMs: number; openedMsAgo: number }[] = [];
    let fail = false;
    const timer = new DocumentTimer(
      7,
      async (input) => {
        sent.push(input);
        if (fail) throw new Error('offline');
      },
      () => now,
    );
    await timer.flush();
    now += 4_000;
    timer.touch();
    await timer.flush();
    await timer.flush(); // unchanged: nothing sent
    fail = true;
    now += 1_000;
    timer.touch();
    await timer.flush();
    fail = false;
    await timer.flush(); // the failed total goes again
    now += IDLE_GAP_MS + 1;
    timer.touch();
    await timer.stop();
    await timer.stop();
    expect(sent.map((s) => s.activeMs)).toEqual([4_000, 5_000, 5_000]); // opened and not yet worked on: nothing sent
    expect(sent[0]!.openedMsAgo).toBe(4_000);
    expect(new Set(sent.map((s) => s.sessionId)).size).toBe(1);
    expect(sent.every((s) => s.documentId === 7 && /^[A-Za-z0-9_-]{8,64}$/.test(s.sessionId))).toBe(true);
  });

  it('a document opened and left without activity is not reported, unless it is set done', async () => {
    const sent: number[] = [];
    const idle = new DocumentTimer(
      1,
      async ({ activeMs }) => void sent.push(activeMs),
      () => 5,
    );
    await idle.stop();
    expect(sent).toEqual([]);
    const done = new DocumentTimer(
      2,
      async ({ activeMs }) => void sent.push(activeMs),
      () => 5,
    );
    await done.flush(true);
    expect(sent).toEqual([0]);
  });
});
