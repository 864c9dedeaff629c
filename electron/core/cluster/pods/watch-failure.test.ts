import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../kube-errors.ts';
import { describeWatchFailure } from './watch-failure.ts';

const server = 'https://k3s.example:6443';
const withStatus = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });

describe('why a pod watch stopped', () => {
  it('names the missing right for a 403, from the watch or the LIST', () => {
    expect(describeWatchFailure(server, withStatus(403, 'Forbidden'))).toMatch(
      /may not list or watch pods and events in all namespaces \(403 Forbidden\)/,
    );
    expect(describeWatchFailure(server, new KubeApiError(403, 'Forbidden', 'pods is forbidden'))).toMatch(
      /403 Forbidden\): pods is forbidden/,
    );
  });

  it('says expired credentials for a 401 and the status for anything else', () => {
    expect(describeWatchFailure(server, withStatus(401, 'Unauthorized'))).toMatch(/expired or been revoked/);
    expect(describeWatchFailure(server, withStatus(503, 'Service Unavailable'))).toBe(
      'The apiserver answered 503: Service Unavailable',
    );
  });

  it('turns transport failures into the kube client’s sentences', () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(describeWatchFailure(server, refused)).toBe(
      `Nothing answers at ${server} (connection refused). Is the cluster running, or is a VPN or tunnel needed?`,
    );
    expect(describeWatchFailure(server, new TypeError('terminated'))).toMatch(/^Cannot reach https:\/\/k3s/);
  });
});
