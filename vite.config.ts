import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Libraries every screen needs get stable chunks of their own (cached across releases of the pages);
 * antd stays split per component, so the sign-in screen does not load the table or the date picker.
 */
const vendorGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 2 },
  { name: 'antd-core', test: /node_modules[\\/](@ant-design[\\/]cssinjs|@ant-design[\\/]colors|@rc-component|rc-util|rc-motion|rc-resize-observer|@emotion)[\\/]/, priority: 1 },
];

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: { output: { codeSplitting: { groups: vendorGroups } } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:7420' } },
});
