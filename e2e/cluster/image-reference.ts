/** A parsed image reference, normalised the way kubelet and containerd do it. */
export interface ImageReference {
  /** Registry host (with port), e.g. `ghcr.io`, `127.0.0.1:5000`, `docker.io`. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `acme/web` (`library/nginx` on docker.io). */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  /** What `/v2/<repository>/manifests/<reference>` takes: the digest if given, else the tag. */
  readonly reference: string;
  /** The fully qualified form, e.g. `docker.io/library/nginx:latest`. */
  readonly normalized: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?$|^\[[0-9a-fA-F:]+\](?::\d+)?$/;

/**
 * Parses `[registry/]path[:tag][@digest]` with Docker's rules: the first component is a registry when it
 * has a `.` or a `:` or is `localhost`; otherwise the image is on docker.io (single names under
 * `library/`); no tag and no digest means `:latest`. Returns undefined for an invalid reference (kubelet's
 * InvalidImageName).
 */
export function parseImageReference(image: string): ImageReference | undefined {
  if (!image || image.length > 4096 || image !== image.trim()) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!DOMAIN.test(first)) return undefined;
    registry = first;
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) return undefined;
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  if (!tag && !digest) tag = 'latest';
  const normalized = `${registry}/${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return {
    registry,
    repository,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
    reference: digest ?? tag ?? 'latest',
    normalized,
  };
}

/** Hosts reached over plain http, as containerd treats `localhost`/loopback registries. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
