// Production build → packages/web/dist (served by the server). Dev: `npx vite` proxies /api to JIXIAO_API (default http://127.0.0.1:3000, the server's default port).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    // core is a workspace package published as TypeScript sources (.ts imports, JSON data)
    alias: { '@jixiao/core': fileURLToPath(new URL('../core/src', import.meta.url)) },
    extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
    proxy: { '/api': process.env.JIXIAO_API ?? 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // office PCs often run Chromium-based browsers (360, QQ, older Edge) a few versions behind
    target: ['chrome87', 'edge88'],
  },
});
