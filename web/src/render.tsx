/** Renders the app into #root; the entry point (main.tsx or app-main.tsx) installs the backend first. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type HostedGate } from './App.js';
import './styles.css';

/** `hosted`: the multi-user service's login and case choice, when the server runs multi-user. */
export function render(hosted?: HostedGate): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App hosted={hosted} />
    </StrictMode>,
  );
}
