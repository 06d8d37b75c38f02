/**
 * The package for Spot (issue 5): build it, verify it. Pure: no Office, React or Node imports
 * (fflate for the ZIP, Web Crypto for SHA-256). See docs/package.md for the format.
 */
export { buildPackage, PackageError, TOOL_NAME, type BuildOptions, type BuiltPackage } from './build';
export { canonicalJson } from './canonical-json';
export { checkEnrollmentText, type EnrollmentCheck } from './check';
export { enrollmentPath, enrollmentToWorkbook } from './enrollment-workbook';
export { mspSlug, packageFileName } from './file-name';
export { holdsMacros } from './macros';
export {
  DATA_FILES,
  ENROLLMENT_FILE,
  MANIFEST_FILE,
  PACKAGE_FILES,
  PACKAGE_FORMAT,
  SCHEMA_FILE,
  TICKET_FILE,
  WORKBOOK_FILE,
  type DataFileName,
  type PackageFileName,
} from './files';
export { ManifestSchema, WORKBOOK_SOURCES, type Manifest, type ManifestFile, type WorkbookSource } from './manifest';
export { PROBLEMS, type PackageProblem, type ProblemKind } from './problems';
export { enrollmentJsonSchema, enrollmentSchemaText } from './schema';
export { ticketText } from './ticket';
export { isUnsafeEntryName, verifyPackage, type VerifyOptions, type VerifyResult } from './verify';
export { ContentsError, inspectXlsx, type WorkbookContents } from './contents';
export { credentialIn, credentialsInCells, type CredentialHit, type CredentialKind } from './credentials';
export { describeCredential, describeLeftOut, planShipment, type LeftOut, type Shipment } from './shipment';
export { enrollmentCredentialProblems, workbookProblems } from './workbook-check';
export { workbookToXlsx } from './xlsx';
