/**
 * The pane's side of the one packaging rule (issue 16): the core plans what ships from the
 * sheets as read and, where Office gives the file, from what the file itself carries; the pane
 * gets the rebuilt workbook.xlsx and the listing to confirm. Loaded with the package chunk.
 */
import type { WorkbookInput } from '../core/port';
import { ContentsError, inspectXlsx, type WorkbookContents } from '../core/package/contents';
import { describeCredential, describeLeftOut, planShipment } from '../core/package/shipment';
import { workbookToXlsx } from '../core/package/xlsx';
import type { ShipmentSummary } from './host';
import { SUBMISSION_LOG_SHEET } from './submission-log';

export function shipmentOf(
  input: WorkbookInput,
  fileBytes: Uint8Array | null,
): { bytes: Uint8Array; summary: ShipmentSummary } {
  let contents: WorkbookContents | null = null;
  if (fileBytes !== null) {
    try {
      contents = inspectXlsx(fileBytes);
    } catch (e) {
      // Not a package the core can look into: list from the sheets as read.
      if (!(e instanceof ContentsError)) throw e;
    }
  }
  const plan = planShipment(input, contents);
  // The add-in's own log sheet is left out by design (docs/submit.md); it is not news to the user.
  const ownLog = (s: { readonly name: string; readonly state: string }): boolean =>
    s.name === SUBMISSION_LOG_SHEET && s.state === 'visible';
  const leftOut = { ...plan.leftOut, sheets: plan.leftOut.sheets.filter((s) => !ownLog(s)) };
  return {
    bytes: workbookToXlsx(plan.port),
    summary: {
      sheets: plan.sheets,
      leftOut: describeLeftOut(leftOut),
      credentials: plan.credentials.map(describeCredential),
    },
  };
}
