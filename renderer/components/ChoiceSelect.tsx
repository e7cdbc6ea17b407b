import type { ReactNode } from 'react';

/** A labelled select of a fixed list of values, each shown in words; it hands back the value, typed. */
export function ChoiceSelect<T extends string>({
  label,
  value,
  options,
  text,
  onChange,
}: {
  label: ReactNode;
  value: T;
  options: readonly T[];
  text: (option: T) => string;
  onChange: (option: T) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(options.find((x) => x === e.target.value) ?? value)}>
        {options.map((x) => (
          <option key={x} value={x}>
            {text(x)}
          </option>
        ))}
      </select>
    </label>
  );
}
