/** The offline app (dist/app): the same pages over the local backend, plus its service worker. */
import { installBackend } from './backend/backend.js';
import { localBackend } from './backend/local.js';
import { render } from './render.js';

installBackend(localBackend());
render();

