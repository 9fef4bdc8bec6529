import type { HTMLInputTypeAttribute } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, type FieldProps } from './Field';

interface TextFieldProps extends Omit<FieldProps, 'children'> {
  value: string;
  onChange: (value: string) => void;
  /** A textarea of this many rows; a one-line input when absent. */
  rows?: number;
  type?: HTMLInputTypeAttribute;
  /** minLength / maxLength (from LIMITS). */
  limit?: { readonly min?: number; readonly max: number };
  /** Shows "n / max characters" as the hint (needs `limit`). */
  countChars?: boolean;
  required?: boolean;
  name?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email';
  placeholder?: string;
  /** For type="number" or "date". */
  min?: number | string;
  max?: number | string;
  testId?: string;
  onBlur?: () => void;
  disabled?: boolean;
}

/** A labelled text input or textarea (a Field around it), with its limits and an optional character count. */
export function TextField({
  value,
  onChange,
  rows,
  type = 'text',
  limit,
  countChars,
  required,
  name,
  autoComplete,
  inputMode,
  placeholder,
  min,
  max,
  testId,
  onBlur,
  disabled,
  hint,
  ...field
}: TextFieldProps) {
  const { t } = useTranslation();
  const shared = {
    name,
    required,
    placeholder,
    minLength: limit?.min,
    maxLength: limit?.max,
    value,
    onBlur,
    disabled,
    'data-testid': testId,
  };
  const counter = countChars && limit ? t('common.charCount', { count: value.length, max: limit.max }) : undefined;
  return (
    <Field {...field} hint={hint ?? counter}>
      {rows ? (
        <textarea rows={rows} {...shared} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          type={type}
          autoComplete={autoComplete}
          inputMode={inputMode}
          min={min}
          max={max}
          {...shared}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
