/**
 * The application menu as plain data (Electron's MenuItemConstructorOptions accepts it as is), so the
 * rule "reload and devtools only in development" is testable without Electron.
 */
export type MenuRole =
  | 'appMenu'
  | 'fileMenu'
  | 'editMenu'
  | 'windowMenu'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen';

export interface MenuItemSpec {
  readonly role?: MenuRole;
  readonly label?: string;
  readonly type?: 'separator' | 'submenu';
  readonly submenu?: MenuItemSpec[];
}

export function applicationMenuTemplate(options: {
  readonly development: boolean;
  readonly platform: NodeJS.Platform;
}): MenuItemSpec[] {
  const view: MenuItemSpec[] = [
    ...(options.development
      ? ([
          { role: 'reload' },
          { role: 'forceReload' },
          { role: 'toggleDevTools' },
          { type: 'separator' },
        ] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' } as const] : [{ role: 'fileMenu' } as const]),
    // Copy and paste in text fields need the Edit menu's accelerators on macOS.
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
