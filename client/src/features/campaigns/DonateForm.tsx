import { useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DonateDocument, type DonationFieldsFragment } from '../../gql/graphql';
import { AmountField, useAmountInput } from '../common/AmountField';
import { errorInfo, formErrors } from '../common/errors';
import { money } from '../common/format';
import { FormSubmit } from '../common/FormSubmit';
import { TextField } from '../common/TextField';
import { addDonationToCache } from './donationCache';
import { CAMPAIGN_LIMITS } from './campaignLimits';
import { newIdempotencyKey } from './idempotency';

interface Attempt {
  key: string;
  /** What was sent with the key: a retry of the same donation reuses it, a changed one gets a new key. */
  fingerprint: string;
}

/**
 * Donate to a campaign, signed in or not. Each donation attempt has one idempotency key; when the answer is
 * lost (a network error) the retry sends the same key, so the server records the donation at most once.
 */
export function DonateForm({ campaignId, currency }: { campaignId: string; currency: string }) {
  const { t } = useTranslation();
  const amount = useAmountInput('donate-amount', currency, CAMPAIGN_LIMITS.donationMinor);
  const [name, setName] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [thanks, setThanks] = useState<DonationFieldsFragment | null>(null);
  const attempt = useRef<Attempt | null>(null);
  const [donate, { loading, error }] = useMutation(DonateDocument, {
    update(cache, { data }) {
      if (data?.donate) addDonationToCache(cache, campaignId, data.donate);
    },
    refetchQueries: ['FundDashboard'],
  });
  const errors = formErrors(error, ['amountMinor', 'displayName']);
  const networkFailed = error ? errorInfo(error).network : false;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setThanks(null);
    const amountMinor = amount.take();
    if (amountMinor === null) return;
    const displayName = anonymous ? null : name.trim() || null;
    const fingerprint = JSON.stringify([campaignId, amountMinor, displayName, anonymous]);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { key: newIdempotencyKey(), fingerprint };
    const result = await donate({
      variables: {
        input: { campaignId, amountMinor, displayName, anonymous, idempotencyKey: attempt.current.key },
      },
    }).catch(() => null);
    if (result?.data?.donate) {
      attempt.current = null;
      amount.reset();
      setThanks(result.data.donate);
    }
  }

  return (
    <form className="card form donate-form" onSubmit={onSubmit} aria-labelledby="donate-title">
      <h2 id="donate-title">{t('campaigns.donateTitle')}</h2>
      <p className="muted small">{t('campaigns.donateIntro')}</p>
      <AmountField
        label={t('campaigns.amountLabel')}
        amount={amount}
        currency={currency}
        error={errors.field('amountMinor')}
        testId="donate-amount"
      />
      <TextField
        id="donate-name"
        label={t('campaigns.nameLabel')}
        hint={t('campaigns.nameHint')}
        optional
        autoComplete="nickname"
        limit={CAMPAIGN_LIMITS.donorName}
        value={anonymous ? '' : name}
        onChange={setName}
        error={errors.field('displayName')}
        testId="donate-name"
        disabled={anonymous}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
          data-testid="donate-anonymous"
        />{' '}
        {t('campaigns.anonymous')}
      </label>
      {networkFailed ? (
        <p className="notice notice-error" role="alert">
          {t('campaigns.retrySafe')}
        </p>
      ) : null}
      <FormSubmit
        label={networkFailed ? t('campaigns.retryDonate') : t('campaigns.donateSubmit')}
        loading={loading}
        error={error}
        showError={errors.general && !networkFailed}
        testId="donate-submit"
        block
      />
      <div role="status" aria-live="polite">
        {thanks ? (
          <p className="notice notice-success donation-thanks" data-testid="donation-thanks">
            {t('campaigns.thanks', { amount: money(thanks.amount) })}
          </p>
        ) : null}
      </div>
    </form>
  );
}
