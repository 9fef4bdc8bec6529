import { Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NeedsBoard } from '../features/needs/NeedsBoard';

export function NeedsPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('needs.title')}</h1>
      <p className="lead">{t('needs.intro')}</p>
      <NeedsBoard />
    </div>
  );
}

/** A need's own address (what a shared link leads to): the needs board, scrolled to it. */
export function NeedRedirect() {
  const { id } = useParams();
  return <Navigate to={`/needs?status=ALL#need-${id ?? ''}`} replace />;
}
