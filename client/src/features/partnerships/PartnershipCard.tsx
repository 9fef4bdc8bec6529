import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RespondToPartnershipDocument, type PartnershipFieldsFragment } from '../../gql/graphql';
import { PartnershipStatusBadge } from '../common/Badges';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDate } from '../common/format';
import { RespondButtons } from '../common/RespondButtons';
import { OrganizationLink } from '../organizations/OrganizationLink';

/** One partnership: who, what each side commits, when; accept/decline for the side that was asked. */
export function PartnershipCard({
  partnership: p,
  headingLevel = 2,
}: {
  partnership: PartnershipFieldsFragment;
  /** The card's title is an h2 in the directory, an h3 under a section heading. */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { t, i18n } = useTranslation();
  const [respond, { loading, error }] = useMutation(RespondToPartnershipDocument, {
    refetchQueries: ['Partnerships'],
  });
  const date = (iso: string | null | undefined): string | null => (iso ? formatDate(iso, i18n.language) : null);
  const from = date(p.startsOn);
  const to = date(p.endsOn);
  const titleId = `partnership-${p.id}-title`;

  return (
    <article className="card partnership-card" data-testid="partnership" aria-labelledby={titleId}>
      <div className="card-meta">
        <PartnershipStatusBadge status={p.status} />
        <span className="tag">{t(`partnershipKind.${p.kind}`)}</span>
      </div>
      <Heading className="card-title" id={titleId}>
        {p.title}
      </Heading>
      <p>
        <OrganizationLink organization={p.organization} />{' '}
        <span className="muted small">
          · {p.proposedByFund ? t('partnerships.proposedByFund') : t('partnerships.proposedByOrg')}
        </span>
      </p>
      <p className="market-text">{p.commitments}</p>
      <dl className="facts">
        {from || to ? (
          <div>
            <dt>{t('partnerships.period')}</dt>
            <dd>
              {from ?? '…'} – {to ?? t('partnerships.openEnded')}
            </dd>
          </div>
        ) : null}
        {p.proposal ? (
          <div>
            <dt>{t('partnerships.proposal')}</dt>
            <dd>
              <Link to={`/proposals/${p.proposal.id}`}>{p.proposal.title}</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      {p.viewerCan.respond ? (
        <RespondButtons
          subject={p.title}
          busy={loading}
          testIdPrefix="partnership"
          onRespond={(accept) => void respond({ variables: { partnershipId: p.id, accept } }).catch(() => undefined)}
        />
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </article>
  );
}
