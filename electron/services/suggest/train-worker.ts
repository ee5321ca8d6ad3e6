// Worker thread: trains the learned tagger off the main thread (the UI and the API stay
// responsive) and answers with the serialized model, ready for the project file.
// Progress is (epochs done × examples + examples done in this epoch) of (epochs × examples);
// a cancel is seen at the next progress point, every 200 examples.
import { serializeTagger, trainTagger, type TaggerExample, type TaggerOptions, type TrainingStats } from '../../../shared/suggest/tagger/index';
import { runInWorker } from '../app/worker-side';

export interface TrainJob {
  examples: TaggerExample[];
  options?: TaggerOptions;
}

export interface TrainResult {
  /** serializeTagger's bytes: deserializeTagger reads them back. */
  model: Uint8Array;
  labels: string[];
  stats: TrainingStats;
  seconds: number;
}

runInWorker<TrainJob, TrainResult>((side) => {
  const started = performance.now();
  const { examples, options } = side.data;
  const model = trainTagger(examples, options, (p) => {
    side.checkCancelled();
    side.progress((p.epoch - 1) * p.total + p.done, p.epochs * p.total, `epoch ${p.epoch} of ${p.epochs}: ${p.errors} characters wrong so far`);
  });
  side.checkCancelled();
  return { model: serializeTagger(model), labels: model.labels, stats: model.stats, seconds: (performance.now() - started) / 1000 };
});
