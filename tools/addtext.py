#!/usr/bin/env python3
"""Add or update strings in a resource set (X.resx = Arabic, X.ckb.resx, X.en.resx).

usage: tools/addtext.py Ihec.Portal/Resources/SharedText < lines
each input line: key|arabic|sorani|english   (blank lines and lines starting with # are skipped)
Creates the three files when missing. Keys keep their order; an existing key is overwritten.

A counted phrase (Infrastructure/Localisation/Plural.cs) is one line whose key ends with '#', each language's forms
separated by '¦' in CLDR order: Arabic zero¦one¦two¦few¦many¦other, Sorani and English one¦other. {0} is the count:
  ResultCount#|لا بلاغات¦بلاغ واحد¦بلاغان¦{0} بلاغات¦{0} بلاغًا¦{0} بلاغ|{0} ڕاپۆرت¦{0} ڕاپۆرت|{0} report¦{0} reports
writes ResultCount#zero … ResultCount#other. A line '-Key' removes Key (and a family 'Key#…' with '-Key#').
"""
import sys, os, re
from xml.sax.saxutils import escape

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def load(path):
    if not os.path.exists(path):
        return {}
    text = open(path, encoding='utf-8').read()
    out = {}
    for m in re.finditer(r'<data name="([^"]+)"[^>]*>\s*<value>(.*?)</value>', text, re.S):
        out[m.group(1)] = m.group(2)
    return out

def save(path, entries):
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k, v in entries.items():
            f.write(f'  <data name="{k}" xml:space="preserve"><value>{v}</value></data>\n')
        f.write('</root>\n')

base = sys.argv[1]
files = {0: base + '.resx', 1: base + '.ckb.resx', 2: base + '.en.resx'}
sets = {i: load(p) for i, p in files.items()}
for line in sys.stdin:
    line = line.rstrip('\n')
    if not line.strip() or line.lstrip().startswith('#'):
        continue
    if line.startswith('-'):
        key = line[1:].strip()
        for i in range(3):
            for k in [k for k in sets[i] if k == key or (key.endswith('#') and k.startswith(key))]:
                del sets[i][k]
        continue
    parts = line.split('|')
    if len(parts) != 4:
        sys.exit(f'bad line (need key|ar|ckb|en): {line}')
    key = parts[0].strip()
    if key.endswith('#'):
        categories = {0: ['zero', 'one', 'two', 'few', 'many', 'other'], 1: ['one', 'other'], 2: ['one', 'other']}
        for i in range(3):
            forms = parts[i + 1].split('¦')
            if len(forms) != len(categories[i]):
                sys.exit(f'{key}: need {len(categories[i])} forms in column {i + 1}: {line}')
            for k in [k for k in sets[i] if k.startswith(key)]:
                del sets[i][k]
            for category, form in zip(categories[i], forms):
                sets[i][key + category] = escape(form.strip())
        continue
    for i in range(3):
        sets[i][key] = escape(parts[i + 1].strip())
for i, p in files.items():
    save(p, sets[i])
