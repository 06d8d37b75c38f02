/**
 * Before packaging (issue 16): what workbook.xlsx ships and what the workbook carries that is
 * left out, for the user to confirm; and text that looks like a credential, which blocks.
 * Kept apart from SubmitView.tsx; the words come from the core (shipment.ts).
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import type { ShipmentSummary } from '../../excel/host';
import { useViewStyles } from '../styles';

export function ShipmentList({ shipment }: { shipment: ShipmentSummary }) {
  const view = useViewStyles();
  return (
    <>
      <Text>
        Spot receives the values of {shipment.sheets.map((s) => `"${s}"`).join(', ')}: no formulas, no hidden sheets, no
        document properties, no comments.
      </Text>
      {shipment.leftOut.length > 0 && (
        <ul className={view.bullets} aria-label="Left out of the package">
          {shipment.leftOut.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function CredentialBlock({ lines }: { lines: readonly string[] }) {
  const view = useViewStyles();
  return (
    <>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Not submitted: the workbook holds what looks like a credential</MessageBarTitle>
          No credential may be sent to Spot. Remove each of these from the workbook, then submit again.
        </MessageBarBody>
      </MessageBar>
      <ul className={view.bullets} aria-label="Credentials that block submission">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </>
  );
}
