// `npm run github:up`: the stand-in GitHub and registry with the sample tenants, for manual use.
// Prints its URLs, the OAuth app and sample tokens (stand-in tokens, worthless anywhere else) as JSON.
import { parseArgs } from 'node:util';
import { seedSampleTenants } from './sample-tenants.ts';
import { startStandInGitHub } from './stand-in-github.ts';

const { values } = parseArgs({
  options: {
    'web-port': { type: 'string', default: '0' },
    'registry-port': { type: 'string', default: '0' },
    consent: { type: 'string', default: 'page' },
  },
});

const github = await startStandInGitHub({
  webPort: Number(values['web-port']),
  registryPort: Number(values['registry-port']),
});
const sample = seedSampleTenants(github.admin);
if (values.consent === 'approve') github.admin.setConsent({ mode: 'approve' });

console.log(
  JSON.stringify(
    {
      githubUrl: github.webUrl,
      apiUrl: github.apiUrl,
      registryUrl: github.registryUrl,
      registryHost: github.registryHost,
      admin: `${github.webUrl}/_admin/ (POST JSON to /_admin/<method>)`,
      oauthApp: sample.app,
      sampleTokens: sample.tokens,
    },
    null,
    2,
  ),
);
console.log('stand-in GitHub is up; Ctrl-C stops it');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void github.stop().then(() => process.exit(0));
  });
}
