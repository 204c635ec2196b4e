/** The page served by `dunguard serve` (and `--multi-user`): the pages over the HTTP backend. */
import { installBackend } from './backend/backend.js';
import { lazy } from 'react';
import { httpBackend, multiUser, token } from './backend/http.js';
import { render } from './render.js';

token(); // take a #token=… from the address before the page starts routing
installBackend(httpBackend());
// `dunguard serve --multi-user`: a login and a case first (loaded only then).
render(multiUser() ? lazy(() => import('./hosted/Hosted.js').then((m) => ({ default: m.HostedGate }))) : undefined);
