import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFileAtomic } from '../settings/json-file.ts';

const WINDOW_STATE_SCHEMA = z.object({
  x: z.int().optional(),
  y: z.int().optional(),
  width: z.int().min(400).max(32_000),
  height: z.int().min(300).max(32_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WINDOW_STATE_SCHEMA>;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/** How much of the window's top edge must lie on a display for the user to grab it. */
const GRAB_WIDTH = 100;
const GRAB_HEIGHT = 40;

/**
 * The remembered bounds, made safe for the displays there are now: a window saved on a monitor that is
 * gone would open off-screen, so its position is dropped (the OS centres it) and its size capped.
 */
export function visibleWindowState(saved: WindowState, workAreas: readonly Rect[]): WindowState {
  const largest = workAreas.reduce<Rect | undefined>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    undefined,
  );
  const width = largest ? Math.min(saved.width, largest.width) : saved.width;
  const height = largest ? Math.min(saved.height, largest.height) : saved.height;
  const { x, y } = saved;
  const grabbable =
    x !== undefined &&
    y !== undefined &&
    workAreas.some(
      (area) =>
        x + width - GRAB_WIDTH >= area.x &&
        x + GRAB_WIDTH <= area.x + area.width &&
        y >= area.y &&
        y + GRAB_HEIGHT <= area.y + area.height,
    );
  return grabbable
    ? { x, y, width, height, maximized: saved.maximized }
    : { width, height, maximized: saved.maximized };
}

export interface WindowStateFile {
  read(): WindowState;
  save(state: WindowState): Promise<void>;
}

/** `<profile>/window-state.json`; anything unreadable means the defaults. */
export function openWindowStateFile(profileDir: string): WindowStateFile {
  const path = join(profileDir, 'window-state.json');
  return {
    read() {
      const content = readJsonFile(path);
      const parsed = content.kind === 'parsed' ? WINDOW_STATE_SCHEMA.safeParse(content.value) : undefined;
      return parsed?.success ? parsed.data : DEFAULT_WINDOW_STATE;
    },
    save: (state) => writeJsonFileAtomic(path, WINDOW_STATE_SCHEMA.parse(state)),
  };
}
