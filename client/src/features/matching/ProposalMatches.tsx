import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ProposalMatchesDocument } from '../../gql/graphql';
import { OrganizationTypeTag } from '../common/Badges';
import { OrganizationLink } from '../organizations/OrganizationLink';
import { MatchReasons } from './MatchReasons';

/** Organizations that fit a proposal (sponsors while it takes sponsorships, deliverers until bidding closes). */
export function ProposalMatches({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const { data } = useQuery(ProposalMatchesDocument, { variables: { id: proposalId } });
  const matches = data?.proposal?.matches ?? [];
  if (matches.length === 0) return null;
  return (
    <section className="card" aria-labelledby="matches-title" data-testid="proposal-matches">
      <h2 id="matches-title">{t('matching.whoFits')}</h2>
      <p className="muted small">{t('matching.whoFitsIntro')}</p>
      <ol className="match-list">
        {matches.map((m) => (
          <li key={m.organization.id} className="market-item" data-testid="match">
            <div className="market-item-head">
              <OrganizationLink organization={m.organization} /> <OrganizationTypeTag type={m.organization.type} />
              <span className="count-pill" title={t('matching.score')}>
                {m.score}
              </span>
            </div>
            <MatchReasons reasons={m.reasons} />
          </li>
        ))}
      </ol>
    </section>
  );
}
