import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** The screenshot sweep (`npm run look`): the e2e setup, for e2e/look.sweep.ts alone. */
export default defineConfig({ ...base, testMatch: '**/look.sweep.ts' });
