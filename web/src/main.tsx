/** The page served by `dunguard serve`: the pages over the HTTP backend. */
import { installBackend } from './backend/backend.js';
import { httpBackend, token } from './backend/http.js';
import { render } from './render.js';

token(); // take a #token=… from the address before the page starts routing
installBackend(httpBackend());
render();
