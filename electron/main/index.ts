import { join } from 'node:path';
import { app, BrowserWindow, Menu, shell } from 'electron';
import trayIcon from '../../resources/icon.png?asset';
import { ENGINE_PARTS } from '../core/engine/engine-parts.ts';
import { clusterEngine } from '../core/host/cluster-engine.ts';
import { createDeskHost } from '../core/host/desk-host.ts';
import { defaultProfileDir } from '../core/settings/profile-dir.ts';
import { applicationMenuTemplate } from '../core/shell/menu-template.ts';
import { openWindowStateFile } from '../core/shell/window-state.ts';
import { registerAppScheme, serveRendererOverAppScheme } from './app-protocol.ts';
import { startDesktopSignals } from './desktop-signals.ts';
import { allowedRendererOrigins, hardenAllWebContents } from './hardening.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { createMainWindow } from './main-window.ts';

// electron-vite sets this only in `dev`; packaged and built runs load the app protocol.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const development = !app.isPackaged;

// One profile for the desktop app, the CLI and serve mode (GHCR_DESK_PROFILE: the demo's throwaway one).
const profileDir = defaultProfileDir();
app.setPath('userData', profileDir);
app.setAppUserModelId('io.github.ghcr-desk'); // Windows attributes notifications to the app by this id

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  const showWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(() => {
    const allowedOrigins = allowedRendererOrigins(devServerUrl);
    hardenAllWebContents(allowedOrigins);
    serveRendererOverAppScheme(join(import.meta.dirname, '../renderer'));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(applicationMenuTemplate({ development, platform: process.platform })),
    );
    const host = createDeskHost({
      profileDir,
      version: app.getVersion(),
      engine: clusterEngine({
        ...ENGINE_PARTS,
        openBrowser: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK: the engine vets every URL first: http(s) on the configured GitHub origin only (vettedOpener)
      }),
    });
    const ipc = registerIpcHandlers(host, allowedOrigins);
    const windowState = openWindowStateFile(profileDir);
    const openWindow = () => {
      mainWindow = createMainWindow(devServerUrl, windowState);
      ipc.attach(mainWindow.webContents);
    };
    openWindow();
    const signals = startDesktopSignals(host, { iconPath: trayIcon, showWindow });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
    app.once('will-quit', () => {
      signals.dispose();
      ipc.dispose();
      void host.close();
    });
  });
}
