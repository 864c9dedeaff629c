/** Counts read from the JSON reports of Vitest and Playwright, for the final line of `npm test`. */
export interface Counts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** "title: reason" of each skipped test, where the report says why. */
  readonly skipReasons?: readonly string[];
}

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

export function countsFromVitestReport(json: unknown): Counts {
  const report = json as VitestJsonReport;
  // A test file that fails to load has no failed test but one failed suite: count it, or it would vanish.
  const brokenFiles = report.numFailedTests === 0 ? report.numFailedTestSuites : 0;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

interface PlaywrightSuite {
  title: string;
  suites?: PlaywrightSuite[];
  specs?: {
    title: string;
    tests: { status: string; annotations: { type: string; description?: string }[] }[];
  }[];
}
interface PlaywrightJsonReport {
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  errors?: unknown[];
  suites?: PlaywrightSuite[];
}

function* skippedSpecs(suites: readonly PlaywrightSuite[], path: readonly string[]): Generator<string> {
  for (const suite of suites) {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'skipped') continue;
        const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
        yield `${[...here, spec.title].join(' › ')}: ${reason}`;
      }
    }
    yield* skippedSpecs(suite.suites ?? [], here);
  }
}

export function countsFromPlaywrightReport(json: unknown): Counts {
  const { stats, errors = [], suites = [] } = json as PlaywrightJsonReport;
  // Flaky = failed once, passed on retry: reported as passed, but retries are off, so it stays 0.
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + errors.length,
    skipped: stats.skipped,
    skipReasons: [...skippedSpecs(suites, [])],
  };
}
