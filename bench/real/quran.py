"""A real Arabic archive: the 6,236 verses of the Quran in fully vowelled Uthmani script,
each with its English translation, from the npm package `quran-json` (3.1.2). Real traits:
harakat, small high marks and alef wasla on every word, two scripts in one document, and
no dates at all.

    npm pack quran-json@3.1.2 && tar xzf quran-json-3.1.2.tgz
    python3 bench/real/quran.py package/dist/quran_en.json target/corpora/quran.json
"""
import json
import sys


def main(source, out):
    chapters = json.load(open(source))
    docs = []
    for c in chapters:
        for v in c['verses']:
            docs.append({
                'id': f"{c['id']}:{v['id']}",
                'title': f"{c['name']} {c['id']}:{v['id']}",
                'body': v['text'] + '\n\n' + v['translation'],
                'source': c['type'],
                'tags': [c['transliteration']],
                'language': 'ar',
            })
    corpus = {'format': 'chronicle-corpus', 'version': 1, 'title': 'القرآن الكريم', 'documents': docs}
    with open(out, 'w') as f:
        json.dump(corpus, f, ensure_ascii=False)
    print(f'{len(docs)} documents → {out}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
