// The preload is the only bridge between the sandboxed renderer and the main process. It exposes a
// frozen `window.desk` limited to the contract's names and never the raw ipcRenderer. It imports the
// names alone (no zod, no runtime package): a sandboxed preload can require nothing but electron.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcCallChannel, ipcEventChannel, isCallName, isEventName } from '../../shared/contract/names.ts';

const desk = Object.freeze({
  invoke(call: unknown, input: unknown): Promise<unknown> {
    if (!isCallName(call))
      return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: 'Unknown call.' } });
    return ipcRenderer.invoke(ipcCallChannel(call), input);
  },
  on(event: unknown, listener: unknown): () => void {
    if (!isEventName(event) || typeof listener !== 'function') throw new TypeError('Unknown event.');
    const channel = ipcEventChannel(event);
    // The renderer sees the payload only, never the IpcRendererEvent (it exposes `sender`).
    const forward = (_event: IpcRendererEvent, payload: unknown) =>
      (listener as (payload: unknown) => void)(payload);
    ipcRenderer.on(channel, forward);
    return () => void ipcRenderer.removeListener(channel, forward);
  },
});

contextBridge.exposeInMainWorld('desk', desk);
