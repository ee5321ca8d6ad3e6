// Hardening for every window: no navigation, no new windows, no webviews, no permissions.
import { app, session, type WebContents } from 'electron';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function isTrustedAppUrl(url: string, rendererUrl: string): boolean {
  try {
    const parsed = new URL(url);
    const trusted = new URL(rendererUrl);
    if (parsed.protocol === 'file:') return parsed.protocol === trusted.protocol && parsed.pathname === trusted.pathname;
    return parsed.origin === trusted.origin;
  } catch {
    return false;
  }
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function applySecurityPolicy(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}
