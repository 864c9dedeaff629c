import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { basicCredentials, sendJson } from './http-util.ts';
import type { StandInModel } from './stand-in-model.ts';
import { randomAlphanumeric } from './token-shapes.ts';

/**
 * The container registry, speaking the Docker Registry v2 token flow as ghcr.io does: `/v2/` challenges
 * with `WWW-Authenticate: Bearer realm=…/token,service=…`; `/token` trades Basic `login:token` for a short
 * pull token only when the GitHub token is live, classic (or OAuth), carries `read:packages` and its login
 * owns the image's owner or belongs to that organization (the Basic username is not checked, like ghcr);
 * anonymous requests get a token that reads public images only. Errors are `{"errors":[{code,message}]}`.
 */

const PULL_TOKEN_LIFETIME_S = 300;
const NAME = '[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)+';
const ROUTES = {
  tags: new RegExp(`^/v2/(${NAME})/tags/list$`),
  manifest: new RegExp(`^/v2/(${NAME})/manifests/([A-Za-z0-9_.:-]+)$`),
  blob: new RegExp(`^/v2/(${NAME})/blobs/(sha256:[a-f0-9]{64})$`),
};

interface PullToken {
  readonly access: ReadonlySet<string>;
  readonly expiresAt: number;
}

export function createRegistry(model: StandInModel, registryHost: string) {
  const pullTokens = new Map<string, PullToken>();
  const realm = `http://${registryHost}/token`;

  function registryError(
    response: ServerResponse,
    status: number,
    code: string,
    message: string,
    headers: OutgoingHttpHeaders = {},
  ): void {
    sendJson(response, status, { errors: [{ code, message, detail: null }] }, headers);
  }

  function challenge(response: ServerResponse, repository?: string, insufficient = false): void {
    const scope = repository ? `,scope="repository:${repository}:pull"` : '';
    const error = insufficient ? ',error="insufficient_scope"' : '';
    registryError(response, 401, 'UNAUTHORIZED', 'authentication required', {
      'www-authenticate': `Bearer realm="${realm}",service="${registryHost}"${scope}${error}`,
    });
  }

  function pullToken(request: IncomingMessage): PullToken | undefined {
    const value = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = value ? pullTokens.get(value) : undefined;
    return token && token.expiresAt > model.now() ? token : undefined;
  }

  function issueToken(response: ServerResponse, request: IncomingMessage, url: URL): void {
    model.count('registryTokenRequests');
    const repositories = url.searchParams
      .getAll('scope')
      .flatMap((scope) => scope.split(' '))
      .map((scope) => /^repository:([^:]+):(.+)$/.exec(scope))
      .filter((match) => match?.[2]?.split(',').includes('pull'))
      .map((match) => (match?.[1] ?? '').toLowerCase());

    const credentials = basicCredentials(request.headers.authorization);
    const access = new Set<string>();
    if (credentials) {
      const token = model.findToken(credentials.password);
      if (!token || token.revoked)
        return registryError(response, 401, 'UNAUTHORIZED', 'authentication required');
      if (token.kind === 'fine-grained')
        return registryError(
          response,
          403,
          'DENIED',
          'permission_denied: fine-grained personal access tokens cannot access packages; use a personal access token (classic)',
        );
      if (!model.hasScope(token, 'read:packages'))
        return registryError(
          response,
          403,
          'DENIED',
          'permission_denied: The token provided does not match expected scopes.',
        );
      for (const repository of repositories) {
        const owner = repository.split('/')[0] ?? '';
        if (!model.canRead(token.login, owner))
          return registryError(response, 403, 'DENIED', 'requested access to the resource is denied');
        access.add(repository);
      }
    }
    const value = randomAlphanumeric(48);
    pullTokens.set(value, { access, expiresAt: model.now() + PULL_TOKEN_LIFETIME_S * 1000 });
    sendJson(
      response,
      200,
      {
        token: value,
        access_token: value,
        expires_in: PULL_TOKEN_LIFETIME_S,
        issued_at: new Date(model.now()).toISOString(),
      },
      { 'cache-control': 'no-store' },
    );
  }

  return function handle(request: IncomingMessage, response: ServerResponse): void {
    model.count('registryRequests');
    response.setHeader('docker-distribution-api-version', 'registry/2.0');
    const url = new URL(request.url ?? '/', realm);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return registryError(response, 405, 'UNSUPPORTED', 'The operation is unsupported.');
    if (url.pathname === '/token') return issueToken(response, request, url);
    if (url.pathname === '/v2/' || url.pathname === '/v2') {
      return pullToken(request) ? sendJson(response, 200, {}) : challenge(response);
    }

    const [, rawName, reference] =
      ROUTES.tags.exec(url.pathname) ??
      ROUTES.manifest.exec(url.pathname) ??
      ROUTES.blob.exec(url.pathname) ??
      [];
    if (!rawName)
      return registryError(response, 404, 'NAME_INVALID', 'invalid repository name or unknown endpoint');
    const repository = rawName.toLowerCase();
    const token = pullToken(request);
    if (!token) return challenge(response, repository);
    const image = model.findImage(repository);
    if (!token.access.has(repository) && image?.visibility !== 'public')
      return challenge(response, repository, true);
    if (!image) return registryError(response, 404, 'NAME_UNKNOWN', 'repository name not known to registry');

    if (ROUTES.tags.test(url.pathname))
      return sendJson(response, 200, { name: repository, tags: [...image.tags.keys()].sort() });
    if (ROUTES.manifest.test(url.pathname)) {
      const manifest =
        image.tags.get(reference ?? '') ?? [...image.tags.values()].find((m) => m.digest === reference);
      if (!manifest) return registryError(response, 404, 'MANIFEST_UNKNOWN', 'manifest unknown');
      response.writeHead(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'content-length': Buffer.byteLength(manifest.body),
        'docker-content-digest': manifest.digest,
        etag: `"${manifest.digest}"`,
      });
      response.end(request.method === 'HEAD' ? undefined : manifest.body);
      return;
    }
    const blob = model.findBlob(reference ?? '');
    if (!blob) return registryError(response, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': blob.length,
      'docker-content-digest': reference,
    });
    response.end(request.method === 'HEAD' ? undefined : blob);
  };
}
