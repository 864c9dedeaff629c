import { randomBytes } from 'node:crypto';
import { KubeApiError, type KubeHttp } from './kube-http.ts';

export interface PodRef {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

export interface KubeletEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** e.g. `spec.containers{app}`. */
  readonly fieldPath?: string;
}

interface Recorded {
  name: string;
  count: number;
  firstTimestamp: string;
}

/**
 * Writes core/v1 Events the way kubelet's recorder does, including its aggregation: the same
 * (object, type, reason, message) again bumps `count` and `lastTimestamp` of the existing Event instead of
 * creating another (what `kubectl describe` shows as "x5 over 2m").
 */
export class KubeletEventRecorder {
  private readonly http: KubeHttp;
  private readonly recorded = new Map<string, Map<string, Recorded>>();
  private readonly now: () => Date;
  /** Events written (created or bumped), for stats. */
  written = 0;

  constructor(http: KubeHttp, now: () => Date = () => new Date()) {
    this.http = http;
    this.now = now;
  }

  /** `component` is the event source: `kubelet`, or `default-scheduler` for Scheduled. */
  async record(pod: PodRef, node: string, event: KubeletEvent, component = 'kubelet'): Promise<void> {
    const key = `${component}\u0000${event.type}\u0000${event.reason}\u0000${event.fieldPath ?? ''}\u0000${event.message}`;
    let byPod = this.recorded.get(pod.uid);
    if (!byPod) {
      byPod = new Map();
      this.recorded.set(pod.uid, byPod);
    }
    const timestamp = this.now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z'); // Events carry second precision
    const seen = byPod.get(key);
    const base = `/api/v1/namespaces/${pod.namespace}/events`;
    if (seen) {
      seen.count++;
      try {
        await this.http.request('PATCH', `${base}/${seen.name}`, {
          contentType: 'application/strategic-merge-patch+json',
          body: { count: seen.count, lastTimestamp: timestamp, message: event.message },
        });
        this.written++;
        return;
      } catch (error) {
        // Expired (event TTL) or deleted: write a fresh one below.
        if (!(error instanceof KubeApiError && error.status === 404)) throw error;
      }
    }
    const name = `${pod.name}.${randomBytes(8).toString('hex')}`;
    const count = seen?.count ?? 1;
    const firstTimestamp = seen?.firstTimestamp ?? timestamp;
    await this.http.request('POST', base, {
      body: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: pod.namespace },
        involvedObject: {
          apiVersion: 'v1',
          kind: 'Pod',
          namespace: pod.namespace,
          name: pod.name,
          uid: pod.uid,
          ...(event.fieldPath ? { fieldPath: event.fieldPath } : {}),
        },
        type: event.type,
        reason: event.reason,
        message: event.message,
        source: component === 'kubelet' ? { component, host: node } : { component },
        reportingComponent: component,
        reportingInstance: component === 'kubelet' ? node : component,
        firstTimestamp,
        lastTimestamp: timestamp,
        count,
      },
    });
    byPod.set(key, { name, count, firstTimestamp });
    this.written++;
  }

  /** The pod is gone: forget its events (they expire on the server by TTL). */
  forget(uid: string): void {
    this.recorded.delete(uid);
  }
}
