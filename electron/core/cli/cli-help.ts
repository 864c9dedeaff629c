import type { Command } from './cli-args.ts';

const GLOBAL_OPTIONS = `Options for every command:
  --json                 machine-readable output on stdout (one JSON document)
  --kubeconfig PATH      kubeconfig file (default: Settings, $KUBECONFIG, ~/.kube/config, /etc/rancher/k3s/k3s.yaml)
  --context NAME         kube context (default: Settings, else the kubeconfig's current-context)
  --github-url URL       https://github.com or a GitHub Enterprise Server URL
  --registry-url URL     https://ghcr.io or another registry with the same token protocol
  --profile DIR          settings, accounts and activity log folder (default: $GHCR_DESK_PROFILE or ~/.config/ghcr-desk)
  -h, --help             this help`;

const EXIT_CODES = `Exit codes: 0 nothing to fix · 1 findings or failed items · 2 usage or environment error (nothing changed)`;

export const MAIN_HELP = `ghcr-desk — find tenant projects stuck on ghcr.io pulls, fix their pull secrets, restart them.

Usage: ghcr-desk <command> [options]

Commands:
  audit                        every project: owner, pull secret state, the token inside, pods
  resync                       re-sync pull secrets from the keychain's tokens (plan, confirm, apply)
  accounts list|add|remove|check
                               GitHub accounts whose tokens are in the OS keychain
  login [--login NAME]         connect (or reconnect) a GitHub account through the browser
  contexts [use NAME]          the kubeconfig's contexts; switch the one ghcr-desk uses
  serve [--port N]             the panel in your browser on 127.0.0.1

${GLOBAL_OPTIONS}

${EXIT_CODES}
Run \`ghcr-desk <command> --help\` for a command's options.`;

const COMMAND_HELP: Record<Command, string> = {
  audit: `Usage: ghcr-desk audit [options]

Lists every project of the kube context: namespace, owner, images, the pull secret's state
(ok, missing, stale, foreign, malformed, wrong-type, unreferenced), the health of the token inside it
(one GitHub request per distinct token), pods ready/total and pull errors. Changes nothing.
Exit 1 when any project needs fixing.`,
  resync: `Usage: ghcr-desk resync (--owner LOGIN | --namespace NS... | --all) [options]

Plans the re-sync of the pull secrets in scope (what would change, checked by a server-side dry run),
asks for confirmation, then applies it and reports per namespace.

  --owner LOGIN          the projects whose images belong to LOGIN
  --namespace NS         these namespaces (repeat the option for several)
  --all                  every project
  --dry-run              show the plan only
  --concurrency N        writes in flight (1-32; default: Settings › re-sync concurrency)
  --restart              then restart the workloads stuck on pull errors
  --yes, -y              do not ask (required when stdin is not a terminal)
  --force                write tokens that lack required scopes
  --allow-recreate       delete and recreate wrong-type or immutable secrets
Exit 1 when an item failed or was skipped; with --dry-run, when anything would change.`,
  accounts: `Usage: ghcr-desk accounts <list | add | remove LOGIN | check [LOGIN]> [options]

  list                   accounts in the keychain with their last health check
  add                    store a personal access token (classic) read from stdin — never from an argument
                         (e.g. \`ghcr-desk accounts add < token.txt\`; on a terminal it is asked for, unechoed)
    --allow-missing-scopes   store it even if it lacks required scopes
  remove LOGIN           delete the account's token from the keychain
  check [LOGIN]          ask GitHub again (scopes, revoked…)
Exit 1 when an account is unhealthy or the token was not stored.`,
  login: `Usage: ghcr-desk login [--login NAME] [options]

Opens the browser for a GitHub login (loopback redirect, PKCE); with --login, GitHub is asked for that
account and a token of anyone else is refused. The token's scopes are checked before it is stored in
the keychain. The browser is $BROWSER, else xdg-open/open; the URL is printed too. Needs the OAuth App's
client ID in Settings and its secret in the keychain (set both in the panel).`,
  contexts: `Usage: ghcr-desk contexts [use NAME] [options]

Lists the kubeconfig's contexts (the active one is marked); \`use NAME\` makes NAME the context ghcr-desk
uses (Settings › kube context).`,
  serve: `Usage: ghcr-desk serve [--port N] [--open] [options]

Runs the panel on http://127.0.0.1:PORT with this engine and prints its URL (with a one-time token) once.
--open also opens it in the browser. Needs the built renderer (\`npm run build\`). Ctrl+C stops it.`,
};

export function commandHelp(command: Command): string {
  return `${COMMAND_HELP[command]}\n\n${GLOBAL_OPTIONS}\n\n${EXIT_CODES}`;
}
