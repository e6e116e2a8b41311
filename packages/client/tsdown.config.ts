import { defineConfig } from 'tsdown';

// The published package: ESM JavaScript and its declarations, for Node 20+ (engines.node sets the target).
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  dts: true,
});
