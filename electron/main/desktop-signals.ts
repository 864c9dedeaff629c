import { app, Menu, nativeImage, Notification, Tray } from 'electron';
import type { DeskHost } from '../core/host/desk-host.ts';
import { createBrokenProjectsTracker } from '../core/shell/broken-projects-tracker.ts';
import { createPullErrorNotifier } from '../core/shell/pull-error-notifier.ts';
import {
  pullErrorNotification,
  shellLanguage,
  trayTooltip,
  type ShellLanguage,
} from '../core/shell/shell-texts.ts';
import { createLogger } from '../core/log/logger.ts';

const log = createLogger('shell');
const forever = new AbortController().signal;

/**
 * Tray icon and badge with the count of broken projects, and an OS notification when a project's pods
 * enter pull errors. The deciding logic lives in core/shell; this only turns its answers into Electron calls.
 */
export function startDesktopSignals(
  host: DeskHost,
  options: { readonly iconPath: string; readonly showWindow: () => void },
): { dispose(): void } {
  const tracker = createBrokenProjectsTracker();
  const notifier = createPullErrorNotifier();

  async function language(): Promise<ShellLanguage> {
    const { settings } = await host.handlers['settings.get']({}, { transport: 'ipc', signal: forever });
    return shellLanguage(settings.language, app.getLocale());
  }

  let tray: Tray | undefined;
  try {
    tray = new Tray(nativeImage.createFromPath(options.iconPath).resize({ width: 22, height: 22 }));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'ghcr-desk', click: options.showWindow },
        { type: 'separator' },
        { role: 'quit' },
      ]),
    );
    tray.on('click', options.showWindow);
    void language().then((lang) => tray?.setToolTip(trayTooltip(lang, 0)));
  } catch (error) {
    // Some Linux desktops have no status area; the badge and notifications still work.
    log.warn('no tray icon', { error: String(error) });
  }

  const unsubscribe = host.events.subscribe((event) => {
    const broken = tracker.apply(event);
    const notice = notifier.apply(event);
    if (broken === undefined && notice === undefined) return;
    void language().then((lang) => {
      if (broken !== undefined) {
        app.setBadgeCount(broken);
        tray?.setToolTip(trayTooltip(lang, broken));
      }
      if (notice && Notification.isSupported()) {
        const notification = new Notification(pullErrorNotification(lang, notice));
        notification.on('click', options.showWindow);
        notification.show();
      }
    });
  });

  return {
    dispose() {
      unsubscribe();
      tray?.destroy();
    },
  };
}
