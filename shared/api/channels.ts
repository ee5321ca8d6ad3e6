// The channel names without their schemas, for the sandboxed preload (which must stay tiny).
// `satisfies` makes the compiler refuse a missing or an extra name.
import type { Channel } from './index';

export const CHANNELS = {
  'app:info': true,
  'projects:create': true,
  'projects:open': true,
  'projects:openDemo': true,
  'projects:close': true,
  'projects:stats': true,
  'projects:setAnnotator': true,
  'projects:check': true,
  'projects:recover': true,
  'documents:list': true,
  'documents:get': true,
  'documents:original': true,
  'documents:update': true,
  'documents:delete': true,
  'documents:nextUnfinished': true,
  'annotations:list': true,
  'annotations:create': true,
  'annotations:update': true,
  'annotations:delete': true,
  'history:undo': true,
  'history:redo': true,
  'history:state': true,
  'labels:list': true,
  'labels:create': true,
  'labels:update': true,
  'labels:delete': true,
  'labels:reorder': true,
  'labels:export': true,
  'labels:import': true,
  'import:preview': true,
  'import:previewFile': true,
  'import:overrideEncoding': true,
  'import:commit': true,
  'export:start': true,
  'jobs:get': true,
  'jobs:cancel': true,
  'backups:list': true,
  'backups:restore': true,
  'files:browse': true,
  'agreement:compute': true,
  'layers:coderCounts': true,
  'coders:handout': true,
  'coders:mergePreview': true,
  'coders:merge': true,
  'adjudication:disagreements': true,
  'adjudication:decide': true,
  'adjudication:acceptAgreed': true,
  'adjudication:progress': true,
} as const satisfies Record<Channel, true>;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];
export const isChannel = (name: unknown): name is Channel => typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, name);
/** IPC channel prefix, so our handlers never collide with Electron's own. */
export const IPC_PREFIX = 'biaozhu:';
