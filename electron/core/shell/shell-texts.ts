import type { Language } from '../../../shared/domain/app.ts';
import type { PullErrorNotice } from './pull-error-notifier.ts';

export type ShellLanguage = Exclude<Language, 'system'>;

/** The UI language for main-process texts: the setting, or the OS locale when it says "system". */
export function shellLanguage(setting: Language, systemLocale: string): ShellLanguage {
  if (setting !== 'system') return setting;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Tray tooltip. The renderer has its own i18n; these few main-process strings live here. */
export function trayTooltip(language: ShellLanguage, broken: number): string {
  if (language === 'zh-CN')
    return broken === 0 ? 'ghcr-desk — 一切正常' : `ghcr-desk — ${broken} 个项目有问题`;
  if (broken === 0) return 'ghcr-desk — nothing broken';
  return `ghcr-desk — ${broken} broken ${broken === 1 ? 'project' : 'projects'}`;
}

export function pullErrorNotification(
  language: ShellLanguage,
  notice: PullErrorNotice,
): { title: string; body: string } {
  const [first = ''] = notice.namespaces;
  const many = notice.namespaces.length > 1;
  const listed = notice.namespaces.slice(0, 3).join(language === 'zh-CN' ? '、' : ', ');
  const more = notice.namespaces.length > 3 ? '…' : '';
  if (language === 'zh-CN')
    return many
      ? {
          title: `${notice.namespaces.length} 个项目出现镜像拉取错误`,
          body: `${listed}${more}。打开 ghcr-desk 查看原因。`,
        }
      : {
          title: `${first} 出现镜像拉取错误`,
          body: `${notice.pods} 个 Pod 无法拉取镜像。打开 ghcr-desk 重新连接或重新同步。`,
        };
  return many
    ? {
        title: `Pull errors in ${notice.namespaces.length} projects`,
        body: `${listed}${more}. Open ghcr-desk to see why.`,
      }
    : {
        title: `Pull errors in ${first}`,
        body: `${notice.pods} ${notice.pods === 1 ? 'pod cannot' : 'pods cannot'} pull its image. Open ghcr-desk to reconnect or re-sync.`,
      };
}
