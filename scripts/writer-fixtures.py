#!/usr/bin/python3
"""Writes the reader's fixtures with real spreadsheet writers: Debian's python3-openpyxl and
python3-xlsxwriter here; scripts/make-writer-fixtures.sh then has Gnumeric (ssconvert) and
LibreOffice convert some of them. Usage: writer-fixtures.py OUT_DIR SCRATCH_DIR, where
SCRATCH_DIR/valid.json holds the valid enrollment (the shell script writes it).

Each workbook is the valid enrollment of test/core/fixtures/workbooks.ts (validSheets) plus the
feature it is about; test/cli/writers.test.ts says what each must give."""
import json
import os
import sys
import zipfile

import openpyxl
import xlsxwriter
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table, TableStyleInfo

OUT, SCRATCH = sys.argv[1], sys.argv[2]
ICON = os.path.join(os.path.dirname(__file__), '..', 'assets', 'icon-64.png')

with open(os.path.join(SCRATCH, 'valid.json')) as f:
    VALID = json.load(f)


def valid():
    """A fresh copy of the valid enrollment (validSheets of test/core/fixtures/workbooks.ts)."""
    return json.loads(json.dumps(VALID))


ID_HEADERS = {'Value', 'AWS Account ID', 'Spot Org ID'}


def openpyxl_book(sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is None:
                    continue
                cell = ws.cell(row=r, column=c, value=v)
                if rows[0][c - 1] in ID_HEADERS and isinstance(v, str) and v.isdigit():
                    cell.number_format = '@'
    return wb


def xlsxwriter_cell(ws, header, r, c, v, text):
    """One cell with XlsxWriter: an ID as text in a text-formatted cell."""
    if header in ID_HEADERS and isinstance(v, str) and v.isdigit():
        ws.write_string(r, c, v, text)
    else:
        ws.write(r, c, v)


def xlsxwriter_rows(ws, rows, text, skip=lambda r, c: False):
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if not skip(r, c):
                xlsxwriter_cell(ws, rows[0][c], r, c, v, text)


def path(name):
    return os.path.join(OUT, name)


def scratch(name):
    return os.path.join(SCRATCH, name)


# ---- defect 1: comments, notes, threaded comments, hyperlinks, names, protection, custom XML ----

def comments():
    wb = openpyxl_book(valid())
    acc = wb['Accounts']
    acc['C2'].comment = Comment('Payer account: check with finance before enrolling.', 'Reviewer')
    acc['A3'].comment = Comment('Renamed in March', 'Reviewer')
    wb['Enrollment']['B2'].comment = Comment('Legal name, as on the contract', 'Reviewer')
    acc['B3'].hyperlink = 'mailto:aws-prod@contoso.example'
    acc['B3'].style = 'Hyperlink'
    notes = wb.create_sheet('Reviewer notes')
    notes['A1'] = 'Checked by'
    notes['B1'] = 'J. Doe'
    notes['A2'] = 'Spot docs'
    notes['B2'].hyperlink = 'https://docs.spot.io/'
    notes['B2'] = 'docs'
    notes.protection.sheet = True
    notes.protection.password = 'review'
    wb.security = openpyxl.workbook.protection.WorkbookProtection(lockStructure=True)
    wb.defined_names.append(DefinedName('SubsetList', attr_text="'Subset Workflows'!$A$2:$A$6"))
    wb.save(scratch('comments-plain.xlsx'))
    add_threaded_comment_and_custom_xml(scratch('comments-plain.xlsx'), path('openpyxl-comments.xlsx'))


THREADED = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><threadedComment ref="D2" dT="2026-11-30T10:00:00.00" personId="{6C3B0F47-1B0C-4C2A-9E0B-2B8B5C3D1E01}" id="{0A1B2C3D-0000-4000-8000-000000000001}"><text>Is Subset 1 right for the payer?</text></threadedComment></ThreadedComments>'''
PERSONS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><person displayName="Reviewer" id="{6C3B0F47-1B0C-4C2A-9E0B-2B8B5C3D1E01}" userId="reviewer@example.com" providerId="None"/></personList>'''
CUSTOM_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<msp:review xmlns:msp="urn:example:review"><msp:status>draft</msp:status></msp:review>'
CUSTOM_PROPS = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{11111111-2222-3333-4444-555555555555}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>'


PIVOT_CACHE = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1" refreshOnLoad="1" recordCount="6"><cacheSource type="worksheet"><worksheetSource ref="A1:D7" sheet="Accounts"/></cacheSource><cacheFields count="1"><cacheField name="Subset Name" numFmtId="0"><sharedItems count="5"><s v="Subset 1"/><s v="Subset 2"/><s v="Subset 3"/><s v="Subset 4"/><s v="Subset 5"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>'''
PIVOT_RECORDS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6"><r><x v="0"/></r><r><x v="0"/></r><r><x v="1"/></r><r><x v="2"/></r><r><x v="3"/></r><r><x v="4"/></r></pivotCacheRecords>'''
PIVOT_TABLE = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="AccountsPerSubset" cacheId="1" dataCaption="Values" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" updatedVersion="6" createdVersion="6"><location ref="D1:E7" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="1"><pivotField axis="axisRow" showAll="0"><items count="6"><item x="0"/><item x="1"/><item x="2"/><item x="3"/><item x="4"/><item t="default"/></items></pivotField></pivotFields><rowFields count="1"><field x="0"/></rowFields><rowItems count="1"><i><x/></i></rowItems><colItems count="1"><i/></colItems></pivotTableDefinition>'''


def add_threaded_comment_and_custom_xml(src, dst):
    """openpyxl writes neither threaded comments, custom XML nor pivot tables: add them as Excel
    lays them out (a pivot table of accounts per subset on the protected notes sheet)."""
    with zipfile.ZipFile(src) as zin:
        items = {n: zin.read(n) for n in zin.namelist()}
    sheet_names = openpyxl.load_workbook(src).sheetnames
    sheet = f'xl/worksheets/sheet{sheet_names.index("Accounts") + 1}.xml'
    rels = sheet.replace('worksheets/', 'worksheets/_rels/') + '.rels'
    rel = ('<Relationship Id="rIdThreaded1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" '
           'Target="../threadedComments/threadedComment1.xml"/>')
    items[rels] = items[rels].replace(b'</Relationships>', rel.encode() + b'</Relationships>')
    wb_rels = 'xl/_rels/workbook.xml.rels'
    extra = ('<Relationship Id="rIdPersons1" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/>'
             '<Relationship Id="rIdCustom1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>')
    items[wb_rels] = items[wb_rels].replace(b'</Relationships>', extra.encode() + b'</Relationships>')
    items['xl/threadedComments/threadedComment1.xml'] = THREADED.encode()
    items['xl/persons/person.xml'] = PERSONS.encode()
    items['customXml/item1.xml'] = CUSTOM_XML.encode()
    items['customXml/itemProps1.xml'] = CUSTOM_PROPS.encode()
    items['customXml/_rels/item1.xml.rels'] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>').encode()
    notes = f'xl/worksheets/sheet{sheet_names.index("Reviewer notes") + 1}.xml'
    notes_rels = notes.replace('worksheets/', 'worksheets/_rels/') + '.rels'
    pivot_rel = ('<Relationship Id="rIdPivot1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable" '
                 'Target="../pivotTables/pivotTable1.xml"/>')
    if notes_rels in items:
        items[notes_rels] = items[notes_rels].replace(b'</Relationships>', pivot_rel.encode() + b'</Relationships>')
    else:
        items[notes_rels] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                             + pivot_rel + '</Relationships>').encode()
    items['xl/pivotTables/pivotTable1.xml'] = PIVOT_TABLE.encode()
    items['xl/pivotTables/_rels/pivotTable1.xml.rels'] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/></Relationships>').encode()
    items['xl/pivotCache/pivotCacheDefinition1.xml'] = PIVOT_CACHE.encode()
    items['xl/pivotCache/pivotCacheRecords1.xml'] = PIVOT_RECORDS.encode()
    items['xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels'] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>').encode()
    items[wb_rels] = items[wb_rels].replace(b'</Relationships>', (
        '<Relationship Id="rIdPivotCache1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition" '
        'Target="pivotCache/pivotCacheDefinition1.xml"/>').encode() + b'</Relationships>')
    wb_xml = items['xl/workbook.xml']
    caches = b'<pivotCaches><pivotCache cacheId="1" r:id="rIdPivotCache1"/></pivotCaches>'
    if b'<calcPr' in wb_xml:
        wb_xml = wb_xml.replace(b'<calcPr', caches + b'<calcPr', 1)
    else:
        wb_xml = wb_xml.replace(b'</workbook>', caches + b'</workbook>')
    if b'xmlns:r=' not in wb_xml:
        wb_xml = wb_xml.replace(b'<workbook ', b'<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ', 1)
    items['xl/workbook.xml'] = wb_xml
    ct = items['[Content_Types].xml']
    overrides = ('<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
                 '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>'
                 '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>'
                 '<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"/>'
                 '<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/>'
                 '<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"/>')
    items['[Content_Types].xml'] = ct.replace(b'</Types>', overrides.encode() + b'</Types>')
    with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for n, b in items.items():
            zout.writestr(n, b)


# ---- defect 2: formulas whose results are text ------------------------------------------------

def formulas():
    """IDs built with =TEXT(...), workflow names looked up with =VLOOKUP: openpyxl saves the
    formulas without results; Gnumeric and LibreOffice then compute and save them."""
    sheets = valid()
    wb = openpyxl_book(sheets)
    lookup = wb.create_sheet('Lookup')
    lookup.append(['Subset', 'Workflow', 'Account number'])
    for name, wf in sheets['Subset Workflows'][1:]:
        lookup.append([name, wf, None])
    for r, row in enumerate(sheets['Accounts'][1:], start=2):
        lookup.cell(row=r, column=3, value=int(row[2]))
    sw = wb['Subset Workflows']
    for r in range(2, len(sheets['Subset Workflows']) + 1):
        sw.cell(row=r, column=2, value=f'=VLOOKUP(A{r},Lookup!$A$2:$B$6,2,FALSE)')
    acc = wb['Accounts']
    for r in range(2, len(sheets['Accounts']) + 1):
        acc.cell(row=r, column=3, value=f'=TEXT(Lookup!C{r},"000000000000")')
    wb.save(path('openpyxl-formulas-no-results.xlsx'))


# ---- defect 3: tables with totals rows ---------------------------------------------------------

def tables():
    sheets = valid()
    wb = xlsxwriter.Workbook(path('xlsxwriter-table-totals.xlsx'))
    text = wb.add_format({'num_format': '@'})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        if name in ('Accounts', 'Subset Workflows'):
            headers = rows[0]
            body = rows[1:]
            columns = [{'header': h, 'format': text if h in ID_HEADERS else None} for h in headers]
            columns[0].update({'total_string': 'Total'})
            columns[-1].update({'total_function': 'count', 'total_value': len(body)})
            if name == 'Accounts':
                columns[2].update({'total_function': 'count', 'total_value': len(body)})
            ws.add_table(0, 0, len(body) + 1, len(headers) - 1,
                         {'data': body, 'columns': columns, 'total_row': True, 'name': name.replace(' ', '')})
            continue
        xlsxwriter_rows(ws, rows, text)
    wb.close()


# ---- defect 4: merged cells ----------------------------------------------------------------------

def merges():
    sheets = valid()
    wb = openpyxl_book(sheets)
    acc = wb['Accounts']
    # Subset 1 for the first two accounts, as one merged cell (a checked column): a warning.
    acc['D3'] = None
    acc.merge_cells('D2:D3')
    bw = wb['Billing Workflows']
    # A merged Details cell, and a merge in the user's own column: no finding.
    bw['D3'] = None
    bw.merge_cells('D2:D3')
    bw['F1'] = 'Reviewer'
    bw['F2'] = 'J. Doe'
    bw.merge_cells('F2:F5')
    wb.save(path('openpyxl-merged.xlsx'))


# ---- everything else writers put in a workbook ---------------------------------------------------

def xlsxwriter_features():
    sheets = valid()
    wb = xlsxwriter.Workbook(path('xlsxwriter-features.xlsx'))
    text = wb.add_format({'num_format': '@'})
    bold = wb.add_format({'bold': True})
    wrap = wb.add_format({'text_wrap': True})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        rich = name == 'Accounts'
        merged = name == 'Billing Workflows'
        xlsxwriter_rows(ws, rows, text, skip=lambda r, c, rich=rich, merged=merged: (rich and (r, c) == (3, 0)) or (merged and c == 3 and r in (1, 2)))
        if rich:
            ws.write_rich_string(3, 0, bold, 'Contoso', ' dev')  # rich text
        if name == 'Billing Workflows':
            ws.merge_range(1, 3, 2, 3, rows[1][3], wrap)  # a merge in Details: no finding
        if name == 'Accounts':
            ws.write_comment('C2', 'The payer account', {'author': 'Reviewer'})
            ws.insert_image('G2', ICON)
            ws.write_url('B3', 'mailto:aws-prod@contoso.example', string='aws-prod@contoso.example')
    chart_data = wb.add_worksheet('Chart data')
    chart_data.write_column('A1', ['Subset 1', 'Subset 2', 'Subset 3'])
    chart_data.write_column('B1', [2, 1, 1])
    chart = wb.add_chart({'type': 'column'})
    chart.add_series({'categories': "='Chart data'!$A$1:$A$3", 'values': "='Chart data'!$B$1:$B$3"})
    chart_data.insert_chart('D2', chart)
    sheet_chart = wb.add_chartsheet('Accounts chart')
    chart2 = wb.add_chart({'type': 'pie'})
    chart2.add_series({'categories': "='Chart data'!$A$1:$A$3", 'values': "='Chart data'!$B$1:$B$3"})
    sheet_chart.set_chart(chart2)
    wb.define_name('Workflows', "='Billing Workflows'!$A$2:$A$9")
    chart_data.protect()
    wb.close()


def inline_strings_and_1904():
    """constant_memory mode writes every string inline (<is>); the workbook counts days from 1904."""
    import datetime
    sheets = valid()
    wb = xlsxwriter.Workbook(path('xlsxwriter-inline-1904.xlsx'), {'constant_memory': True, 'date_1904': True})
    text = wb.add_format({'num_format': '@'})
    date = wb.add_format({'num_format': 'yyyy-mm-dd'})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        # constant_memory: cells row by row, so the date column is written with each row.
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                xlsxwriter_cell(ws, rows[0][c], r, c, v, text)
            if name == 'Accounts':
                if r == 0:
                    ws.write(r, 4, 'Enrolled on')
                else:
                    ws.write_datetime(r, 4, datetime.datetime(2026, 11, r), date)
    wb.close()


def macro_enabled():
    """An .xlsm with a VBA part. Its bytes are a stand-in (no real macro project exists here):
    what matters is that the part is never run, read, nor packaged."""
    vba = scratch('vbaProject.bin')
    with open(vba, 'wb') as f:
        f.write(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'stand-in for a VBA project; never run' + b'\0' * 64)
    sheets = valid()
    wb = xlsxwriter.Workbook(path('xlsxwriter-macros.xlsm'))
    text = wb.add_format({'num_format': '@'})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        xlsxwriter_rows(ws, rows, text)
    wb.add_vba_project(vba)
    wb.close()


comments()
formulas()
tables()
merges()
xlsxwriter_features()
inline_strings_and_1904()
macro_enabled()
