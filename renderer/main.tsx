import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/app-root';
import { startLanguage } from './i18n/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The first paint waits for the saved language: Chinese is a chunk of its own.
void startLanguage().then(() =>
  createRoot(root).render(
    <StrictMode>
      <AppRoot />
    </StrictMode>,
  ),
);
