/** Where an image comes from, as kubelet and containerd read a reference. */
export interface ImageSource {
  /** Registry host with port, lowercase: `ghcr.io`, `127.0.0.1:5000`, `docker.io`. */
  readonly registry: string;
  /** Path inside the registry: `alice/web`. */
  readonly repository: string;
  /** First path segment, lowercase: the project's owner for a ghcr-style registry. */
  readonly owner: string;
}

/**
 * Docker's rule: the first component is a registry when it has a `.` or a `:` or is `localhost`; otherwise
 * the image is on docker.io. Tag and digest do not matter here. Undefined for references kubelet would
 * refuse (InvalidImageName) — such a workload pulls from nowhere.
 */
export function imageSource(image: string | undefined): ImageSource | undefined {
  if (!image || image !== image.trim() || image.length > 4096) return undefined;
  let rest = image;
  const at = rest.indexOf('@');
  if (at >= 0) rest = rest.slice(0, at);
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) rest = rest.slice(0, colon);
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  let registry = 'docker.io';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first.toLowerCase();
    parts.shift();
  }
  if (parts.length === 0 || parts.some((part) => part === '')) return undefined;
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  return { registry, repository: parts.join('/'), owner: (parts[0] ?? '').toLowerCase() };
}
