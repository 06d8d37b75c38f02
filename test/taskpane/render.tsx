// The pane as index.tsx renders it (minus Office), on a FakeHost, and jest-dom's matchers.
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, type RenderResult } from '@testing-library/react';
import { StrictMode } from 'react';
import { App } from '../../src/taskpane/App';
import type { FakeHost } from './fake-host';

// jsdom has no Blob.text() (every browser the add-in runs in has): read files as the pane does.
if (typeof Blob.prototype.text !== 'function') {
  Blob.prototype.text = function text(this: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsText(this);
    });
  };
}

export function renderPane(host: FakeHost): RenderResult {
  return render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <App host={host} />
      </FluentProvider>
    </StrictMode>,
  );
}

/**
 * jsdom lays nothing out, so Tabster (Fluent's focus manager, which moves focus itself on Tab)
 * finds no element visible and sends focus to <body>. For keyboard tests: every element not
 * inside a [hidden] one is laid out in a 320 x 600 pane. Returns the restore function.
 */
export function emulateLayout(): () => void {
  const offsetParent = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetParent');
  Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
    configurable: true,
    get(this: HTMLElement) {
      return this.closest('[hidden]') ? null : this.parentElement;
    },
  });
  const rect = { x: 0, y: 0, top: 0, left: 0, width: 320, height: 600, right: 320, bottom: 600 };
  const bodyRect = jest.spyOn(document.body, 'getBoundingClientRect').mockReturnValue({ ...rect, toJSON: () => rect });
  return () => {
    bodyRect.mockRestore();
    if (offsetParent) Object.defineProperty(HTMLElement.prototype, 'offsetParent', offsetParent);
  };
}
