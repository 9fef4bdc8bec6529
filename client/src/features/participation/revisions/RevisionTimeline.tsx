import { formatMoney } from '@commonweal/shared';
import { useTranslation } from 'react-i18next';
import type { RevisionFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../common/format';
import { Citations } from './Citations';
import { WordDiff } from './WordDiff';

const FIELDS = ['title', 'summary', 'body', 'budgetMinor'] as const;
type Field = (typeof FIELDS)[number];

function isField(value: string): value is Field {
  return (FIELDS as readonly string[]).includes(value);
}

/** A budget as it was and as it is, from the minor units the server records as decimal strings. */
function money(minor: string, currency: string): string {
  return /^-?\d+$/.test(minor) ? formatMoney(minor, currency) : minor;
}

function Change({ change, currency }: { change: RevisionFieldsFragment['changes'][number]; currency: string }) {
  const { t } = useTranslation();
  const label = isField(change.field) ? t(`participation.revisions.field.${change.field}`) : change.field;
  return (
    <div className="revision-change" data-testid="revision-change" data-field={change.field}>
      <dt>{label}</dt>
      <dd>
        {change.field === 'budgetMinor' ? (
          <p className="diff">
            <del>
              <span className="visually-hidden">{t('participation.revisions.before')}: </span>
              {money(change.before, currency)}
            </del>{' '}
            →{' '}
            <ins>
              <span className="visually-hidden">{t('participation.revisions.after')}: </span>
              {money(change.after, currency)}
            </ins>
          </p>
        ) : (
          <WordDiff before={change.before} after={change.after} />
        )}
      </dd>
    </div>
  );
}

/** "You said, we changed": each revision, newest first, with its reason, field diffs and cited voices. */
export function RevisionTimeline({
  revisions,
  currency,
}: {
  revisions: readonly RevisionFieldsFragment[];
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  if (revisions.length === 0) return <p className="empty">{t('participation.revisions.empty')}</p>;
  const newestFirst = [...revisions].sort((a, b) => b.number - a.number);
  return (
    <ol className="revision-list" data-testid="revision-timeline">
      {newestFirst.map((r) => (
        <li key={r.id}>
          <article
            id={`revision-${r.id}`}
            className="revision"
            data-testid="revision"
            aria-labelledby={`revision-${r.id}-title`}
          >
            <h3 id={`revision-${r.id}-title`}>{t('participation.revisions.number', { number: r.number })}</h3>
            <p className="muted small">
              {t('participation.revisions.by', { name: r.editor.displayName })} ·{' '}
              <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, i18n.language)}</time>
            </p>
            <h4 className="small">{t('participation.revisions.reason')}</h4>
            <p className="feedback-body" data-testid="revision-reason">
              {r.reason}
            </p>
            <h4 className="small">{t('participation.revisions.changes')}</h4>
            <dl className="revision-changes">
              {r.changes.map((c) => (
                <Change key={c.field} change={c} currency={currency} />
              ))}
            </dl>
            <Citations comments={r.citedComments} feedback={r.citedFeedback} />
          </article>
        </li>
      ))}
    </ol>
  );
}
