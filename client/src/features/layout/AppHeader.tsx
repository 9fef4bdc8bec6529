import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router';
import { LANGUAGES, setLanguage, type Language } from '../../i18n';
import { useSession, useViewer } from '../auth/session';
import { NotificationBell } from '../participation/notifications/NotificationBell';
import { useLargeText } from './largeText';

export function AppHeader() {
  const { t, i18n } = useTranslation();
  const { viewer, loading } = useViewer();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [largeText, setLargeText] = useLargeText();

  async function onSignOut() {
    await signOut();
    void navigate('/');
  }

  return (
    <header className="site-header">
      <div className="header-inner">
        <div className="header-top">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ✓
            </span>
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="header-tools">
            <div className="lang-switch" role="group" aria-label={t('nav.language')}>
              {LANGUAGES.map((l) => (
                <button
                  key={l.code}
                  type="button"
                  lang={l.code}
                  className="chip"
                  aria-pressed={i18n.language === l.code}
                  onClick={() => setLanguage(l.code as Language)}
                >
                  {l.label}
                </button>
              ))}
            </div>
            <button type="button" className="chip" aria-pressed={largeText} onClick={() => setLargeText(!largeText)}>
              A+<span className="chip-label"> {t('nav.largeText')}</span>
            </button>
          </div>
        </div>
        <div className="header-bottom">
          <nav aria-label={t('nav.main')} className="main-nav">
            <NavLink to="/" end>
              {t('nav.dashboard')}
            </NavLink>
            <NavLink to="/needs">{t('nav.needs')}</NavLink>
            <NavLink to="/proposals">{t('nav.proposals')}</NavLink>
            <NavLink to="/organizations">{t('nav.organizations')}</NavLink>
            <NavLink to="/partnerships">{t('nav.partnerships')}</NavLink>
            <NavLink to="/campaigns">{t('nav.campaigns')}</NavLink>
            <NavLink to="/transparency">{t('nav.ledger')}</NavLink>
            <NavLink to="/feedback">{t('nav.feedback')}</NavLink>
            <NavLink to="/surveys">{t('nav.surveys')}</NavLink>
            <NavLink to="/meetings">{t('nav.meetings')}</NavLink>
            {viewer?.role === 'FUND_ADMIN' || viewer?.role === 'GOVERNMENT' ? (
              <>
                <NavLink to="/disbursements">{t('nav.payments')}</NavLink>
                <NavLink to="/audit" data-testid="nav-audit">
                  {t('audit.nav')}
                </NavLink>
              </>
            ) : null}
            {viewer?.role === 'FUND_ADMIN' ? (
              <NavLink to="/moderation">{t('participation.nav.moderation')}</NavLink>
            ) : null}
          </nav>
          <div className="account">
            {viewer ? (
              <>
                <NotificationBell />
                <span className="viewer">
                  <span className="visually-hidden">{t('nav.signedInAs')} </span>
                  <span className="viewer-name" data-testid="viewer-name">
                    {viewer.displayName}
                  </span>
                  <span className="tag tag-role">{t(`roles.${viewer.role}`)}</span>
                </span>
                <button type="button" className="button button-secondary button-small" onClick={() => void onSignOut()}>
                  {t('nav.signOut')}
                </button>
              </>
            ) : loading ? null : (
              <>
                <Link to="/signin" className="button button-primary button-small">
                  {t('nav.signIn')}
                </Link>
                <Link to="/signup" className="button button-secondary button-small">
                  {t('nav.signUp')}
                </Link>
              </>
            )}
          </div>
        </div>
      </div>
    </header>
  );
}
