/**
 * What every response carries and every request must pass: a Content-Security-Policy that
 * forbids inline and foreign scripts (a scam text that slipped past escaping still could not
 * run), no framing, no MIME sniffing, no referrer; a Host check against DNS rebinding when
 * bound to loopback; the API token on every request the router sends to the API — decided on
 * the route it matched and on the decoded, normalised path, never on the raw URL, so
 * "/%61pi/events" or "//api/./events" need the token as well; cross-site requests and
 * state-changing calls with a body other than JSON or multipart refused (anti-CSRF); and no
 * CORS headers at all, so other sites' pages cannot read any answer.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

/**
 * The path as the router sees it: percent-decoded (repeatedly, so %2561 cannot hide "a"),
 * backslashes as slashes, doubled slashes collapsed, dot segments resolved, lower-cased.
 * Used only to decide whether a request is an API request; never to serve anything.
 */
export function normalisedPath(rawUrl: string): string {
  let p = rawUrl.split(/[?#]/)[0] ?? '';
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(p);
    } catch {
      next = p.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
    if (next === p) break;
    p = next;
  }
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return ('/' + out.join('/')).toLowerCase();
}

/** Is this request for the API? Decided on the route the router matched and, as well, on the normalised path. */
function isApiRequest(matchedRoute: string | undefined, rawUrl: string): boolean {
  const isApi = (p: string) => p === '/api' || p.startsWith('/api/');
  return (matchedRoute !== undefined && isApi(matchedRoute.toLowerCase())) || isApi(normalisedPath(rawUrl));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Body types a state-changing API call may carry; a cross-site form can send neither JSON nor a custom header. */
const ALLOWED_BODY_TYPES = new Set(['application/json', 'multipart/form-data']);

export function installSecurity(app: FastifyInstance, o: SecurityOptions): void {
  app.addHook('onRequest', async (req) => {
    if (o.allowedHosts !== undefined && !o.allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      throw new UserError('BAD_HOST', '此地址不被接受：请用启动时显示的地址打开页面。', 'This host name is not accepted: open the page at the address printed at start-up.');
    }
    const route = req.routeOptions.url;
    if (!isApiRequest(route, req.url)) return;
    refuseCrossSite(req);
    const open = route !== undefined && o.open.has(route) && normalisedPath(req.url) === route;
    if (!open && !tokenMatches(o.token, req.headers[TOKEN_HEADER])) {
      throw new UserError('NO_TOKEN', '缺少或错误的访问令牌：请从 dunguard 启动时显示的地址打开页面。', 'Missing or wrong access token: open the page from the address dunguard printed at start-up.');
    }
    refuseOtherBodies(req);
  });
  installResponseHeaders(app);
}

/** A browser says when a request comes from another site; such a request is refused whatever it carries. */
export function refuseCrossSite(req: FastifyRequest): void {
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    throw new UserError('CROSS_SITE', '拒绝来自其他网站的请求。', 'Requests from other web sites are refused.');
  }
}

/** A state-changing request with a body other than JSON or multipart is refused (a cross-site form can send neither). */
export function refuseOtherBodies(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const hasBody = type !== '' || Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !ALLOWED_BODY_TYPES.has(type)) {
    throw new UserError('BAD_MEDIA_TYPE', '请以 JSON 发送（Content-Type: application/json）。', 'Send JSON (Content-Type: application/json).');
  }
}

/**
 * The headers every response of either server carries (the Content-Security-Policy and the
 * cache rule unless a route set its own); `hsts` adds Strict-Transport-Security, for the
 * multi-user server, which is run behind HTTPS.
 */
export function installResponseHeaders(app: FastifyInstance, o: { hsts?: boolean } = {}): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (o.hsts === true) reply.header('strict-transport-security', 'max-age=31536000');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
