// Vite build of the web UI: two pages, the storefront (index.html) and the admin dashboard (admin.html), each with
// its own bundle so that the storefront never loads the dashboard's code. Preact through the automatic JSX runtime.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** `npm run dev:web` proxies the API to a running `lmrec serve` (LMREC_API, default http://127.0.0.1:8080). */
const api = process.env.LMREC_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    rolldownOptions: { input: { store: `${root}index.html`, admin: `${root}admin.html` } },
  },
  server: { proxy: { '/api': api, '/metrics': api } },
});
