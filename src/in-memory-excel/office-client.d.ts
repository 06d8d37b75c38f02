/**
 * Microsoft's Excel client library (@microsoft/office-js), loaded as a module by
 * scripts/office-client.js (jest transform, webpack loader): a function of the `window` it
 * reads, returning a fresh copy of the client.
 */
declare module '@microsoft/office-js/dist/excel-web-16.00.js' {
  const officeClient: (window: { readonly Office: unknown }) => {
    readonly Excel: typeof Excel;
    readonly OfficeExtension: typeof OfficeExtension;
  };
  export default officeClient;
}
