import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { errorId, fieldError, type FieldErrors } from './forms';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  form: string;
  path: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  errors: FieldErrors;
  hint?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled text input with its error message (announced, and tied to the input for screen readers). */
export function Field({ form, path, label, value, onChange, errors, hint, inputRef, className, ...input }: FieldProps) {
  const { t } = useTranslation();
  const error = fieldError(t, errors, path);
  const id = errorId(form, path);
  return (
    <label className={className}>
      {label}
      <input
        {...input}
        ref={inputRef}
        name={path}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error !== null}
        aria-describedby={error ? id : undefined}
      />
      {hint && !error && <span className="hint">{hint}</span>}
      {error && (
        <span id={id} className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
