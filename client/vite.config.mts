import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// `pnpm dev`: the SPA on CLIENT_DEV_PORT, /api and /socket.io proxied to the server (GRIDBOARD_API).
const api = process.env.GRIDBOARD_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [vue()],
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
