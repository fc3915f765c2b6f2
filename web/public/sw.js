// Kyoso's service worker: the app shell (index.html and the hashed assets it names) is kept so that the app opens
// without a connection and shows its offline banner. The API is never cached: members' data stays on the server.
const SHELL_CACHE = 'kyoso-shell-v1';
const ASSET_CACHE = 'kyoso-assets-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell());
  self.skipWaiting();
});

// Paths the gateway answers itself (API docs, health, Swagger): never the app, never its offline page.
const NOT_THE_APP = ['/api/', '/v3/', '/actuator', '/swagger-ui', '/webjars/', '/.well-known/', '/fallback/'];

function isAppPage(url, response) {
  return response.ok
    && !NOT_THE_APP.some((prefix) => url.pathname.startsWith(prefix))
    && (response.headers.get('content-type') || '').startsWith('text/html');
}

function assetsNamedBy(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
}

// The page and the scripts and styles it names: enough for the app to start without a connection.
async function cacheShell() {
  const page = await fetch(new Request('/', { headers: { Accept: 'text/html' } }));
  if (!isAppPage(new URL(page.url), page)) return;
  const html = await page.clone().text();
  await (await caches.open(SHELL_CACHE)).put('/', page);
  await (await caches.open(ASSET_CACHE)).addAll(assetsNamedBy(html));
  await (await caches.open(SHELL_CACHE)).addAll(['/manifest.webmanifest', '/icons/icon-192.png']);
}

// Each deploy names new hashed files: keep only those the current page names, so the cache does not grow forever.
async function pruneAssets() {
  const page = await caches.match('/');
  if (!page) return;
  const current = new Set(assetsNamedBy(await page.text()).map((path) => new URL(path, self.location.origin).href));
  const cache = await caches.open(ASSET_CACHE);
  for (const request of await cache.keys()) {
    if (!current.has(request.url)) await cache.delete(request);
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => ![SHELL_CACHE, ASSET_CACHE].includes(key)).map((key) => caches.delete(key))))
      .then(pruneAssets)
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    // network first, so a new version is seen at once; the cached shell when offline
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (isAppPage(url, response)) {
            const copy = response.clone();
            caches.open(SHELL_CACHE).then((cache) => cache.put('/', copy)).then(pruneAssets);
          }
          return response;
        })
        .catch(() => caches.match('/').then((cached) => cached || Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // hashed file names never change content: cache first
    event.respondWith(
      caches.match(request).then((cached) => cached || fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(ASSET_CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })),
    );
  }
});
