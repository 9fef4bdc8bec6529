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
