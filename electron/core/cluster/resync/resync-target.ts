import type { Project } from '../../../../shared/domain/cluster.ts';

/**
 * A project namespace as the re-sync needs it: its image owners (first path segments of the registry's
 * images) and its workloads. Discovery's `Project` fits as is.
 */
export type ResyncTarget = Pick<Project, 'namespace' | 'owners' | 'workloads'>;
