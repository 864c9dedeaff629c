// bench/watch-cluster.ts as a child process, seen from the benchmark: its messages, its status writes.
import { fork } from 'node:child_process';
import type { ClusterMessage, ParentMessage, WriteRecord } from './watch-messages.ts';

type Message<T extends ClusterMessage['type']> = Extract<ClusterMessage, { type: T }>;

export interface ClusterProcess {
  /** Resolves with the next message of that type; rejects if the process exits first. */
  next<T extends ClusterMessage['type']>(type: T): Promise<Message<T>>;
  tell(message: ParentMessage): void;
  /** Every batch of status writes, as it arrives. */
  onWrites(listener: (writes: readonly WriteRecord[]) => void): void;
  /** Stops the churn, the node simulator and the control plane; resolves when the process is gone. */
  shutdown(): Promise<void>;
}

export function startClusterProcess(options: {
  readonly pods: string;
  readonly namespaces: string;
}): ClusterProcess {
  const child = fork(
    new URL('../watch-cluster.ts', import.meta.url),
    ['--pods', options.pods, '--namespaces', options.namespaces],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const listeners = new Set<(message: ClusterMessage) => void>();
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  child.on('message', (message: ClusterMessage) => {
    for (const listener of listeners) listener(message);
  });
  return {
    next: (type) =>
      new Promise((done, fail) => {
        const listener = (message: ClusterMessage) => {
          if (message.type !== type) return;
          listeners.delete(listener);
          done(message as Message<typeof type>);
        };
        listeners.add(listener);
        void exited.then((code) => fail(new Error(`the cluster process exited (${code})`)));
      }),
    tell: (message) => child.send(message),
    onWrites(listener) {
      listeners.add((message) => {
        if (message.type === 'writes') listener(message.writes);
      });
    },
    async shutdown() {
      if (child.exitCode === null && child.connected)
        child.send({ type: 'shutdown' } satisfies ParentMessage);
      await exited;
    },
  };
}
