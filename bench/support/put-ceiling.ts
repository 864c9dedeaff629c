import { Agent, request } from 'undici';
import { loadKubeConfig } from '../../e2e/cluster/shared-control-plane.ts';

/** One write of the ceiling loop: the path of a Secret and its whole new object, serialized in advance. */
export interface PutTarget {
  readonly path: string;
  readonly body: string;
}

export interface PutLoopResult {
  readonly concurrency: number;
  readonly requests: number;
  readonly failed: number;
  readonly ms: number;
  readonly perSecond: number;
}

/**
 * What the API server can do, nothing else: unconditional PUTs of ready-made bodies (no read, no
 * decision, no dry run, no keychain), `concurrency` at a time over as many keep-alive connections.
 */
export async function putConcurrently(
  kubeconfigPath: string,
  targets: readonly PutTarget[],
  concurrency: number,
): Promise<PutLoopResult> {
  const config = loadKubeConfig(kubeconfigPath);
  const server = config.getCurrentCluster()?.server;
  if (!server) throw new Error(`${kubeconfigPath} names no cluster`);
  const tls: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer } = {};
  await config.applyToHTTPSOptions(tls as Parameters<typeof config.applyToHTTPSOptions>[0]);
  const agent = new Agent({
    connections: concurrency,
    keepAliveTimeout: 30_000,
    connect: { ...(tls.ca ? { ca: tls.ca } : {}), ...(tls.cert ? { cert: tls.cert, key: tls.key } : {}) },
  });
  let next = 0;
  let failed = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < targets.length) {
          const target = targets[next++] as PutTarget;
          const response = await request(server + target.path, {
            method: 'PUT',
            dispatcher: agent,
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: target.body,
          });
          await response.body.text();
          if (response.statusCode !== 200) failed += 1;
        }
      }),
    );
  } finally {
    await agent.close();
  }
  const ms = performance.now() - started;
  return {
    concurrency,
    requests: targets.length,
    failed,
    ms: Math.round(ms),
    perSecond: Math.round((targets.length / ms) * 1000 * 10) / 10,
  };
}
