import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntryFieldsFragment } from '../../gql/graphql';
import { rawValue, recordPath, shownFields, useAuditLabels } from './auditView';
import './audit.css';

/** Values longer than this are cut, with a button to show them whole. */
const CLIP_AT = 120;

const ACTION_BADGES: Readonly<Record<string, string>> = {
  insert: 'badge-accepted',
  update: 'badge-consultation',
  delete: 'badge-declined',
};

type Row = Record<string, unknown>;

function asRow(value: unknown): Row | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : null;
}

/** A value, cut at CLIP_AT characters with "Show all" / "Show less". */
function ClippedValue({ text, fieldLabel, className }: { text: string; fieldLabel: string; className: string }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const long = text.length > CLIP_AT;
  return (
    <span className={className}>
      <span className="audit-value">{long && !expanded ? `${text.slice(0, CLIP_AT - 20).trimEnd()}…` : text}</span>
      {long ? (
        <button
          type="button"
          className="button-link audit-expand"
          data-testid="audit-expand"
          aria-expanded={expanded}
          aria-label={
            expanded ? t('audit.showLessNamed', { field: fieldLabel }) : t('audit.showAllNamed', { field: fieldLabel })
          }
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('audit.showLess') : t('audit.showAll')}
        </button>
      ) : null}
    </span>
  );
}

/** Query-string of the audit page filtered by `params`. */
function filterLink(params: Record<string, string>): string {
  return `/audit?${new URLSearchParams(params).toString()}`;
}

/** One recorded change: what, when, by whom, and the values before and after. */
export function AuditEntryCard({ entry }: { entry: AuditEntryFieldsFragment }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const headingId = useId();
  const before = asRow(entry.before);
  const after = asRow(entry.after);
  const fields = shownFields({ action: entry.action, before, after, changedFields: entry.changedFields });
  const entityLabel = labels.entity(entry.entity);
  const path = recordPath(entry.entity, entry.entityId);
  const heading =
    entry.action === 'update'
      ? t('audit.changed')
      : entry.action === 'delete'
        ? t('audit.removed')
        : t('audit.created');

  return (
    <article
      className="card audit-entry"
      aria-labelledby={headingId}
      data-testid="audit-entry"
      data-id={entry.id}
      data-action={entry.action}
      data-entity={entry.entity}
      data-entity-id={entry.entityId}
    >
      <h2 className="audit-title" id={headingId}>
        <span className={`badge ${ACTION_BADGES[entry.action] ?? ''}`} data-testid="audit-action">
          {labels.action(entry.action)}
        </span>{' '}
        <span data-testid="audit-entity">{entityLabel}</span>
      </h2>
      <dl className="facts audit-facts">
        <div>
          <dt>{t('audit.at')}</dt>
          <dd>
            <time dateTime={entry.at} data-testid="audit-time">
              {labels.time(entry.at)}
            </time>
          </dd>
        </div>
        <div>
          <dt>{t('audit.by')}</dt>
          <dd data-testid="audit-actor" data-actor-id={entry.actor?.id ?? ''}>
            {entry.actor ? (
              <>
                <span data-testid="audit-actor-name">{entry.actor.displayName}</span>
                {entry.actorRole ? (
                  <>
                    {' '}
                    <span className="tag tag-small" data-testid="audit-actor-role">
                      {labels.role(entry.actorRole)}
                    </span>
                  </>
                ) : null}
              </>
            ) : (
              <span title={t('audit.systemHint')}>{t('audit.system')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('audit.record')}</dt>
          <dd className="audit-id" data-testid="audit-entity-id">
            {path ? (
              <Link to={path} data-testid="audit-record-link">
                {entry.entityId}
              </Link>
            ) : (
              <code translate="no">{entry.entityId}</code>
            )}
          </dd>
        </div>
      </dl>

      <h3 className="audit-subtitle">{heading}</h3>
      {fields.length === 0 ? (
        <p className="muted small">{t('audit.noChange')}</p>
      ) : (
        <ul className="audit-changes">
          {fields.map((field) => {
            const name = labels.field(field);
            const fieldLabel = name ?? field;
            const label = name ? (
              <span className="audit-field">{name}</span>
            ) : (
              <code className="audit-field" translate="no">
                {field}
              </code>
            );
            if (entry.action === 'update') {
              const old = before?.[field];
              const now = after?.[field];
              return (
                <li
                  key={field}
                  className="audit-change"
                  data-testid="audit-change"
                  data-field={field}
                  data-before={rawValue(old)}
                  data-after={rawValue(now)}
                >
                  {label}
                  <span className="audit-pair">
                    <span className="visually-hidden">{t('audit.before')}: </span>
                    <ClippedValue
                      className="audit-before"
                      fieldLabel={fieldLabel}
                      text={labels.value(entry.entity, field, old, before)}
                    />
                    <span aria-hidden="true" className="audit-arrow">
                      →
                    </span>
                    <span className="visually-hidden"> {t('audit.changedTo')} </span>
                    <ClippedValue
                      className="audit-after"
                      fieldLabel={fieldLabel}
                      text={labels.value(entry.entity, field, now, after)}
                    />
                  </span>
                </li>
              );
            }
            const row = entry.action === 'delete' ? before : after;
            const value = row?.[field];
            return (
              <li
                key={field}
                className="audit-change"
                data-testid="audit-change"
                data-field={field}
                data-value={rawValue(value)}
              >
                {label}
                <span className="audit-pair">
                  <ClippedValue
                    className={entry.action === 'delete' ? 'audit-before' : 'audit-after'}
                    fieldLabel={fieldLabel}
                    text={labels.value(entry.entity, field, value, row)}
                  />
                </span>
              </li>
            );
          })}
        </ul>
      )}

      <p className="audit-links small">
        <Link to={filterLink({ entity: entry.entity, entityId: entry.entityId })} data-testid="audit-record-history">
          {t('audit.onlyThisRecord')}
        </Link>
        {entry.actor ? (
          <Link to={filterLink({ actor: entry.actor.id })} data-testid="audit-actor-history">
            {t('audit.onlyThisActor', { name: entry.actor.displayName })}
          </Link>
        ) : null}
        {entry.requestId ? (
          <span className="muted">
            {t('audit.request')} <code translate="no">{entry.requestId}</code>
          </span>
        ) : null}
      </p>
    </article>
  );
}
