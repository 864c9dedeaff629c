import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

// A fresh Debian machine has no Go new enough (Debian 12 ships 1.19): the build fetches one from the Go
// module proxy, which is reachable where the internet is not.
describe('the Go toolchain for the build', () => {
  it('is fetched from the module proxy when PATH has no Go, into the cache, and reused', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'ghcr-desk-go-'));
    const env = { PATH: '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/root', GHCR_DESK_CACHE: cache };
    try {
      const script = join(import.meta.dirname, 'ensure-go.sh');
      const first = await execFileAsync('bash', [script], { env });
      const go = first.stdout.trim();
      expect(go).toBe(join(cache, 'go', 'go1.26.8', 'bin', 'go'));
      expect(first.stderr).toMatch(/fetching Go 1\.26\.8 from https:\/\/.*golang\.org\/toolchain/);
      const version = await execFileAsync(go, ['version'], { env });
      expect(version.stdout).toMatch(/^go version go1\.26\.8 /);
      const again = await execFileAsync('bash', [script], { env });
      expect(again.stdout.trim()).toBe(go);
      expect(again.stderr).toBe(''); // nothing fetched twice
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
