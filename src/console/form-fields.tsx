import type * as z from 'zod';

// Form fields every console page uses: a label, the value the person typed (kept when the form comes back
// with a problem), and the problem itself right under the field, linked for screen readers.

/** Field name → the translated sentence saying what is wrong with it. */
export type FieldErrors = Partial<Record<string, string>>;
/** Field name → what the person typed, to show again. */
export type FieldValues = Partial<Record<string, string>>;

interface FieldProps {
  name: string;
  /** Needed when the same field appears in several forms of one page (ids must be unique). */
  idPrefix?: string;
  label: string;
  values?: FieldValues | undefined;
  errors?: FieldErrors | undefined;
  hint?: string | undefined;
  required?: boolean;
}

export function TextField({
  name,
  idPrefix = '',
  label,
  values,
  errors,
  hint,
  required,
  type = 'text',
  autocomplete,
  placeholder,
}: FieldProps & {
  type?: 'text' | 'password' | 'date' | 'search';
  autocomplete?: string;
  placeholder?: string;
}) {
  const error = errors?.[name];
  const id = `${idPrefix}${name}`;
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field has-problem' : 'field'}>
      <label for={id}>{label}</label>
      <input
        type={type}
        id={id}
        name={name}
        value={type === 'password' ? '' : (values?.[name] ?? '')}
        required={required}
        autocomplete={autocomplete}
        placeholder={placeholder}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      {hint && (
        <p class="muted hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  name,
  idPrefix = '',
  label,
  values,
  errors,
  hint,
  options,
}: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const error = errors?.[name];
  const selected = values?.[name];
  const id = `${idPrefix}${name}`;
  return (
    <div class={error ? 'field has-problem' : 'field'}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((option) => (
          <option value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && <p class="muted hint">{hint}</p>}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The typed text of a parsed form, strings only (files and repeated fields are not echoed back). */
export function typedValues(form: Record<string, unknown>): FieldValues {
  const values: FieldValues = {};
  for (const [key, value] of Object.entries(form)) {
    if (typeof value === 'string' && key !== '_csrf' && !key.toLowerCase().includes('password'))
      values[key] = value.slice(0, 200);
  }
  return values;
}

/**
 * The first problem of each field, as a sentence: `explain(field, issue)` picks the message, so every form says
 * in its own words why a field is wrong (a Chinese username, a password too short), never zod's English.
 */
export function fieldErrorsOf(
  error: z.ZodError,
  explain: (field: string, issue: z.core.$ZodIssue) => string,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= explain(field, issue);
  }
  return errors;
}
