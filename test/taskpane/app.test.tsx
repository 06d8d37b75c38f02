/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ErrorBoundary } from '../../src/taskpane/ErrorBoundary';
import { fluentThemeFor } from '../../src/taskpane/theme';
import { EMPTY_BUILD, FakeHost, inPlace } from './fake-host';
import { UNKNOWN_SUBSET_D5 } from './findings';
import { renderPane } from './render';

describe('the pane', () => {
  it('has a title, a tab per view, and the setup view open', () => {
    renderPane(new FakeHost());
    expect(screen.getByRole('heading', { level: 1, name: 'Spot MSP Enrollment' })).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(tabs.map((_, i) => String(i === 0)));
    expect(screen.getByRole('tablist', { name: 'Enrollment steps' })).toBeInTheDocument();
    expect(screen.getByRole('tabpanel', { name: 'Set up' })).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: 'Enrollment sheets' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'AWS accounts' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Build sheets' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import accounts' })).toBeInTheDocument();
  });

  it('keeps what each view showed when switching tabs', async () => {
    const host = new FakeHost();
    host.answerBuild = async () => ({ ...EMPTY_BUILD, created: ['Accounts'] });
    host.answerValidate = async () => inPlace([UNKNOWN_SUBSET_D5]);
    renderPane(host);

    await userEvent.click(screen.getByRole('button', { name: 'Build sheets' }));
    await screen.findByText('Sheets built');
    await userEvent.click(screen.getByRole('tab', { name: 'Validate' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Validate' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 error'));
    expect(screen.queryByText('Sheets built')).not.toBeVisible();

    await userEvent.click(screen.getByRole('tab', { name: 'Set up' }));
    expect(screen.getByText('Sheets built')).toBeVisible();
    await userEvent.click(screen.getByRole('tab', { name: 'Validate' }));
    expect(screen.getByRole('status')).toHaveTextContent('1 error');
    expect(host.callsOf('validate')).toHaveLength(1);
  });

  it('shows what went wrong when a view fails to render, with a way to try again', async () => {
    let fail = true;
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    function Fragile() {
      if (fail) throw new Error('Loading chunk validate failed.');
      return <p>Loaded</p>;
    }
    render(
      <FluentProvider theme={webLightTheme}>
        <ErrorBoundary>
          <Fragile />
        </ErrorBoundary>
      </FluentProvider>,
    );
    expect(screen.getByRole('group', { name: 'This part of the pane stopped working' })).toHaveTextContent(
      'Loading chunk validate failed.',
    );
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Loaded')).toBeInTheDocument();
    consoleError.mockRestore();
  });

  it('follows the Office theme, light and dark', () => {
    expect(fluentThemeFor({ bodyBackgroundColor: '#1f1f1f' })).not.toBe(fluentThemeFor(undefined));
    expect(fluentThemeFor({ bodyBackgroundColor: '#ffffff' })).toBe(webLightTheme);
  });
});
