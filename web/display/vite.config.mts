import { defineConfig } from 'vite';

export default defineConfig({
  // The gateway returns dist/index.html for GET /display/:facilityId and serves dist/assets under
  // /display/assets/, so every asset URL must be absolute under /display/.
  base: '/display/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // A TV's browser can be old; the page needs nothing newer than ES2020.
    target: 'es2020',
    // No module-preload polyfill: the page has one entry chunk and nothing to preload.
    modulePreload: false,
  },
});
