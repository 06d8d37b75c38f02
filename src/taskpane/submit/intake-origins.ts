/**
 * The intake origins this build may upload to: the same list as the pages' connect-src, set at
 * build time by ADDIN_INTAKE_ORIGINS (webpack's DefinePlugin; scripts/deployment.js). Outside a
 * webpack build (jest) there is none, so nothing is allowed unless a caller passes its own.
 */
declare const __MSP_INTAKE_ORIGINS__: readonly string[] | undefined;

export const BUILD_INTAKE_ORIGINS: readonly string[] =
  typeof __MSP_INTAKE_ORIGINS__ === 'undefined' ? [] : __MSP_INTAKE_ORIGINS__;
