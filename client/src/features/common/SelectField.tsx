import { useTranslation } from 'react-i18next';
import type { Category } from '../../gql/graphql';
import { CATEGORIES, isCategory } from './constants';
import { Field, type FieldProps } from './Field';

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps extends Omit<FieldProps, 'children'> {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** A first option with the value "" (e.g. "All", "Choose…"). */
  emptyOption?: string;
  required?: boolean;
  testId?: string;
}

/** A labelled select (a Field around it). */
export function SelectField({ value, onChange, options, emptyOption, required, testId, ...field }: SelectFieldProps) {
  return (
    <Field {...field}>
      <select required={required} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

interface CategoryFieldProps extends Omit<FieldProps, 'children'> {
  value: Category | null;
  onChange: (value: Category | null) => void;
  /** Offers "" (any category) under this label, for filters. */
  emptyOption?: string;
}

/** The category select of the create forms and the proposal filter. */
export function CategoryField({ value, onChange, emptyOption, ...field }: CategoryFieldProps) {
  const { t } = useTranslation();
  return (
    <SelectField
      {...field}
      value={value ?? ''}
      emptyOption={emptyOption}
      options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
      onChange={(v) => onChange(isCategory(v) ? v : null)}
    />
  );
}
