import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

// The renderer is served by the web host and by Electron's app:// protocol, both with a strict
// CSP: no inline scripts, so no module-preload polyfill. Three pages: the kiosk, the print page,
// and the front-desk page (served by the staff host, electron/desk-and-metrics/remote-staff-host.ts).
// Every text file is also written compressed (file.br, file.gz), once, here: the web host sends
// the one the browser takes (electron/web-host/http-host.ts) and never compresses per request.
export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' })],
  build: {
    outDir: resolve(__dirname, '../dist/renderer'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { index: resolve(__dirname, 'index.html'), print: resolve(__dirname, 'print.html'), desk: resolve(__dirname, 'desk.html') },
    },
  },
  server: {
    port: 5173,
    // `npm run dev`: the UI with hot reload, the API from `npm run serve` on 4300. The web host
    // refuses foreign origins, so the proxy presents the request as its own.
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:4300',
        changeOrigin: true,
        configure: (proxy) => proxy.on('proxyReq', (request) => request.removeHeader('origin')),
      },
    },
  },
});
