import { originOf } from './url-origin.ts';

/** What an IPC message says about its sender (from IpcMainInvokeEvent), in plain values. */
export interface IpcSender {
  readonly webContentsId: number;
  /** `event.senderFrame` is null when the frame navigated away or was destroyed. */
  readonly frameUrl: string | undefined;
  readonly isMainFrame: boolean;
}

/**
 * VS Code's validatedIpcMain and GitHub Desktop's trusted-ipc-sender: a call is served only when it comes
 * from a web contents the app created, from its main frame (no iframe), showing one of the app's origins.
 */
export function isTrustedSender(
  sender: IpcSender,
  knownWebContentsIds: ReadonlySet<number>,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  if (!knownWebContentsIds.has(sender.webContentsId)) return false;
  if (!sender.isMainFrame || sender.frameUrl === undefined) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== undefined && allowedOrigins.has(origin);
}
