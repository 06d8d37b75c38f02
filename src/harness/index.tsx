// Browser harness entry (placeholder): the task pane on the in-memory Excel host, without office.js.
// The lead wires the in-memory host and the real task pane here.
import { createRoot } from 'react-dom/client';

const container = document.getElementById('root');
if (!container) throw new Error('harness.html has no #root element');
createRoot(container).render(<p>Harness loading</p>);
