import type { ErrorLike } from '@apollo/client';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './ErrorNotice';

interface FormSubmitProps {
  label: ReactNode;
  loading: boolean;
  /** Shown while sending; "Sending…" by default. */
  loadingLabel?: ReactNode;
  /** The mutation's error, shown above the button when `showError` (an error that names no input). */
  error?: ErrorLike;
  showError?: boolean;
  /** A success message, announced politely, between the error and the button. */
  success?: string | null;
  block?: boolean;
  disabled?: boolean;
  testId?: string;
}

/** The end of a form: the error that belongs to no input, then the submit button. */
export function FormSubmit({
  label,
  loading,
  loadingLabel,
  error,
  showError = true,
  success,
  block,
  disabled,
  testId,
}: FormSubmitProps) {
  const { t } = useTranslation();
  return (
    <>
      {error && showError ? <ErrorNotice error={error} /> : null}
      {success ? (
        <p className="notice notice-success" role="status">
          {success}
        </p>
      ) : null}
      <button
        type="submit"
        className={`button button-primary${block ? ' button-block' : ''}`}
        data-testid={testId}
        disabled={loading || disabled}
      >
        {loading ? (loadingLabel ?? t('common.submitting')) : label}
      </button>
    </>
  );
}
