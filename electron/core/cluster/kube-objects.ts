/**
 * The parts of Kubernetes objects the engine reads, as the API sends them (raw JSON, no model classes).
 * Everything is optional: objects written by other tools may lack fields, and reading must not crash on that.
 */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
  readonly creationTimestamp?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly ownerReferences?: readonly {
    readonly kind: string;
    readonly name: string;
    readonly uid?: string;
    readonly controller?: boolean;
  }[];
}

export interface LocalObjectReference {
  readonly name?: string;
}

export interface Container {
  readonly name: string;
  readonly image?: string;
}

export interface PodSpec {
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly imagePullSecrets?: readonly LocalObjectReference[];
  readonly serviceAccountName?: string;
  readonly serviceAccount?: string;
}

export interface PodTemplateSpec {
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: PodSpec;
}

export interface WorkloadObject {
  readonly metadata: ObjectMeta;
  readonly spec?: { readonly paused?: boolean; readonly template?: PodTemplateSpec };
}

export interface NamespaceObject {
  readonly metadata: ObjectMeta;
  readonly status?: { readonly phase?: string };
}

export interface SecretObject {
  readonly metadata: ObjectMeta;
  readonly type?: string;
  readonly immutable?: boolean;
  /** base64 values. */
  readonly data?: Readonly<Record<string, string>>;
}

export interface ServiceAccountObject {
  readonly metadata: ObjectMeta;
  readonly imagePullSecrets?: readonly LocalObjectReference[];
}

export interface ContainerStatus {
  readonly name: string;
  readonly image?: string;
  readonly ready?: boolean;
  readonly restartCount?: number;
  readonly state?: {
    readonly waiting?: { readonly reason?: string; readonly message?: string };
    readonly running?: { readonly startedAt?: string };
    readonly terminated?: { readonly reason?: string };
  };
}

export interface PodObject {
  readonly metadata: ObjectMeta;
  readonly spec?: PodSpec;
  readonly status?: {
    readonly phase?: string;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
    readonly containerStatuses?: readonly ContainerStatus[];
    readonly initContainerStatuses?: readonly ContainerStatus[];
  };
}

export interface ReplicaSetObject {
  readonly metadata: ObjectMeta;
}

export interface EventObject {
  readonly metadata: ObjectMeta;
  readonly type?: string;
  readonly reason?: string;
  readonly message?: string;
  readonly count?: number;
  readonly lastTimestamp?: string;
  readonly eventTime?: string;
  readonly firstTimestamp?: string;
  readonly series?: { readonly count?: number; readonly lastObservedTime?: string };
  readonly involvedObject?: { readonly kind?: string; readonly name?: string; readonly namespace?: string };
}

/** Collection paths of the workload kinds that pull images for a project. */
export const WORKLOAD_PATHS = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
} as const;
