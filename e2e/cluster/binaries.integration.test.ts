import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureControlPlaneBinaries, KUBE_VERSION } from './binaries.ts';

const execFileAsync = promisify(execFile);

describe('control-plane binaries', () => {
  it('are built from the pinned Kubernetes and etcd modules', async () => {
    const binaries = await ensureControlPlaneBinaries();
    const kubectl = await execFileAsync(binaries.kubectl, ['version', '--client', '-o', 'json']);
    expect(JSON.parse(kubectl.stdout).clientVersion.gitVersion).toBe(KUBE_VERSION);
    const apiserver = await execFileAsync(binaries.kubeApiserver, ['--version']);
    expect(apiserver.stdout.trim()).toBe(`Kubernetes ${KUBE_VERSION}`);
    const etcd = await execFileAsync(binaries.etcd, ['--version']);
    expect(etcd.stdout).toMatch(/^etcd Version: 3\.6\.\d+/m);
  });
});
