import { clientCacheHeaders } from './client-cache';

function headersFor(path: string): Record<string, string> {
  const set: Record<string, string> = {};
  clientCacheHeaders({ setHeader: (name, value) => (set[name] = value) }, path);
  return set;
}

describe('clientCacheHeaders', () => {
  it('keeps the hashed assets for a year', () => {
    expect(headersFor('/srv/client/dist/assets/BoardPage-T-o2PKHV.js')).toEqual({
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
    expect(headersFor('C:\\gridboard\\client\\dist\\assets\\index-Cgc6sTfH.css')['Cache-Control']).toContain(
      'immutable',
    );
  });

  it('leaves index.html and the other files to be revalidated', () => {
    expect(headersFor('/srv/client/dist/index.html')).toEqual({});
    expect(headersFor('/srv/client/dist/favicon.svg')).toEqual({});
    expect(headersFor('/srv/client/dist/assets')).toEqual({});
  });
});
