import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginDocument } from '../../gql/graphql';
import { errorInfo } from '../common/errors';
import { ErrorNotice } from '../common/ErrorNotice';
import { Field } from '../common/Field';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demoAccounts';
import { useSession } from './session';
import { useDemoMode } from './useDemoMode';

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const demoMode = useDemoMode();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error, reset }] = useMutation(LoginDocument);
  const info = error ? errorInfo(error) : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await login({ variables: { email: email.trim(), password } }).catch(() => null);
    const token = result?.data?.login.token;
    if (token) {
      await signIn(token);
      onSignedIn();
    }
  }

  function fillAccount(accountEmail: string) {
    reset();
    setEmail(accountEmail);
    setPassword(DEMO_PASSWORD);
    document.getElementById('signin-password')?.focus();
  }

  return (
    <div className="stack">
      <form className="card form" onSubmit={onSubmit} noValidate={false}>
        <Field label={t('auth.email')} id="signin-email">
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            maxLength={LIMITS.email.max}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={t('auth.password')} id="signin-password">
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            maxLength={LIMITS.password.max}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {error ? <ErrorNotice error={error} /> : null}
        <button
          type="submit"
          className="button button-primary button-block"
          data-testid="signin-submit"
          disabled={loading}
        >
          {loading ? t('auth.signingIn') : t('auth.submitSignIn')}
        </button>
        {info?.code === 'RATE_LIMITED' ? <p className="muted">{t('errors.RATE_LIMITED')}</p> : null}
      </form>

      {demoMode ? (
        <section className="card demo-accounts" aria-labelledby="demo-accounts-title">
          <h2 id="demo-accounts-title">{t('auth.demoTitle')}</h2>
          <p className="muted">{t('auth.demoIntro', { password: DEMO_PASSWORD })}</p>
          <ul className="demo-list">
            {DEMO_ACCOUNTS.map((account) => (
              <li key={account.email} className="demo-item">
                <div>
                  <span className="demo-email">{account.email}</span>
                  <span className="tag">{t(`roles.${account.role}`)}</span>
                </div>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => fillAccount(account.email)}
                >
                  {t('auth.useAccount')}
                  <span className="visually-hidden"> {account.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
