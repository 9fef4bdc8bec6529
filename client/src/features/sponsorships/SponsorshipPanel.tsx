import { useMutation } from '@apollo/client/react';
import { LIMITS, SPONSORABLE_STATUSES } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ProposeSponsorshipDocument,
  RecordSponsorshipPaymentDocument,
  RespondToSponsorshipDocument,
  WithdrawSponsorshipDocument,
  type SponsorshipFieldsFragment,
  type SponsorshipKind,
} from '../../gql/graphql';
import { AmountField, useAmountInput } from '../common/AmountField';
import { SponsorshipStatusBadge } from '../common/Badges';
import { formErrors } from '../common/errors';
import { RespondButtons } from '../common/RespondButtons';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDate, money } from '../common/format';
import { FormSubmit } from '../common/FormSubmit';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { OrganizationLink } from '../organizations/OrganizationLink';
import type { ProposalView } from '../proposals/proposalView';

const KINDS: readonly SponsorshipKind[] = ['FUNDS', 'IN_KIND', 'SERVICES'];

function isKind(value: string): value is SponsorshipKind {
  return (KINDS as readonly string[]).includes(value);
}

/** Sponsorships of a proposal: the visible pledges, the accepted total, and the pledge form for enterprises. */
export function SponsorshipPanel({ proposal }: { proposal: ProposalView }) {
  const { t } = useTranslation();
  const sponsorships = proposal.sponsorships;
  const open = (SPONSORABLE_STATUSES as readonly string[]).includes(proposal.status);
  if (sponsorships.length === 0 && !open && !proposal.viewerCan.sponsor) return null;

  return (
    <section className="card" data-testid="sponsorship-panel" aria-labelledby="sponsorships-title">
      <h2 id="sponsorships-title">{t('sponsorships.title')}</h2>
      <p className="total-line">
        {t('sponsorships.total')}{' '}
        <strong className="money money-large" data-testid="sponsored-total">
          {money(proposal.sponsoredTotal)}
        </strong>
      </p>
      <p className="muted small">{t('sponsorships.totalHint')}</p>
      {sponsorships.length === 0 ? (
        <p className="empty">{t('sponsorships.empty')}</p>
      ) : (
        <ul className="item-list" aria-live="polite" aria-relevant="additions">
          {sponsorships.map((s) => (
            <SponsorshipItem key={s.id} sponsorship={s} />
          ))}
        </ul>
      )}
      {proposal.viewerCan.sponsor ? <PledgeForm proposalId={proposal.id} currency={proposal.fund.currency} /> : null}
    </section>
  );
}

export function SponsorshipItem({
  sponsorship: s,
  proposal,
}: {
  sponsorship: SponsorshipFieldsFragment;
  /** On an organization's page: which proposal it sponsors. */
  proposal?: { id: string; title: string } | null;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [respond, responding] = useMutation(RespondToSponsorshipDocument);
  const [withdraw, withdrawing] = useMutation(WithdrawSponsorshipDocument);
  const [recordPayment, recording] = useMutation(RecordSponsorshipPaymentDocument, {
    refetchQueries: ['FundDashboard'],
  });
  const busy = responding.loading || withdrawing.loading || recording.loading;
  const error = responding.error ?? withdrawing.error ?? recording.error;
  const can = s.viewerCan;
  const variables = { sponsorshipId: s.id };

  return (
    <li className="market-item" data-testid="sponsorship">
      <div className="market-item-head">
        <OrganizationLink organization={s.organization} />
        <SponsorshipStatusBadge status={s.status} testId="sponsorship-status" />
      </div>
      {proposal ? (
        <p className="small">
          {t('sponsorships.forProposal')} <Link to={`/proposals/${proposal.id}`}>{proposal.title}</Link>
        </p>
      ) : null}
      <p className="market-figures">
        <span className="money">{money(s.amount)}</span>{' '}
        <span className="tag tag-small">{t(`sponsorshipKind.${s.kind}`)}</span>
      </p>
      <p className="market-text">{s.description}</p>
      {s.note ? (
        <p className="small">
          <span className="muted">{t('sponsorships.fundNote')}:</span> {s.note}
        </p>
      ) : null}
      <p className="muted small">
        {t('sponsorships.pledgedOn', { date: formatDate(s.createdAt, i18n.language) })}
        {s.fulfilledAt ? ` · ${t('sponsorships.receivedOn', { date: formatDate(s.fulfilledAt, i18n.language) })}` : ''}
      </p>

      {can.respond ? (
        <div className="form action-block">
          <TextField
            label={t('sponsorships.responseNote')}
            optional
            rows={2}
            limit={LIMITS.decisionNote}
            value={note}
            onChange={setNote}
          />
          <RespondButtons
            subject={s.organization.name}
            busy={busy}
            testIdPrefix="sponsorship"
            onRespond={(accept) =>
              void respond({ variables: { ...variables, accept, note: note.trim() || null } }).catch(() => undefined)
            }
          />
        </div>
      ) : null}
      {can.recordPayment || can.withdraw ? (
        <div className="button-row action-block">
          {can.recordPayment ? (
            <button
              type="button"
              className="button button-primary"
              data-testid="sponsorship-record-payment"
              disabled={busy}
              onClick={() => void recordPayment({ variables }).catch(() => undefined)}
            >
              {t('sponsorships.recordPayment')}
            </button>
          ) : null}
          {can.withdraw ? (
            <button
              type="button"
              className="button button-secondary"
              data-testid="sponsorship-withdraw"
              disabled={busy}
              onClick={() => void withdraw({ variables }).catch(() => undefined)}
            >
              {t('sponsorships.withdraw')}
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </li>
  );
}

function PledgeForm({ proposalId, currency }: { proposalId: string; currency: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<SponsorshipKind>('FUNDS');
  const amount = useAmountInput('sponsor-amount', currency);
  const [description, setDescription] = useState('');
  const [done, setDone] = useState(false);
  const [propose, { loading, error }] = useMutation(ProposeSponsorshipDocument);
  const errors = formErrors(error, ['kind', 'amountMinor', 'description']);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const amountMinor = amount.take();
    if (amountMinor === null) return;
    const result = await propose({
      variables: { input: { proposalId, kind, amountMinor, description: description.trim() } },
    }).catch(() => null);
    if (result?.data) {
      amount.reset();
      setDescription('');
      setDone(true);
    }
  }

  return (
    <form className="form action-block" onSubmit={onSubmit} aria-labelledby="pledge-title">
      <h3 id="pledge-title">{t('sponsorships.pledgeTitle')}</h3>
      <p className="muted small">{t('sponsorships.pledgeIntro')}</p>
      <div className="form-row">
        <SelectField
          label={t('sponsorships.kind')}
          testId="sponsor-kind"
          value={kind}
          onChange={(v) => isKind(v) && setKind(v)}
          options={KINDS.map((k) => ({ value: k, label: t(`sponsorshipKind.${k}`) }))}
          error={errors.field('kind')}
        />
        <AmountField
          testId="sponsor-amount"
          label={kind === 'FUNDS' ? t('sponsorships.amount') : t('sponsorships.value')}
          amount={amount}
          currency={currency}
          error={errors.field('amountMinor')}
        />
      </div>
      <TextField
        label={t('sponsorships.description')}
        testId="sponsor-description"
        rows={3}
        required
        limit={LIMITS.sponsorshipDescription}
        countChars
        value={description}
        onChange={setDescription}
        error={errors.field('description')}
      />
      <FormSubmit
        label={t('sponsorships.submit')}
        testId="sponsor-submit"
        loading={loading}
        error={error}
        showError={errors.general}
        success={done ? t('sponsorships.sent') : null}
      />
    </form>
  );
}
