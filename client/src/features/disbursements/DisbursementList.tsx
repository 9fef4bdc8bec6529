import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { DisbursementsDocument, type DisbursementFieldsFragment } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { ErrorNotice } from '../common/ErrorNotice';
import { Loading } from '../common/Loading';
import { WithCurrentFund } from '../funds/WithCurrentFund';
import { isFundSide } from '../proposals/proposalView';
import { DisbursementItem } from './DisbursementItem';

/** The fund's payments: requests awaiting approval (fund's side), the approved history, rejected requests. */
export function DisbursementList() {
  return <WithCurrentFund>{(fund) => <Disbursements fundId={fund.id} />}</WithCurrentFund>;
}

function Disbursements({ fundId }: { fundId: string }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const { data, loading, error, refetch } = useQuery(DisbursementsDocument, { variables: { fundId } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const all = [...(data?.disbursements ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const of = (status: DisbursementFieldsFragment['status']) => all.filter((d) => d.status === status);
  const fundSide = isFundSide(viewer?.role);
  const pending = of('PENDING_APPROVAL');
  const rejected = of('REJECTED');

  return (
    <div className="stack-lg">
      {fundSide || pending.length > 0 ? (
        <Group
          id="pending"
          title={t('disbursements.pendingTitle')}
          intro={t('disbursements.pendingIntro')}
          empty={t('disbursements.noPending')}
          items={pending}
        />
      ) : null}
      <Group
        id="approved"
        title={t('disbursements.approvedTitle')}
        intro={t('disbursements.approvedIntro')}
        empty={t('disbursements.noApproved')}
        items={of('APPROVED')}
      />
      {rejected.length > 0 ? (
        <Group id="rejected" title={t('disbursements.rejectedTitle')} empty="" items={rejected} />
      ) : null}
    </div>
  );
}

function Group({
  id,
  title,
  intro,
  empty,
  items,
}: {
  id: string;
  title: string;
  intro?: string;
  empty: string;
  items: readonly DisbursementFieldsFragment[];
}) {
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title} <span className="count-pill">{items.length}</span>
      </h2>
      {intro ? <p className="muted small">{intro}</p> : null}
      {items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="item-list">
          {items.map((d) => (
            <DisbursementItem key={d.id} disbursement={d} showProposal />
          ))}
        </ul>
      )}
    </section>
  );
}
