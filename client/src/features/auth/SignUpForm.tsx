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
import { ErrorNotice } from '../common/ErrorNotice';
import { Field } from '../common/Field';
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
      <Field label={t('auth.email')} error={fieldError('email')}>
        <input
          type="email"
          autoComplete="email"
          required
          maxLength={LIMITS.email.max}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </Field>
      <Field
        label={t('auth.password')}
        hint={t('auth.passwordHint', { min: LIMITS.password.min })}
        error={fieldError('password')}
      >
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={LIMITS.password.min}
          maxLength={LIMITS.password.max}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Field label={t('auth.displayName')} hint={t('auth.displayNameHint')} error={fieldError('displayName')}>
        <input
          type="text"
          autoComplete="nickname"
          required
          minLength={LIMITS.displayName.min}
          maxLength={LIMITS.displayName.max}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </Field>
      <Field label={t('auth.role')} error={fieldError('role')}>
        <select
          value={role}
          onChange={(e) => {
            if (isSignUpRole(e.target.value)) setRole(e.target.value);
            setOrganizationId('');
          }}
        >
          {SIGN_UP_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </Field>

      {role === 'RESIDENT' ? (
        <Field label={t('auth.neighborhood')} error={fieldError('neighborhoodId')}>
          <select required value={neighborhoodId} onChange={(e) => setNeighborhoodId(e.target.value)}>
            <option value="">{t('auth.chooseNeighborhood')}</option>
            {neighborhoods.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name} · {t(`neighborhoodKind.${n.kind}`)}
              </option>
            ))}
          </select>
        </Field>
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
            <Field label={t('auth.organization')} error={fieldError('organizationId')}>
              <select required value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
                <option value="">{t('auth.chooseOrganization')}</option>
                {orgList.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({o.verified ? t('auth.verified') : t('auth.unverified')})
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <>
              <Field label={t('auth.orgName')} error={fieldError('name')}>
                <input
                  type="text"
                  required
                  minLength={LIMITS.organizationName.min}
                  maxLength={LIMITS.organizationName.max}
                  value={orgName}
                  onChange={(e) => setOrgName(e.target.value)}
                />
              </Field>
              <Field
                label={t('auth.orgDescription')}
                optional
                optionalLabel={t('common.optional')}
                hint={t('auth.orgUnverified')}
                error={fieldError('description')}
              >
                <textarea
                  rows={3}
                  maxLength={LIMITS.organizationDescription.max}
                  value={orgDescription}
                  onChange={(e) => setOrgDescription(e.target.value)}
                />
              </Field>
            </>
          )}
        </fieldset>
      )}

      {error && errors.general ? <ErrorNotice error={error} /> : null}
      <button type="submit" className="button button-primary button-block" disabled={loading}>
        {loading ? t('auth.signingUp') : t('auth.submitSignUp')}
      </button>
    </form>
  );
}
