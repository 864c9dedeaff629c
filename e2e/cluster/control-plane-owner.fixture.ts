// A process that owns a control plane and then just waits: the cleanup tests kill it (SIGKILL, SIGTERM)
// and check that nothing it started survives.
import { startControlPlane } from './control-plane.ts';

const plane = await startControlPlane({ waitForControllers: false });
console.log(JSON.stringify({ pids: plane.pids(), dir: plane.dir }));
setInterval(() => {}, 60_000);
