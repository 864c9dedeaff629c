// The one file that touches ipcMain: it registers exactly the contract's calls and forwards its events.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_NAMES, ipcCallChannel, ipcEventChannel } from '../../shared/contract/names.ts';
import { fail, type Result } from '../../shared/contract/result.ts';
import { dispatchCall } from '../core/contract/dispatch-call.ts';
import { isTrustedSender, type IpcSender } from '../core/contract/trusted-sender.ts';
import { originOf } from '../core/contract/url-origin.ts';
import type { DeskHost } from '../core/host/desk-host.ts';
import { createLogger } from '../core/log/logger.ts';

const log = createLogger('ipc');

export interface IpcRegistration {
  /** Lets this window's main frame call and receive events (only windows the app created). */
  attach(contents: WebContents): void;
  dispose(): void;
}

function describeSender(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame; // null once the frame navigated away or was destroyed
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

/**
 * Every call goes through the same checks: a known web contents, its main frame, an app origin (parsed,
 * never prefix-matched); then zod parsing, the handler and a Result, exactly as in serve mode.
 */
export function registerIpcHandlers(host: DeskHost, allowedOrigins: ReadonlySet<string>): IpcRegistration {
  const windows = new Map<number, { contents: WebContents; closed: AbortController }>();

  for (const call of CALL_NAMES) {
    ipcMain.handle(ipcCallChannel(call), (event, input: unknown): Promise<Result<unknown>> => {
      const sender = describeSender(event);
      const window = windows.get(sender.webContentsId);
      if (!window || !isTrustedSender(sender, new Set(windows.keys()), allowedOrigins)) {
        log.warn('refused a call from an untrusted sender', {
          call,
          origin: originOf(sender.frameUrl ?? ''),
        });
        return Promise.resolve(fail('forbidden', 'This sender may not use the ghcr-desk API.'));
      }
      return dispatchCall(host.handlers, call, input, { transport: 'ipc', signal: window.closed.signal });
    });
  }

  const unsubscribe = host.events.subscribe((event) => {
    for (const { contents } of windows.values()) {
      if (contents.isDestroyed()) continue;
      const origin = originOf(contents.getURL());
      if (origin === undefined || !allowedOrigins.has(origin)) continue; // never push to a foreign page
      contents.send(ipcEventChannel(event.name), event.payload);
    }
  });

  return {
    attach(contents) {
      const closed = new AbortController();
      windows.set(contents.id, { contents, closed });
      contents.once('destroyed', () => {
        windows.delete(contents.id);
        closed.abort();
      });
    },
    dispose() {
      unsubscribe();
      for (const call of CALL_NAMES) ipcMain.removeHandler(ipcCallChannel(call));
      for (const { closed } of windows.values()) closed.abort();
      windows.clear();
    },
  };
}
