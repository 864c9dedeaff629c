// The preload is the only bridge between the sandboxed renderer and the main process. It exposes a
// frozen, typed API on `window.desk` and never the raw ipcRenderer.
import { contextBridge } from 'electron';
import { APP_NAME } from '../../shared/app-identity.ts';

contextBridge.exposeInMainWorld('desk', Object.freeze({ appName: APP_NAME }));
