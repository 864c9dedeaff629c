/**
 * The settings' one schema: it validates `settings.update` inputs, the settings file on disk and the
 * renderer's form, so the three can never disagree.
 */
import { z } from 'zod';
import type { Settings } from '../domain/app.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../domain/github.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
// shared/ has no URL class (no DOM, no Node types): scheme, host[:port], optional path, nothing else.
const SERVICE_URL = /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?(\/[^\s?#@]*)?$/;

/** https, or http on loopback only (a local stand-in, the demo sandbox); no credentials, query or fragment. */
const serviceUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    const match = SERVICE_URL.exec(value);
    if (!match) return false;
    const [, scheme, hostname = ''] = match;
    return scheme === 'https' || LOOPBACK_HOSTS.has(hostname.toLowerCase());
  }, 'must be an https:// URL without credentials, query or fragment (http:// only on 127.0.0.1)');

const regexSource = z
  .string()
  .max(1000)
  .refine((value) => {
    try {
      new RegExp(value);
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid regular expression');

/** Kubernetes resource names: DNS-1123 subdomain. */
const resourceName = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    'must be a Kubernetes resource name (lowercase, digits, - and .)',
  );

const scope = z.string().regex(/^[a-z_]+(:[a-z_]+)?$/, 'is not a GitHub OAuth scope');

export const SETTINGS_FIELDS = {
  kubeconfigPath: z.string().trim().max(4096),
  kubeContext: z.string().max(1000),
  githubUrl: serviceUrl,
  oauthClientId: z
    .string()
    .trim()
    .max(100)
    .regex(/^[A-Za-z0-9._-]*$/, 'is not an OAuth client id'),
  registryUrl: serviceUrl,
  requiredScopes: z
    .array(scope)
    .min(1)
    .max(50)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'lists a scope twice'),
  namespaceLabelSelector: z
    .string()
    .trim()
    .max(1000)
    .regex(/^[A-Za-z0-9_./=!,() -]*$/, 'is not a label selector'),
  namespaceNamePattern: regexSource,
  pullSecretName: resourceName,
  restartPolicy: z.enum(['restart-stuck', 'never']),
  resyncConcurrency: z.int().min(1).max(32),
  language: z.enum(['system', 'en', 'zh-CN']),
} as const;

export const SETTINGS_SCHEMA = z.strictObject(SETTINGS_FIELDS) satisfies z.ZodType<Settings>;
export const SETTINGS_PATCH_SCHEMA = z.strictObject(SETTINGS_FIELDS).partial();

export const DEFAULT_SETTINGS: Settings = {
  kubeconfigPath: '',
  kubeContext: '',
  githubUrl: 'https://github.com',
  oauthClientId: '',
  registryUrl: 'https://ghcr.io',
  requiredScopes: [...DEFAULT_REQUIRED_SCOPES],
  namespaceLabelSelector: '',
  namespaceNamePattern: '',
  pullSecretName: 'ghcr-secret',
  restartPolicy: 'restart-stuck',
  resyncConcurrency: 16,
  language: 'system',
};
