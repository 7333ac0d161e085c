import * as assert from 'node:assert/strict';
import { readImageHeader } from '../../../src/avatars/imageSize';
import { gif, jpeg, png, webpExtended, webpLossless, webpLossy } from './images';

describe('avatars/imageSize', () => {
  const cases: [string, Buffer, string][] = [
    ['PNG (IHDR)', png(640, 480), 'png'],
    ['GIF (logical screen)', gif(640, 480), 'gif'],
    ['JPEG (baseline SOF0, after APP0)', jpeg(640, 480), 'jpg'],
    ['JPEG (progressive SOF2)', jpeg(640, 480, 0xc2), 'jpg'],
    ['WebP lossy (VP8)', webpLossy(640, 480), 'webp'],
    ['WebP lossless (VP8L)', webpLossless(640, 480), 'webp'],
    ['WebP extended (VP8X)', webpExtended(640, 480), 'webp'],
  ];
  for (const [name, bytes, type] of cases) {
    it(`reads the declared size of ${name}`, () => {
      assert.deepEqual(readImageHeader(bytes), { type, width: 640, height: 480 });
    });
  }

  it('reads sizes far beyond what the format can be decoded at', () => {
    assert.deepEqual(readImageHeader(png(100_000, 100_000)), { type: 'png', width: 100_000, height: 100_000 });
    assert.deepEqual(readImageHeader(webpExtended(16_000_000, 2)), { type: 'webp', width: 16_000_000, height: 2 });
  });

  it('knows nothing of other formats, or of headers cut short', () => {
    for (const bytes of [
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'),
      Buffer.from('BM6\0\0\0'),
      Buffer.alloc(0),
      png(1, 1).subarray(0, 20),
      gif(1, 1).subarray(0, 8),
      jpeg(1, 1).subarray(0, 24),
      webpLossy(1, 1).subarray(0, 26),
      Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]),
    ]) {
      assert.equal(readImageHeader(bytes), undefined, bytes.toString('latin1'));
    }
  });
});
