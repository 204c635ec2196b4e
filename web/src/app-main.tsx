/** The offline app (dist/app): the same pages over the local backend, plus its service worker. */
import { installBackend } from './backend/backend.js';
import { localBackend } from './backend/local.js';

installBackend(localBackend());
// The pages' code is a chunk of its own, fetched once the backend has started: the app opened on
// the record page then starts its worker (and the record's opening) before the pages' code is
// read, not after.
import('./render.js').then(
  ({ render }) => render(),
  () => {
    document.getElementById('root')!.textContent = '页面没有加载成功，请刷新一次。/ The page did not load; reload it once.';
  },
);
