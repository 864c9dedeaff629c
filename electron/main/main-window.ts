import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { APP_NAME, APP_ORIGIN } from '../../shared/app-identity.ts';
import { createLogger } from '../core/log/logger.ts';
import { visibleWindowState, type WindowStateFile } from '../core/shell/window-state.ts';

const log = createLogger('window');
const SAVE_DELAY_MS = 500;

export function createMainWindow(
  devServerUrl: string | undefined,
  stateFile: WindowStateFile,
): BrowserWindow {
  const state = visibleWindowState(
    stateFile.read(),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 560,
    title: APP_NAME,
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK: exposes only the frozen contract bridge
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick', // middle-click must not open links in new windows
    },
  });
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  rememberWindowState(window, stateFile);
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

/** Saves the normal (unmaximized) bounds and the maximized flag, debounced, and once more on close. */
function rememberWindowState(window: BrowserWindow, stateFile: WindowStateFile): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    stateFile.save({ ...bounds, maximized: window.isMaximized() }).catch((error: unknown) => {
      log.warn('could not save the window state', { error: String(error) });
    });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  for (const change of ['resize', 'move', 'maximize', 'unmaximize'] as const)
    window.on(change as 'resize', later);
  window.on('close', save);
}
