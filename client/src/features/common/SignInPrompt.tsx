import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** "Sign in · <why>", coming back to `from` after signing in. */
export function SignInPrompt({ from, why }: { from: string; why?: string }) {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/signin" state={{ from }}>
        {t('nav.signIn')}
      </Link>{' '}
      · {why ?? t('common.signInTo')}
    </p>
  );
}
