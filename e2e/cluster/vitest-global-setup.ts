import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startControlPlane, type ControlPlane, type ControlPlaneInfo } from './control-plane.ts';

/**
 * Vitest globalSetup of the integration project: one control plane per test run, shared by every test
 * file, started lazily by the first file that asks (a run of only keychain tests pays nothing) and
 * stopped at teardown. Test files ask through a tiny HTTP endpoint on 127.0.0.1 whose address is
 * `provide`d: they run in worker processes, this runs in Vitest's main process.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  let starting: Promise<ControlPlane> | undefined;
  const broker = createServer((request, response) => {
    if (request.url !== '/control-plane') {
      response.writeHead(404).end();
      return;
    }
    starting ??= startControlPlane({ log: (line) => console.error(`[control plane] ${line}`) });
    starting.then(
      (plane) => {
        const info: ControlPlaneInfo = {
          version: plane.version,
          dir: plane.dir,
          server: plane.server,
          kubeconfigPath: plane.kubeconfigPath,
          restrictedKubeconfigPath: plane.restrictedKubeconfigPath,
          combinedKubeconfigPath: plane.combinedKubeconfigPath,
          restrictedUser: plane.restrictedUser,
          kubectl: plane.kubectl,
          caFile: plane.caFile,
          etcdUrl: plane.etcdUrl,
          logDir: plane.logDir,
        };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(info));
      },
      // Every file gets the same error; the start is not retried within the run.
      (error: unknown) => response.writeHead(500).end(error instanceof Error ? error.message : String(error)),
    );
  });
  // A cold binary build can take ten minutes: no server-side timeout on the one request that waits for it.
  broker.requestTimeout = 0;
  broker.headersTimeout = 0;
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  broker.unref();
  project.provide('ghcrDeskControlPlaneBroker', `http://127.0.0.1:${(broker.address() as AddressInfo).port}`);
  return async () => {
    broker.close();
    const plane = await starting?.catch(() => undefined);
    await plane?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where test files ask for the run's shared control plane (see shared-control-plane.ts). */
    ghcrDeskControlPlaneBroker: string;
  }
}
