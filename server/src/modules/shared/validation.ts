import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Refuses strings that are empty once surrounding white space is removed. */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notBlank',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must not be blank`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || value.trim().length > 0 },
    });
}

/** Code points, as PostgreSQL counts a varchar's length (validator.js counts some sequences as one). */
const codePoints = (text: string): number => [...text].length;

function textRule(
  name: string,
  min: number,
  max: number,
  message: (property: string) => string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: message(String(propertyName)), ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          !value.includes('\u0000') &&
          codePoints(value) >= min &&
          codePoints(value) <= max,
      },
    });
}

/**
 * A text of `min` to `max` characters, counted as the database counts them,
 * and without NUL (which PostgreSQL cannot store). Replaces class-validator's
 * Length, whose count can be lower than the column's.
 */
export function Length(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return textRule('textLength', min, max, (p) => `${p} must be ${min} to ${max} characters`, options);
}

/** A text of at most `max` characters (see Length). */
export function MaxLength(max: number, options?: ValidationOptions): PropertyDecorator {
  return textRule('textMaxLength', 0, max, (p) => `${p} must be at most ${max} characters`, options);
}
