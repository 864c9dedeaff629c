import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './cli-args.ts';
import { UsageError } from './usage-error.ts';

function refusal(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('takes global options anywhere and command options for their command', () => {
    const parsed = parseCommandLine([
      '--json',
      'resync',
      '--owner',
      'alice',
      '--context',
      'prod',
      '--namespace',
      'a',
      '--namespace',
      'b',
      '-y',
    ]);
    expect(parsed.command).toBe('resync');
    expect(parsed.options).toMatchObject({
      json: true,
      owner: 'alice',
      context: 'prod',
      namespace: ['a', 'b'],
      yes: true,
    });
    expect(parseCommandLine(['contexts', 'use', 'prod']).args).toEqual(['use', 'prod']);
  });

  it('refuses unknown commands and options, and options of another command', () => {
    expect(refusal(['deploy'])).toMatch(/Unknown command "deploy"/);
    expect(refusal(['audit', '--frob'])).toMatch(/Unknown option '--frob'/);
    expect(refusal(['audit', '--owner', 'alice'])).toMatch(/--owner does not apply to "audit"/);
    expect(refusal(['resync', '--concurrency'])).toMatch(/argument missing/);
  });

  it('refuses a token anywhere on the command line without repeating it', () => {
    const token = 'ghp_' + 'A1b2C3d4'.repeat(4) + 'zz';
    for (const argv of [
      ['accounts', 'add', token],
      ['accounts', 'add', `--token=${token}`],
      ['accounts', 'add', '--token', 'x'],
      ['login', '--login', `github_pat_11ABCDEFG${'x'.repeat(40)}`],
    ]) {
      const message = refusal(argv);
      expect(message).toMatch(/never takes a token as an argument/);
      expect(message).not.toContain(token);
    }
  });
});
