import type { PodCounts, WorkloadKind, WorkloadRef } from '../../../../shared/domain/cluster.ts';
import type { SecretObject, ServiceAccountObject, WorkloadObject } from '../kube-objects.ts';
import { emptyPodCounts, podCountsByNamespace } from '../pod-state.ts';
import type { ClusterSnapshot } from './cluster-snapshot.ts';
import { imageSource } from './image-reference.ts';

/** How projects are recognised (from the settings). */
export interface DiscoveryRules {
  /** Host of the registry URL setting: `ghcr.io`, or `127.0.0.1:<port>` for a stand-in. */
  readonly registryHost: string;
  /** Settings › namespace name pattern (a regular expression); empty: any name. */
  readonly namespaceNamePattern: string;
  readonly secretName: string;
}

/** A project before its pull secret and tokens are judged. */
export interface DiscoveredProject {
  readonly namespace: string;
  /** Distinct owners, the one with the most workloads first (ties: alphabetical): owners[0] is the owner. */
  readonly owners: readonly string[];
  readonly images: readonly string[];
  readonly workloads: readonly WorkloadRef[];
  readonly secret?: SecretObject;
  readonly pods: PodCounts;
}

const KIND_ORDER: Record<WorkloadKind, number> = { Deployment: 0, StatefulSet: 1, DaemonSet: 2 };

function templateImages(workload: WorkloadObject): string[] {
  const spec = workload.spec?.template?.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].flatMap((c) =>
    c.image ? [c.image] : [],
  );
}

/**
 * Does the workload's pod get the pull secret? Either its template lists it, or the template lists no
 * pull secret at all and its service account does (the ServiceAccount admission plugin copies the account's
 * imagePullSecrets into such pods only).
 */
function referencesSecret(
  workload: WorkloadObject,
  secretName: string,
  accounts: ReadonlyMap<string, ServiceAccountObject>,
): boolean {
  const spec = workload.spec?.template?.spec;
  const listed = spec?.imagePullSecrets ?? [];
  if (listed.length > 0) return listed.some((ref) => ref.name === secretName);
  const account = accounts.get(spec?.serviceAccountName || spec?.serviceAccount || 'default');
  return account?.imagePullSecrets?.some((ref) => ref.name === secretName) ?? false;
}

/**
 * Projects from a snapshot: namespaces (selected by label server-side, by name pattern here) with at least
 * one Deployment, StatefulSet or DaemonSet pulling from the registry host. Pure, so a thousand namespaces
 * are grouped in memory rather than asked for one by one.
 */
export function discoverProjects(snapshot: ClusterSnapshot, rules: DiscoveryRules): DiscoveredProject[] {
  const pattern = rules.namespaceNamePattern ? new RegExp(rules.namespaceNamePattern) : undefined;
  const registry = rules.registryHost.toLowerCase();
  const selected = new Set(
    snapshot.namespaces.map((ns) => ns.metadata.name).filter((name) => (pattern ? pattern.test(name) : true)),
  );
  const byNamespace = <T extends { metadata: { namespace?: string } }>(items: readonly T[]) => {
    const grouped = new Map<string, T[]>();
    for (const item of items) {
      const namespace = item.metadata.namespace ?? '';
      if (!selected.has(namespace)) continue;
      const list = grouped.get(namespace) ?? [];
      list.push(item);
      grouped.set(namespace, list);
    }
    return grouped;
  };
  const secrets = new Map(
    snapshot.secrets
      .filter((s) => s.metadata.name === rules.secretName)
      .map((s) => [s.metadata.namespace ?? '', s]),
  );
  const accounts = byNamespace(snapshot.serviceAccounts);
  const workloads = new Map<string, { kind: WorkloadKind; object: WorkloadObject }[]>();
  for (const workload of snapshot.workloads) {
    const namespace = workload.object.metadata.namespace ?? '';
    if (!selected.has(namespace)) continue;
    const list = workloads.get(namespace) ?? [];
    list.push(workload);
    workloads.set(namespace, list);
  }
  const pods = podCountsByNamespace(snapshot.pods.filter((p) => selected.has(p.metadata.namespace ?? '')));

  const projects: DiscoveredProject[] = [];
  for (const [namespace, candidates] of workloads) {
    const accountsHere = new Map((accounts.get(namespace) ?? []).map((sa) => [sa.metadata.name, sa]));
    const owners = new Map<string, number>();
    const images = new Set<string>();
    const refs: WorkloadRef[] = [];
    const sorted = [...candidates].sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.object.metadata.name.localeCompare(b.object.metadata.name),
    );
    for (const { kind, object } of sorted) {
      const ownersHere = new Set<string>();
      for (const image of templateImages(object)) {
        const source = imageSource(image);
        if (source?.registry !== registry) continue;
        images.add(image);
        ownersHere.add(source.owner);
      }
      if (ownersHere.size === 0) continue;
      for (const owner of ownersHere) owners.set(owner, (owners.get(owner) ?? 0) + 1);
      refs.push({
        kind,
        name: object.metadata.name,
        ...(kind === 'Deployment' ? { paused: object.spec?.paused === true } : {}),
        referencesPullSecret: referencesSecret(object, rules.secretName, accountsHere),
      });
    }
    if (refs.length === 0) continue;
    const secret = secrets.get(namespace);
    projects.push({
      namespace,
      owners: [...owners].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([owner]) => owner),
      images: [...images].sort(),
      workloads: refs,
      ...(secret ? { secret } : {}),
      pods: pods.get(namespace) ?? emptyPodCounts(),
    });
  }
  return projects.sort((a, b) => a.namespace.localeCompare(b.namespace));
}
