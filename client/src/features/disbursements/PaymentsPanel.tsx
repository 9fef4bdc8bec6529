import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequestDisbursementDocument } from '../../gql/graphql';
import { AmountField, useAmountInput } from '../common/AmountField';
import { formErrors } from '../common/errors';
import { money } from '../common/format';
import { FormSubmit } from '../common/FormSubmit';
import { TextField } from '../common/TextField';
import type { ProposalView } from '../proposals/proposalView';
import { DisbursementItem } from './DisbursementItem';

/**
 * Payments of a project in progress: what is left of the award to pay out, the requests and payments the
 * viewer may see, the request form (FUND_ADMIN) and approve/reject (GOVERNMENT) per the server's flags.
 */
export function PaymentsPanel({ proposal }: { proposal: ProposalView }) {
  const { t } = useTranslation();
  const underway = proposal.status === 'IN_PROGRESS' || proposal.status === 'COMPLETED';
  const list = [...proposal.disbursements].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (!underway && list.length === 0 && !proposal.viewerCan.requestDisbursement) return null;
  const currency = proposal.fund.currency;

  return (
    <section className="card" data-testid="payments-panel" aria-labelledby="payments-title">
      <h2 id="payments-title">{t('disbursements.panelTitle')}</h2>
      <dl className="details">
        {proposal.awardedBid ? (
          <div>
            <dt>{t('disbursements.awarded')}</dt>
            <dd className="money">{money(proposal.awardedBid.amount)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('disbursements.paid')}</dt>
          <dd className="money">{money(proposal.spent)}</dd>
        </div>
        <div>
          <dt>{t('disbursements.remaining')}</dt>
          <dd className="money money-large" data-testid="remaining-to-disburse">
            {money(proposal.remainingToDisburse)}
          </dd>
        </div>
      </dl>
      <p className="muted small">{t('disbursements.panelHint')}</p>
      {list.length === 0 ? (
        <p className="empty">{t('disbursements.none')}</p>
      ) : (
        <ul className="item-list" aria-live="polite" aria-relevant="additions">
          {list.map((d) => (
            <DisbursementItem key={d.id} disbursement={d} />
          ))}
        </ul>
      )}
      {proposal.viewerCan.requestDisbursement ? (
        <RequestForm
          proposalId={proposal.id}
          currency={currency}
          remainingMinor={proposal.remainingToDisburse.minorUnits}
        />
      ) : null}
      <p className="small">
        <Link to="/disbursements">{t('disbursements.allPayments')} →</Link>
      </p>
    </section>
  );
}

function RequestForm({
  proposalId,
  currency,
  remainingMinor,
}: {
  proposalId: string;
  currency: string;
  remainingMinor: number;
}) {
  const { t } = useTranslation();
  const amount = useAmountInput('disbursement-request-amount', currency, {
    min: 1,
    max: Math.max(remainingMinor, 1),
  });
  const [memo, setMemo] = useState('');
  const [done, setDone] = useState(false);
  const [request, { loading, error }] = useMutation(RequestDisbursementDocument, {
    refetchQueries: ['Disbursements'],
  });
  const errors = formErrors(error, ['amountMinor', 'memo']);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const amountMinor = amount.take();
    if (amountMinor === null) return;
    const result = await request({ variables: { input: { proposalId, amountMinor, memo: memo.trim() } } }).catch(
      () => null,
    );
    if (result?.data) {
      amount.reset();
      setMemo('');
      setDone(true);
    }
  }

  return (
    <form className="form action-block" onSubmit={onSubmit} aria-labelledby="request-title">
      <h3 id="request-title">{t('disbursements.requestTitle')}</h3>
      <p className="muted small">
        {t('disbursements.requestIntro', { remaining: money({ minorUnits: remainingMinor, currency }) })}
      </p>
      <AmountField
        label={t('disbursements.amountLabel')}
        amount={amount}
        currency={currency}
        error={errors.field('amountMinor')}
        testId="disbursement-request-amount"
      />
      <TextField
        label={t('disbursements.memoLabel')}
        hint={t('disbursements.memoHint')}
        rows={2}
        required
        limit={LIMITS.disbursementMemo}
        value={memo}
        onChange={setMemo}
        error={errors.field('memo')}
        testId="disbursement-request-memo"
      />
      <FormSubmit
        label={t('disbursements.requestSubmit')}
        loading={loading}
        error={error}
        showError={errors.general}
        success={done ? t('disbursements.requested') : null}
        testId="disbursement-request-submit"
      />
    </form>
  );
}
