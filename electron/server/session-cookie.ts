// The browser mode's session cookie. The per-launch token arrives once, in the URL `npm start`
// prints; the page that URL loads gets an HttpOnly, SameSite=Strict cookie holding a secret of its
// own, so the token can leave the address bar and a reloaded or bookmarked tab of the same browser
// profile still gets in while this server runs. Cookies are per host, not per port: the name carries
// the port so two servers on 127.0.0.1 do not overwrite each other's.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function sameSecret(given: string | string[] | undefined | null, secret: string): boolean {
  if (typeof given !== 'string' || given.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(secret));
}

export class SessionCookie {
  private readonly secret = randomBytes(24).toString('hex');
  private name = 'biaozhu_session';

  /** Called once the server knows its port. */
  bindPort(port: number): void {
    this.name = `biaozhu_session_${port}`;
  }

  /** The Set-Cookie header value a page visited with the right token gets. */
  header(): string {
    return `${this.name}=${this.secret}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** Whether the request carries this server's cookie. */
  accepts(req: IncomingMessage): boolean {
    const cookies = req.headers.cookie;
    if (!cookies) return false;
    for (const part of cookies.split(';')) {
      const at = part.indexOf('=');
      if (at > 0 && part.slice(0, at).trim() === this.name && sameSecret(part.slice(at + 1).trim(), this.secret)) return true;
    }
    return false;
  }
}
