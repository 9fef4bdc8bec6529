import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SupportNeedDocument, type NeedCardFieldsFragment } from '../../gql/graphql';
import { CategoryTag, StatusBadge } from '../common/Badges';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDate } from '../common/format';
import '../participation/participation.css';

interface NeedCardProps {
  need: NeedCardFieldsFragment;
  canSupport: boolean;
}

export function NeedCard({ need, canSupport }: NeedCardProps) {
  const { t, i18n } = useTranslation();
  const [supportNeed, { loading, error }] = useMutation(SupportNeedDocument, {
    variables: { needId: need.id },
  });
  const titleId = `need-${need.id}-title`;

  return (
    <article id={`need-${need.id}`} className="card need-card" aria-labelledby={titleId} data-testid="need-card">
      <div className="card-meta">
        <CategoryTag category={need.category} />
        <span className={`badge badge-need-${need.status.toLowerCase()}`}>{t(`needStatus.${need.status}`)}</span>
      </div>
      <h2 id={titleId} className="card-title">
        {need.title}
      </h2>
      <p className="need-description">{need.description}</p>
      <p className="muted small">
        {need.neighborhood ? need.neighborhood.name : t('needs.anyNeighborhood')} ·{' '}
        {t('common.by', { name: need.author.displayName })} ·{' '}
        <time dateTime={need.createdAt}>{formatDate(need.createdAt, i18n.language)}</time>
      </p>
      <section aria-labelledby={`${titleId}-proposals`} data-testid="need-proposals">
        <h3 id={`${titleId}-proposals`} className="small">
          {t('participation.needLinks.title')}
        </h3>
        {need.proposals.length === 0 ? (
          <p className="muted small">{t('participation.needLinks.none')}</p>
        ) : (
          <ul className="need-proposals">
            {need.proposals.map((p) => (
              <li key={p.id} data-testid="need-proposal">
                <Link to={`/proposals/${p.id}`}>{p.title}</Link> <StatusBadge status={p.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="card-actions">
        <span className="support-count" aria-live="polite">
          {t('needs.supportCount', { count: need.supportCount })}
        </span>
        {canSupport ? (
          <button
            type="button"
            className={`button ${need.viewerHasSupported ? 'button-done' : 'button-primary'} button-small`}
            disabled={need.viewerHasSupported || loading}
            aria-label={need.viewerHasSupported ? undefined : t('needs.supportNamed', { title: need.title })}
            onClick={() => void supportNeed().catch(() => undefined)}
          >
            {need.viewerHasSupported ? `✓ ${t('needs.supported')}` : t('needs.support')}
          </button>
        ) : null}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </article>
  );
}
