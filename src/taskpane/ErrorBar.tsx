/** A failed host call, told in a Fluent MessageBar: what failed, Excel's message, and its code. */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeError } from './errors';

export function ErrorBar({ title, error }: { title: string; error: unknown }) {
  const { message, detail } = describeError(error);
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
        {detail !== undefined && ` (${detail})`}
      </MessageBarBody>
    </MessageBar>
  );
}
