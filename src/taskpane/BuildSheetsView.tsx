/**
 * "Build sheets": asks the host to add whatever enrollment sheet, header, field, dropdown or
 * frozen header row is missing, then tells what it did, and which protected sheets it left alone.
 */
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { useCallback, useId } from 'react';
import type { BuildReport } from '../excel/build';
import { ErrorBar } from './ErrorBar';
import { useHost } from './HostContext';
import { useViewStyles } from './styles';
import { count, list } from './text';
import { useAction } from './useAction';

const quoted = (items: readonly string[]): string => list(items.map((s) => `"${s}"`));

/** What the build did, one sentence per kind of change; empty when it changed nothing. */
export function buildChanges(report: BuildReport): string[] {
  const lines: string[] = [];
  if (report.created.length) {
    lines.push(
      `Created ${count(report.created.length, 'sheet')}: ${list(report.created)}. Their headers are in row 1 and frozen, lists are Excel tables, and ID columns are formatted as text.`,
    );
  }
  for (const { sheet, headers } of report.headersAdded) {
    lines.push(`Added to ${sheet}: the ${headers.length === 1 ? 'header' : 'headers'} ${quoted(headers)}.`);
  }
  if (report.fieldsAdded.length) {
    lines.push(
      `Added to Enrollment: the ${report.fieldsAdded.length === 1 ? 'field' : 'fields'} ${quoted(report.fieldsAdded)}.`,
    );
  }
  if (report.dropdowns.length) {
    lines.push(`Added dropdowns to ${list(report.dropdowns.map((d) => `"${d.column}" on ${d.sheet}`))}.`);
  }
  if (report.frozen.length) lines.push(`Froze the header row of ${list(report.frozen)}.`);
  return lines;
}

export function BuildOutcome({ report }: { report: BuildReport }) {
  const styles = useViewStyles();
  const changes = buildChanges(report);
  return (
    <>
      {changes.length > 0 ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Sheets built</MessageBarTitle>
            Nothing you had entered was moved, overwritten or deleted.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Nothing to add</MessageBarTitle>
            {report.protectedSheets.length
              ? 'Everything else is already in place.'
              : 'Every enrollment sheet, header, field, dropdown and frozen header row is already in place.'}
          </MessageBarBody>
        </MessageBar>
      )}
      {changes.length > 0 && (
        <ul className={styles.bullets} aria-label="What Build sheets did">
          {changes.map((line) => (
            <li key={line}>
              <Text>{line}</Text>
            </li>
          ))}
        </ul>
      )}
      {report.protectedSheets.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Protected sheets left unchanged</MessageBarTitle>
            {list(report.protectedSheets)} {report.protectedSheets.length === 1 ? 'needs' : 'need'} something added but{' '}
            {report.protectedSheets.length === 1 ? 'is' : 'are'} protected, so nothing was changed there. Unprotect{' '}
            {report.protectedSheets.length === 1 ? 'it' : 'them'} (Review › Unprotect Sheet) and select Build sheets
            again.
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

export function BuildSheetsView() {
  const host = useHost();
  const styles = useViewStyles();
  const headingId = useId();
  const build = useAction(useCallback(() => host.buildSheets(), [host]));
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        Enrollment sheets
      </Subtitle2>
      <Text as="p" className={styles.heading}>
        Adds whatever the enrollment workbook is missing: sheets, headers, Enrollment fields, dropdowns for subset and
        workflow names, and frozen header rows. Your data stays where it is.
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" disabledFocusable={build.busy} onClick={() => void build.run()}>
          Build sheets
        </Button>
        {build.busy && <Spinner size="tiny" label="Building the sheets…" />}
      </div>
      {build.state.status === 'failed' && <ErrorBar title="Build sheets failed" error={build.state.error} />}
      {build.state.status === 'done' && <BuildOutcome report={build.state.value} />}
    </section>
  );
}
