"""A real archive from any Debian machine: every upload in /usr/share/doc/*/changelog.Debian.gz
as one document (title "package (version) distribution", the maintainer's RFC 2822 date,
the maintainer as source, the package as tag), plus each package's upstream changelog and
NEWS whole. Real traits: dates from the 1990s on, hundreds of maintainers, bodies from one
line to megabytes, and many identical copies (one changelog shipped with each binary
package).

    python3 bench/real/debian_changelogs.py target/corpora/debian.json
    node tests/e2e/server.mjs 4173 & Q='memory leak,python' node bench/quick.mjs debian
"""
import glob
import gzip
import json
import os
import re
import sys

HEAD = re.compile(r'^(\S+) \(([^)]*)\) ([^;]*); (.*)$')
TRAILER = re.compile(r'^ -- (.*?) <([^>]*)>  (.*)$')


def main(out):
    docs = []
    for path in sorted(glob.glob('/usr/share/doc/*/changelog.Debian.gz')):
        package = path.split('/')[4]
        try:
            text = gzip.open(path, 'rt', errors='replace').read()
        except OSError:
            continue
        entry = None
        for line in text.splitlines():
            head = HEAD.match(line)
            if head and entry is None:
                entry = {'title': f'{head[1]} ({head[2]}) {head[3]}', 'urgency': head[4], 'lines': []}
                continue
            end = TRAILER.match(line)
            if end and entry is not None:
                docs.append({
                    'title': entry['title'],
                    'date': end[3],
                    'source': end[1],
                    'body': '\n'.join(l.strip() for l in entry['lines']).strip(),
                    'tags': [package],
                    'meta': {'email': end[2], 'urgency': entry['urgency']},
                })
                entry = None
            elif entry is not None:
                entry['lines'].append(line)
    for path in sorted(glob.glob('/usr/share/doc/*/changelog.gz') + glob.glob('/usr/share/doc/*/NEWS.gz')):
        package = path.split('/')[4]
        try:
            text = gzip.open(path, 'rt', errors='replace').read()
        except OSError:
            continue
        docs.append({'title': f'{package}: {os.path.basename(path)}', 'body': text, 'source': 'upstream', 'tags': [package]})
    corpus = {'format': 'chronicle-corpus', 'version': 1, 'title': 'Debian changelogs on this machine', 'documents': docs}
    with open(out, 'w') as f:
        json.dump(corpus, f, ensure_ascii=False)
    print(f'{len(docs)} documents → {out} ({os.path.getsize(out) / 1e6:.1f} MB)')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'target/corpora/debian.json')
