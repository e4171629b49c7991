import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unreadable } from './walk-files';

const err = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('unreadable', () => {
  it('explains permission problems with the fix', () => {
    assert.deepEqual(unreadable('/x/a.txt', err('EACCES')), {
      path: '/x/a.txt',
      reason: 'unreadable',
      message: 'permission denied reading /x/a.txt; grant read access (chmod/ownership) or leave it out',
    });
    assert.match(unreadable('/x/a.txt', err('EPERM')).message, /^permission denied/);
  });
  it('explains link loops and files that vanish mid-scan', () => {
    assert.equal(unreadable('/x/l', err('ELOOP')).message, 'symbolic link loop at /x/l; fix or remove the link');
    assert.match(unreadable('/x/a', err('ENOENT')).message, /disappeared while scanning/);
  });
  it('passes other errors through with their code', () => {
    assert.equal(unreadable('/x/a', err('EIO', 'i/o error')).message, 'cannot read /x/a: EIO i/o error; check the file and its disk');
  });
});
