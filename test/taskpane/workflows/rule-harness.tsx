/** Shared by the workflow form tests: one rule's form with its live sentence. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { screen } from '@testing-library/react';
import { useState } from 'react';
import type { RuleId } from '../../../src/core/rules';
import { checkStep } from '../../../src/taskpane/workflows/draft';
import { FORMS } from '../../../src/taskpane/workflows/forms';
import type { FieldValue } from '../../../src/taskpane/workflows/forms/fields';

// jsdom has no ResizeObserver (Fluent's Card uses one); nothing is laid out, so it never fires.
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  Object.assign(window, {
    ResizeObserver: class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  });
}

/** One rule's form with its live sentence ("invalid" while the schema refuses the parameters). */
export function RuleHarness({ rule, params }: { rule: RuleId; params: Record<string, unknown> }) {
  const form = FORMS[rule];
  const [state, setState] = useState(() => form.fromParams(params));
  const c = checkStep({ id: 1, rule, state });
  const set = (key: string, value: FieldValue) => setState((s) => ({ ...s, [key]: value }));
  return (
    <FluentProvider theme={webLightTheme}>
      <form.Fields state={state} set={set} errors={c.errors} accounts={['111111111111']} />
      <output aria-label="Details">{c.sentence ?? 'invalid'}</output>
    </FluentProvider>
  );
}

export const details = () => screen.getByRole('status', { name: 'Details' });
