// Sandboxed preload: exposes exactly one object, `window.biaozhu`, with one function per API
// channel. Never ipcRenderer itself, never an arbitrary channel. Must stay CommonJS and tiny.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiInput, ApiOutput, BiaozhuBridge, Channel, Result } from '../../shared/api/index';

const PREFIX = 'biaozhu:';
const invoke =
  <K extends Channel>(channel: K) =>
  (input: ApiInput<K>): Promise<Result<ApiOutput<K>>> =>
    ipcRenderer.invoke(PREFIX + channel, input);

const bridge = {
  'app:info': invoke('app:info'),
  'projects:create': invoke('projects:create'),
  'projects:open': invoke('projects:open'),
  'projects:openDemo': invoke('projects:openDemo'),
  'projects:close': invoke('projects:close'),
  'projects:stats': invoke('projects:stats'),
  'projects:setAnnotator': invoke('projects:setAnnotator'),
  'projects:check': invoke('projects:check'),
  'projects:recover': invoke('projects:recover'),
  'documents:list': invoke('documents:list'),
  'documents:get': invoke('documents:get'),
  'documents:update': invoke('documents:update'),
  'documents:delete': invoke('documents:delete'),
  'documents:nextUnfinished': invoke('documents:nextUnfinished'),
  'annotations:list': invoke('annotations:list'),
  'annotations:create': invoke('annotations:create'),
  'annotations:update': invoke('annotations:update'),
  'annotations:delete': invoke('annotations:delete'),
  'history:undo': invoke('history:undo'),
  'history:redo': invoke('history:redo'),
  'history:state': invoke('history:state'),
  'labels:list': invoke('labels:list'),
  'labels:create': invoke('labels:create'),
  'labels:update': invoke('labels:update'),
  'labels:delete': invoke('labels:delete'),
  'labels:reorder': invoke('labels:reorder'),
  'labels:export': invoke('labels:export'),
  'labels:import': invoke('labels:import'),
  'import:preview': invoke('import:preview'),
  'import:previewFile': invoke('import:previewFile'),
  'import:overrideEncoding': invoke('import:overrideEncoding'),
  'import:commit': invoke('import:commit'),
  'export:start': invoke('export:start'),
  'jobs:get': invoke('jobs:get'),
  'jobs:cancel': invoke('jobs:cancel'),
  'backups:list': invoke('backups:list'),
  'backups:restore': invoke('backups:restore'),
  'files:browse': invoke('files:browse'),
} satisfies BiaozhuBridge;

contextBridge.exposeInMainWorld('biaozhu', bridge);
