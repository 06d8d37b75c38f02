/**
 * The building blocks of the rule forms: a form's state is a flat bag of field values keyed by
 * the parameter path they fill (`percent`, `when.services`), and errors come back from the rule's
 * own zod schema keyed the same way. Every field is a Fluent Field: label wired to the control,
 * the schema's message as its validation message.
 */
import {
  Checkbox,
  Field,
  FieldContextProvider,
  Input,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { AccountIdParam } from '../../../core/rules/params';

export type FieldValue = string | boolean | readonly string[];
export type FormState = Readonly<Record<string, FieldValue>>;
/** Messages by field key; '' holds the form-level ones. */
export type FormErrors = ReadonlyMap<string, string>;

export interface FormProps {
  readonly state: FormState;
  readonly set: (key: string, value: FieldValue) => void;
  readonly errors: FormErrors;
  /** Account IDs of the Accounts sheet, to offer. */
  readonly accounts: readonly string[];
  /** Account names by ID, for the offered accounts' labels ("Contoso prod (111111111111)"). */
  readonly accountNames?: Readonly<Record<string, string>>;
}

export const str = (state: FormState, key: string, fallback = ''): string => {
  const v = state[key];
  return typeof v === 'string' ? v : fallback;
};
export const strs = (state: FormState, key: string): readonly string[] => {
  const v = state[key];
  return Array.isArray(v) ? (v as readonly string[]) : [];
};
export const bool = (state: FormState, key: string): boolean => state[key] === true;

/** Entries pasted or typed: separated by spaces, commas, semicolons or new lines. Text is kept as typed (leading zeros too). */
export function splitList(text: string): string[] {
  return text.split(/[\s,;]+/).filter((t) => t !== '');
}
/** Entries separated by commas or new lines (names may hold spaces). */
export function splitLines(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** The decimal separator of the user's locale. */
export function decimalSeparator(locale?: string): string {
  const lang = locale ?? (typeof navigator === 'undefined' ? 'en-US' : navigator.language);
  return new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** A typed number in the locale's notation (or with a point): the number, else the text (for the schema to refuse), undefined when blank. */
export function parseDecimal(text: string, sep = decimalSeparator()): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const normal = sep === '.' ? t : t.split(sep).join('.');
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(normal) ? Number(normal) : t;
}
export const formatDecimal = (n: unknown, sep = decimalSeparator()): string =>
  typeof n === 'number' ? String(n).replace('.', sep) : typeof n === 'string' ? n : '';

/** Zod issues to messages by field key: the deepest known key of the issue's path, with the offending entry named. */
export function errorsFrom(issues: readonly z.core.$ZodIssue[], keys: readonly string[], params: unknown): FormErrors {
  const out = new Map<string, string>();
  for (const issue of issues) {
    const names = issue.path.filter((p): p is string => typeof p === 'string');
    let key = '';
    for (let n = names.length; n > 0; n--) {
      const k = names.slice(0, n).join('.');
      if (keys.includes(k)) {
        key = k;
        break;
      }
    }
    const index = issue.path.findIndex((p) => typeof p === 'number');
    let entry: unknown = params;
    for (const p of issue.path.slice(0, index < 0 ? 0 : index + 1)) {
      entry = typeof entry === 'object' && entry !== null ? (entry as Record<PropertyKey, unknown>)[p] : undefined;
    }
    const message = index < 0 ? issue.message : `${JSON.stringify(entry)} ${issue.message}`;
    if (!out.has(key)) out.set(key, message);
  }
  return out;
}

const useStyles = makeStyles({
  group: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
});

const validation = (errors: FormErrors, key: string) => {
  const message = errors.get(key);
  return message === undefined ? {} : { validationState: 'error' as const, validationMessage: message };
};

export function TextField(props: FormProps & { name: string; label: string; hint?: string; multiline?: boolean }) {
  const { state, set, errors, name, label, hint, multiline } = props;
  return (
    <Field label={label} hint={hint ?? null} {...validation(errors, name)}>
      {multiline ? (
        <Textarea resize="vertical" value={str(state, name)} onChange={(_, d) => set(name, d.value)} />
      ) : (
        <Input value={str(state, name)} onChange={(_, d) => set(name, d.value)} />
      )}
    </Field>
  );
}

export function NumberField(props: FormProps & { name: string; label: string; hint: string }) {
  const { state, set, errors, name, label, hint } = props;
  return (
    <Field label={label} hint={hint ?? null} {...validation(errors, name)}>
      <Input inputMode="decimal" value={str(state, name)} onChange={(_, d) => set(name, d.value)} />
    </Field>
  );
}

export function PercentField(props: FormProps & { name?: string; max: number }) {
  const sep = decimalSeparator();
  return (
    <NumberField
      {...props}
      name={props.name ?? 'percent'}
      label="Percent"
      hint={`Greater than 0 and at most ${formatDecimal(props.max, sep)}, up to 4 decimal places (${formatDecimal(2.5, sep)}), no % sign`}
    />
  );
}

export function ChoiceField(
  props: FormProps & { name: string; label: string; options: readonly (readonly [string, string])[] },
) {
  const { state, set, errors, name, label, options } = props;
  return (
    <Field label={label} {...validation(errors, name)}>
      <RadioGroup value={str(state, name)} onChange={(_, d) => set(name, d.value)}>
        {options.map(([value, text]) => (
          <Radio key={value} value={value} label={text} />
        ))}
      </RadioGroup>
    </Field>
  );
}

export function ChecksField(
  props: FormProps & { name: string; label: string; hint?: string; options: readonly (readonly [string, string])[] },
) {
  const { state, set, errors, name, label, hint, options } = props;
  const styles = useStyles();
  const chosen = strs(state, name);
  const toggle = (value: string, on: boolean): void =>
    set(
      name,
      options.map(([v]) => v).filter((v) => (v === value ? on : chosen.includes(v))),
    );
  return (
    <Field label={label} hint={hint ?? null} {...validation(errors, name)}>
      {(fieldProps) => (
        <div role="group" {...fieldProps} className={styles.group}>
          {/* Each checkbox is named by its own label, not the group's. */}
          <FieldContextProvider value={undefined}>
            {options.map(([value, text]) => (
              <Checkbox
                key={value}
                label={text}
                checked={chosen.includes(value)}
                onChange={(_, d) => toggle(value, d.checked === true)}
              />
            ))}
          </FieldContextProvider>
        </div>
      )}
    </Field>
  );
}

export function SwitchField(props: FormProps & { name: string; label: string }) {
  const { state, set, errors, name, label } = props;
  return (
    <Field {...validation(errors, name)}>
      <Switch label={label} checked={bool(state, name)} onChange={(_, d) => set(name, d.checked)} />
    </Field>
  );
}

/** Account IDs, pasted many at once; each one checked; the Accounts sheet's IDs offered. */
export function AccountsField(props: FormProps & { name: string; label: string; children?: ReactNode }) {
  const { state, set, errors, name, label, accounts } = props;
  const text = str(state, name);
  const tokens = splitList(text);
  const bad = tokens.filter((t) => !AccountIdParam.safeParse(t).success);
  const own = errors.get(name);
  const message =
    bad.length > 0
      ? `${bad.map((t) => `"${t}"`).join(', ')} ${bad.length === 1 ? 'is not an AWS account ID' : 'are not AWS account IDs'}: each must be exactly 12 digits`
      : own;
  const offered = accounts.filter((a) => !tokens.includes(a));
  return (
    <>
      <Field
        label={label}
        hint="Paste or type 12-digit IDs, separated by spaces, commas or new lines"
        {...(message === undefined ? {} : { validationState: 'error' as const, validationMessage: message })}
      >
        <Textarea resize="vertical" value={text} onChange={(_, d) => set(name, d.value)} />
      </Field>
      {offered.length > 0 && (
        <Field label={`Add an account from the Accounts sheet to ${label.toLowerCase()}`}>
          <Select
            value=""
            onChange={(_, d) => {
              if (d.value !== '') set(name, [...tokens, d.value].join('\n'));
            }}
          >
            <option value="">Choose an account…</option>
            {offered.map((a) => (
              <option key={a} value={a}>
                {props.accountNames?.[a] ? `${props.accountNames[a]} (${a})` : a}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </>
  );
}
