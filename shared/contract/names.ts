/**
 * The names of the contract, without its schemas: the preload imports this file alone, so the sandboxed
 * bridge stays a few lines of code with no runtime package (zod lives in `inputs.ts`).
 */
export const CALL_NAMES = [
  'app.status',
  'settings.get',
  'settings.update',
  'settings.setOAuthClientSecret',
  'settings.clearOAuthClientSecret',
  'kube.contexts',
  'kube.useContext',
  'projects.list',
  'projects.refresh',
  'projects.get',
  'projects.pullCheck',
  'projects.restart',
  'accounts.list',
  'accounts.login',
  'accounts.cancelLogin',
  'accounts.addToken',
  'accounts.remove',
  'accounts.check',
  'reconnect.start',
  'reconnect.cancel',
  'reconnect.status',
  'resync.plan',
  'resync.apply',
  'resync.cancel',
  'resync.retryFailed',
  'resync.status',
  'activity.list',
] as const;
export type CallName = (typeof CALL_NAMES)[number];

/** Main → renderer pushes. */
export const EVENT_NAMES = [
  'onStatusChanged',
  'onProjectsChanged',
  'onPodChanges',
  'onRunProgress',
  'onReconnectProgress',
  'onAccountsChanged',
  'onActivityAppended',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const callNames: ReadonlySet<string> = new Set(CALL_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && callNames.has(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && eventNames.has(value);
}

/** Electron IPC channels: one per call and per event, so ipcMain registers exactly the contract. */
export const ipcCallChannel = (call: CallName): string => `desk:call:${call}`;
export const ipcEventChannel = (event: EventName): string => `desk:event:${event}`;

const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/**
 * How long the renderer waits for an answer before it shows a timeout with a retry (no spinner forever).
 * Long ones: a browser login lives as long as GitHub's authorization code (10 minutes); audits and plans
 * of thousands of namespaces take a while on a slow apiserver.
 */
const CALL_TIMEOUT_MS: Partial<Record<CallName, number>> = {
  'accounts.login': 11 * 60_000,
  'projects.list': 120_000,
  'projects.refresh': 120_000,
  'projects.restart': 120_000,
  'projects.pullCheck': 60_000,
  'accounts.addToken': 60_000,
  'accounts.check': 60_000,
  'resync.plan': 5 * 60_000,
};

export function callTimeoutMs(call: CallName): number {
  return CALL_TIMEOUT_MS[call] ?? DEFAULT_CALL_TIMEOUT_MS;
}
