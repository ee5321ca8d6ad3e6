// Electron main process: a thin shell around the same data core the browser mode serves.
import { join, resolve } from 'node:path';
import { app, BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../shared/api/channels';
import { setWorkerNativeBinding } from '../services/app/workers';
import { createCore } from '../services/core';
import { useNativeBinding } from '../services/db/connection';
import { ensureDemoProject } from '../services/demo';
import { applySecurityPolicy, isTrustedAppUrl } from './security';

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '..', 'renderer', 'index.html')}`;

// The addon built for Electron's ABI (scripts/start.mjs builds it; packaging ships it).
const nativeBinding = process.env.BIAOZHU_NATIVE_BINDING;
useNativeBinding(nativeBinding);
setWorkerNativeBinding(nativeBinding);

app.enableSandbox();

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Biaozhu 标注',
    show: false,
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}

/** Only our own renderer's main frame may call the API. */
function validSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame === event.sender.mainFrame && isTrustedAppUrl(frame.url, rendererUrl);
}

app.whenReady().then(async () => {
  applySecurityPolicy();
  const core = createCore({
    mode: 'electron',
    userDataDir: app.getPath('userData'),
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : resolve(__dirname, '..', '..', 'resources'),
  });
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) => {
      if (!validSender(event)) {
        return { ok: false, error: { code: 'invalid_input', message: 'Refused: the request did not come from the Biaozhu window' } };
      }
      return core.registry.dispatch(channel, payload);
    });
  }
  const recent = core.session.settings.recent()[0];
  try {
    core.session.open(recent?.path ?? (await ensureDemoProject(core)));
  } catch (error) {
    // A moved or newer project must not stop the app from starting: the start screen says why.
    console.error(`Could not reopen ${recent?.path}: ${(error as Error).message}`);
  }
  createWindow();
  app.on('will-quit', () => core.dispose());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
