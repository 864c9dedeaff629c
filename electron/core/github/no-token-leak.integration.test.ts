import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createAccountFixture,
  followRedirects,
  redirectTarget,
  type AccountFixture,
} from '../../../e2e/github/account-fixture.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../../../shared/domain/github.ts';
import { setLogLevel, setLogSink, type LogSink } from '../log/logger.ts';
import { translateKeychainError } from '../vault/keytar-vault.ts';

let fixture: AccountFixture;
let previousSink: LogSink;
const lines: string[] = [];

beforeAll(async () => {
  previousSink = setLogSink((line) => lines.push(line));
  setLogLevel('debug');
  fixture = await createAccountFixture();
  fixture.github.admin.createImage({ repository: 'alice/web', tags: ['1.0.0'] });
});
afterAll(async () => {
  setLogSink(previousSink);
  setLogLevel('info');
  await fixture.stop();
});

it('lets no token or client secret reach a log line, an error message or a returned value', async () => {
  const { admin } = fixture.github;
  const errors: string[] = [];
  const results: unknown[] = [];
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      results.push(await work());
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  };
  const mint = (login: string, scopes: readonly string[], kind: 'classic' | 'fine-grained' = 'classic') =>
    admin.mintToken({ login, kind, scopes });

  // Browser logins: one that works, one as the wrong person, one with a spent code.
  admin.setConsent({ mode: 'approve', as: 'alice' });
  let spent: URL | undefined;
  fixture.open = async (url) => {
    spent = await redirectTarget(url);
    await fetch(spent);
  };
  await attempt(() => fixture.service.connect());
  fixture.open = async (url) => {
    await followRedirects(url);
  };
  await attempt(() => fixture.service.connect({ login: 'bob' }));
  fixture.open = async (url) => {
    const target = await redirectTarget(url);
    target.searchParams.set('code', spent?.searchParams.get('code') ?? '');
    await fetch(target);
  };
  await attempt(() => fixture.service.connect());

  // Pasted tokens in every state.
  const revoked = mint('bob', DEFAULT_REQUIRED_SCOPES);
  admin.revokeToken({ token: revoked });
  for (const token of [
    revoked,
    mint('bob', [], 'fine-grained'),
    mint('bob', ['repo']),
    mint('bob', DEFAULT_REQUIRED_SCOPES),
  ])
    await attempt(() => fixture.service.addToken({ token }));

  // Checks, pulls, a rate limit, keychain trouble quoting a token.
  await attempt(() => fixture.service.check());
  await attempt(() => fixture.service.checkPull({ repository: 'alice/web', login: 'alice' }));
  await attempt(() =>
    fixture.service.checkPull({
      repository: 'alice/web',
      credentials: { username: 'bob', password: revoked },
    }),
  );
  admin.setRateLimit({ mode: 'primary', retryAfterSeconds: 60 });
  await attempt(() =>
    fixture.service.auditTokens([mint('alice', ['repo'])]).then((map) => [...map.values()]),
  );
  admin.setRateLimit({ mode: 'off' });
  errors.push(
    translateKeychainError(new Error(`Cannot autolaunch D-Bus without X11 $DISPLAY for ${revoked}`)).message,
  );

  const secrets = [...admin.tokens().map((t) => t.token), fixture.app.clientSecret];
  expect(admin.tokens().filter((t) => t.kind === 'oauth')).toHaveLength(2); // the spent code minted none
  expect(errors).toHaveLength(3); // wrong login, spent code, keychain
  expect(lines.some((line) => line.includes('account stored'))).toBe(true);
  const everything = [...lines, ...errors, JSON.stringify(results)].join('\n');
  for (const secret of secrets) expect(everything).not.toContain(secret);
});
