import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { registerAppScheme, serveRendererOverAppScheme } from './app-protocol.ts';
import { allowedRendererOrigins, hardenAllWebContents } from './hardening.ts';
import { createMainWindow } from './main-window.ts';

// electron-vite sets this only in `dev`; packaged and built runs load the app protocol.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(() => {
    hardenAllWebContents(allowedRendererOrigins(devServerUrl));
    serveRendererOverAppScheme(join(import.meta.dirname, '../renderer'));
    mainWindow = createMainWindow(devServerUrl);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(devServerUrl);
    });
  });
}
