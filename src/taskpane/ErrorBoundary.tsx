/** A view that fails to render (or whose code fails to load) shows what happened instead of a blank pane. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { describeError } from './errors';

interface Props {
  readonly children: ReactNode;
}

interface State {
  readonly failure: { readonly error: unknown } | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failure: null };

  static getDerivedStateFromError(error: unknown): State {
    return { failure: { error } };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Task pane view failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.failure === null) return this.props.children;
    const { message, detail } = describeError(this.state.failure.error);
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>This part of the pane stopped working</MessageBarTitle>
          {message}
          {detail !== undefined && ` (${detail})`}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => this.setState({ failure: null })}>Try again</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}
