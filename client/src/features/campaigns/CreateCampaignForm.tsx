import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CampaignProposalOptionsDocument, CreateCampaignDocument } from '../../gql/graphql';
import { AmountField, useAmountInput } from '../common/AmountField';
import { formErrors } from '../common/errors';
import { endOfDay, toDateInputValue } from '../common/format';
import { FormSubmit } from '../common/FormSubmit';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { CAMPAIGN_LIMITS } from './campaignLimits';

/** FUND_ADMIN: start a fundraising campaign, optionally for one proposal. */
export function CreateCampaignForm({
  fundId,
  currency,
  initialProposalId,
}: {
  fundId: string;
  currency: string;
  initialProposalId: string;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const goal = useAmountInput('campaign-goal', currency, CAMPAIGN_LIMITS.goalMinor);
  const [endsOn, setEndsOn] = useState('');
  const [proposalId, setProposalId] = useState(initialProposalId);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const options = useQuery(CampaignProposalOptionsDocument, { variables: { fundId } });
  const [create, { loading, error }] = useMutation(CreateCampaignDocument, { refetchQueries: ['Campaigns'] });
  const errors = formErrors(error, ['title', 'description', 'goalMinor', 'endsAt', 'proposalId']);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const goalMinor = goal.take();
    if (goalMinor === null) return;
    const result = await create({
      variables: {
        input: {
          fundId,
          title: title.trim(),
          description: description.trim(),
          goalMinor,
          endsAt: endsOn ? endOfDay(endsOn) : null,
          proposalId: proposalId || null,
        },
      },
    }).catch(() => null);
    const campaign = result?.data?.createCampaign;
    if (campaign) {
      setTitle('');
      setDescription('');
      goal.reset();
      setEndsOn('');
      setProposalId('');
      setCreated({ id: campaign.id, title: campaign.title });
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="create-campaign-title">
      <h2 id="create-campaign-title">{t('campaigns.createTitle')}</h2>
      <p className="muted small">{t('campaigns.createIntro')}</p>
      <TextField
        label={t('campaigns.titleLabel')}
        required
        limit={CAMPAIGN_LIMITS.title}
        value={title}
        onChange={setTitle}
        error={errors.field('title')}
        testId="campaign-title"
      />
      <TextField
        label={t('campaigns.description')}
        rows={4}
        required
        limit={CAMPAIGN_LIMITS.description}
        countChars
        value={description}
        onChange={setDescription}
        error={errors.field('description')}
        testId="campaign-description"
      />
      <AmountField
        label={t('campaigns.goalLabel')}
        amount={goal}
        currency={currency}
        error={errors.field('goalMinor')}
        testId="campaign-goal"
      />
      <TextField
        label={t('campaigns.endsOnLabel')}
        type="date"
        optional
        min={toDateInputValue(new Date())}
        value={endsOn}
        onChange={setEndsOn}
        error={errors.field('endsAt')}
      />
      <SelectField
        label={t('campaigns.proposalLabel')}
        optional
        value={proposalId}
        onChange={setProposalId}
        emptyOption={t('campaigns.noProposal')}
        options={(options.data?.proposals.nodes ?? []).map((p) => ({ value: p.id, label: p.title }))}
        error={errors.field('proposalId')}
      />
      <FormSubmit
        label={t('campaigns.createSubmit')}
        loading={loading}
        error={error}
        showError={errors.general}
        testId="campaign-submit"
      />
      {created ? (
        <p className="notice notice-success" role="status">
          {t('campaigns.created')} <Link to={`/campaigns/${created.id}`}>{created.title}</Link>
        </p>
      ) : null}
    </form>
  );
}
