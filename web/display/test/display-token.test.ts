import { displayToken, type DisplayPage, facilityIdFromPath, tokenStorageKey } from '../src/display-token';

function page(hash: string, stored: Record<string, string> = {}) {
  const replacedWith: string[] = [];
  const storage = new Map(Object.entries(stored));
  const displayPage: DisplayPage = {
    location: { hash, pathname: '/display/f-1', search: '' },
    history: {
      state: null,
      replaceState: (_data, _unused, url) => {
        replacedWith.push(url);
      },
    },
    localStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => {
        storage.set(key, value);
      },
    },
  };
  return { displayPage, replacedWith, storage };
}

describe('facilityIdFromPath', () => {
  it.each([
    ['/display/3f1c2d9e-0000-4000-8000-000000000001', '3f1c2d9e-0000-4000-8000-000000000001'],
    ['/display/f%201/', 'f 1'],
    ['/display/', undefined],
    ['/display/a/b', undefined],
    ['/graphql', undefined],
    ['/display/%E0%A4%A', undefined],
  ])('%s -> %p', (path, facilityId) => {
    expect(facilityIdFromPath(path)).toBe(facilityId);
  });
});

describe('displayToken', () => {
  it('takes the token from the fragment, keeps it for this facility and clears the address bar', () => {
    const { displayPage, replacedWith, storage } = page('#token=aaa.bbb.ccc');
    expect(displayToken(displayPage, 'f-1')).toBe('aaa.bbb.ccc');
    expect(replacedWith).toEqual(['/display/f-1']);
    expect(storage.get(tokenStorageKey('f-1'))).toBe('aaa.bbb.ccc');
  });

  it('comes back after a reload or a power cut from what it kept', () => {
    const { displayPage, replacedWith } = page('', { [tokenStorageKey('f-1')]: 'kept.token.x' });
    expect(displayToken(displayPage, 'f-1')).toBe('kept.token.x');
    expect(replacedWith).toEqual([]);
  });

  it('replaces a kept token with a new link', () => {
    const { displayPage, storage } = page('#token=new.token.y', { [tokenStorageKey('f-1')]: 'old.token.x' });
    expect(displayToken(displayPage, 'f-1')).toBe('new.token.y');
    expect(storage.get(tokenStorageKey('f-1'))).toBe('new.token.y');
  });

  it('keeps tokens apart by facility', () => {
    const { displayPage } = page('', { [tokenStorageKey('f-2')]: 'other.facility.token' });
    expect(displayToken(displayPage, 'f-1')).toBeUndefined();
  });

  it('still works for this page when storage refuses to keep the token', () => {
    const { displayPage } = page('#token=aaa.bbb.ccc');
    const refusing: DisplayPage = {
      ...displayPage,
      localStorage: {
        getItem: () => {
          throw new Error('SecurityError');
        },
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      },
    };
    expect(displayToken(refusing, 'f-1')).toBe('aaa.bbb.ccc');
  });
});
