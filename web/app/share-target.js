/* global self, caches, Request, Response, URL, File */
/**
 * The offline app's share target, imported by its service worker (sw.js): on Android, a
 * screenshot shared to the installed app from the gallery or a chat app is POSTed to
 * ./share-target (manifest share_target, multipart/form-data, field "image"). It is kept in
 * the cache "dunguard-share" under ./shared-screenshot — on the phone, nothing is sent anywhere —
 * and the check page is opened with ?shared=1, which takes it from there and reads its text
 * like a screenshot picked by hand. Works offline: the page itself comes from the precache.
 */
self.addEventListener('fetch', (event) => {
  const scope = self.registration.scope;
  if (event.request.method !== 'POST' || event.request.url.split('?')[0] !== new URL('share-target', scope).href) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open('dunguard-share');
      const key = new Request(new URL('shared-screenshot', scope).href);
      await cache.delete(key);
      try {
        const form = await event.request.formData();
        const file = form.getAll('image').find((f) => f instanceof File && f.size > 0);
        if (file) {
          const headers = { 'content-type': file.type || 'application/octet-stream', 'x-dunguard-name': encodeURIComponent(file.name) };
          await cache.put(key, new Response(file, { headers }));
        }
      } catch {
        // An unreadable share: the page opens and says that no image arrived.
      }
      return Response.redirect(new URL('./?shared=1#/check', scope).href, 303);
    })(),
  );
});
