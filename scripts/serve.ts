// `npm run serve [-- --port N] [-- --no-build] [-- --no-open]`: build the renderer, then show the panel
// in the browser in serve mode on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { servePanel } from './serve-panel.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'no-build': { type: 'boolean', default: false },
    'no-open': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`ghcr-desk: --port must be a port number, not ${values.port}`);
  process.exit(2);
}
if (!values['no-build']) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await servePanel({ port, open: !values['no-open'] });
