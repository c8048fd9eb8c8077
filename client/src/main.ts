import 'element-plus/dist/index.css';
import 'leaflet/dist/leaflet.css';
import './styles/main.css';
import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import { useAuthHooks, useLanguage } from '@/api/http';
import App from './App.vue';
import { currentLocale, i18n } from './i18n';
import { PHONE_DATA_CACHE } from './phone-data';
import { realtime } from './realtime';
import { router } from './router';
import { useSessionStore } from './stores/session';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(router);
document.documentElement.lang = currentLocale();

const session = useSessionStore();
useLanguage(currentLocale);
useAuthHooks({
  accessToken: () => session.accessToken,
  refresh: () => session.refresh(),
  sessionLost: () => session.end('expired'),
});

/** The phone's offline copies of the last user's data (phone-data.ts); a phone may pass between people. */
const forgetPhoneData = (): Promise<unknown> =>
  'caches' in window ? caches.delete(PHONE_DATA_CACHE).catch(() => undefined) : Promise.resolve();

// The realtime connection lives exactly as long as the session. When the session ends (logout,
// expiry, another tab) the page reloads on /login: no store keeps the previous user's data, and
// neither does the phone's offline copy of it.
watch(
  () => session.isAuthenticated,
  async (authenticated, before) => {
    if (authenticated) {
      if (before === false) await forgetPhoneData(); // logged in on this page
      realtime.start();
      return;
    }
    realtime.stop();
    if (!before) return;
    await forgetPhoneData();
    const reason = session.ended ?? 'expired';
    // Before the first navigation settles the router still stands on its start location ('/'):
    // the address bar says where the user was headed.
    const current = router.currentRoute.value;
    const here = current.matched.length ? current : router.resolve(location.pathname + location.search + location.hash);
    const query: Record<string, string> = { reason };
    if (reason === 'expired' && !here.meta.public) query.redirect = here.fullPath;
    window.location.assign(router.resolve({ name: 'login', query }).href);
  },
  { immediate: true },
);
if (session.isAuthenticated) void session.revalidate().catch(() => undefined);

window.addEventListener('online', () => realtime.reconnectNow());
window.addEventListener('offline', () => realtime.networkLost());

app.mount('#app');
