# Independent counts for edge-cases.test.ts: python3 test/analysis/edge-cases-count.py ../shared/data/csv_edge_cases
"""Independent count of the edge-case files: Python's csv module, the rules ptk documents."""
import csv, io, os, sys
E = sys.argv[1]
def decode(b):
    if b[:3] == b'\xef\xbb\xbf': return b[3:].decode('utf-8')
    if b[:2] == b'\xff\xfe': return b[2:].decode('utf-16-le')
    if b[:2] == b'\xfe\xff': return b[2:].decode('utf-16-be')
    try: return b.decode('utf-8')
    except UnicodeDecodeError: return b.decode('cp1252', errors='replace')
for root, _, files in sorted(os.walk(E)):
    for name in sorted(files):
        path = os.path.join(root, name); rel = os.path.relpath(path, E)
        b = open(path, 'rb').read()
        if b[:4] == b'PK\x03\x04': print(f'{rel}|2|workbook'); continue
        if b.strip(b' \r\n\t\x00') == b'': print(f'{rel}|2|empty'); continue
        t = decode(b).replace('\x00', '')
        if '\r' in t and '\n' not in t: t = t.replace('\r', '\n')
        try: delim = csv.Sniffer().sniff(t[:65536], delimiters=',;\t|').delimiter
        except csv.Error: delim = ','
        recs = [r for r in csv.reader(io.StringIO(t, newline=''), delimiter=delim) if r != []]
        ne = lambda r: sum(1 for c in r if c.strip())
        h = 0
        if len(recs) > 1 and ne(recs[0]) <= 1 and ne(recs[1]) >= 3 and ne(recs[1]) >= 3 * ne(recs[0]): h = 1
        width = len(recs[h]); data = recs[h + 1:]
        if not data: print(f'{rel}|2|header only'); continue
        rejected = sum(1 for r in data if any(c != '' for c in r[width:]))
        print(f'{rel}|0|{len(data)} {len(data) - rejected} {rejected} {delim!r}')
