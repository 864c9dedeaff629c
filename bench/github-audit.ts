// How many GitHub requests a scope audit of 200 projects' pull-secret tokens owned by 20 logins makes,
// first run and re-check, against the stand-in GitHub. Prints JSON.
// Run: bash scripts/run.sh node bench/github-audit.ts [--projects 200] [--logins 20]
import { parseArgs } from 'node:util';
import { startStandInGitHub } from '../e2e/github/stand-in-github.ts';
import { createScopeAuditor } from '../electron/core/github/scope-audit.ts';
import { setLogSink } from '../electron/core/log/logger.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../shared/domain/github.ts';

const { values } = parseArgs({
  options: { projects: { type: 'string', default: '200' }, logins: { type: 'string', default: '20' } },
});
const projects = Number(values.projects);
const loginCount = Number(values.logins);
setLogSink(() => undefined);

const github = await startStandInGitHub();
try {
  const logins = Array.from({ length: loginCount }, (_, i) => `tenant-${i}`);
  const tokenOf = logins.map((login) => {
    github.admin.createUser({ login });
    return github.admin.mintToken({ login, kind: 'oauth', scopes: [...DEFAULT_REQUIRED_SCOPES] });
  });
  // Each project's pull secret holds its owner's token: projects are spread over the logins.
  const projectTokens = Array.from({ length: projects }, (_, i) => tokenOf[i % loginCount] as string);
  const auditor = createScopeAuditor({ apiUrl: github.apiUrl });

  const measure = async () => {
    github.admin.resetCounters();
    const started = performance.now();
    const health = await auditor.audit(projectTokens, DEFAULT_REQUIRED_SCOPES);
    const { apiRequests, apiNotModified } = github.admin.counters();
    return {
      githubRequests: apiRequests,
      notModified: apiNotModified,
      tokensChecked: health.size,
      ms: Math.round(performance.now() - started),
    };
  };
  const first = await measure();
  const recheck = await measure();
  console.log(
    JSON.stringify(
      { projects, logins: loginCount, distinctTokens: new Set(projectTokens).size, first, recheck },
      null,
      2,
    ),
  );
} finally {
  await github.stop();
}
