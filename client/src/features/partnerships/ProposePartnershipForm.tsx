import { useMutation, useQuery } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OrganizationsDocument, ProposePartnershipDocument } from '../../gql/graphql';
import { formErrors } from '../common/errors';
import { startOfDay } from '../common/format';
import { FormSubmit } from '../common/FormSubmit';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

interface ProposePartnershipFormProps {
  fundId: string;
  /** An organization member proposes for their own organization; the fund's side picks one (null). */
  ownOrganization: { id: string; name: string } | null;
}

/** Proposes a partnership between the fund and an organization; the other side answers it. */
export function ProposePartnershipForm({ fundId, ownOrganization }: ProposePartnershipFormProps) {
  const { t } = useTranslation();
  const [organizationId, setOrganizationId] = useState('');
  const [title, setTitle] = useState('');
  const [commitments, setCommitments] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [done, setDone] = useState(false);
  const organizations = useQuery(OrganizationsDocument, { variables: { type: null }, skip: Boolean(ownOrganization) });
  const [propose, { loading, error }] = useMutation(ProposePartnershipDocument, { refetchQueries: ['Partnerships'] });
  const errors = formErrors(error, ['organizationId', 'title', 'commitments', 'startsOn', 'endsOn']);
  const candidates = (organizations.data?.organizations ?? []).filter((o) => o.verified && o.type !== 'GOVERNMENT');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const result = await propose({
      variables: {
        input: {
          fundId,
          organizationId: ownOrganization?.id ?? organizationId,
          title: title.trim(),
          commitments: commitments.trim(),
          startsOn: startsOn ? startOfDay(startsOn) : null,
          endsOn: endsOn ? startOfDay(endsOn) : null,
        },
      },
    }).catch(() => null);
    if (result?.data) {
      setTitle('');
      setCommitments('');
      setStartsOn('');
      setEndsOn('');
      setDone(true);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      {ownOrganization ? (
        <p>
          {t('partnerships.onBehalfOf')} <strong>{ownOrganization.name}</strong>
        </p>
      ) : (
        <SelectField
          label={t('partnerships.organization')}
          testId="partnership-organization"
          required
          value={organizationId}
          onChange={setOrganizationId}
          emptyOption={t('partnerships.chooseOrganization')}
          options={candidates.map((o) => ({ value: o.id, label: `${o.name} · ${t(`organizationType.${o.type}`)}` }))}
          error={errors.field('organizationId')}
        />
      )}
      <TextField
        label={t('partnerships.titleLabel')}
        testId="partnership-title"
        required
        limit={LIMITS.partnershipTitle}
        countChars
        value={title}
        onChange={setTitle}
        error={errors.field('title')}
      />
      <TextField
        label={t('partnerships.commitments')}
        hint={t('partnerships.commitmentsHint')}
        testId="partnership-commitments"
        rows={4}
        required
        limit={LIMITS.partnershipCommitments}
        value={commitments}
        onChange={setCommitments}
        error={errors.field('commitments')}
      />
      <div className="form-row">
        <TextField
          label={t('partnerships.startsOn')}
          optional
          type="date"
          value={startsOn}
          onChange={setStartsOn}
          error={errors.field('startsOn')}
        />
        <TextField
          label={t('partnerships.endsOn')}
          optional
          type="date"
          min={startsOn || undefined}
          value={endsOn}
          onChange={setEndsOn}
          error={errors.field('endsOn')}
        />
      </div>
      <FormSubmit
        label={t('partnerships.submit')}
        testId="partnership-submit"
        loading={loading}
        error={error}
        showError={errors.general}
        success={done ? t('partnerships.sent') : null}
      />
    </form>
  );
}
