/** The EnrollmentHost of the pane: Office.js in Excel, a test double in tests, the in-memory host in the harness. */
import { createContext, useContext, type ReactNode } from 'react';
import type { EnrollmentHost } from '../excel/host';

const HostContext = createContext<EnrollmentHost | null>(null);

export function HostProvider({ host, children }: { host: EnrollmentHost; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): EnrollmentHost {
  const host = useContext(HostContext);
  if (host === null) throw new Error('useHost() needs a <HostProvider> above it');
  return host;
}
