// Training runs in a worker thread (#22): it reports progress, answers with a model that tags,
// and a cancel stops it with nothing returned.
import { describe, expect, it } from 'vitest';
import { deserializeTagger, tag, type TaggerExample } from '../../../shared/suggest/tagger/index';
import { awaitedControl, type JobControl } from '../../../electron/services/app/jobs';
import { trainInWorker } from '../../../electron/services/suggest/train-host';

const NAMES = ['蔡奇', '陈吉宁', '殷勇', '李秀领', '刘伟', '魏小东'];
const PLACES = ['朝阳区', '海淀区', '通州区', '大兴区', '顺义区'];

function examples(count: number): TaggerExample[] {
  return Array.from({ length: count }, (_, i) => {
    const name = NAMES[i % NAMES.length];
    const place = PLACES[(i * 7) % PLACES.length];
    const text = `${name}在${place}调研时强调，要抓好第${i}项工作。`;
    return {
      text,
      spans: [
        { start: 0, end: name.length, label: 'PERSON' },
        { start: name.length + 1, end: name.length + 1 + place.length, label: 'PLACE' },
      ],
    };
  });
}

function recordingControl(): JobControl & { seen: [number, number][] } {
  const base = awaitedControl();
  const seen: [number, number][] = [];
  return { ...base, seen, progress: (done, total) => void seen.push([done, total]) };
}

describe('tagger training worker', () => {
  it('trains off the main thread, reports progress and returns a model that tags', async () => {
    const control = recordingControl();
    const result = await trainInWorker({ examples: examples(400), options: { epochs: 3, words: false } }, control);
    expect(result.labels).toEqual(['PERSON', 'PLACE']);
    expect(result.stats).toMatchObject({ examples: 400, spans: 800, epochs: 3 });
    expect(control.seen.at(-1)).toEqual([1200, 1200]);
    const model = deserializeTagger(result.model);
    const text = '殷勇在海淀区调研时强调，要抓好第9项工作。';
    expect(tag(model, text).map((s) => [text.slice(s.start, s.end), s.label])).toEqual([
      ['殷勇', 'PERSON'],
      ['海淀区', 'PLACE'],
    ]);
  });

  it('stops when cancelled, with a cancelled failure and no model', async () => {
    const control = awaitedControl();
    Atomics.store(control.cancelFlag, 0, 1);
    await expect(trainInWorker({ examples: examples(400), options: { epochs: 50, words: false } }, control)).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('says what was wrong with bad training data', async () => {
    const bad = [{ text: 42, spans: [] }] as unknown as TaggerExample[];
    await expect(trainInWorker({ examples: bad }, awaitedControl())).rejects.toThrow(/example 1 needs a text/);
  });
});
