import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API at /console/ (shared decision 1); `pnpm --filter @engine/console build` writes dist/.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
