// The save page (issue 9, item 7): opened in the user's browser by the task pane on Excel for Mac
// and iPad, whose web view cannot save files. It reads the package from the URL fragment, checks
// its SHA-256, drops the fragment from the address bar and history, and offers the file to save.
// Plain DOM: no React or Fluent UI for one link. See src/taskpane/submit/handover.ts.
import { sha256Hex } from '../core/package/digest';
import { readHandover } from '../taskpane/submit/handover';

const PROBLEMS = {
  missing:
    'No package here. This page saves the package that the MSP Enrollment add-in opens it with: in Excel, go to Submit and select "Open in browser to save".',
  format:
    'This link is not one the MSP Enrollment add-in makes (or comes from another version): make the package again in Excel.',
  damaged: 'The package arrived damaged: make it again in Excel (Submit) and open it in the browser again.',
} as const;

function show(status: HTMLElement, text: string, error: boolean): void {
  status.textContent = text;
  if (error) status.setAttribute('role', 'alert');
}

async function main(): Promise<void> {
  const status = document.getElementById('status');
  const main = document.getElementById('save');
  if (!status || !main) return;
  const read = readHandover(location.hash);
  // The package has no business in the history or a bookmark: drop it from the address.
  if (location.hash !== '') history.replaceState(null, '', location.pathname + location.search);
  if (!read.ok) {
    show(status, PROBLEMS[read.problem], true);
    return;
  }
  const { fileName, sha256, bytes } = read.handover;
  if ((await sha256Hex(bytes)) !== sha256) {
    show(status, PROBLEMS.damaged, true);
    return;
  }
  show(status, `${fileName}: ${bytes.length.toLocaleString('en-US')} bytes, SHA-256 ${sha256}.`, false);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/zip' }));
  link.download = fileName;
  link.textContent = `Save ${fileName}`;
  const p = document.createElement('p');
  p.append(link);
  main.append(p);
  const next = document.createElement('p');
  next.textContent = 'Then send the file to Spot as you were told, and close this page.';
  main.append(next);
  link.focus();
}

void main();
