import type { ErrorLike } from '@apollo/client';
import { useTranslation } from 'react-i18next';
import { errorInfo } from './errors';

interface ErrorNoticeProps {
  error: ErrorLike;
  onRetry?: () => void;
}

/** An error in words a person can act on, in the reader's language (see `errorInfo`). */
export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const info = errorInfo(error);
  const text = info.network
    ? t('common.networkError')
    : (info.message ?? (info.code ? t(`errors.${info.code}`) : t('common.errorTitle')));
  return (
    <div className="notice notice-error" role="alert">
      <p>{text}</p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
