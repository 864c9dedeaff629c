import { describe, expect, it } from 'vitest';
import { isTrustedSender, type IpcSender } from './trusted-sender.ts';
import { originOf } from './url-origin.ts';

const known = new Set([7]);
const allowed = new Set(['app://ghcr-desk']);
const good: IpcSender = {
  webContentsId: 7,
  frameUrl: 'app://ghcr-desk/index.html#/projects',
  isMainFrame: true,
};

describe('originOf', () => {
  it('gives custom schemes a real origin (WHATWG says "null")', () => {
    expect(new URL('app://ghcr-desk/index.html').origin).toBe('null');
    expect(originOf('app://ghcr-desk/index.html')).toBe('app://ghcr-desk');
    expect(originOf('http://127.0.0.1:5173/x?y')).toBe('http://127.0.0.1:5173');
  });

  it('has no origin for hostless or unparsable URLs', () => {
    expect(originOf('file:///etc/passwd')).toBeUndefined();
    expect(originOf('about:blank')).toBeUndefined();
    expect(originOf('not a url')).toBeUndefined();
  });
});

describe('isTrustedSender', () => {
  it('trusts the app window main frame on the app origin', () => {
    expect(isTrustedSender(good, known, allowed)).toBe(true);
  });

  it.each<[string, Partial<IpcSender>]>([
    ['an unknown web contents', { webContentsId: 8 }],
    ['a subframe', { isMainFrame: false }],
    ['a destroyed frame', { frameUrl: undefined }],
    ['another scheme', { frameUrl: 'https://ghcr-desk/index.html' }],
    ['a look-alike host', { frameUrl: 'app://ghcr-desk.evil/index.html' }],
    ['credentials before the host', { frameUrl: 'app://ghcr-desk@evil/index.html' }],
    ['a prefix match only', { frameUrl: 'app://ghcr-deskevil/' }],
    ['file://', { frameUrl: 'file:///index.html' }],
  ])('refuses %s', (_name, change) => {
    expect(isTrustedSender({ ...good, ...change }, known, allowed)).toBe(false);
  });
});
