import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const antd = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@emotion)[\\/]/;

/**
 * Libraries get stable chunks of their own (cached across releases of the pages). antd is two: what
 * the sign-in screen needs (modules the entry imports statically: `$initial`), and the rest, fetched
 * once with the console frame instead of as dozens of per-component files a page at a time.
 */
const vendorGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 5 },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 4 },
  // Dates and the words of the console: the sign-in screen needs them (its language), and antd's date pickers share dayjs.
  { name: 'i18n', test: /node_modules[\\/](dayjs|i18next|react-i18next)[\\/]/, priority: 4 },
  { name: 'antd-initial', test: antd, tags: ['$initial'], priority: 3 },
  { name: 'antd', test: antd, priority: 2 },
  // Stores and the api are needed by every page, and were a dozen 1-2 KB files (a request each).
  { name: 'app-state', test: /[\\/](renderer[\\/](stores|api)|shared)[\\/]/, priority: 1 },
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
