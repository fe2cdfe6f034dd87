import { bearerHeaders, takeTokenFromFragment, type AddressBar } from '../src/token-from-fragment';

function addressBar(hash: string): AddressBar & { replacedWith: string[] } {
  const replacedWith: string[] = [];
  return {
    replacedWith,
    location: { hash, pathname: '/graphql', search: '?x=1' },
    history: {
      state: null,
      replaceState: (_data, _unused, url) => {
        replacedWith.push(url);
      },
    },
  };
}

describe('takeTokenFromFragment', () => {
  it('returns the token and removes the fragment from the address bar', () => {
    const bar = addressBar('#token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln');
    expect(takeTokenFromFragment(bar)).toBe('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln');
    expect(bar.replacedWith).toEqual(['/graphql?x=1']);
  });

  it('leaves an address without a token alone', () => {
    for (const hash of ['', '#', '#section']) {
      const bar = addressBar(hash);
      expect(takeTokenFromFragment(bar)).toBeUndefined();
      expect(bar.replacedWith).toEqual([]);
    }
  });

  it('removes an empty token from the address bar but returns none', () => {
    const bar = addressBar('#token=');
    expect(takeTokenFromFragment(bar)).toBeUndefined();
    expect(bar.replacedWith).toEqual(['/graphql?x=1']);
  });
});

describe('bearerHeaders', () => {
  it('makes a bearer Authorization header', () => {
    expect(bearerHeaders('abc.def.ghi')).toEqual({ Authorization: 'Bearer abc.def.ghi' });
  });
});
