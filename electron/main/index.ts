// Electron main process: a thin shell around the same data core the browser mode serves. The core
// runs in a worker thread (core-host.ts); this thread only checks and routes IPC, so no SQLite write
// ever stalls the window.
import { join, resolve } from 'node:path';
import { app, BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../shared/api/channels';
import { CoreHost } from '../services/app/core-host';
import { applySecurityPolicy, isTrustedAppUrl } from './security';

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '..', 'renderer', 'index.html')}`;

// The addon built for Electron's ABI (scripts/start.mjs builds it; packaging ships it), for the core's thread.
const nativeBinding = process.env.BIAOZHU_NATIVE_BINDING;

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

/**
 * Opens the last project (else the demo; when the last one cannot be opened, the demo, and app:info
 * says why). When not even that opens, the window still comes up, on the start screen.
 */
async function startCore(): Promise<CoreHost> {
  const options = {
    mode: 'electron' as const,
    userDataDir: app.getPath('userData'),
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : resolve(__dirname, '..', '..', 'resources'),
  };
  try {
    return (await CoreHost.start({ options, nativeBinding, startup: {} })).host;
  } catch (error) {
    console.error(`Biaozhu could not open a project at startup: ${(error as Error).message}`);
    return (await CoreHost.start({ options, nativeBinding, startup: { noProject: true } })).host;
  }
}

app.whenReady().then(async () => {
  applySecurityPolicy();
  const core = await startCore();
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) => {
      if (!validSender(event)) {
        return { ok: false, error: { code: 'invalid_input', message: 'Refused: the request did not come from the Biaozhu window' } };
      }
      return core.dispatch(channel, payload);
    });
  }
  createWindow();
  // The core closes its project (and releases the project's lock) before the process ends.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void core.dispose().finally(() => {
      closed = true;
      app.quit();
    });
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
