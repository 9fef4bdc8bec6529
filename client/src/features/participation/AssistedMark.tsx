import { useTranslation } from 'react-i18next';
import './participation.css';

/** The mark on every entry the fund's side made from a paper form at a meeting (a vote, a feedback item). */
export function AssistedMark() {
  const { t } = useTranslation();
  return (
    <span className="tag tag-small tag-assisted" data-testid="assisted-mark">
      <span aria-hidden="true">✍ </span>
      {t('participation.assisted')}
    </span>
  );
}
