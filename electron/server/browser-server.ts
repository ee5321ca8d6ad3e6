// Browser mode: the same handlers the Electron preload reaches, served over HTTP on
// 127.0.0.1 only. Every API call needs the per-launch token or the session cookie a visit with the
// token set (session-cookie.ts); a foreign Host or Origin is refused (DNS-rebinding and cross-site
// requests from other pages in the user's browser).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Dispatcher } from '../services/app/registry';
import { DownloadRefused, finishedExport, planDownload, sendDownload } from './downloads';
import { sameSecret, SessionCookie } from './session-cookie';

const MAX_BODY_BYTES = 200 * 1024 * 1024;
/** What is read and thrown away of a body over the limit, so the client reads the 413 instead of a reset. */
const MAX_DISCARDED_BYTES = 1024 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export interface BrowserServerOptions {
  /** Where API calls go: the core in its worker thread (core-host.ts), or a registry in this thread (tests). */
  registry: Dispatcher;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Request bodies over this get 413 (tests use a small limit). */
  maxBodyBytes?: number;
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': CSP,
};

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...extra });
  res.end(body);
}

const refuse = (res: ServerResponse, status: number, message: string, code: 'invalid_input' | 'too_large' | 'not_found' = 'invalid_input') =>
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }));

class BodyTooLarge extends Error {}

/** `null` for a malformed % escape: a bad URL is the client's error (400), not the server's. */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * The body as text; rejects with BodyTooLarge past `limit` bytes (by Content-Length before reading
 * anything, or while reading). The rest of such a body is read and dropped, up to a bound, so the
 * connection ends cleanly and the client sees the 413 instead of a reset.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const tooLarge = () => {
      let discarded = 0;
      req.removeAllListeners('data');
      req.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > MAX_DISCARDED_BYTES) req.destroy();
      });
      reject(new BodyTooLarge(`request body is larger than the limit of ${limit} bytes`));
    };
    if (Number(req.headers['content-length']) > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return tooLarge();
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const rendererDir = resolve(options.rendererDir);
  let allowedHosts = new Set<string>();
  const cookie = new SessionCookie();
  const authorized = (req: IncomingMessage, url: URL) =>
    sameSecret(req.headers['x-biaozhu-token'], token) || sameSecret(url.searchParams.get('token'), token) || cookie.accepts(req);

  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;

  const serveStatic = (pathname: string, res: ServerResponse, setCookie: boolean) => {
    const decoded = decodePath(pathname);
    if (decoded === null) return refuse(res, 400, 'malformed % escape in the URL');
    const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = normalize(join(rendererDir, relative));
    if (!file.startsWith(rendererDir + sep)) return refuse(res, 403, 'forbidden path');
    const target = existsSync(file) && statSync(file).isFile() ? file : join(rendererDir, 'index.html');
    if (!existsSync(target)) return send(res, 500, 'The renderer is not built; run npm start again.', 'text/plain; charset=utf-8');
    send(res, 200, readFileSync(target), CONTENT_TYPES[extname(target)] ?? 'application/octet-stream', setCookie ? { 'set-cookie': cookie.header() } : {});
  };

  const server = createServer(async (req, res) => {
    try {
      if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 403, 'foreign Host header refused');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return refuse(res, 403, 'foreign Origin refused');
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        return refuse(res, 400, 'malformed URL');
      }
      if (url.pathname === '/download') {
        if (req.method !== 'GET') return refuse(res, 405, 'downloads are GET');
        if (!authorized(req, url)) return refuse(res, 401, 'missing or wrong access token');
        const jobId = url.searchParams.get('job');
        return await sendDownload(res, planDownload(jobId, await finishedExport(options.registry, jobId)), SECURITY_HEADERS);
      }
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
        // A visit with the token (the printed URL) gets the session cookie; the page then drops the token from its URL.
        return serveStatic(url.pathname, res, sameSecret(url.searchParams.get('token'), token));
      }
      if (req.method !== 'POST') return refuse(res, 405, 'API calls are POST');
      if (!sameSecret(req.headers['x-biaozhu-token'], token) && !cookie.accepts(req)) return refuse(res, 401, 'missing or wrong access token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'API calls send JSON');
      const channel = decodePath(url.pathname.slice('/api/'.length));
      let body: string;
      try {
        body = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        res.setHeader('connection', 'close');
        return refuse(res, 413, error.message, 'too_large');
      }
      if (channel === null) return refuse(res, 400, 'malformed % escape in the URL');
      let payload: unknown;
      try {
        payload = JSON.parse(body || '{}');
      } catch (error) {
        return refuse(res, 400, `request body is not valid JSON: ${(error as Error).message}`);
      }
      const result = await options.registry.dispatch(channel, payload);
      send(res, 200, JSON.stringify(result));
    } catch (error) {
      if (error instanceof DownloadRefused) return refuse(res, error.status, error.message, error.status === 400 ? 'invalid_input' : 'not_found');
      if (res.headersSent) return void res.destroy(); // a download that failed halfway: the browser sees it fail
      send(res, 500, JSON.stringify({ ok: false, error: { code: 'internal', message: (error as Error).message } }));
    }
  });

  return listenOnLoopback(server, options.port ?? 0, token, (port) => {
    allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    cookie.bindPort(port);
  });
}

/** Listens on 127.0.0.1 only (port 0: any free one); onBound learns the port before the server is handed out, so Host checks know it from the first request. */
function listenOnLoopback(server: Server, port: number, token: string, onBound: (port: number) => void): Promise<BrowserServer> {
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as AddressInfo).port;
      onBound(bound);
      resolveServer({
        url: `http://127.0.0.1:${bound}/?token=${token}`,
        port: bound,
        token,
        server,
        // Open keep-alive connections from the page would hold close() until they time out.
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
