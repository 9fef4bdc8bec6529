import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SignUpForm } from '../features/auth/SignUpForm';

export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="narrow stack">
      <h1>{t('auth.signUpTitle')}</h1>
      <p className="lead">{t('auth.signUpIntro')}</p>
      <SignUpForm onSignedUp={() => void navigate('/', { replace: true })} />
      <p>
        {t('auth.haveAccount')} <Link to="/signin">{t('auth.signInTitle')}</Link>
      </p>
    </div>
  );
}
