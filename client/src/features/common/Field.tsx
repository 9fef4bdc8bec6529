import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldProps {
  label: ReactNode;
  /** The one input, select or textarea; gets id, aria-describedby and aria-invalid. */
  children: ReactElement<{ id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }>;
  hint?: ReactNode;
  error?: string | null;
  /** A fixed id for the control (the browser tests rely on some). */
  id?: string;
  /** Marks the label "(optional)". */
  optional?: boolean;
}

/** A labelled form control with its hint and error, wired for screen readers. */
export function Field({ label, children, hint, error, id, optional }: FieldProps) {
  const { t } = useTranslation();
  const generated = useId();
  const controlId = id ?? `field${generated}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={controlId}>
        {label}
        {optional ? <span className="field-optional"> ({t('common.optional')})</span> : null}
      </label>
      {cloneElement(children, {
        id: controlId,
        'aria-describedby': describedBy,
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
