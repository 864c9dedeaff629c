import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const invoked: [string, unknown][] = [];
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => (
      invoked.push([channel, input]),
      { ok: true, data: null }
    ),
    on: (channel: string, listener: (...args: unknown[]) => void) =>
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      listeners.get(channel)?.delete(listener),
  },
}));

await import('./index.ts');
const desk = exposed.get('desk') as {
  invoke(call: unknown, input: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
};

/** Every module the preload pulls in, following relative imports; bare specifiers are collected apart. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)) {
      if (!specifier) continue;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files], packages: [...packages] };
}

describe('preload bridge', () => {
  it('is frozen and offers invoke and on only', () => {
    expect(Object.isFrozen(desk)).toBe(true);
    expect(Object.keys(desk).sort()).toEqual(['invoke', 'on']);
  });

  it('passes contract calls to their channel and refuses other names without touching IPC', async () => {
    await desk.invoke('app.status', {});
    expect(invoked).toEqual([['desk:call:app.status', {}]]);
    expect(await desk.invoke('ipc:raw', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(invoked).toHaveLength(1);
  });

  it('delivers event payloads without the IPC event object, and unsubscribes', () => {
    const seen: unknown[] = [];
    const unsubscribe = desk.on('onStatusChanged', (payload: unknown) => seen.push(payload));
    const [forward] = listeners.get('desk:event:onStatusChanged') ?? [];
    forward?.({ sender: 'secret internals' }, { version: '1' });
    expect(seen).toEqual([{ version: '1' }]);
    unsubscribe();
    expect(listeners.get('desk:event:onStatusChanged')?.size).toBe(0);
    expect(() => desk.on('desk:call:app.status', () => undefined)).toThrow(TypeError);
  });

  it('imports nothing but electron: a sandboxed preload cannot require packages', () => {
    const { files, packages } = importGraph(join(import.meta.dirname, 'index.ts'));
    expect(packages).toEqual(['electron']);
    expect(files.map((file) => file.replace(resolve('.') + '/', '')).sort()).toEqual([
      'electron/preload/index.ts',
      'shared/contract/names.ts',
    ]);
  });
});
