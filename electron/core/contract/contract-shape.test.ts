import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EventPayloads } from '../../../shared/contract/events.ts';
import { CALL_INPUTS } from '../../../shared/contract/inputs.ts';
import {
  CALL_NAMES,
  EVENT_NAMES,
  callTimeoutMs,
  type CallName,
  type EventName,
} from '../../../shared/contract/names.ts';
import type { CredentialFields } from '../../../shared/contract/no-secret-fields.ts';
import type { CallOutputs } from '../../../shared/contract/outputs.ts';
import type { DeskHandlers } from './desk-handlers.ts';

describe('the contract', () => {
  it('has one input schema per call name and nothing else', () => {
    expect(Object.keys(CALL_INPUTS).sort()).toEqual([...CALL_NAMES].sort());
    expect(new Set(CALL_NAMES).size).toBe(CALL_NAMES.length);
    expect(EVENT_NAMES.every((name) => /^on[A-Z]/.test(name))).toBe(true);
  });

  it('gives every call a finite timeout, the browser login the longest', () => {
    const timeouts = CALL_NAMES.map(callTimeoutMs);
    expect(Math.max(...timeouts)).toBe(callTimeoutMs('accounts.login'));
    expect(timeouts.every((ms) => ms > 0 && ms <= 15 * 60_000)).toBe(true);
  });

  it('carries no credential-named field in any output or event type', () => {
    expectTypeOf<CredentialFields<CallOutputs[CallName] | EventPayloads[EventName]>>().toBeNever();
    // …and the guard does see one when it is there, however deep.
    expectTypeOf<CredentialFields<{ a: readonly { b?: { token: string } }[] }>>().toEqualTypeOf<'token'>();
  });

  it('makes a handler map that misses a call, or answers the wrong type, a compile error', () => {
    const complete = {} as DeskHandlers;
    const { 'activity.list': _omitted, ...incomplete } = complete;
    // @ts-expect-error 'activity.list' is missing
    const missing: DeskHandlers = incomplete;
    // @ts-expect-error app.status must answer an AppStatus
    const wrong: DeskHandlers = { ...complete, 'app.status': async () => 42 };
    // @ts-expect-error a call that is not in the contract
    const extra: DeskHandlers = { ...complete, 'projects.delete': async () => ({}) };
    expect([missing, wrong, extra]).toHaveLength(3);
  });
});
