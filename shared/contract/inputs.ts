/**
 * The input schema of every call. Main parses with these before a handler runs (both transports), so a
 * handler only ever sees valid, typed input. Strict objects: unknown keys are refused, not ignored.
 */
import { z } from 'zod';
import type { CallName } from './names.ts';
import { SETTINGS_PATCH_SCHEMA } from './settings-schema.ts';

const empty = z.strictObject({});

const namespace = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'is not a namespace name');

/** `github.com`, or a GitHub Enterprise Server host with an optional port. */
const host = z
  .string()
  .max(255)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?$/, 'is not a host name');

/** GitHub logins (Enterprise Managed Users add `_shortcode`). */
const login = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'is not a GitHub login');

const operationId = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not an id');

const workloadName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'is not a workload name');

/** GitHub tokens are [A-Za-z0-9_], up to 255 characters; pasted ones often carry whitespace. */
const githubToken = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_]+$/, 'is not a GitHub token');

const resyncScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('owner'), owner: login }),
  z.strictObject({ kind: z.literal('namespaces'), namespaces: z.array(namespace).min(1).max(10_000) }),
]);

const resyncOptions = z.strictObject({
  scope: resyncScope,
  force: z.boolean().optional(),
  allowRecreate: z.boolean().optional(),
  addReferences: z.boolean().optional(),
  restartStuck: z.boolean().optional(),
  concurrency: z.int().min(1).max(32).optional(),
});

export const CALL_INPUTS = {
  'app.status': empty,
  'settings.get': empty,
  'settings.update': z.strictObject({ patch: SETTINGS_PATCH_SCHEMA }),
  'settings.setOAuthClientSecret': z.strictObject({ secret: z.string().trim().min(1).max(255) }),
  'settings.clearOAuthClientSecret': empty,
  'kube.contexts': empty,
  'kube.useContext': z.strictObject({ context: z.string().min(1).max(1000) }),
  'projects.list': empty,
  'projects.refresh': empty,
  'projects.get': z.strictObject({ namespace }),
  'projects.pullCheck': z.strictObject({ namespace, image: z.string().max(1000).optional() }),
  'projects.restart': z.strictObject({
    namespace,
    /** Omitted: every workload of the project that pulls from the registry. */
    workloads: z
      .array(z.strictObject({ kind: z.enum(['Deployment', 'StatefulSet', 'DaemonSet']), name: workloadName }))
      .max(500)
      .optional(),
  }),
  'accounts.list': empty,
  /** Opens the system browser; resolves when the login is done (or fails, or is cancelled). */
  'accounts.login': z.strictObject({ host: host.optional() }),
  'accounts.cancelLogin': empty,
  'accounts.addToken': z.strictObject({
    host: host.optional(),
    token: githubToken,
    confirmMissingScopes: z.boolean().default(false),
  }),
  'accounts.remove': z.strictObject({ host, login }),
  'accounts.check': z.strictObject({ host, login }),
  'reconnect.start': z.strictObject({ host, login, resync: z.boolean().default(true) }),
  'reconnect.cancel': z.strictObject({ reconnectId: operationId }),
  'reconnect.status': z.strictObject({ reconnectId: operationId }),
  'resync.plan': z.strictObject({ options: resyncOptions }),
  'resync.apply': z.strictObject({ planId: operationId }),
  'resync.cancel': z.strictObject({ runId: operationId }),
  'resync.retryFailed': z.strictObject({ runId: operationId }),
  'resync.status': z.strictObject({ runId: operationId }),
  'activity.list': z.strictObject({
    limit: z.int().min(1).max(500).default(100),
    cursor: z.string().max(200).optional(),
  }),
} as const satisfies Record<CallName, z.ZodType>;

type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [P in keyof T]: DeepReadonly<T[P]> }
    : T;

/** What a caller passes (defaults may be omitted); readonly, so the domain's readonly types fit. */
export type CallInput<K extends CallName> = DeepReadonly<z.input<(typeof CALL_INPUTS)[K]>>;
/** What a handler receives, after parsing (defaults filled in). */
export type ParsedCallInput<K extends CallName> = z.output<(typeof CALL_INPUTS)[K]>;
