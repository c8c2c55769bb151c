import type { ReactNode } from 'react';
import { Field, inputClass } from '@/components/ui/field';

/** A number input whose empty state is `undefined` (the server's default) or, when `required`, NaN (a problem to show). */
export function NumberField({
  id,
  label,
  labelClass,
  value,
  min,
  max,
  step,
  placeholder,
  describedBy,
  required,
  testId,
  onChange,
}: {
  id: string;
  label: ReactNode;
  labelClass?: string;
  value: number | undefined;
  min: number;
  max: number;
  step: number;
  placeholder?: string;
  describedBy: string | undefined;
  required?: boolean;
  testId?: string;
  onChange: (value: number | undefined) => void;
}) {
  return (
    <Field id={id} label={label} labelClassName={labelClass}>
      <input
        id={id}
        type="number"
        inputMode={Number.isInteger(step) ? 'numeric' : 'decimal'}
        className={`${inputClass} w-full`}
        value={value === undefined || Number.isNaN(value) ? '' : value}
        min={min}
        max={max}
        step={step}
        placeholder={placeholder}
        required={required}
        aria-describedby={describedBy}
        aria-invalid={describedBy !== undefined || undefined}
        data-testid={testId}
        onChange={(event) => {
          const raw = event.target.value;
          onChange(raw === '' ? (required ? Number.NaN : undefined) : Number(raw));
        }}
      />
    </Field>
  );
}
