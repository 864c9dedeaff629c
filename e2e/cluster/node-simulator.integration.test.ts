import { AppsV1Api, CoreV1Api, type CoreV1Event, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInGitHub, type StandInGitHub } from '../github/stand-in-github.ts';
import type { ControlPlaneInfo } from './control-plane.ts';
import { startNodeSimulator, type NodeSimulator } from './node-simulator.ts';
import { loadKubeConfig, sharedControlPlane } from './shared-control-plane.ts';
import { uniqueName, waitFor } from './wait-for.ts';

// The kubelet's pull runs against the stand-in ghcr (e2e/github) for real: token exchange with the pod's
// pull secret, then the manifest. Back-off is shortened (kubelet: 10 s doubling to 5 min).
describe('the node simulator', () => {
  const prefix = uniqueName('sim');
  let plane: ControlPlaneInfo;
  let github: StandInGitHub;
  let simulator: NodeSimulator;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let tokens: { good: string; noPackages: string; revoked: string };

  beforeAll(async () => {
    plane = await sharedControlPlane();
    github = await startStandInGitHub();
    github.admin.createUser({ login: 'alice' });
    github.admin.createImage({ repository: 'alice/web', tags: ['1.0.0'] });
    const revoked = github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: ['read:packages'] });
    github.admin.revokeToken({ token: revoked });
    tokens = {
      good: github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: ['repo', 'read:packages'] }),
      noPackages: github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: ['repo', 'workflow'] }),
      revoked,
    };
    const config = loadKubeConfig(plane.kubeconfigPath);
    core = config.makeApiClient(CoreV1Api);
    apps = config.makeApiClient(AppsV1Api);
    simulator = await startNodeSimulator({
      kubeconfigPath: plane.kubeconfigPath,
      nodes: 2,
      // Other test files share this control plane: only our namespaces are ours.
      managesNamespace: (namespace) => namespace.startsWith(prefix),
      backOff: { initialMs: 400, maxMs: 1600 },
      showBackOffAfterMs: 150,
    });
  });

  afterAll(async () => {
    await simulator?.stop();
    await github?.stop();
  });

  const image = () => `${github.registryHost}/alice/web:1.0.0`;

  async function tenant(name: string, token: string | undefined): Promise<string> {
    const namespace = `${prefix}-${name}`;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    if (token) await writePullSecret(namespace, token, 'create');
    await waitFor('the default ServiceAccount', () =>
      core.readNamespacedServiceAccount({ name: 'default', namespace }).then(() => true),
    );
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              imagePullSecrets: [{ name: 'ghcr-secret' }],
              containers: [{ name: 'web', image: image() }],
            },
          },
        },
      },
    });
    return namespace;
  }

  async function writePullSecret(
    namespace: string,
    token: string,
    verb: 'create' | 'replace',
  ): Promise<void> {
    const auth = Buffer.from(`alice:${token}`).toString('base64');
    const body = {
      metadata: { name: 'ghcr-secret' },
      type: 'kubernetes.io/dockerconfigjson',
      stringData: {
        '.dockerconfigjson': JSON.stringify({
          auths: { [github.registryHost]: { username: 'alice', password: token, auth } },
        }),
      },
    };
    if (verb === 'create') await core.createNamespacedSecret({ namespace, body });
    else await core.replaceNamespacedSecret({ name: 'ghcr-secret', namespace, body });
  }

  async function onlyPod(namespace: string): Promise<V1Pod> {
    return waitFor(`one live pod in ${namespace}`, async () => {
      const pods = (await core.listNamespacedPod({ namespace })).items.filter(
        (p) => !p.metadata?.deletionTimestamp,
      );
      return pods.length === 1 ? pods[0] : undefined;
    });
  }

  async function podEvents(namespace: string, pod: string): Promise<CoreV1Event[]> {
    return (await core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${pod}` })).items;
  }

  const waitingReason = (pod: V1Pod) => pod.status?.containerStatuses?.[0]?.state?.waiting?.reason;

  it('registers Ready nodes and keeps their leases', async () => {
    for (const name of simulator.nodes) {
      const node = await core.readNode({ name });
      expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
    // The node lifecycle controller removes the not-ready taint once it sees the nodes Ready.
    await waitFor('the not-ready taints to go', async () => {
      const nodes = await Promise.all(simulator.nodes.map((name) => core.readNode({ name })));
      return nodes.every(
        (n) => !(n.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/not-ready'),
      );
    });
  });

  it('runs a pod whose pull secret lets it pull', async () => {
    const namespace = await tenant('good', tokens.good);
    const pod = await waitFor('the pod to be Running and Ready', async () => {
      const p = await onlyPod(namespace);
      return p.status?.phase === 'Running' &&
        p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? p
        : undefined;
    });
    expect(simulator.nodes).toContain(pod.spec?.nodeName);
    const container = pod.status?.containerStatuses?.[0];
    expect(container).toMatchObject({ ready: true, started: true, restartCount: 0 });
    expect(container?.imageID).toMatch(new RegExp(`^${github.registryHost}/alice/web@sha256:[a-f0-9]{64}$`));
    const reasons = (await podEvents(namespace, pod.metadata?.name ?? '')).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
  });

  it.each([
    ['a token without read:packages', 'noPackages', 'DENIED'.toLowerCase(), 'does not match expected scopes'],
    ['a revoked token', 'revoked', 'unauthorized', 'authentication required'],
  ] as const)(
    'backs off with the registry refusal for %s, and runs the same pod once the secret is fixed',
    async (_label, which, code, refusal) => {
      const namespace = await tenant(which.toLowerCase(), tokens[which]);
      const stuck = await waitFor('ImagePullBackOff', async () => {
        const p = await onlyPod(namespace);
        return waitingReason(p) === 'ImagePullBackOff' ? p : undefined;
      });
      const waiting = stuck.status?.containerStatuses?.[0]?.state?.waiting;
      console.log('DEBUG', JSON.stringify(waiting));
      expect(waiting?.message).toContain(`Back-off pulling image "${image()}": ErrImagePull:`);
      expect(waiting?.message).toContain(`${code}: `);
      expect(waiting?.message).toContain(refusal);
      expect(stuck.status?.phase).toBe('Pending');

      // kubelet retries after the back-off and aggregates the repeated Warning into one Event with a count.
      const failed = await waitFor('the pull failure event, repeated', async () => {
        const events = await podEvents(namespace, stuck.metadata?.name ?? '');
        const event = events.find(
          (e) =>
            e.type === 'Warning' && e.reason === 'Failed' && e.message?.startsWith('Failed to pull image'),
        );
        return event && (event.count ?? 0) >= 2 ? event : undefined;
      });
      expect(failed.message).toContain(`Failed to pull image "${image()}": failed to pull and unpack image`);
      expect(failed.message).toContain(refusal);
      expect(failed.source?.component).toBe('kubelet');
      console.log(
        'DEBUG',
        (await podEvents(namespace, stuck.metadata?.name ?? ''))
          .map((e) => `${e.type} ${e.reason} x${e.count} ${e.message}`)
          .join('\n'),
      );
      const reasons = (await podEvents(namespace, stuck.metadata?.name ?? '')).map(
        (e) => `${e.type}/${e.reason}/${e.message}`,
      );
      expect(reasons).toEqual(
        expect.arrayContaining([
          'Warning/Failed/Error: ErrImagePull',
          'Warning/Failed/Error: ImagePullBackOff',
          `Normal/BackOff/Back-off pulling image "${image()}"`,
        ]),
      );

      await writePullSecret(namespace, tokens.good, 'replace');
      const running = await waitFor('the same pod to run', async () => {
        const p = await onlyPod(namespace);
        return p.status?.phase === 'Running' ? p : undefined;
      });
      expect(running.metadata?.uid).toBe(stuck.metadata?.uid);
      expect(running.status?.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0 });
    },
  );

  it('says when the pull secret is missing and pulls anonymously, which a private image refuses', async () => {
    const namespace = await tenant('missing', undefined);
    const pod = await waitFor('ErrImagePull or ImagePullBackOff', async () => {
      const p = await onlyPod(namespace);
      return ['ErrImagePull', 'ImagePullBackOff'].includes(waitingReason(p) ?? '') ? p : undefined;
    });
    const events = await podEvents(namespace, pod.metadata?.name ?? '');
    expect(events.find((e) => e.reason === 'FailedToRetrieveImagePullSecret')?.message).toBe(
      'Unable to retrieve some image pull secrets (ghcr-secret); attempting to pull the image may not succeed.',
    );
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.message).toContain('pull access denied');
  });

  it('finishes a graceful pod deletion, and the ReplicaSet replacement runs', async () => {
    const namespace = await tenant('delete', tokens.good);
    const first = await waitFor('a running pod', async () => {
      const p = await onlyPod(namespace);
      return p.status?.phase === 'Running' ? p : undefined;
    });
    await core.deleteNamespacedPod({ name: first.metadata?.name ?? '', namespace }); // default grace: 30 s
    const next = await waitFor(
      'a replacement pod running, the old one gone',
      async () => {
        const pods = (await core.listNamespacedPod({ namespace })).items;
        const old = pods.some((p) => p.metadata?.uid === first.metadata?.uid);
        const fresh = pods.find(
          (p) => p.metadata?.uid !== first.metadata?.uid && p.status?.phase === 'Running',
        );
        return !old && fresh ? fresh : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(next.metadata?.name).not.toBe(first.metadata?.name);
  });
});
