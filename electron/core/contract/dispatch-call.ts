import { CALL_INPUTS } from '../../../shared/contract/inputs.ts';
import { isCallName } from '../../../shared/contract/names.ts';
import { DeskError, fail, ok, type Result } from '../../../shared/contract/result.ts';
import { createLogger } from '../log/logger.ts';
import { describeError, redactSecrets } from '../log/secret-redactor.ts';
import type { CallContext, DeskHandlers } from './desk-handlers.ts';

const log = createLogger('contract');

/**
 * The one path every call takes, whichever transport carried it: the name must be the contract's, the
 * input must pass the call's zod schema, then the handler runs; whatever it throws becomes a Result error
 * with a redacted message. Inputs are never logged (some carry a token on its way to the keychain).
 */
export async function dispatchCall(
  handlers: DeskHandlers,
  call: unknown,
  input: unknown,
  context: CallContext,
): Promise<Result<unknown>> {
  if (!isCallName(call)) return fail('invalid-input', 'Unknown call.');
  const parsed = CALL_INPUTS[call].safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'} ${issue.message}`);
    return fail('invalid-input', redactSecrets(`Invalid input for ${call}: ${problems.join('; ')}`));
  }
  const handler = handlers[call] as (input: unknown, context: CallContext) => Promise<unknown>;
  try {
    return ok(await handler(parsed.data, context));
  } catch (error) {
    if (error instanceof DeskError) return fail(error.code, redactSecrets(error.message));
    const message = describeError(error);
    log.error('call failed', { call, transport: context.transport, error: message });
    return fail('internal', message);
  }
}
