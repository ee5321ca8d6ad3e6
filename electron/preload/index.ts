// Sandboxed preload: exposes exactly one object, `window.biaozhu`, with one function per API
// channel, made from the channel list (shared/api/channels.ts, which the compiler checks against the
// API type). Never ipcRenderer itself, never an arbitrary channel. Must stay CommonJS and tiny.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../shared/api/channels';
import type { BiaozhuBridge, Channel } from '../../shared/api/index';

const invoke =
  <K extends Channel>(channel: K): BiaozhuBridge[K] =>
  (input) =>
    ipcRenderer.invoke(IPC_PREFIX + channel, input);

type Bridge = { [K in Channel]: ReturnType<typeof invoke<K>> };
const bridge = Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, invoke(channel)])) as Bridge satisfies BiaozhuBridge;

contextBridge.exposeInMainWorld('biaozhu', bridge);
