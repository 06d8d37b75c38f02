/**
 * The package's way out of the pane on this platform (save-route.ts): a download link, or on
 * Excel for Mac and iPad a button that opens the add-in's save page in the browser, or where
 * neither works the sentence that says what is left. The pane always says which route applies.
 */
import { Button, Link, Text } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useViewStyles } from '../styles';
import type { Submission } from './make-package';
import { chooseSaveRoute, type SaveEnvironment } from './save-route';

export interface SavePackageProps {
  readonly submission: Submission;
  /** The blob URL for the download link; null where the browser has no object URLs. */
  readonly url: string | null;
  readonly environment: SaveEnvironment;
  /** An intake address is set (the upload is another way out). */
  readonly uploadSet: boolean;
  /** The user took the package out (the Submission Log is written then, not before). */
  readonly onSaved: () => void;
}

export function SavePackage({ submission, url, environment, uploadSet, onSaved }: SavePackageProps) {
  const view = useViewStyles();
  const route = useMemo(
    () =>
      chooseSaveRoute(
        environment,
        { fileName: submission.fileName, sha256: submission.sha256, bytes: submission.built.bytes },
        uploadSet,
      ),
    [environment, submission, uploadSet],
  );
  if (route.kind === 'browser') {
    return (
      <>
        <div className={view.actions}>
          <Button
            onClick={() => {
              route.open();
              onSaved();
            }}
          >
            Open in browser to save {submission.fileName}
          </Button>
        </div>
        <Text size={200}>{route.note}</Text>
      </>
    );
  }
  if (route.kind === 'none') return <Text size={200}>{route.note}</Text>;
  return (
    <>
      <div className={view.actions}>
        {url !== null ? (
          <Link href={url} download={submission.fileName} onClick={onSaved}>
            Save {submission.fileName}
          </Link>
        ) : (
          <Text>This browser cannot save files from the pane (no object URLs).</Text>
        )}
      </div>
      <Text size={200}>
        {route.note} If nothing is saved, your Office blocks downloads from add-ins: right-click the link and choose
        &quot;Save link as&quot;, or submit from Excel on the web or with the msp-enroll command line.
      </Text>
    </>
  );
}
