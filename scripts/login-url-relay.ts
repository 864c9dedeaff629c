// Without a display the panel cannot open a browser for a GitHub login. The demo gives the panel a
// $BROWSER (demo-browser.sh) that appends the login URL to a file, and prints each new line: the visitor
// opens it in a browser on this machine (the login returns to 127.0.0.1) and approves as the tenant.
import { readFileSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LoginUrlRelay {
  /** `BROWSER` and the file it writes to, for the panel's environment. */
  readonly env: Readonly<Record<string, string>>;
  stop(): void;
}

export function startLoginUrlRelay(dir: string, print: (url: string) => void): LoginUrlRelay {
  const file = join(dir, 'login-urls.txt');
  writeFileSync(file, '', { mode: 0o600 });
  let printed = 0;
  const drain = () => {
    const complete = readFileSync(file, 'utf8').split('\n').slice(0, -1);
    for (const url of complete.slice(printed)) print(url);
    printed = complete.length;
  };
  watchFile(file, { interval: 300 }, drain);
  return {
    env: { BROWSER: join(import.meta.dirname, 'demo-browser.sh'), GHCR_DESK_DEMO_LOGIN_URLS: file },
    stop: () => unwatchFile(file, drain),
  };
}
