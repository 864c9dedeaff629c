import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/contract/result.ts';
import { setLogSink } from '../log/logger.ts';
import type { CallContext, DeskHandlers } from './desk-handlers.ts';
import { dispatchCall } from './dispatch-call.ts';

const context: CallContext = { transport: 'ipc', signal: new AbortController().signal };
const token = 'gho_' + 'a1B2c3D4e5'.repeat(4);

/** Only the handlers a test touches; dispatchCall looks them up by name. */
function handlers(partial: Partial<DeskHandlers>): DeskHandlers {
  return partial as DeskHandlers;
}

describe('dispatchCall', () => {
  it('parses the input (defaults filled in) before the handler sees it', async () => {
    let seen: unknown;
    const result = await dispatchCall(
      handlers({ 'activity.list': async (input) => ((seen = input), { entries: [], unreadableLines: 0 }) }),
      'activity.list',
      {},
      context,
    );
    expect(result).toEqual({ ok: true, data: { entries: [], unreadableLines: 0 } });
    expect(seen).toEqual({ limit: 100 });
  });

  it('refuses names outside the contract without touching the handler map', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 42, undefined]) {
      const result = await dispatchCall(handlers({}), name, {}, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('never echoes a token from an invalid input', async () => {
    const result = await dispatchCall(
      handlers({}),
      'accounts.addToken',
      { token: `${token}!`, extra: token },
      context,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('turns a DeskError into its code, with a redacted message', async () => {
    const result = await dispatchCall(
      handlers({
        'accounts.list': () => Promise.reject(new DeskError('github-error', `GitHub refused ${token}`)),
      }),
      'accounts.list',
      {},
      context,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'github-error', message: 'GitHub refused [redacted]' },
    });
  });

  it('turns anything else into internal, redacted, and logs it redacted', async () => {
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      const result = await dispatchCall(
        handlers({ 'accounts.list': () => Promise.reject(new TypeError(`boom ${token}`)) }),
        'accounts.list',
        {},
        context,
      );
      expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'boom [redacted]' } });
    } finally {
      setLogSink(previous);
    }
    expect(lines.join('\n')).toContain('boom [redacted]');
    expect(lines.join('\n')).not.toContain(token);
  });
});
