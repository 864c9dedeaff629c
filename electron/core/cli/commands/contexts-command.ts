import { listKubeContexts, loadKubeconfig } from '../../cluster/kubeconfig-loader.ts';
import type { CliSession } from '../cli-session.ts';
import { out, printJson, table } from '../output.ts';
import { EXIT, UsageError } from '../usage-error.ts';

/** `ghcr-desk contexts [use NAME]`: the kubeconfig's contexts, names only (never credentials). */
export async function contextsCommand(session: CliSession, args: readonly string[]): Promise<number> {
  const [action, name, ...rest] = args;
  const settings = session.settings();
  const loaded = loadKubeconfig(settings.kubeconfigPath);
  if (action === undefined) {
    const list = listKubeContexts(loaded, settings.kubeContext);
    if (session.json) printJson(session.io, list);
    else {
      out(
        session.io,
        table(
          ['', 'NAME', 'CLUSTER', 'SERVER', 'USER', 'NAMESPACE'],
          list.contexts.map((c) => [
            c.name === list.active ? '*' : '',
            c.name,
            c.cluster,
            c.server,
            c.user,
            c.namespace ?? '',
          ]),
        ),
      );
      out(session.io, `\nFrom ${list.source}; ghcr-desk uses "${list.active}".`);
    }
    return EXIT.ok;
  }
  if (action !== 'use')
    throw new UsageError(`Unknown contexts action "${action}": use \`contexts\` or \`contexts use NAME\`.`);
  if (!name || rest.length > 0) throw new UsageError('contexts use needs exactly one context name.');
  if (!loaded.kubeConfig.getContextObject(name))
    throw new UsageError(
      `The context "${name}" is not in ${loaded.source}. Known: ${
        loaded.kubeConfig
          .getContexts()
          .map((c) => c.name)
          .join(', ') || 'none'
      }.`,
    );
  await session.settingsStore.update({ kubeContext: name });
  const list = listKubeContexts(loaded, name);
  if (session.json) printJson(session.io, list);
  else out(session.io, `ghcr-desk now uses the context "${name}" (Settings › kube context).`);
  return EXIT.ok;
}
