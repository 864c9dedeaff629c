import { describe, expect, it } from 'vitest';
import { countsFromPlaywrightReport, countsFromVitestReport } from './test-report.ts';

describe('countsFromVitestReport', () => {
  it('adds pending and todo tests to skipped', () => {
    expect(
      countsFromVitestReport({
        numPassedTests: 5,
        numFailedTests: 1,
        numPendingTests: 2,
        numTodoTests: 1,
        numFailedTestSuites: 1,
      }),
    ).toEqual({
      passed: 5,
      failed: 1,
      skipped: 3,
    });
  });
  it('counts a test file that failed to load as a failure', () => {
    expect(
      countsFromVitestReport({
        numPassedTests: 5,
        numFailedTests: 0,
        numPendingTests: 0,
        numTodoTests: 0,
        numFailedTestSuites: 1,
      }).failed,
    ).toBe(1);
  });
});

describe('countsFromPlaywrightReport', () => {
  it('reads stats and counts global errors as failures', () => {
    expect(
      countsFromPlaywrightReport({
        stats: { expected: 3, unexpected: 1, skipped: 1, flaky: 0 },
        errors: [{}],
      }),
    ).toEqual({
      passed: 3,
      failed: 2,
      skipped: 1,
      skipReasons: [],
    });
  });
  it('lists why each test was skipped', () => {
    const report = {
      stats: { expected: 0, unexpected: 0, skipped: 1, flaky: 0 },
      suites: [
        {
          title: 'app.spec.ts',
          suites: [
            {
              title: 'desktop',
              specs: [
                {
                  title: 'opens',
                  tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: 'no binary' }] }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(countsFromPlaywrightReport(report).skipReasons).toEqual([
      'app.spec.ts › desktop › opens: no binary',
    ]);
  });
});
