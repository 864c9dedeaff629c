import { describe, expect, it } from 'vitest';
import { DemoUsageError, parseDemoArgs } from './demo-args.ts';

describe('the demo command line', () => {
  it('opens the panel the best way by default', () => {
    expect(parseDemoArgs([])).toEqual({ kind: 'run', options: { serve: false, open: true, port: 0 } });
  });

  it('takes serve mode, no browser and a port', () => {
    expect(parseDemoArgs(['--serve'])).toMatchObject({ options: { serve: true, open: true } });
    expect(parseDemoArgs(['--no-open'])).toMatchObject({ options: { serve: true, open: false } });
    expect(parseDemoArgs(['--port', '8080'])).toMatchObject({ options: { serve: true, port: 8080 } });
    expect(parseDemoArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseDemoArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--frobnicate'], 'ghcr-desk demo: unknown option --frobnicate. Run `npm run demo -- --help`'],
    [['-x'], 'unknown option -x.'],
    [['tenants'], 'unexpected argument tenants.'],
    [['--port'], '--port needs a value.'],
    [['--port', 'http'], '--port must be a port number (0-65535), not "http".'],
    [['--port', '70000'], 'not "70000"'],
    [['--port', '-1'], '--port'],
    [['--serve=yes'], '--serve takes no value.'],
  ])('refuses %j with a message that names it', (argv, message) => {
    expect(() => parseDemoArgs(argv)).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(argv)).toThrow(message);
  });
});
