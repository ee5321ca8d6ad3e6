// Measure 8: corpus search p50/p95 — only once a search channel exists in shared/api.
import { CHANNEL_NAMES } from '../../shared/api/channels';
import { NotBuilt, runMeasure } from '../lib/result';

runMeasure('search', 'Corpus search', async () => {
  const channels = CHANNEL_NAMES.filter((c) => /search/i.test(c));
  if (channels.length === 0) throw new NotBuilt('no search channel in shared/api (corpus search is not built yet)');
  throw new NotBuilt(`a search channel exists (${channels.join(', ')}) but this measure has not been written against it yet`);
});
