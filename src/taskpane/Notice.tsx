/**
 * A confirmation ("Saved", "Imported 31 accounts") where the user is looking: announced by screen
 * readers (role status) and scrolled into view when it appears or its text changes, since the
 * button that caused it is often far below the top of the pane.
 */
import { MessageBar, MessageBarBody, type MessageBarIntent } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';

export function Notice({
  intent = 'success',
  text,
  children,
}: {
  intent?: MessageBarIntent;
  text: string;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    // jsdom has no scrollIntoView; every browser the pane runs in does.
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [text]);
  return (
    <MessageBar
      ref={(el: HTMLDivElement | null) => {
        ref.current = el;
      }}
      intent={intent}
      role="status"
      layout="multiline"
    >
      <MessageBarBody>
        {text}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
