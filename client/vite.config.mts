import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { PHONE_DATA_CACHE } from './src/phone-data';

// `pnpm dev`: the SPA on CLIENT_DEV_PORT, /api and /socket.io proxied to the server (GRIDBOARD_API).
const api = process.env.GRIDBOARD_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    vue(),
    // The phone pages open without a network (a basement, a flooded street): a service worker, registered
    // by the phone frame for /m/ only, serves the built app from its cache, and the incident categories
    // and the transfer page's data as last read. The board and office pages are not under it.
    // Registered over https or on localhost.
    VitePWA({
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff,woff2}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackAllowlist: [/^\/m\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /^\/api\/incidents\/(categories|state-labels)$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: { cacheName: 'incident-config', networkTimeoutSeconds: 4 },
          },
          {
            urlPattern: ({ url }) => /^\/api\/(flood\/(warnings|tasks)|geo\/shelters)$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: { cacheName: PHONE_DATA_CACHE, networkTimeoutSeconds: 4 },
          },
        ],
      },
    }),
  ],
  // vue-i18n build flags: Composition API only (smaller bundle), no devtools hooks in production.
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: {
      '@/': fileURLToPath(new URL('./src/', import.meta.url)),
      // The contracts from source: one definition, no build step between shared and the client.
      '@gridboard/shared': fileURLToPath(new URL('../packages/shared/src/index.ts', import.meta.url)),
    },
  },
  server: {
    port: Number(process.env.CLIENT_DEV_PORT ?? 5173),
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/socket.io': { target: api, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    include: ['src/**/*.spec.ts'],
    environment: 'node',
  },
});
