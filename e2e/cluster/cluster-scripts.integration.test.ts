import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureControlPlaneBinaries } from './binaries.ts';
import { parsePidFile } from './cluster-state.ts';
import { isProcessAlive } from './managed-process.ts';
import { waitFor } from './wait-for.ts';

const execFileAsync = promisify(execFile);

// `npm run cluster:up` / `cluster:down` run these two files; here in a scratch cache directory, so a
// cluster the developer started by hand is left alone.
describe('cluster:up and cluster:down', () => {
  let cache: string;
  let env: NodeJS.ProcessEnv;
  const node = (script: string, ...args: string[]) =>
    execFileAsync(process.execPath, [join(import.meta.dirname, script), ...args], { env });

  beforeAll(async () => {
    cache = await mkdtemp(join(tmpdir(), 'ghcr-desk-cluster-up-'));
    const binaries = await ensureControlPlaneBinaries();
    env = { ...process.env, GHCR_DESK_CACHE: cache, KUBEBUILDER_ASSETS: binaries.dir };
  });

  afterAll(async () => {
    await node('cluster-down.ts').catch(() => {});
    await rm(cache, { recursive: true, force: true });
  });

  it('starts a detached cluster with a node, says how to reach it, is idempotent, and stops without a trace', async () => {
    const up = await node('cluster-up.ts');
    const kubeconfig = /export KUBECONFIG=(\S+)/.exec(up.stdout)?.[1];
    const kubectl = /kubectl\s+(\S+)/.exec(up.stdout)?.[1];
    expect(kubeconfig).toBe(join(cache, 'cluster-up', 'admin.kubeconfig'));
    expect(kubectl && existsSync(kubectl)).toBe(true);

    const nodes = await waitFor('the simulated node to be Ready', async () => {
      const { stdout } = await execFileAsync(kubectl ?? '', [
        '--kubeconfig',
        kubeconfig ?? '',
        'get',
        'nodes',
        '-o',
        'jsonpath={.items[*].metadata.name}={.items[*].status.conditions[?(@.type=="Ready")].status}',
      ]);
      return stdout === 'node-1=True' ? stdout : undefined;
    });
    expect(nodes).toBe('node-1=True');

    const again = await node('cluster-up.ts');
    expect(again.stdout).toContain('already up');
    expect(again.stdout).toContain(`export KUBECONFIG=${kubeconfig}`);

    const pids = parsePidFile(readFileSync(join(cache, 'cluster-up', 'pids'), 'utf8'));
    expect(pids.map((p) => p.name).sort()).toEqual([
      'etcd',
      'kube-apiserver',
      'kube-controller-manager',
      'node-simulator',
    ]);
    const down = await node('cluster-down.ts');
    expect(down.stdout).toContain('4 process groups stopped');
    expect(pids.filter((p) => isProcessAlive(p.pid))).toEqual([]);
    expect(existsSync(join(cache, 'cluster-up'))).toBe(false);
  });
});
