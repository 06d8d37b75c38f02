"""Saves a workbook as a password-protected (encrypted) .xlsx with LibreOffice, through UNO.

    /usr/bin/python3 scripts/lo-save-encrypted.py IN.xlsx OUT.xlsx PASSWORD

Needs libreoffice-calc-nogui (which brings python3-uno). Used by scripts/make-cli-fixtures.sh.
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import NamedValue, PropertyValue


def main(src, dst, password):
    pipe = 'msp_enroll_fixtures_%d' % os.getpid()
    office = subprocess.Popen(['soffice', '--headless', '--invisible', '--norestore', '--nologo',
                               '--accept=pipe,name=%s;urp;' % pipe])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        ctx = None
        for _ in range(150):
            try:
                ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
                break
            except Exception:
                time.sleep(0.2)
        if ctx is None:
            raise SystemExit('LibreOffice did not start')
        desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
        hidden = PropertyValue('Hidden', 0, True, 0)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), '_blank', 0, (hidden,))
        # The OOXML filter encrypts (ECMA-376 standard encryption) when given EncryptionData.
        encryption = uno.Any('[]com.sun.star.beans.NamedValue',
                             (NamedValue('OOXPassword', password), NamedValue('CryptoType', 'Standard')))
        props = (PropertyValue('FilterName', 0, 'Calc MS Excel 2007 XML', 0),
                 PropertyValue('EncryptionData', 0, encryption, 0))
        uno.invoke(doc, 'storeToURL', (uno.systemPathToFileUrl(os.path.abspath(dst)),
                                       uno.Any('[]com.sun.star.beans.PropertyValue', props)))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes away with the office
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.terminate()
            office.wait(timeout=30)


if __name__ == '__main__':
    main(*sys.argv[1:4])
