import { DeskError } from '../../../shared/contract/result.ts';
import type { DeskHandlers } from '../contract/desk-handlers.ts';
import { ENGINE_PART, type EngineCallName } from './call-groups.ts';

const MISSING: Record<'cluster' | 'github', string> = {
  cluster:
    'This build of ghcr-desk has no cluster engine yet: projects, pods and re-syncs are not available.',
  github: 'This build of ghcr-desk has no GitHub connection yet: accounts and reconnects are not available.',
};

/**
 * Stand-ins for the engine's calls until the engine is plugged in: each fails with `not-implemented` and
 * says what is missing. Never fake data.
 */
export function notImplementedEngineHandlers(): Pick<DeskHandlers, EngineCallName> {
  const handlers: Partial<Record<EngineCallName, () => Promise<never>>> = {};
  for (const call of Object.keys(ENGINE_PART) as EngineCallName[]) {
    handlers[call] = () => Promise.reject(new DeskError('not-implemented', MISSING[ENGINE_PART[call]]));
  }
  return handlers as Pick<DeskHandlers, EngineCallName>;
}
