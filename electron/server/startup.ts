// The startup choice lives with the core, which runs it in its worker thread; kept here for callers of the server's API.
export { openStartupProject, type StartupChoice } from '../services/app/startup';
