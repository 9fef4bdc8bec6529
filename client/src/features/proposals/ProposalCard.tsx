import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProposalCardFieldsFragment } from '../../gql/graphql';
import { CategoryTag, StatusBadge } from '../common/Badges';
import { money } from '../common/format';

/** A proposal in a list: the whole card is one link to the proposal page. */
export function ProposalCard({ proposal }: { proposal: ProposalCardFieldsFragment }) {
  const { t } = useTranslation();
  return (
    <Link to={`/proposals/${proposal.id}`} className="card card-link proposal-card" data-testid="proposal-card">
      <div className="card-meta">
        <StatusBadge status={proposal.status} />
        <CategoryTag category={proposal.category} />
      </div>
      <h2 className="card-title">{proposal.title}</h2>
      <p className="proposal-summary">{proposal.summary}</p>
      <dl className="facts">
        <div>
          <dt>{t('proposals.budget')}</dt>
          <dd className="money">{money(proposal.budget)}</dd>
        </div>
        <div>
          <dt>{t('proposals.votesLabel')}</dt>
          <dd>
            <span className="vote-pill vote-pill-support">
              {t('proposals.support')} {proposal.votes.support}
            </span>{' '}
            <span className="vote-pill vote-pill-oppose">
              {t('proposals.oppose')} {proposal.votes.oppose}
            </span>
          </dd>
        </div>
      </dl>
      <p className="muted small">
        {t('common.by', { name: proposal.author.displayName })}
        {proposal.organization ? ` · ${proposal.organization.name}` : ''} ·{' '}
        {t('proposals.comments', { count: proposal.commentCount })}
      </p>
    </Link>
  );
}
