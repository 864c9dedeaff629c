import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRendererFile } from './renderer-files.ts';

describe('readRendererFile', () => {
  let root: string;
  let rendererDir: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'renderer-files-'));
    rendererDir = join(root, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<h1>ok</h1>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'export {}');
    await writeFile(join(root, 'secret.txt'), 'outside');
  });

  it('serves index.html for / and files by extension', async () => {
    expect((await readRendererFile(rendererDir, '/'))?.contentType).toBe('text/html; charset=utf-8');
    expect((await readRendererFile(rendererDir, '/assets/app.js'))?.contentType).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%E0%A4%A',
    '/index.html%00.js',
    '/missing.js',
  ])('refuses %s', async (path) => {
    expect(await readRendererFile(rendererDir, path)).toBeUndefined();
  });
});
