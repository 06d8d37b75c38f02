/**
 * What happened to each upload attempt of one package (issue 16): the pane says whether the
 * package left this computer, what the intake answered, and whether it was sent again. A kept
 * list, so that "one click, three submissions" can never happen unseen.
 */
import { Text } from '@fluentui/react-components';
import { useViewStyles } from '../styles';
import type { AttemptRecord } from './upload';

export function UploadAttempts({ attempts, fileName }: { attempts: readonly AttemptRecord[]; fileName: string }) {
  const view = useViewStyles();
  if (attempts.length === 0) return null;
  return (
    <ol className={view.bullets} aria-label={`Upload attempts of ${fileName}`}>
      {attempts.map((a, i) => (
        <li key={i}>
          <Text weight="semibold">Attempt {i + 1}:</Text> {a.message}
        </li>
      ))}
    </ol>
  );
}

/** The note beside "Retry upload" once the package may already be at the intake. */
export const MAY_HAVE_ARRIVED =
  'The intake may already have it: retry only if Spot has not received it. Every attempt carries the package’s SHA-256 as its Idempotency-Key, so the intake can recognise the same package sent again.';
