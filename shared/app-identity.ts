/** Names shared by the main process, the renderer and the CLI. */
export const APP_NAME = 'ghcr-desk';
/** Scheme and host of the custom protocol the desktop window loads the renderer from (never file://). */
export const APP_PROTOCOL_SCHEME = 'app';
export const APP_PROTOCOL_HOST = 'ghcr-desk';
export const APP_ORIGIN = `${APP_PROTOCOL_SCHEME}://${APP_PROTOCOL_HOST}`;
