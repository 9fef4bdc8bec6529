import { useQuery } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AuditLogDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { startOfDay } from '../common/format';
import { Loading } from '../common/Loading';
import { PagedList } from '../common/PagedList';
import { SelectField } from '../common/SelectField';
import { SignInPrompt } from '../common/SignInPrompt';
import { TextField } from '../common/TextField';
import { isFundSide } from '../participation/roles';
import { AuditEntryCard } from './AuditEntryCard';
import { AUDIT_ACTIONS, AUDITED_ENTITIES, isAuditAction, isAuditedEntity, useAuditLabels } from './auditView';
import './audit.css';

const PAGE_SIZE = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters as they stand in the address (so a filtered view can be reloaded and shared). */
interface Filters {
  entity: string;
  action: string;
  actor: string;
  entityId: string;
  from: string;
  to: string;
}

const FILTER_NAMES = ['entity', 'action', 'actor', 'entityId', 'from', 'to'] as const;

function readFilters(params: URLSearchParams): Filters {
  const get = (name: string) => params.get(name)?.trim() ?? '';
  const entity = get('entity');
  const action = get('action');
  const from = get('from');
  const to = get('to');
  return {
    entity: isAuditedEntity(entity) ? entity : '',
    action: isAuditAction(action) ? action : '',
    actor: get('actor'),
    entityId: get('entityId'),
    from: DATE.test(from) ? from : '',
    to: DATE.test(to) ? to : '',
  };
}

/** The start of the day after the chosen local day: `to` includes the whole day it names. */
function dayAfter(dateInput: string): string {
  const date = new Date(`${dateInput}T00:00:00`);
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

function FilterForm({ initial, onApply }: { initial: Filters; onApply: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const [draft, setDraft] = useState(initial);
  const active = FILTER_NAMES.filter((name) => initial[name] !== '').length;
  // Open on wider screens and whenever a filter is set; on a phone the list comes first.
  const [open, setOpen] = useState(() => active > 0 || window.matchMedia('(min-width: 40rem)').matches);
  const set = (name: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  const entityOptions = AUDITED_ENTITIES.map((e) => ({ value: e, label: labels.entity(e) }));

  return (
    <details className="card audit-filters-box" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="audit-filters-summary" data-testid="audit-filters-toggle">
        {t('audit.filters')}
        {active > 0 ? <span className="tag tag-small">{t('audit.activeFilters', { count: active })}</span> : null}
      </summary>
      <form
        className="filters audit-filters"
        aria-label={t('audit.filters')}
        data-testid="audit-filters"
        onSubmit={onSubmit}
      >
        <div className="form-row">
          <SelectField
            label={t('audit.entity')}
            value={draft.entity}
            emptyOption={t('audit.anyEntity')}
            options={entityOptions}
            onChange={set('entity')}
            testId="audit-filter-entity"
          />
          <SelectField
            label={t('audit.action')}
            value={draft.action}
            emptyOption={t('audit.anyAction')}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: labels.action(a) }))}
            onChange={set('action')}
            testId="audit-filter-action"
          />
          <TextField
            label={t('audit.entityId')}
            optional
            value={draft.entityId}
            onChange={set('entityId')}
            limit={LIMITS.searchText}
            autoComplete="off"
            testId="audit-filter-entity-id"
          />
          <TextField
            label={t('audit.actorId')}
            optional
            hint={t('audit.actorIdHint')}
            value={draft.actor}
            onChange={set('actor')}
            limit={{ max: 36 }}
            autoComplete="off"
            testId="audit-filter-actor"
          />
          <TextField
            label={t('audit.from')}
            optional
            type="date"
            value={draft.from}
            max={draft.to || undefined}
            onChange={set('from')}
            testId="audit-filter-from"
          />
          <TextField
            label={t('audit.to')}
            optional
            type="date"
            value={draft.to}
            min={draft.from || undefined}
            onChange={set('to')}
            testId="audit-filter-to"
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" data-testid="audit-filter-apply">
            {t('audit.apply')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            data-testid="audit-filter-reset"
            onClick={() => onApply({ entity: '', action: '', actor: '', entityId: '', from: '', to: '' })}
          >
            {t('audit.reset')}
          </button>
        </div>
      </form>
    </details>
  );
}

function AuditLogList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);

  const { data, loading, error, refetch, fetchMore } = useQuery(AuditLogDocument, {
    variables: {
      entity: filters.entity || null,
      action: filters.action || null,
      actorId: filters.actor || null,
      entityId: filters.entityId || null,
      from: filters.from ? startOfDay(filters.from) : null,
      to: filters.to ? dayAfter(filters.to) : null,
      first: PAGE_SIZE,
      after: null,
    },
    notifyOnNetworkStatusChange: true,
  });

  function apply(next: Filters) {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        for (const name of FILTER_NAMES) {
          const value = next[name].trim();
          if (value) updated.set(name, value);
          else updated.delete(name);
        }
        return updated;
      },
      { replace: true },
    );
  }

  const log = data?.auditLog;
  const page = log
    ? { nodes: log.nodes, pageInfo: { hasNextPage: log.hasNextPage, endCursor: log.endCursor } }
    : undefined;

  return (
    <>
      {/* Remounted when the address changes (a link to one record's history), so the form shows what is applied. */}
      <FilterForm key={params.toString()} initial={filters} onApply={apply} />
      <div className="stack" data-testid="audit-list">
        <PagedList
          page={page}
          loading={loading}
          error={error}
          onRetry={() => void refetch()}
          onLoadMore={(after) =>
            fetchMore({
              variables: { after },
              updateQuery: (previous, { fetchMoreResult }) => ({
                ...previous,
                auditLog: {
                  ...fetchMoreResult.auditLog,
                  nodes: [
                    ...previous.auditLog.nodes,
                    ...fetchMoreResult.auditLog.nodes.filter(
                      (n) => !previous.auditLog.nodes.some((p) => p.id === n.id),
                    ),
                  ],
                },
              }),
            })
          }
          empty={t('audit.empty')}
          renderItem={(entry) => <AuditEntryCard entry={entry} />}
        />
      </div>
    </>
  );
}

/** /audit: the audit trail for GOVERNMENT and FUND_ADMIN (the server refuses everyone else). */
export function AuditTrail() {
  const { t } = useTranslation();
  const { viewer, loading } = useViewer();
  if (loading) return <Loading />;
  if (!viewer) return <SignInPrompt from="/audit" why={t('audit.signInWhy')} />;
  if (!isFundSide(viewer)) {
    return (
      <p className="notice" data-testid="audit-not-allowed">
        {t('audit.notAllowed')}
      </p>
    );
  }
  return <AuditLogList />;
}
