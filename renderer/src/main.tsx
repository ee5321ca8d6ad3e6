import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/tokens.css';
import './styles/base.css';
import './styles/badges.css';
import './styles/layout.css';
import './styles/start.css';
import './styles/reader.css';
import './styles/reader-chrome.css';
import './styles/panels.css';
import './styles/guidelines.css';
import './styles/overview.css';
import './styles/dialogs.css';
import './styles/dialog-forms.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
