// `npm start`: build, then open the desktop app. Where the Electron binary cannot be fetched (no internet)
// or there is no display, say so in one line and open the same panel in serve mode instead.
import { spawn } from 'node:child_process';
import { buildApp } from './app-build.ts';
import { choosePanel } from './panel-choice.ts';
import { servePanel } from './serve-panel.ts';

const built = buildApp();
if (built !== 0) process.exit(built);

const panel = choosePanel();
if (panel.kind === 'electron') {
  const child = spawn(panel.binary, [panel.main], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`ghcr-desk: ${panel.reason}; opening the panel in serve mode instead.`);
  await servePanel({ open: true });
}
