import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../shared/domain/cluster.ts';
import type { ResyncOptions, ResyncScope } from '../../../shared/domain/resync.ts';
import { filterProjects, filtersFromParams } from '../projects/project-filters.ts';

type ScopeKind = 'all' | 'filtered' | 'owner' | 'namespaces';

/**
 * Step 1: which projects (all, the Projects screen's filter, one owner, or the projects named in the
 * link) and how (restart stuck workloads, force, recreate, add references).
 */
export function ScopeForm({
  params,
  projects,
  restartByDefault,
  busy,
  onPlan,
}: {
  params: URLSearchParams;
  projects: readonly Project[] | undefined;
  restartByDefault: boolean;
  busy: boolean;
  onPlan: (options: ResyncOptions) => void;
}) {
  const { t } = useTranslation();
  const named = (params.get('ns') ?? '').split(',').filter(Boolean);
  const initial = params.get('scope');
  const [kind, setKind] = useState<ScopeKind>(
    initial === 'filtered' || initial === 'owner' || (initial === 'namespaces' && named.length > 0)
      ? initial
      : 'all',
  );
  const owners = [...new Set(projects?.flatMap((project) => project.owners))].sort();
  const [owner, setOwner] = useState(params.get('owner') ?? owners[0] ?? '');
  const [restartStuck, setRestartStuck] = useState(restartByDefault);
  const [force, setForce] = useState(false);
  const [allowRecreate, setAllowRecreate] = useState(false);
  const [addReferences, setAddReferences] = useState(false);
  const filtered = projects
    ? filterProjects(projects, filtersFromParams(params)).map((p) => p.namespace)
    : undefined;

  const scope = (): ResyncScope | undefined => {
    switch (kind) {
      case 'all':
        return { kind: 'all' };
      case 'owner':
        return owner ? { kind: 'owner', owner } : undefined;
      case 'filtered':
        return filtered && filtered.length > 0 ? { kind: 'namespaces', namespaces: filtered } : undefined;
      case 'namespaces':
        return { kind: 'namespaces', namespaces: named };
    }
  };
  const chosen = scope();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onPlan({ scope: chosen, restartStuck, force, allowRecreate, addReferences });
  };

  return (
    <form className="form" onSubmit={submit}>
      <fieldset>
        <legend>{t('resync.scope')}</legend>
        <label className="choice">
          <input type="radio" name="scope" checked={kind === 'all'} onChange={() => setKind('all')} />
          {t('resync.scopeAll')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="scope"
            checked={kind === 'filtered'}
            onChange={() => setKind('filtered')}
            disabled={!filtered}
          />
          {t('resync.scopeFiltered', { count: filtered?.length ?? 0 })}
        </label>
        <label className="choice">
          <input type="radio" name="scope" checked={kind === 'owner'} onChange={() => setKind('owner')} />
          {t('resync.scopeOwner')}
          <input
            aria-label={t('resync.owner')}
            list="resync-owners"
            value={owner}
            spellCheck={false}
            onChange={(event) => {
              setOwner(event.target.value.trim());
              setKind('owner');
            }}
          />
          <datalist id="resync-owners">
            {owners.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        {named.length > 0 && (
          <label className="choice">
            <input
              type="radio"
              name="scope"
              checked={kind === 'namespaces'}
              onChange={() => setKind('namespaces')}
            />
            {t('resync.scopeNamed', { namespaces: named.join(', ') })}
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('resync.options')}</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={restartStuck}
            onChange={(event) => setRestartStuck(event.target.checked)}
          />
          {t('resync.restartStuck')}
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={addReferences}
            onChange={(event) => setAddReferences(event.target.checked)}
          />
          {t('resync.addReferences')}
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={allowRecreate}
            onChange={(event) => setAllowRecreate(event.target.checked)}
          />
          {t('resync.allowRecreate')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} />
          {t('resync.force')}
        </label>
      </fieldset>
      <button type="submit" className="button-primary" disabled={busy || !chosen}>
        {busy ? t('resync.planning') : t('resync.makePlan')}
      </button>
    </form>
  );
}
