import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginDocument } from '../../gql/graphql';
import { errorInfo } from '../common/errors';
import { FormSubmit } from '../common/FormSubmit';
import { TextField } from '../common/TextField';
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
        <TextField
          id="signin-email"
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          limit={LIMITS.email}
          value={email}
          onChange={setEmail}
        />
        <TextField
          id="signin-password"
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          limit={{ max: LIMITS.password.max }}
          value={password}
          onChange={setPassword}
        />
        <FormSubmit
          label={t('auth.submitSignIn')}
          loadingLabel={t('auth.signingIn')}
          loading={loading}
          error={error}
          block
          testId="signin-submit"
        />
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
