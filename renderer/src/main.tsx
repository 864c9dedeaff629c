import './zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n } from './i18n/i18n.ts';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/table.css';
import { connectDesk } from './transport/connect-desk.ts';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
const client = connectDesk(); // first: it takes serve mode's token out of the address bar
await initI18n();
createRoot(container).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
