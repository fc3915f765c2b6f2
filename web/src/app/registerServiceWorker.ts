/** The service worker keeps the app shell for offline starts (public/sw.js); only in a production build. */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // without a service worker the app still works online
    });
  });
}
