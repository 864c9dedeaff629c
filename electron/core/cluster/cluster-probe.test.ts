import { createServer, type Server } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCluster } from './cluster-probe.ts';
import { kubeconfigYaml } from './kubeconfig-loader.test.ts';

let apiserver: Server;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'probe-'));
  // Just GET /version, the only request the probe makes.
  apiserver = createServer((request, response) => {
    response.writeHead(request.url === '/version' ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ major: '1', minor: '36', gitVersion: 'v1.36.3' }));
  });
  await new Promise<void>((resolve) => apiserver.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => apiserver.close(() => resolve())));

async function kubeconfigFor(server: string): Promise<string> {
  const file = join(dir, `${encodeURIComponent(server)}.yaml`);
  await writeFile(file, kubeconfigYaml(server));
  return file;
}

describe('probeCluster', () => {
  it('reports a reachable apiserver', async () => {
    const server = `http://127.0.0.1:${(apiserver.address() as AddressInfo).port}`;
    expect(await probeCluster(await kubeconfigFor(server), '')).toEqual({
      context: 'main',
      server,
      reachable: true,
    });
  });

  it('says what to check when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const status = await probeCluster(await kubeconfigFor(`http://127.0.0.1:${port}`), '');
    expect(status).toMatchObject({ context: 'main', reachable: false });
    expect(status.problem).toMatch(/connection refused/);
  });

  it('reports kubeconfig problems as unreachable with the reason', async () => {
    const status = await probeCluster(await kubeconfigFor('http://127.0.0.1:1'), 'missing-context');
    expect(status).toMatchObject({
      reachable: false,
      problem: expect.stringMatching(/not in the kubeconfig/),
    });
  });
});
