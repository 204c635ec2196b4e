/**
 * `dunguard serve --multi-user`: the hosted server for an organisation (legal aid, a law firm,
 * a hotline). Accounts and sessions, cases, sharing and the access log live in the directory
 * (directory.ts); each case is a whole record — its own PostgreSQL schema `case_<id>` with
 * its store, audit chain and evidence — served by the same record, ledger, check and letter
 * routes as the single-user server, under /api/cases/:caseId/.
 *
 * Who may see which case is decided once, above the store, before any case route runs: an
 * unknown case and a case that is not yours answer the same 404; a helper a case was shared
 * with may read it and draft letters (other changes: 403), and every request they make is
 * first written to the case's access log, which the case's owner reads. The record routes
 * reach "their" record through a context bound to the request (AsyncLocalStorage): outside a
 * request that has passed the check there is no record at all, never another case's.
 *
 * Screenshots are read (OCR) by the single-user server's route, under the case's prefix like
 * every case route: one reader (a Tesseract worker thread) for the process, closed with the
 * app, and a per-account rate limit shared by all processes through the directory.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { classify, InputError, type Engine } from '../engine/check.js';
import { todayInShanghai } from '../record/time.js';
import { ClassifyRequest } from '../server/schemas.js';
import { loadData, loadEngine, packageRoot } from '../data/load.js';
import { servePage } from '../server/page.js';
import { BODY_LIMIT, LIMITS, MAX_CLASSIFY_BATCH_CHARS, installErrorHandler, type Deps } from '../server/app.js';
import { installResponseHeaders, refuseCrossSite, refuseOtherBodies } from '../server/security.js';
import { recordRoutes, MAX_UPLOAD_FILES } from '../server/routes/record.js';
import { ledgerRoutes } from '../server/routes/ledger.js';
import { actRoutes } from '../server/routes/act.js';
import { checkRoutes } from '../server/routes/check.js';
import { warnRoutes } from '../server/routes/warn.js';
import { ocrRoutes } from '../server/routes/ocr.js';
import { ScreenshotReader } from '../ocr/reader.js';
import { lawRoutes } from '../server/routes/law.js';
import { recordContextOver, type RecordContext } from '../service/record-context.js';
import { verifyEveryCase } from './verify-cases.js';
import { Coalescer, refreshActivity } from './case-activity.js';
import { UserError } from '../service/errors.js';
import { Directory, type Access, type Account, type CaseRow, type ScryptParams } from './directory.js';

export const SESSION_COOKIE = '__Host-dunguard_session';
/** Where a case's routes are. */
const CASE_PREFIX = '/api/cases/:caseId';

export interface HostedOptions {
  /** The PostgreSQL that holds the directory and every case. */
  url: string;
  /** The directory's schema (default dunguard_directory). */
  directorySchema?: string;
  /** scrypt parameters for new passwords (tests lower N). */
  scrypt?: ScryptParams;
  /** Largest evidence upload in bytes (default 1 GiB). */
  maxUpload?: number;
  /** Most batch-classify requests per staff account per minute, all processes together (default 30). */
  classifyPerMinute?: number;
  /** Most screenshots read (OCR) per account per minute, all processes together (default 20). */
  ocrPerMinute?: number;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (for the login limit). */
  trustProxy?: boolean;
  /** The built page (default dist/web). */
  webRoot?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    account?: Account;
    hostedCase?: { row: CaseRow; access: Access };
  }
}

const notFoundCase = (): UserError => new UserError('NOT_FOUND', '没有这个案件，或你无权查看。', 'No such case, or you may not see it.');
const needLogin = (): UserError => new UserError('NO_SESSION', '请先登录。', 'Log in first.');

/** Requests a helper a case was shared with may make: reading, drafting letters and reports, checking a text or reading a screenshot's text (nothing stored), the evidence package. */
function helperMay(method: string, route: string): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  return method === 'POST' && (route.endsWith('/letters/:type') || route.endsWith('/export') || route.endsWith('/check') || route.endsWith('/ocr') || route.endsWith('/report-scam'));
}

function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** Security for the hosted server: no cross-site requests, JSON or multipart bodies only, and the local server's response headers with HSTS. */
function installHostedSecurity(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    refuseCrossSite(req);
    refuseOtherBodies(req);
  });
  installResponseHeaders(app, { hsts: true });
}

const Credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();


export async function buildHostedServer(o: HostedOptions): Promise<{ app: FastifyInstance; directory: Directory; caseRoutes: readonly { method: string; url: string }[]; close: () => Promise<void> }> {
  const directory = await Directory.open({ url: o.url, schema: o.directorySchema, scrypt: o.scrypt });
  const engine: Engine = await loadEngine(undefined, { phoneNumbers: true });
  const shipped = await loadData();
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

  // One open record per case this process has served; each is its own schema and pool.
  const cases = new Map<string, Promise<RecordContext>>();
  const caseContext = (row: CaseRow): Promise<RecordContext> => {
    let c = cases.get(row.id);
    if (c === undefined) {
      c = (async () => {
        const { PgStore } = await import('../store/postgres/pg-store.js');
        const store = await PgStore.open({ url: o.url, schema: row.schema_name, max: 4 });
        return recordContextOver(tmpdir(), store, store.vault(), { engine });
      })();
      c.catch(() => cases.delete(row.id));
      cases.set(row.id, c);
    }
    return c;
  };

  // Each case's summary for the case list, made again after a change (case-activity.ts).
  const coalescer = new Coalescer();
  /** The summaries being made after answers already sent (never rejected: failures are logged). */
  const afterAnswers = new Set<Promise<void>>();
  // Accounts that have seen a case now (they changed or opened it): marked with the next summary stored, in the same statement.
  const viewers = new Map<string, Set<string>>();
  /**
   * `changed`: after a request that changes the case (the summary's version is then not asked
   * for first). `seenBy`: the account that changed or opened it, marked as having seen what the
   * summary holds — by the run it waits for (which takes every account added before it starts).
   */
  const refresh = (row: CaseRow, o: { changed?: boolean; seenBy?: string } = {}): Promise<void> => {
    if (o.seenBy !== undefined) {
      let seen = viewers.get(row.id);
      if (seen === undefined) viewers.set(row.id, (seen = new Set()));
      seen.add(o.seenBy);
    }
    return coalescer.run(row.id, async () => {
      const seenBy = [...(viewers.get(row.id) ?? [])];
      viewers.delete(row.id);
      await refreshActivity(directory, row.id, await caseContext(row), { changed: o.changed, seenBy });
    });
  };
  // Cases that have no summary yet (opened before the case list had one): made one at a time, after the answer.
  const backfilling = new Set<string>();
  let backfill: Promise<void> = Promise.resolve();
  const backfillLater = (row: CaseRow): void => {
    if (backfilling.has(row.id)) return;
    backfilling.add(row.id);
    backfill = backfill.then(() => refresh(row)).catch((e: unknown) => console.error(`case list: the summary of case ${row.id} could not be made: ${(e as Error).message}`)).finally(() => backfilling.delete(row.id));
  };

  const current = new AsyncLocalStorage<RecordContext>();
  // The record routes read `ctx` when they run: the case this request was allowed to see, or nothing.
  const ctx = new Proxy({} as RecordContext, {
    get(_t, prop) {
      const c = current.getStore();
      if (c === undefined) throw new Error('no case bound to this request');
      const v = (c as unknown as Record<string | symbol, unknown>)[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(c) : v;
    },
  });
  const deps: Deps = { ctx, engine, version };
  /** Every route under /api/cases/:caseId (the isolation tests walk them all). */
  const caseRoutes: { method: string; url: string }[] = [];

  const app = Fastify({
    trustProxy: o.trustProxy ?? false,
    bodyLimit: BODY_LIMIT,
    logger: false,
    return503OnClosing: true,
    requestTimeout: LIMITS.requestTimeout,
    connectionTimeout: LIMITS.connectionTimeout,
    keepAliveTimeout: LIMITS.keepAliveTimeout,
    http: { headersTimeout: LIMITS.headersTimeout, connectionsCheckingInterval: 1000 },
  });
  app.server.maxConnections = LIMITS.maxConnections;
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installHostedSecurity(app);
  installErrorHandler(app);
  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: { code: 'NOT_FOUND', zh: '没有这个地址。', en: 'No such address.' } }));
  await app.register(fastifyMultipart, { limits: { fileSize: o.maxUpload ?? 1024 ** 3, files: MAX_UPLOAD_FILES, fields: 10, fieldSize: 10_000, parts: 30 } });

  // Who is asking: the session cookie, checked against the directory on every request (on a
  // case's routes together with the case's access, in one query: the case hook below).
  const sessionToken = (req: FastifyRequest): string | undefined => {
    const token = cookie(req, SESSION_COOKIE);
    return token !== undefined && token.length <= 100 ? token : undefined;
  };
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.url?.startsWith(CASE_PREFIX)) return;
    const token = sessionToken(req);
    if (token !== undefined) req.account = await directory.session(token);
  });
  /** Takes one of the account's requests of this kind for the minute; answers 429 (and false) when none is left. */
  const withinRate = async (a: Account, what: string, perMinute: number, reply: FastifyReply): Promise<boolean> => {
    if (await directory.takeRate(a.id, what, perMinute, 60_000)) return true;
    await reply.status(429).header('retry-after', '60').send({ error: { code: 'RATE_LIMITED', zh: '请求太频繁，请一分钟后再试。', en: 'Too many requests: try again in a minute.' } });
    return false;
  };
  const who = (req: FastifyRequest): Account => {
    if (req.account === undefined) throw needLogin();
    return req.account;
  };
  const setSession = (reply: FastifyReply, token: string, maxAge: number) =>
    reply.header('set-cookie', `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAge}`);
  const publicAccount = (a: Account) => ({ id: a.id, username: a.username, role: a.role });

  await app.register(
    async (api) => {
      const r = api.withTypeProvider<ZodTypeProvider>();

      r.post('/auth/register', { schema: { summary: 'Open a client account', tags: ['accounts'], body: Credentials } }, async (req, reply) => {
        const a = await directory.createAccount(req.body.username, req.body.password, 'client');
        return reply.status(201).send(publicAccount(a));
      });

      r.post('/auth/login', { schema: { summary: 'Log in (sets an HTTP-only session cookie)', tags: ['accounts'], body: Credentials } }, async (req, reply) => {
        const name = req.body.username.trim().toLowerCase();
        if (await directory.loginBlocked(name, req.ip)) {
          return reply.status(429).header('retry-after', '900').send({ error: { code: 'TOO_MANY_LOGINS', zh: '登录失败次数太多，请 15 分钟后再试。', en: 'Too many failed logins: try again in 15 minutes.' } });
        }
        const s = await directory.login(name, req.body.password, req.ip);
        if (s === undefined) return reply.status(401).send({ error: { code: 'BAD_LOGIN', zh: '用户名或密码不对。', en: 'Wrong user name or password.' } });
        setSession(reply, s.token, 12 * 3600);
        return publicAccount(s.account);
      });

      r.post('/auth/logout', { schema: { summary: 'Log out', tags: ['accounts'] } }, async (req, reply) => {
        const token = cookie(req, SESSION_COOKIE);
        if (token !== undefined) await directory.logout(token);
        setSession(reply, '', 0);
        return { ok: true };
      });

      r.post(
        '/auth/password',
        { schema: { summary: 'Change your password (every session of yours ends)', tags: ['accounts'], body: z.object({ old_password: z.string().min(1).max(200), new_password: z.string().min(1).max(200) }).strict() } },
        async (req, reply) => {
          const a = who(req);
          if (await directory.loginBlocked(a.username, req.ip)) {
            return reply.status(429).header('retry-after', '900').send({ error: { code: 'TOO_MANY_LOGINS', zh: '密码错误次数太多，请 15 分钟后再试。', en: 'Too many wrong passwords: try again in 15 minutes.' } });
          }
          if (!(await directory.changePassword(a.id, req.body.old_password, req.body.new_password))) {
            await directory.countFailure(a.username, req.ip);
            return reply.status(401).send({ error: { code: 'BAD_LOGIN', zh: '原密码不对。', en: 'The old password is wrong.' } });
          }
          setSession(reply, '', 0);
          return { changed: true };
        },
      );

      // The law table and its FAQ: the same for everyone, read from the shipped data, no case in them.
      lawRoutes(r, { ...deps, ctx: { data: shipped } as RecordContext });

      r.get('/me', { schema: { summary: 'Who is logged in', tags: ['accounts'] } }, async (req) => publicAccount(who(req)));

      r.get('/cases', { schema: { summary: 'The cases you see: a client\'s own; for staff, those shared with them', tags: ['cases'] } }, async (req) => {
        // Summaries this process is still making after an answer are waited for, so a list asked
        // right after a change through the same process shows it (another process's may lag a moment).
        await Promise.all([...afterAnswers]);
        const list = await directory.listCases(who(req));
        for (const c of list) if (c.events === null) backfillLater(c);
        return list.map((c) => ({
          id: c.id,
          title: c.title,
          owner: c.owner,
          access: c.access,
          created_at: c.created_at,
          events: c.events,
          latest_event_at: c.latest_event_utc,
          last_added_at: c.last_added_at,
          new_events: c.new_events,
          findings: c.findings,
          last_viewed_at: c.last_viewed_at,
        }));
      });

      r.post('/cases', { schema: { summary: 'Open a new case (clients)', tags: ['cases'], body: z.object({ title: z.string().max(200).optional() }).strict().optional() } }, async (req, reply) => {
        const a = who(req);
        if (a.role !== 'client') throw new UserError('FORBIDDEN', '只有当事人（client）账号可以建立案件。', 'Only client accounts open cases.');
        const c = await directory.createCase(a, req.body?.title?.trim() ?? '');
        await caseContext(c); // its schema and tables now, not on first use
        await refresh(c);
        return reply.status(201).send({ id: c.id, title: c.title, access: 'owner', created_at: c.created_at });
      });

      // Staff: classify many texts at once, rate-limited per account.
      r.post(
        '/classify',
        { schema: { summary: 'Classify a batch of texts (staff; rate-limited)', tags: ['staff'], body: ClassifyRequest } },
        async (req, reply) => {
          const a = who(req);
          if (a.role === 'client') throw new UserError('FORBIDDEN', '批量判断只供工作人员使用。', 'Batch classification is for staff.');
          let chars = 0;
          for (const it of req.body.items) chars += it.text.length;
          if (chars > MAX_CLASSIFY_BATCH_CHARS) {
            throw new UserError('TOO_LARGE', `这一批共有 ${chars} 个字符，一批最多 ${MAX_CLASSIFY_BATCH_CHARS} 个：请分成几批发送。`, `This batch has ${chars} characters in all; a batch takes at most ${MAX_CLASSIFY_BATCH_CHARS}: send it in several batches.`);
          }
          if (!(await withinRate(a, 'classify', o.classifyPerMinute ?? 30, reply))) return reply;
          const today = todayInShanghai();
          return {
            results: req.body.items.map((it) => {
              try {
                const c = classify(engine, { text: it.text, number: it.number, date: it.date ?? today });
                return { id: it.id, verdict: c.verdict, confidence: c.confidence, signals: c.signals, assessment: c.assessment, certainty: c.certainty };
              } catch (e) {
                if (e instanceof InputError) return { id: it.id, error: e.en, code: e.code };
                throw e;
              }
            }),
          };
        },
      );

      // Admin: staff accounts, and the whole database verified (counts only: no case content).
      const admin = (req: FastifyRequest): Account => {
        const a = who(req);
        if (a.role !== 'admin') throw new UserError('NOT_FOUND', '没有这个地址。', 'No such address.');
        return a;
      };
      r.get('/admin/accounts', { schema: { summary: 'Staff accounts (admin)', tags: ['admin'] } }, async (req) => {
        admin(req);
        return (await directory.listAccounts()).filter((a) => a.role !== 'client').map((a) => ({ ...publicAccount(a), disabled: a.disabled, created_at: a.created_at }));
      });
      r.post('/admin/accounts', { schema: { summary: 'Add a helper or admin (admin)', tags: ['admin'], body: Credentials.extend({ role: z.enum(['helper', 'admin']) }).strict() } }, async (req, reply) => {
        admin(req);
        const a = await directory.createAccount(req.body.username, req.body.password, req.body.role);
        return reply.status(201).send(publicAccount(a));
      });
      r.post('/admin/accounts/:id/disable', { schema: { summary: 'Disable a staff account and end its sessions (admin)', tags: ['admin'], params: z.object({ id: z.string().max(64) }).strict() } }, async (req) => {
        const me = admin(req);
        const target = (await directory.listAccounts()).find((a) => a.id === req.params.id && a.role !== 'client');
        if (target === undefined || target.id === me.id) throw new UserError('NOT_FOUND', '没有这个工作人员账号。', 'No such staff account.');
        await directory.disable(target.id);
        return { disabled: target.id };
      });
      // Admin: a forgotten password, and an account that must go (staff or client, found by name).
      const target = async (req: FastifyRequest, username: string): Promise<{ me: Account; them: Account }> => {
        const me = admin(req);
        const them = await directory.accountByName(username);
        if (them === undefined) throw new UserError('NOT_FOUND', `没有用户名为“${username.trim().toLowerCase()}”的账号。`, `No account is named "${username.trim().toLowerCase()}".`);
        if (them.id === me.id) throw new UserError('FORBIDDEN', '不能对自己的账号这样做：修改自己的密码请用“修改密码”。', 'Not on your own account: change your own password with "Change password".');
        return { me, them };
      };
      r.post(
        '/admin/password-reset',
        { schema: { summary: 'Give an account a new random password, shown once; its sessions end (admin)', tags: ['admin'], body: z.object({ username: z.string().min(1).max(64) }).strict() } },
        async (req) => {
          const { them } = await target(req, req.body.username);
          const password = await directory.resetPassword(them.id);
          return { username: them.username, role: them.role, password };
        },
      );
      r.post(
        '/admin/account-deletion',
        {
          schema: {
            summary: "Delete an account: staff leave every case shared with them (logged in each case's access log); a client's cases are deleted with it only when delete_cases is true (admin)",
            tags: ['admin'],
            body: z.object({ username: z.string().min(1).max(64), delete_cases: z.boolean().optional() }).strict(),
          },
        },
        async (req, reply) => {
          const { me, them } = await target(req, req.body.username);
          let r: { unshared: string[]; deleted: string[] };
          try {
            r = await directory.deleteAccount(them, me, { deleteCases: req.body.delete_cases === true });
          } catch (e) {
            // Nothing was deleted: the admin is asked whether the client's cases go too.
            if (e instanceof UserError && e.code === 'HAS_CASES') return reply.status(409).send({ error: { code: e.code, zh: e.zh, en: e.en } });
            throw e;
          }
          for (const id of r.deleted) {
            const c = cases.get(id);
            cases.delete(id);
            await c?.then((rc) => rc.close(), () => undefined);
          }
          return { username: them.username, role: them.role, unshared_cases: r.unshared.length, deleted_cases: r.deleted.length };
        },
      );
      r.get('/admin/verify', { schema: { summary: 'Verify every case and its access log (admin; counts only)', tags: ['admin'] } }, async (req) => {
        admin(req);
        return verifyEveryCase(directory, caseContext);
      });
    },
    { prefix: '/api' },
  );

  // One case: the check before anything else, then the same routes as the single-user server.
  await app.register(
    async (api) => {
      api.addHook('onRoute', (r) => {
        for (const m of [r.method].flat()) if (m !== 'HEAD') caseRoutes.push({ method: m, url: r.url });
      });
      api.addHook('onRequest', async (req) => {
        const params = req.params as Record<string, string>;
        const token = sessionToken(req);
        const s = token === undefined ? undefined : await directory.sessionAccess(token, params.caseId ?? '');
        req.account = s?.account;
        const a = who(req);
        const got = s?.access;
        if (got === undefined) throw notFoundCase();
        const route = req.routeOptions.url ?? '';
        if (got.access === 'shared') {
          // Logged before anything else, refused attempts included: the owner sees every one.
          await directory.logAccess(got.row.id, a, req.method, (req.url.split('?')[0]!.replace(/^\/api\/cases\/[^/]+/, '') || '/').slice(0, 500));
          if (!helperMay(req.method, route) || route.endsWith('/shares') || route.endsWith('/shares/:accountId') || route.endsWith('/access-log')) {
            throw new UserError('FORBIDDEN', '这个案件与你共享，你可以查看和起草信函，但不能修改。', 'This case is shared with you: you may read it and draft letters, not change it.');
          }
        }
        req.hostedCase = got;
        // The record routes' own parameter schemas know nothing of the case.
        delete params.caseId;
      });
      // After a change to the case, once the answer is sent: its summary for the case list, and
      // the one who made the change has seen it. The summary runs the case's harassment report
      // (up to ~0.2 s for 5,000 records), so it is kept off the write's answer; changes arriving
      // meanwhile share one more run (the coalescer). A failure leaves the summary as it was (the
      // next change or opening makes it again).
      api.addHook('onResponse', async (req, reply) => {
        const c = req.hostedCase;
        if (c === undefined || req.method === 'GET' || req.method === 'HEAD' || reply.statusCode >= 400) return;
        const account = req.account!.id;
        const work = (async () => {
          try {
            await refresh(c.row, { changed: !helperMay(req.method, req.routeOptions.url ?? ''), seenBy: account });
          } catch (e) {
            console.error(`case list: the summary of case ${c.row.id} could not be made: ${(e as Error).message}`);
          }
        })();
        afterAnswers.add(work);
        void work.finally(() => afterAnswers.delete(work));
        await work;
      });
      api.addHook('preHandler', (req, _reply, done) => {
        const c = req.hostedCase;
        if (c === undefined) return done(notFoundCase());
        caseContext(c.row).then(
          (rc) => current.run(rc, done),
          (e: unknown) => done(e as Error),
        );
      });

      const r = api.withTypeProvider<ZodTypeProvider>();
      r.get('/', { schema: { summary: 'The case (opening it: what is in it now counts as seen by you in the case list)', tags: ['cases'] } }, async (req) => {
        const c = req.hostedCase!;
        await refresh(c.row, { seenBy: req.account!.id });
        return { id: c.row.id, title: c.row.title, access: c.access, created_at: c.row.created_at };
      });
      r.get('/shares', { schema: { summary: 'Who the case is shared with (owner)', tags: ['cases'] } }, async (req) => directory.shares(req.hostedCase!.row.id));
      r.post('/shares', { schema: { summary: 'Share the case with a helper (owner)', tags: ['cases'], body: z.object({ username: z.string().min(1).max(64) }).strict() } }, async (req, reply) => {
        const staff = await directory.share(req.hostedCase!.row.id, req.body.username);
        if (staff === undefined) throw new UserError('NOT_FOUND', '没有这个工作人员账号。', 'No such staff account.');
        return reply.status(201).send(publicAccount(staff));
      });
      r.delete('/shares/:accountId', { schema: { summary: 'Stop sharing the case with someone (owner)', tags: ['cases'], params: z.object({ accountId: z.string().max(64) }).strict() } }, async (req) => {
        if (!(await directory.revoke(req.hostedCase!.row.id, req.params.accountId))) throw new UserError('NOT_FOUND', '这个案件没有与此人共享。', 'The case is not shared with this account.');
        return { revoked: req.params.accountId };
      });
      r.get('/access-log', { schema: { summary: 'Every request to the case by someone else (owner), and whether the log is intact', tags: ['cases'] } }, async (req) => {
        const id = req.hostedCase!.row.id;
        return { entries: await directory.accessLog(id), verify: await directory.verifyAccessLog(id) };
      });

      checkRoutes(r, deps);
      recordRoutes(r, deps);
      ledgerRoutes(r, deps);
      actRoutes(r, deps);
      warnRoutes(r, deps);
      // The text of a screenshot: nothing is stored in the case; one reader for the process.
      ocrRoutes(r, new ScreenshotReader(), { admit: async (req, reply) => withinRate(who(req), 'ocr', o.ocrPerMinute ?? 20, reply) });
    },
    { prefix: CASE_PREFIX },
  );

  // The same page as the single-user server, told (in a meta tag, where that server puts its
  // token) that it runs multi-user: it then asks for a login and a case first.
  await servePage(
    app,
    o.webRoot ?? join(packageRoot(), 'dist', 'web'),
    '<meta name="dunguard-mode" content="multi-user" />',
    '页面尚未构建：请运行 npm run build。接口（/api）可以使用。\nThe page is not built: run npm run build. The API (/api) works.\n',
  );
  await app.ready();
  return {
    app,
    directory,
    caseRoutes,
    close: async () => {
      await app.close();
      await Promise.all([...afterAnswers]);
      await backfill;
      for (const c of cases.values()) await c.then((rc) => rc.close(), () => undefined);
      await directory.close();
    },
  };
}
