/**
 * The HTTP server behind the web page: Fastify with zod schemas for every body and query
 * (the same schemas generate /api/openapi.json), the built page as static files, and the
 * JSON API over the same core as the CLI. One record (SQLite store, vault, engine) stays
 * open for the server's life. Errors come back as { error: { code, zh, en } } with a 4xx
 * status and a sentence a person understands; never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { InputError, MAX_TEXT_LENGTH, type Engine } from '../engine/check.js';
import { loadEngine, packageRoot } from '../data/load.js';
import { servePage } from './page.js';
import { ocrRoutes } from './routes/ocr.js';
import { StoreError } from '../store/store.js';
import { UserError } from '../service/errors.js';
import { openRecord, requireRecordNotRemoved, type RecordContext } from '../service/record-context.js';
import { installSecurity } from './security.js';
import { checkRoutes } from './routes/check.js';
import { MAX_UPLOAD_FILES, recordRoutes } from './routes/record.js';
import { ledgerRoutes } from './routes/ledger.js';
import { actRoutes } from './routes/act.js';
import { lawRoutes } from './routes/law.js';
import { warnRoutes } from './routes/warn.js';
import { inputProblem } from '../service/request.js';

export type App = FastifyInstance;
export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface Deps {
  ctx: RecordContext;
  engine: Engine;
  version: string;
}

export interface ServerOptions {
  /** The data folder (already resolved and created). */
  dataDir: string;
  token: string;
  /** Host headers accepted; undefined accepts any (only with an explicit non-loopback bind). */
  allowedHosts?: ReadonlySet<string>;
  /** Put the token into the page (loopback only: the page then needs no login). */
  embedToken: boolean;
  /** Folder of the built page (default dist/web in the package). */
  webRoot?: string;
  /** Largest evidence upload in bytes (default 1 GiB). */
  maxUpload?: number;
  /** Limits against slow or idle clients holding connections (defaults: LIMITS). */
  limits?: Partial<ConnectionLimits>;
}

export interface ConnectionLimits {
  /** Whole request (headers and body, an upload included) must arrive within this (ms). */
  requestTimeout: number;
  /** The request's headers must arrive within this (ms). */
  headersTimeout: number;
  /** A connection with no traffic at all is closed after this (ms). */
  connectionTimeout: number;
  /** An idle keep-alive connection is closed after this (ms). */
  keepAliveTimeout: number;
  /** Connections open at once; more are refused. */
  maxConnections: number;
}

/** Slow bodies, slow headers and idle connections are cut off; a 1 GiB upload still fits at ≥ 4 MB/s. */
export const LIMITS: ConnectionLimits = { requestTimeout: 300_000, headersTimeout: 10_000, connectionTimeout: 60_000, keepAliveTimeout: 5_000, maxConnections: 256 };

/** Largest JSON body: a 2 Mi-character transcript in UTF-8 fits. */
export const BODY_LIMIT = 8 * 1024 * 1024;

/**
 * Most characters of text in one /api/classify batch, all items together: the same as one
 * /api/check text, so a batch holds the server's only thread no longer than the longest check.
 */
export const MAX_CLASSIFY_BATCH_CHARS = MAX_TEXT_LENGTH;

/** The HTTP status of an error code; any other code of a person's error is 400. */
const STATUS: Record<string, number> = {
  NO_TOKEN: 401,
  NO_SESSION: 401,
  FORBIDDEN: 403,
  TAKEN: 409,
  BAD_HOST: 403,
  CROSS_SITE: 403,
  BAD_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  DELETED: 410,
  NO_PROFILE: 409,
  NOT_INTACT: 409,
  NOT_EMPTY: 409,
  LOCKED: 503,
  NO_FONT: 503,
  TOO_LARGE: 413,
  UNSUPPORTED_IMAGE: 415,
  BUSY: 503,
  NO_OCR_DATA: 503,
  OCR_FAILED: 500,
  IO: 500,
};

/** Errors as { error: { code, zh, en } } with their HTTP status; never a stack trace (the hosted server uses it too). */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & Partial<UserError>, _req, reply) => {
    void reply.header('cache-control', 'no-store');
    const send = (status: number, code: string, zh: string, en: string) => reply.status(status).send({ error: { code, zh, en } });
    if (err instanceof UserError) return send(STATUS[err.code] ?? 400, err.code, err.zh, err.en);
    if (err instanceof InputError) return send(err.code === 'TEXT_TOO_LONG' ? 413 : 400, err.code, err.zh, err.en);
    if (err instanceof StoreError) return send(STATUS[err.code] ?? 400, err.code, err.zh, err.en);
    if (err.validation) {
      const first = err.validation[0];
      const path = (first?.instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean);
      // A missing field is reported on its object: name the field itself.
      const missing = (first?.params as { missingProperty?: unknown } | undefined)?.missingProperty;
      if (typeof missing === 'string') path.push(missing);
      const m = inputProblem(err.validationContext, path, String(first?.keyword), first?.message ?? err.message);
      return send(400, 'BAD_INPUT', m.zh, m.en);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      return send(413, 'TOO_LARGE', '内容太大，超过了允许的上限。', 'The content is larger than allowed.');
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
      return send(415, 'BAD_MEDIA_TYPE', '请以 JSON 发送（Content-Type: application/json）。', 'Send JSON (Content-Type: application/json).');
    }
    if ((err.statusCode ?? 500) < 500) {
      const bad = err instanceof SyntaxError || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY';
      return bad
        ? send(400, 'BAD_JSON', '请求内容不是有效的 JSON。', 'The request body is not valid JSON.')
        : send(err.statusCode ?? 400, err.code ?? 'BAD_REQUEST', `请求有误：${err.statusCode === 403 ? '不允许访问这个地址' : err.statusCode === 404 ? '没有这个地址' : '请求的格式不对'}。`, `Bad request: ${err.message}`);
    }
    return send(500, 'INTERNAL', '内部错误，请重试；若一再出现，请报告问题。', 'Internal error; try again, and report it if it keeps happening.');
  });
}

export async function buildServer(o: ServerOptions): Promise<{ app: App; close: () => Promise<void> }> {
  // One engine, with phone-number parsing, serves the check route and the events saved to the record.
  const engine = await loadEngine(undefined, { phoneNumbers: true });
  // A folder whose database is gone while its evidence remains is not opened as a new, empty record.
  requireRecordNotRemoved(o.dataDir);
  const ctx = await openRecord(o.dataDir, { engine });
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  const limits = { ...LIMITS, ...o.limits };
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: false,
    return503OnClosing: true,
    requestTimeout: limits.requestTimeout,
    connectionTimeout: limits.connectionTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    // Node checks the request and header deadlines every connectionsCheckingInterval (30 s by default).
    http: { headersTimeout: Math.min(limits.headersTimeout, limits.requestTimeout), connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.headersTimeout / 2)) },
  });
  app.server.maxConnections = limits.maxConnections;
  // Only JSON and multipart bodies are parsed: a cross-site form's text/plain body is refused (415).
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installSecurity(app, { token: o.token, allowedHosts: o.allowedHosts, open: new Set(['/api/openapi.json']) });
  installErrorHandler(app);
  app.addHook('preValidation', async (req) => {
    if (req.routeOptions.url !== '/api/classify') return;
    const items = (req.body as { items?: unknown } | undefined)?.items;
    if (!Array.isArray(items)) return; // the schema says what is wrong
    let chars = 0;
    for (const it of items) chars += typeof (it as { text?: unknown })?.text === 'string' ? (it as { text: string }).text.length : 0;
    if (chars > MAX_CLASSIFY_BATCH_CHARS) {
      throw new UserError(
        'TOO_LARGE',
        `这一批共有 ${chars} 个字符，一批最多 ${MAX_CLASSIFY_BATCH_CHARS} 个：请分成几批发送（或用命令行 dunguard classify 处理大文件）。`,
        `This batch has ${chars} characters in all; a batch takes at most ${MAX_CLASSIFY_BATCH_CHARS}: send it in several batches (or use dunguard classify for large files).`,
      );
    }
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: { code: 'NOT_FOUND', zh: '没有这个地址。', en: 'No such address.' } }));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'dunguard API', version, description: 'Check overdue-loan calls and messages, keep the record, the ledger and letters — on this machine. Every /api request needs the X-Dunguard-Token header.' },
      components: { securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'X-Dunguard-Token' } } },
      security: [{ token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyMultipart, { limits: { fileSize: o.maxUpload ?? 1024 ** 3, files: MAX_UPLOAD_FILES, fields: 10, fieldSize: 10_000, parts: 30 } });
  // Screenshots in (POST /api/ocr): a plugin of its own, whose OCR worker thread closes with the app.
  await app.register(async (api) => ocrRoutes(api.withTypeProvider<ZodTypeProvider>()), { prefix: '/api' });

  const deps: Deps = { ctx, engine, version };
  await app.register(async (api) => {
    const z = api.withTypeProvider<ZodTypeProvider>();
    checkRoutes(z, deps);
    recordRoutes(z, deps);
    ledgerRoutes(z, deps);
    actRoutes(z, deps);
    lawRoutes(z, deps);
    warnRoutes(z, deps);
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  }, { prefix: '/api' });

  await servePage(
    app,
    o.webRoot ?? join(packageRoot(), 'dist', 'web'),
    o.embedToken ? `<meta name="dunguard-token" content="${o.token}">` : undefined,
    'The page is not built: run npm run build. / 页面尚未构建：请运行 npm run build。\n',
  );
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}
