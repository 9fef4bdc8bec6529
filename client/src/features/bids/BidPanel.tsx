import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AwardBidDocument,
  OpenBiddingDocument,
  SubmitBidDocument,
  WithdrawBidDocument,
  type BidFieldsFragment,
} from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { AmountField, useAmountInput } from '../common/AmountField';
import { BidStatusBadge } from '../common/Badges';
import { Countdown } from '../common/Countdown';
import { formErrors } from '../common/errors';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime, money } from '../common/format';
import { FormSubmit } from '../common/FormSubmit';
import { TextField } from '../common/TextField';
import { OrganizationLink } from '../organizations/OrganizationLink';
import { isFundSide, type ProposalView } from '../proposals/proposalView';
import { WindowForm } from '../proposals/WindowForm';

const PLAN_EXCERPT = 140;

function excerpt(text: string): string {
  return text.length > PLAN_EXCERPT ? `${text.slice(0, PLAN_EXCERPT)}…` : text;
}

/**
 * Bidding on a proposal: the deadline, the public bid count, the viewer's (or, for the fund's side, every)
 * sealed bid, the award, and the forms to open bidding and to bid.
 */
export function BidPanel({ proposal }: { proposal: ProposalView }) {
  const { t, i18n } = useTranslation();
  const { viewer } = useViewer();
  const [openBidding, opening] = useMutation(OpenBiddingDocument);
  const can = proposal.viewerCan;
  const { status, awardedBid, biddingClosesAt } = proposal;
  const started = status === 'BIDDING' || status === 'IN_PROGRESS' || status === 'COMPLETED';
  // Beyond the public award: the bids only this viewer may see (their organization's, or all for the fund's side).
  const sealed = proposal.bids.filter((b) => b.id !== awardedBid?.id);
  if (!started && !can.openBidding && proposal.bids.length === 0 && !awardedBid) return null;
  const fundSide = isFundSide(viewer?.role);

  return (
    <section className="card" data-testid="bid-panel" aria-labelledby="bids-title">
      <h2 id="bids-title">{t('bids.title')}</h2>

      {can.openBidding ? (
        <>
          <p className="muted small">{t('bids.openIntro')}</p>
          <WindowForm
            label={t('bids.closesOn')}
            submitLabel={t('bids.open')}
            busy={opening.loading}
            testId="open-bidding"
            onSubmit={(closesAt) =>
              void openBidding({ variables: { proposalId: proposal.id, biddingClosesAt: closesAt } }).catch(
                () => undefined,
              )
            }
          />
          {opening.error ? <ErrorNotice error={opening.error} /> : null}
        </>
      ) : null}

      {started ? (
        <dl className="details">
          {biddingClosesAt ? (
            <div>
              <dt>{t('bids.closesAt')}</dt>
              <dd>
                <time dateTime={biddingClosesAt}>{formatDateTime(biddingClosesAt, i18n.language)}</time>
                {status === 'BIDDING' ? (
                  <>
                    {' · '}
                    <Countdown until={biddingClosesAt} testId="bid-countdown" />
                  </>
                ) : null}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('bids.count')}</dt>
            <dd data-testid="bid-count">{proposal.bidCount}</dd>
          </div>
        </dl>
      ) : null}

      {can.award ? (
        <p className="notice" role="status">
          {t('bids.awardNow')}
        </p>
      ) : null}

      {awardedBid ? (
        <div className="awarded" data-testid="awarded-bid">
          <h3>{t('bids.awardedTo')}</h3>
          <p className="awarded-org">
            <OrganizationLink organization={awardedBid.organization} />
          </p>
          <p className="market-figures">
            <span className="money money-large">{money(awardedBid.amount)}</span>{' '}
            <span className="tag tag-small">{t('bids.days', { count: awardedBid.durationDays })}</span>
          </p>
          <p className="market-text">{awardedBid.plan}</p>
        </div>
      ) : null}

      {sealed.length > 0 ? (
        <BidTable bids={sealed} caption={fundSide ? t('bids.compare') : t('bids.yours')} />
      ) : fundSide && started && !awardedBid ? (
        <p className="empty">{t('bids.none')}</p>
      ) : null}
      {status === 'BIDDING' ? <p className="muted small">{t('bids.sealedHint')}</p> : null}

      {can.bid ? <BidForm proposalId={proposal.id} currency={proposal.fund.currency} /> : null}
    </section>
  );
}

function BidTable({ bids, caption }: { bids: readonly BidFieldsFragment[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="bid-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bids.organization')}</th>
            <th scope="col">{t('bids.amount')}</th>
            <th scope="col">{t('bids.duration')}</th>
            <th scope="col">{t('bids.plan')}</th>
            <th scope="col">{t('bids.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('bids.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {bids.map((bid) => (
            <BidRow key={bid.id} bid={bid} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BidRow({ bid }: { bid: BidFieldsFragment }) {
  const { t } = useTranslation();
  const [award, awarding] = useMutation(AwardBidDocument, { refetchQueries: ['FundCounts'] });
  const [withdraw, withdrawing] = useMutation(WithdrawBidDocument);
  const busy = awarding.loading || withdrawing.loading;
  const error = awarding.error ?? withdrawing.error;
  return (
    <tr data-testid="bid">
      <th scope="row" data-label={t('bids.organization')}>
        <OrganizationLink organization={bid.organization} />
      </th>
      <td data-label={t('bids.amount')} className="money">
        {money(bid.amount)}
      </td>
      <td data-label={t('bids.duration')}>{t('bids.days', { count: bid.durationDays })}</td>
      <td data-label={t('bids.plan')} className="plan-cell">
        <span title={bid.plan}>{excerpt(bid.plan)}</span>
      </td>
      <td data-label={t('bids.status')}>
        <BidStatusBadge status={bid.status} />
      </td>
      <td className="actions-cell">
        {bid.viewerCan.award ? (
          <button
            type="button"
            className="button button-primary button-small"
            data-testid="bid-award"
            disabled={busy}
            onClick={() => void award({ variables: { bidId: bid.id } }).catch(() => undefined)}
          >
            {t('bids.award')}
            <span className="visually-hidden"> {bid.organization.name}</span>
          </button>
        ) : null}
        {bid.viewerCan.withdraw ? (
          <button
            type="button"
            className="button button-secondary button-small"
            data-testid="bid-withdraw"
            disabled={busy}
            onClick={() => void withdraw({ variables: { bidId: bid.id } }).catch(() => undefined)}
          >
            {t('bids.withdraw')}
          </button>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
      </td>
    </tr>
  );
}

function BidForm({ proposalId, currency }: { proposalId: string; currency: string }) {
  const { t } = useTranslation();
  const amount = useAmountInput('bid-amount', currency);
  const [plan, setPlan] = useState('');
  const [duration, setDuration] = useState('');
  const [done, setDone] = useState(false);
  const [submitBid, { loading, error }] = useMutation(SubmitBidDocument);
  const errors = formErrors(error, ['amountMinor', 'plan', 'durationDays']);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const amountMinor = amount.take();
    if (amountMinor === null) return;
    const result = await submitBid({
      variables: { input: { proposalId, amountMinor, plan: plan.trim(), durationDays: Number(duration) } },
    }).catch(() => null);
    if (result?.data) {
      amount.reset();
      setPlan('');
      setDuration('');
      setDone(true);
    }
  }

  return (
    <form className="form action-block" onSubmit={onSubmit} aria-labelledby="bid-form-title">
      <h3 id="bid-form-title">{t('bids.formTitle')}</h3>
      <p className="muted small">{t('bids.formIntro')}</p>
      <div className="form-row">
        <AmountField
          testId="bid-amount"
          label={t('bids.amountLabel')}
          amount={amount}
          currency={currency}
          error={errors.field('amountMinor')}
        />
        <TextField
          label={t('bids.durationLabel')}
          testId="bid-duration"
          type="number"
          inputMode="numeric"
          required
          min={LIMITS.bidDurationDays.min}
          max={LIMITS.bidDurationDays.max}
          value={duration}
          onChange={setDuration}
          error={errors.field('durationDays')}
        />
      </div>
      <TextField
        label={t('bids.planLabel')}
        testId="bid-plan"
        rows={5}
        required
        limit={LIMITS.bidPlan}
        countChars
        value={plan}
        onChange={setPlan}
        error={errors.field('plan')}
      />
      <FormSubmit
        label={t('bids.submit')}
        testId="bid-submit"
        loading={loading}
        error={error}
        showError={errors.general}
        success={done ? t('bids.sent') : null}
      />
    </form>
  );
}
