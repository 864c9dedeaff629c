#!/usr/bin/env node
// The ghcr-desk CLI. The engine is TypeScript run from source (Node strips the types), which needs
// Node 22.18 or newer; older Nodes get one clear line instead of a syntax error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `ghcr-desk needs Node.js 22.18 or newer (it runs its TypeScript sources directly); this is ${process.version}.\n`,
  );
  process.exit(2);
}
const { runCli } = await import('../electron/core/cli/main.ts');
const controller = new AbortController();
let interrupted = false;
const onSignal = () => {
  if (interrupted) process.exit(130); // a second Ctrl+C does not wait for the cleanup
  interrupted = true;
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
const code = await runCli(process.argv.slice(2), { signal: controller.signal });
// Flush what was written, then leave: idle keep-alive sockets or the keychain's D-Bus connection must not
// keep a finished command alive.
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))),
);
process.exit(code);
