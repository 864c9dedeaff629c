// What bench/watch.ts and its cluster process (bench/watch-cluster.ts) say to each other over IPC.

/** A status write: namespace, pod, restartCount, ready, when it was sent and when the apiserver answered. */
export type WriteRecord = readonly [string, string, number, boolean, number, number];

export type ClusterMessage =
  | {
      readonly type: 'ready';
      readonly kubeconfigPath: string;
      readonly namespaces: readonly string[];
      /** Replicas of the one Deployment in each namespace. */
      readonly podsPerNamespace: number;
      /** The stand-in GitHub (web) and registry the pods pull from: the product's settings. */
      readonly githubUrl: string;
      readonly registryUrl: string;
    }
  | { readonly type: 'writes'; readonly writes: readonly WriteRecord[] }
  | { readonly type: 'churn-stopped'; readonly statusWrites: number };

export type ParentMessage =
  | { readonly type: 'churn'; readonly perSecond: number }
  | { readonly type: 'stop-churn' }
  | { readonly type: 'shutdown' };

/** One pod state as both sides name it: a write and the batch that carried it meet on this key. */
export const podStateKey = (namespace: string, name: string, restarts: number, ready: boolean) =>
  `${namespace}/${name}/${restarts}/${ready ? 1 : 0}`;
