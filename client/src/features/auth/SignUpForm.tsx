import { useMutation, useQuery } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OrganizationsByTypeDocument,
  RegisterDocument,
  SignUpOptionsDocument,
  type OrganizationType,
  type RegisterInput,
  type Role,
} from '../../gql/graphql';
import { formErrors } from '../common/errors';
import { FormSubmit } from '../common/FormSubmit';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { useSession } from './session';

const SIGN_UP_ROLES: readonly Role[] = ['RESIDENT', 'ENTERPRISE', 'SOCIAL_ORGANIZATION', 'GOVERNMENT'];

/** Organization roles act for an organization of the matching type. */
const ORG_TYPE: Partial<Record<Role, OrganizationType>> = {
  ENTERPRISE: 'ENTERPRISE',
  SOCIAL_ORGANIZATION: 'SOCIAL_ORGANIZATION',
  GOVERNMENT: 'GOVERNMENT',
};

function isSignUpRole(value: string): value is Role {
  return (SIGN_UP_ROLES as readonly string[]).includes(value);
}

export function SignUpForm({ onSignedUp }: { onSignedUp: () => void }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('RESIDENT');
  const [neighborhoodId, setNeighborhoodId] = useState('');
  const [orgMode, setOrgMode] = useState<'join' | 'create'>('join');
  const [organizationId, setOrganizationId] = useState('');
  const [orgName, setOrgName] = useState('');
  const [orgDescription, setOrgDescription] = useState('');

  const orgType = ORG_TYPE[role];
  const options = useQuery(SignUpOptionsDocument);
  const organizations = useQuery(OrganizationsByTypeDocument, {
    variables: { type: orgType ?? null },
    skip: !orgType,
  });
  const [register, { loading, error }] = useMutation(RegisterDocument);
  const errors = formErrors(error, [
    'email',
    'password',
    'displayName',
    'role',
    'neighborhoodId',
    'organizationId',
    'name',
    'description',
  ]);
  const fieldError = errors.field;

  const neighborhoods = (options.data?.funds ?? []).flatMap((fund) => fund.neighborhoods);
  const orgList = orgType ? (organizations.data?.organizations ?? []) : [];
  const joining = orgMode === 'join' && orgList.length > 0;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input: RegisterInput = { email: email.trim(), password, displayName: displayName.trim(), role };
    if (role === 'RESIDENT') {
      input.neighborhoodId = neighborhoodId || null;
    } else if (joining) {
      input.organizationId = organizationId || null;
    } else {
      input.newOrganization = { name: orgName.trim(), description: orgDescription.trim() || null };
    }
    const result = await register({ variables: { input } }).catch(() => null);
    const token = result?.data?.register.token;
    if (token) {
      await signIn(token);
      onSignedUp();
    }
  }

  return (
    <form className="card form" onSubmit={onSubmit}>
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="email"
        required
        limit={LIMITS.email}
        value={email}
        onChange={setEmail}
        error={fieldError('email')}
      />
      <TextField
        label={t('auth.password')}
        hint={t('auth.passwordHint', { min: LIMITS.password.min })}
        type="password"
        autoComplete="new-password"
        required
        limit={LIMITS.password}
        value={password}
        onChange={setPassword}
        error={fieldError('password')}
      />
      <TextField
        label={t('auth.displayName')}
        hint={t('auth.displayNameHint')}
        autoComplete="nickname"
        required
        limit={LIMITS.displayName}
        value={displayName}
        onChange={setDisplayName}
        error={fieldError('displayName')}
      />
      <SelectField
        label={t('auth.role')}
        value={role}
        options={SIGN_UP_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        onChange={(value) => {
          if (isSignUpRole(value)) setRole(value);
          setOrganizationId('');
        }}
        error={fieldError('role')}
      />

      {role === 'RESIDENT' ? (
        <SelectField
          label={t('auth.neighborhood')}
          required
          value={neighborhoodId}
          onChange={setNeighborhoodId}
          emptyOption={t('auth.chooseNeighborhood')}
          options={neighborhoods.map((n) => ({ value: n.id, label: `${n.name} · ${t(`neighborhoodKind.${n.kind}`)}` }))}
          error={fieldError('neighborhoodId')}
        />
      ) : (
        <fieldset className="fieldset">
          <legend>{t('auth.organization')}</legend>
          {orgList.length > 0 ? (
            <div className="radio-row">
              <label className="radio">
                <input type="radio" name="org-mode" checked={orgMode === 'join'} onChange={() => setOrgMode('join')} />
                {t('auth.joinExisting')}
              </label>
              <label className="radio">
                <input
                  type="radio"
                  name="org-mode"
                  checked={orgMode === 'create'}
                  onChange={() => setOrgMode('create')}
                />
                {t('auth.createNew')}
              </label>
            </div>
          ) : organizations.loading ? null : (
            <p className="muted">{t('auth.noOrganizations')}</p>
          )}
          {joining ? (
            <SelectField
              label={t('auth.organization')}
              required
              value={organizationId}
              onChange={setOrganizationId}
              emptyOption={t('auth.chooseOrganization')}
              options={orgList.map((o) => ({
                value: o.id,
                label: `${o.name} (${o.verified ? t('auth.verified') : t('auth.unverified')})`,
              }))}
              error={fieldError('organizationId')}
            />
          ) : (
            <>
              <TextField
                label={t('auth.orgName')}
                required
                limit={LIMITS.organizationName}
                value={orgName}
                onChange={setOrgName}
                error={fieldError('name')}
              />
              <TextField
                label={t('auth.orgDescription')}
                optional
                hint={t('auth.orgUnverified')}
                rows={3}
                limit={LIMITS.organizationDescription}
                value={orgDescription}
                onChange={setOrgDescription}
                error={fieldError('description')}
              />
            </>
          )}
        </fieldset>
      )}

      <FormSubmit
        label={t('auth.submitSignUp')}
        loadingLabel={t('auth.signingUp')}
        loading={loading}
        error={error}
        showError={errors.general}
        block
      />
    </form>
  );
}
