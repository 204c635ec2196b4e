/**
 * The built web page (dist/web) served at `/`, for the single-user server and the hosted one
 * alike. The page carries an empty `dunguard-token` meta tag; each server puts there what the
 * page must know (the token, or that it runs multi-user). Without a build, `/` says so and the
 * API still works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const PLACEHOLDER = /<meta name="dunguard-token" content="" ?\/?>/;

/** `meta`: the tag to put in the placeholder's place, or undefined to leave the page as built. */
export async function servePage(app: FastifyInstance, webRoot: string, meta: string | undefined, notBuilt: string): Promise<void> {
  let indexHtml: string | undefined;
  try {
    indexHtml = readFileSync(join(webRoot, 'index.html'), 'utf8');
  } catch {
    indexHtml = undefined;
  }
  if (indexHtml === undefined) {
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.status(503).type('text/plain; charset=utf-8').send(notBuilt));
    return;
  }
  const page = meta === undefined ? indexHtml : indexHtml.replace(PLACEHOLDER, meta);
  if (meta !== undefined && page === indexHtml) throw new Error('the built page has no token placeholder (web/index.html)');
  await app.register(fastifyStatic, { root: webRoot, index: false, wildcard: true, cacheControl: false });
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
}
