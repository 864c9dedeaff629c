// `npm run demo [-- --serve | --no-open | --port N]`: the sandbox (a throwaway control plane, the
// stand-in GitHub and ghcr, 30 tenants, a throwaway profile and keychain service), a short guide, and the
// panel on it: the desktop app where it can run, else serve mode in the browser. Ctrl+C, SIGTERM, or
// closing the app stops everything and removes what the demo made.
import { DEMO_USAGE, DemoUsageError, parseDemoArgs, type DemoCommand } from './demo-args.ts';
import { insideKeyringSession, runInKeyringSession, secretServiceReachable } from './keyring-session.ts';

let command: DemoCommand;
try {
  command = parseDemoArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof DemoUsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (command.kind === 'help') {
  console.log(DEMO_USAGE);
  process.exit(0);
}

if (!insideKeyringSession() && !(await secretServiceReachable())) {
  const why = process.env['DBUS_SESSION_BUS_ADDRESS']
    ? 'the D-Bus session has no usable Secret Service'
    : 'no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset)';
  console.log(
    `ghcr-desk demo: ${why}: running inside a throwaway gnome-keyring session (scripts/with-keyring.sh).`,
  );
  process.exit(await runInKeyringSession(import.meta.filename, process.argv.slice(2)));
}

// Loaded only now, so a usage error answers before the control plane, client-node and the rest are loaded.
const { runDemo } = await import('./demo-session.ts');
await runDemo(command.options);
