// Test data only: a deterministic mix of healthy and broken projects, as many as a spec asks for.
import type { PodEvent, PodInfo, Project } from '../../shared/domain/cluster.ts';
import { DEFAULT_REQUIRED_SCOPES, type TokenHealth } from '../../shared/domain/github.ts';

const ENVS = ['prod', 'staging', 'dev'];
const CHECKED_AT = '2026-12-01T10:00:00.000Z';

function health(state: TokenHealth['state'], login: string): TokenHealth {
  const missing = state === 'missing-scopes' ? ['read:packages', 'write:packages'] : [];
  return {
    state,
    scopes: DEFAULT_REQUIRED_SCOPES.filter((scope) => !missing.includes(scope)),
    missingScopes: missing,
    login,
    checkedAt: CHECKED_AT,
  };
}

/** Project i: owner tenant-(i mod owners); every tenth-ish one broken in a different way. */
export function generateProjects(count: number, owners = 40): Project[] {
  return Array.from({ length: count }, (_, index) => {
    const owner = `tenant-${String(index % owners).padStart(2, '0')}`;
    const kind = index % 10;
    const namespace = `project-${String(index).padStart(5, '0')}-${ENVS[index % ENVS.length]}`;
    const broken = kind >= 6;
    const state = kind === 7 ? 'stale' : kind === 8 ? 'missing' : 'ok';
    const tokenState = kind === 6 ? 'missing-scopes' : kind === 9 ? 'revoked' : 'ok';
    const pullErrors = kind === 6 || kind === 8 || kind === 9 ? 2 : 0;
    return {
      namespace,
      owner,
      owners: [owner],
      images: [`ghcr.io/${owner}/app-${index}:1.0.${index % 7}`],
      workloads: [{ kind: 'Deployment', name: `app-${index}`, referencesPullSecret: true }],
      pullSecret: {
        name: 'ghcr-secret',
        state,
        ...(state === 'missing'
          ? {}
          : {
              username: owner,
              fingerprint: `sha256:${index.toString(16).padStart(12, '0')}`,
              tokenHealth: health(tokenState, owner),
            }),
        otherRegistries: [],
        ...(broken ? { detail: `Generated problem ${kind} for tests.` } : {}),
      },
      flags: [],
      pods: { total: 2, ready: 2 - pullErrors, pullErrors },
    };
  });
}

export function podsOf(project: Project, running: boolean): PodInfo[] {
  return Array.from({ length: project.pods.total }, (_, index) => {
    const stuck = !running && index < project.pods.pullErrors;
    return {
      namespace: project.namespace,
      name: `${project.workloads[0]?.name ?? 'app'}-7f9c-${index}`,
      phase: stuck ? 'Pending' : 'Running',
      ready: !stuck,
      readyContainers: stuck ? 0 : 1,
      totalContainers: 1,
      restarts: 0,
      ...(stuck
        ? {
            waitingReason: 'ImagePullBackOff',
            waitingMessage: `Back-off pulling image "${project.images[0]}"`,
          }
        : {}),
      workload: { kind: 'Deployment', name: project.workloads[0]?.name ?? 'app' },
      createdAt: '2026-12-01T09:00:00.000Z',
    };
  });
}

export function pullEventsOf(project: Project): PodEvent[] {
  return podsOf(project, false)
    .filter((pod) => pod.waitingReason)
    .map((pod) => ({
      namespace: project.namespace,
      podName: pod.name,
      reason: 'Failed',
      message: `Failed to pull image "${project.images[0]}": 401 Unauthorized`,
      count: 12,
      lastSeen: '2026-12-01T10:00:00.000Z',
    }));
}
