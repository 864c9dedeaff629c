import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RegistryCredential } from './docker-credentials.ts';
import { isLoopbackRegistry, type ImageReference } from './image-reference.ts';

export interface RegistryPullOptions {
  /**
   * Base URL to reach a registry host at. Default: `http://<host>` for loopback hosts (as containerd
   * treats localhost registries), `https://registry-1.docker.io` for docker.io, else `https://<host>`.
   */
  readonly endpointFor?: (registry: string) => string;
  /** Extra CA for https registries (a stand-in with its own certificate). */
  readonly ca?: string | Buffer;
  readonly timeoutMs?: number;
}

export type PullResult =
  | { readonly ok: true; readonly digest: string; readonly size: number }
  | { readonly ok: false; readonly message: string };

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export function defaultRegistryEndpoint(registry: string): string {
  if (registry === 'docker.io') return 'https://registry-1.docker.io';
  return `${isLoopbackRegistry(registry) ? 'http' : 'https'}://${registry}`;
}

interface Response {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A failed step, with the message containerd would give for it. */
class PullStepError extends Error {}

function get(url: URL, headers: Record<string, string>, options: RegistryPullOptions): Promise<Response> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'GET',
        headers,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        ...(url.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.once('error', reject);
      },
    );
    req.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.name === 'AbortError' ? 'i/o timeout' : (error.code ?? error.message);
      reject(new PullStepError(`failed to do request: GET "${url.href}": ${why}`));
    });
    req.end();
  });
}

/** The registry's own words: `code: message` of the Docker Registry v2 `errors` array, else the body text. */
function registrySays(body: Buffer): string {
  const text = body.toString('utf8').trim();
  try {
    const parsed = JSON.parse(text) as { errors?: { code?: string; message?: string }[]; details?: string };
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      return parsed.errors
        .map((e) => `${(e.code ?? 'error').toLowerCase()}: ${e.message ?? ''}`.trim())
        .join('; ');
    }
  } catch {
    // not JSON
  }
  return text.slice(0, 300);
}

// containerd leaves the body out of "unexpected status" errors; we keep the registry's refusal in it, so the
// kubelet event says why (that is what an operator needs to see).
function unexpected(url: URL, response: Response): string {
  const says = registrySays(response.body);
  return `unexpected status from GET request to ${url.href}: ${response.status} ${response.statusText}${says ? `: ${says}` : ''}`;
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const match of header
    .slice(space + 1)
    .matchAll(/([a-zA-Z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[(match[1] ?? '').toLowerCase()] = (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme, params };
}

function basic(credential: RegistryCredential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}

async function authorize(
  base: string,
  image: ImageReference,
  credential: RegistryCredential | undefined,
  options: RegistryPullOptions,
): Promise<string | undefined> {
  const ping = new URL('/v2/', base);
  const pong = await get(ping, {}, options);
  if (pong.status === 200) return undefined;
  if (pong.status !== 401) throw new PullStepError(unexpected(ping, pong));
  const challenge = parseChallenge(String(pong.headers['www-authenticate'] ?? ''));
  if (challenge.scheme === 'basic') {
    if (!credential) throw new PullStepError('failed to authorize: no basic auth credentials');
    return basic(credential);
  }
  const realm = challenge.params['realm'];
  if (challenge.scheme !== 'bearer' || !realm) {
    throw new PullStepError(`failed to authorize: unsupported challenge from ${ping.href}`);
  }
  const tokenUrl = new URL(realm, base);
  if (challenge.params['service']) tokenUrl.searchParams.set('service', challenge.params['service']);
  tokenUrl.searchParams.set('scope', `repository:${image.repository}:pull`);
  const answer = await get(tokenUrl, credential ? { authorization: basic(credential) } : {}, options);
  const kind = credential ? 'oauth' : 'anonymous';
  if (answer.status !== 200) {
    throw new PullStepError(
      `failed to authorize: failed to fetch ${kind} token: ${unexpected(tokenUrl, answer)}`,
    );
  }
  let token: unknown;
  try {
    const parsed = JSON.parse(answer.body.toString('utf8')) as { token?: unknown; access_token?: unknown };
    token = parsed.token ?? parsed.access_token;
  } catch {
    // handled below
  }
  if (typeof token !== 'string' || token === '') {
    throw new PullStepError(
      `failed to authorize: failed to fetch ${kind} token: no token in the answer of ${tokenUrl.href}`,
    );
  }
  return `Bearer ${token}`;
}

/**
 * What a kubelet's container runtime does to resolve an image, for real: the Docker Registry v2 token flow
 * (`GET /v2/` → 401 challenge → token from the realm with Basic auth → `GET /v2/<name>/manifests/<ref>`
 * with the Bearer token). Blobs are not fetched: a resolved manifest is as far as credentials matter.
 * Failures come back as containerd-style messages that carry the registry's refusal.
 */
export async function pullImage(
  image: ImageReference,
  credential: RegistryCredential | undefined,
  options: RegistryPullOptions = {},
): Promise<PullResult> {
  const base = (options.endpointFor ?? defaultRegistryEndpoint)(image.registry);
  const prefix = `failed to pull and unpack image "${image.normalized}": failed to resolve reference "${image.normalized}"`;
  try {
    const authorization = await authorize(base, image, credential, options);
    const manifestUrl = new URL(`/v2/${image.repository}/manifests/${image.reference}`, base);
    const manifest = await get(
      manifestUrl,
      { accept: MANIFEST_TYPES, ...(authorization ? { authorization } : {}) },
      options,
    );
    if (manifest.status === 404) throw new PullStepError(`${image.normalized}: not found`);
    if (manifest.status === 401) {
      throw new PullStepError(
        `pull access denied, repository does not exist or may require authorization: server message: ${registrySays(manifest.body)}`,
      );
    }
    if (manifest.status !== 200) throw new PullStepError(unexpected(manifestUrl, manifest));
    const header = manifest.headers['docker-content-digest'];
    const digest =
      typeof header === 'string' && header
        ? header
        : `sha256:${createHash('sha256').update(manifest.body).digest('hex')}`;
    return { ok: true, digest, size: manifest.body.length };
  } catch (error) {
    const reason =
      error instanceof PullStepError ? error.message : `failed to do request: ${(error as Error).message}`;
    return { ok: false, message: `${prefix}: ${reason}` };
  }
}
