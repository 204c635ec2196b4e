/**
 * What every response carries and every request must pass: a Content-Security-Policy that
 * forbids inline and foreign scripts (a scam text that slipped past escaping still could not
 * run), no framing, no MIME sniffing, no referrer; a Host check against DNS rebinding when
 * bound to loopback; the API token on every /api request; and no CORS headers at all, so
 * other sites' pages cannot read any answer.
 */
import type { FastifyInstance } from 'fastify';
import { UserError } from '../service/errors.js';
import { TOKEN_HEADER, tokenMatches } from './token.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface SecurityOptions {
  token: string;
  /** Host headers accepted (e.g. "127.0.0.1:8377"); undefined accepts any (remote mode, token required). */
  allowedHosts?: ReadonlySet<string>;
  /** Paths under /api that need no token (the OpenAPI document). */
  open: ReadonlySet<string>;
}

export function installSecurity(app: FastifyInstance, o: SecurityOptions): void {
  app.addHook('onRequest', async (req) => {
    if (o.allowedHosts !== undefined && !o.allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      throw new UserError('BAD_HOST', '此地址不被接受：请用启动时显示的地址打开页面。', 'This host name is not accepted: open the page at the address printed at start-up.');
    }
    const path = req.url.split('?')[0]!;
    if (path.startsWith('/api/') && !o.open.has(path) && !tokenMatches(o.token, req.headers[TOKEN_HEADER])) {
      throw new UserError('NO_TOKEN', '缺少或错误的访问令牌：请从 dunguard 启动时显示的地址打开页面。', 'Missing or wrong access token: open the page from the address dunguard printed at start-up.');
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
