import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { SignInForm } from '../features/auth/SignInForm';

/** Where to go after signing in: the page that sent the user here, else the dashboard. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/signin') ? from : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <div className="narrow stack">
      <h1>{t('auth.signInTitle')}</h1>
      <p className="lead">{t('auth.signInIntro')}</p>
      <SignInForm onSignedIn={() => void navigate(returnPath(location.state), { replace: true })} />
      <p>
        {t('auth.noAccount')} <Link to="/signup">{t('auth.createAccount')}</Link>
      </p>
    </div>
  );
}
