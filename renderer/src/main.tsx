// Entry: sends the first screen's requests, then loads the application. This chunk is small on
// purpose, so the requests leave while React and the workbench's code are still being loaded.
import { sendStartupRequests } from './state/startupRequests';
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
import './styles/agreement.css';
import './styles/dialogs.css';
import './styles/dialog-forms.css';

sendStartupRequests();

const root = document.getElementById('root')!;
import('./mount').then(
  ({ mount }) => mount(root),
  (error: unknown) => {
    // Only a broken build or install gets here; say so instead of leaving a blank window.
    root.textContent = `Biaozhu could not load its interface: ${error instanceof Error ? error.message : String(error)}`;
  },
);
