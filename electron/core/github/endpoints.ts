/** Where GitHub lives for a *GitHub URL* setting, and where the registry lives for the registry setting. */
export interface GitHubEndpoints {
  /** `github.com`, or the GitHub Enterprise Server host (with its port when not the default). */
  readonly host: string;
  /** Web pages and the OAuth endpoints (`/login/oauth/...`). */
  readonly webUrl: string;
  /** REST API base: `https://api.github.com`, or `<webUrl>/api/v3` on GitHub Enterprise Server. */
  readonly apiUrl: string;
}

export interface RegistryEndpoint {
  readonly url: string;
  /** The `auths` key of a `.dockerconfigjson` and the first part of an image reference. */
  readonly host: string;
}

export const DEFAULT_GITHUB_URL = 'https://github.com';
export const DEFAULT_REGISTRY_URL = 'https://ghcr.io';

function parseHttpUrl(value: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${setting} "${value}" is not a URL (expected e.g. https://github.example.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`${setting} "${value}" must start with https:// (or http://)`);
  if (url.username || url.password) throw new Error(`${setting} must not contain credentials`);
  return url;
}

/** github.com → its API host; any other URL is GitHub Enterprise Server with the API under `/api/v3`. */
export function githubEndpoints(githubUrl: string = DEFAULT_GITHUB_URL): GitHubEndpoints {
  const url = parseHttpUrl(githubUrl, 'GitHub URL');
  if (url.hostname === 'github.com' || url.hostname === 'api.github.com')
    return { host: 'github.com', webUrl: 'https://github.com', apiUrl: 'https://api.github.com' };
  return { host: url.host, webUrl: url.origin, apiUrl: `${url.origin}/api/v3` };
}

export function registryEndpoint(registryUrl: string = DEFAULT_REGISTRY_URL): RegistryEndpoint {
  const url = parseHttpUrl(registryUrl, 'Registry URL');
  return { url: url.origin, host: url.host };
}
