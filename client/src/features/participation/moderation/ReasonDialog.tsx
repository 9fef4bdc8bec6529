import type { ErrorLike } from '@apollo/client';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors } from '../../common/errors';
import { FormSubmit } from '../../common/FormSubmit';
import { TextField } from '../../common/TextField';
import '../participation.css';

interface ReasonDialogProps {
  open: boolean;
  title: string;
  intro?: string;
  label: string;
  submitLabel: string;
  limit: { readonly min?: number; readonly max: number };
  loading: boolean;
  error?: ErrorLike;
  /** Resolves true when the action succeeded (the dialog then closes). */
  onSubmit: (reason: string) => Promise<boolean>;
  onClose: () => void;
  testId: string;
}

/**
 * A modal <dialog> asking for a reason (report, hide, restore): focus moves into it, Escape closes it,
 * and focus returns to the button that opened it.
 */
export function ReasonDialog({
  open,
  title,
  intro,
  label,
  submitLabel,
  limit,
  loading,
  error,
  onSubmit,
  onClose,
  testId,
}: ReasonDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState('');
  const errors = formErrors(error, ['reason']);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement as HTMLElement | null;
      dialog.showModal();
      return () => opener?.focus();
    }
    if (!open && dialog.open) dialog.close();
    return undefined;
  }, [open]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await onSubmit(reason.trim())) {
      setReason('');
      onClose();
    }
  }

  return (
    <dialog ref={ref} className="reason-dialog" aria-labelledby={titleId} data-testid={testId} onClose={onClose}>
      {open ? (
        <form className="form" onSubmit={submit}>
          <h2 id={titleId}>{title}</h2>
          {intro ? <p className="muted small">{intro}</p> : null}
          <TextField
            label={label}
            value={reason}
            onChange={setReason}
            rows={3}
            required
            limit={limit}
            testId={`${testId}-reason`}
            error={errors.field('reason')}
          />
          <div className="button-row">
            <FormSubmit
              label={submitLabel}
              loading={loading}
              error={error}
              showError={errors.general}
              testId={`${testId}-submit`}
            />
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t('participation.moderation.close')}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
